-- The audit chain (#16; src/audit.rs and docs/audit.md describe it). Every entry carries its
-- place in a hash chain (`digest`: SHA-256 over its position, its content and the previous
-- entry's digest) and a MAC (`mac`: HMAC-SHA256 over position, digest and the previous MAC under
-- a key that ratchets forward one entry at a time). An entry's position is its id: 1, 2, 3, …
-- without gaps. Entries written before this step are chained by the step's hook
-- (`audit::chain_existing`), which also creates the update trigger again.
ALTER TABLE audit_log ADD COLUMN digest BLOB CHECK (digest IS NULL OR length(digest) = 32);
ALTER TABLE audit_log ADD COLUMN mac BLOB CHECK (mac IS NULL OR length(mac) = 32);

-- The chain's head, one row, updated in the transaction of every entry: the last position, its
-- digest and MAC, and the key for the next entry (the key before it is overwritten in place;
-- `secure_delete` is on). The initial key, from which a verifier derives every key, is sealed with
-- the recovery code; a store upgraded from an older version keeps it here in the clear
-- (`initial_key`) until the recovery code is next entered.
CREATE TABLE audit_chain (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    position           INTEGER NOT NULL CHECK (position >= 0),
    digest             BLOB NOT NULL CHECK (length(digest) = 32),
    mac                BLOB NOT NULL CHECK (length(mac) = 32),
    next_key           BLOB NOT NULL CHECK (length(next_key) = 32),
    sealed_initial_key BLOB CHECK (sealed_initial_key IS NULL OR length(sealed_initial_key) = 88),
    initial_key        BLOB CHECK (initial_key IS NULL OR length(initial_key) = 32),
    CHECK ((sealed_initial_key IS NULL) <> (initial_key IS NULL))
) STRICT;

CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'audit_chain is the head of the audit log');
END;

-- The head only moves forward, and an initial key once sealed stays sealed.
CREATE TRIGGER audit_chain_forward_only BEFORE UPDATE ON audit_chain
WHEN NEW.position < OLD.position
  OR (OLD.sealed_initial_key IS NOT NULL AND NEW.sealed_initial_key IS NOT OLD.sealed_initial_key)
BEGIN
    SELECT RAISE(ABORT, 'audit_chain only moves forward');
END;

DROP TRIGGER audit_log_no_update;
