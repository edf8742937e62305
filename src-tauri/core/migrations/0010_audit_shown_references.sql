-- The cases a logged read showed (#16): a board load, a page of the case list, a search's result
-- list, the Opgaver list, a meeting's agenda and record, the minutes. `refs` holds their
-- pseudonymous references in the order shown, separated by one space (never personal data); an
-- entry about one case keeps it as its subject, as before. The chain covers `refs` through the
-- entry's content hash (src/audit.rs, docs/audit.md); entries written before this step have none
-- and hash as they did.
ALTER TABLE audit_log ADD COLUMN refs TEXT CHECK (refs IS NULL OR length(refs) > 0);
