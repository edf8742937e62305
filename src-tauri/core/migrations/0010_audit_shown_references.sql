-- The cases a logged read showed (#16): a board load, a page of the case list, a search's result
-- list, the Opgaver list, a meeting's agenda and record, the minutes. `refs` holds their
-- pseudonymous references in the order shown, separated by one space (never personal data); an
-- entry about one case keeps it as its subject, as before. The chain covers `refs` through the
-- entry's content hash (src/audit.rs, docs/audit.md); entries written before this step have none
-- and hash as they did.
ALTER TABLE audit_log ADD COLUMN refs TEXT CHECK (refs IS NULL OR length(refs) > 0);

-- The operating system's user who ran the app or the CLI (its login name), beside the coordinator
-- profile's name in `actor`: who was at the keyboard as the laptop knows it. Covered by the chain
-- like `refs`.
ALTER TABLE audit_log ADD COLUMN os_user TEXT CHECK (os_user IS NULL OR length(os_user) BETWEEN 1 AND 256);
