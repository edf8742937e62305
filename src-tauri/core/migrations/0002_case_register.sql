-- Case references are DISTRICT-YEAR-SEQUENCE; a sequence number is never reused, even after the
-- case is deleted at the end of its retention.
CREATE TABLE case_sequence (
    district_code TEXT NOT NULL,
    year          INTEGER NOT NULL,
    last          INTEGER NOT NULL CHECK (last >= 0),
    PRIMARY KEY (district_code, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    reference     TEXT NOT NULL UNIQUE,
    district_code TEXT NOT NULL CHECK (district_code IN
        ('NJP','ØJP','MVJP','SØJP','SSJP','FYP','SSLP','MVSP','NSJP','KVP','KBHP','BHP')),
    stage         TEXT NOT NULL CHECK (stage IN
        ('new_concern','screening','assessment','intervention','follow_up','closed','forwarded')),
    outcome       TEXT CHECK (outcome IN ('unfounded','completed','handed_to_police')),
    forwarded_to  TEXT CHECK (forwarded_to IN
        ('NJP','ØJP','MVJP','SØJP','SSJP','FYP','SSLP','MVSP','NSJP','KVP','KBHP','BHP')),
    received_at   TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('hotline','email','in_person','referral')),
    caller_type   TEXT NOT NULL CHECK (caller_type IN
        ('parent','relative','friend','school','social_worker','police','professional','anonymous')),
    caller_name   TEXT CHECK (length(caller_name) BETWEEN 1 AND 100),
    caller_phone  TEXT CHECK (length(caller_phone) BETWEEN 1 AND 20),
    caller_email  TEXT CHECK (length(caller_email) BETWEEN 3 AND 254),
    pseudonym     TEXT NOT NULL CHECK (length(trim(pseudonym)) BETWEEN 1 AND 40),
    birth_year    INTEGER CHECK (birth_year BETWEEN 1900 AND 2200),
    gender        TEXT CHECK (gender IN ('female','male','other')),
    municipality  TEXT NOT NULL CHECK (length(municipality) BETWEEN 1 AND 40),
    category      TEXT NOT NULL CHECK (category IN ('right_wing','left_wing','militant_islamism','other')),
    indicators    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(indicators) AND json_type(indicators) = 'array'),
    urgency       TEXT NOT NULL CHECK (urgency IN ('normal','high','acute')),
    police_flag   INTEGER NOT NULL DEFAULT 0 CHECK (police_flag IN (0, 1)),
    description   TEXT NOT NULL CHECK (length(trim(description)) BETWEEN 1 AND 4000),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    closed_at     TEXT,
    CHECK ((stage = 'forwarded') = (forwarded_to IS NOT NULL)),
    CHECK ((stage = 'closed') = (outcome IS NOT NULL)),
    CHECK ((stage = 'closed') = (closed_at IS NOT NULL)),
    CHECK (urgency <> 'acute' OR police_flag = 1),
    CHECK (caller_type <> 'anonymous' OR (caller_name IS NULL AND caller_phone IS NULL AND caller_email IS NULL))
) STRICT;
CREATE INDEX cases_district_stage ON cases (district_code, stage, received_at);
CREATE INDEX cases_received ON cases (received_at);

CREATE TABLE case_notes (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at      TEXT NOT NULL,
    author  TEXT NOT NULL,
    body    TEXT NOT NULL CHECK (length(trim(body)) BETWEEN 1 AND 4000)
) STRICT;
CREATE INDEX case_notes_case ON case_notes (case_id, at);

-- Every change to a case: field, old and new value, who, when (and why, for forwarding).
-- Immutable; removed only with its case when the case's retention ends.
CREATE TABLE case_history (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    field     TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    reason    TEXT
) STRICT;
CREATE INDEX case_history_case ON case_history (case_id, id);
CREATE TRIGGER case_history_immutable BEFORE UPDATE ON case_history
BEGIN
    SELECT RAISE(ABORT, 'case_history is immutable');
END;

-- Full-text search over Danish-folded text (see text.rs). Row ids: -case_id for a case's own
-- text (reference, pseudonym, municipality, description), note id for a note.
CREATE VIRTUAL TABLE case_search USING fts5 (
    body, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER cases_search_delete AFTER DELETE ON cases
BEGIN
    DELETE FROM case_search WHERE rowid = -old.id;
END;
CREATE TRIGGER case_notes_search_delete AFTER DELETE ON case_notes
BEGIN
    DELETE FROM case_search WHERE rowid = old.id;
END;
