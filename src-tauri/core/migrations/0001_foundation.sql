-- The coordinator's profile: exactly one row.
CREATE TABLE profile (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    name              TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    organisation_kind TEXT NOT NULL CHECK (organisation_kind IN ('police', 'municipality')),
    organisation_name TEXT NOT NULL CHECK (length(trim(organisation_name)) BETWEEN 1 AND 120),
    district_code     TEXT NOT NULL CHECK (district_code IN
        ('NJP','ØJP','MVJP','SØJP','SSJP','FYP','SSLP','MVSP','NSJP','KVP','KBHP','BHP')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;

-- Who did what, when: creation, unlocking, backups, and (with the case register) every read and
-- change of a case. Append-only: the triggers refuse updates; deletion is retention's job only.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    subject TEXT
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
