-- Retention (#16, docs/retention.md): when closed and forwarded cases are deleted, and the
-- extensions staff granted. Owned by the retention module (src/retention.rs).

-- The rules, one row: years after closing per outcome, days after forwarding. No row: the
-- defaults (5 years; 30 days).
CREATE TABLE retention_settings (
    id                     INTEGER PRIMARY KEY CHECK (id = 1),
    unfounded_years        INTEGER NOT NULL CHECK (unfounded_years BETWEEN 1 AND 10),
    completed_years        INTEGER NOT NULL CHECK (completed_years BETWEEN 1 AND 10),
    handed_to_police_years INTEGER NOT NULL CHECK (handed_to_police_years BETWEEN 1 AND 10),
    forwarded_days         INTEGER NOT NULL CHECK (forwarded_days BETWEEN 1 AND 365),
    updated_at             TEXT NOT NULL
) STRICT;

-- A case's deletion postponed: the new date and why (free text typed by staff: it stays here,
-- never in the audit log, and goes with the case when it is deleted).
CREATE TABLE retention_extensions (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    until   TEXT NOT NULL CHECK (until GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(until) = until),
    reason  TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 500),
    at      TEXT NOT NULL,
    by      TEXT NOT NULL
) STRICT;
CREATE INDEX retention_extensions_case ON retention_extensions (case_id, id);

-- A deleted row's terms leave the full-text index at once (FTS5's secure-delete) instead of
-- staying in its segments behind a tombstone until they are merged.
INSERT INTO case_search (case_search, rank) VALUES ('secure-delete', 1);
