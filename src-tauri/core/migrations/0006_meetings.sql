-- Infohus meetings: a reusable participants directory, meetings numbered per infohus and year,
-- the agenda with what the meeting recorded per item, and the finalized minutes (immutable).

CREATE TABLE directory (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    organisation TEXT NOT NULL CHECK (length(trim(organisation)) BETWEEN 1 AND 120),
    role         TEXT CHECK (role IS NULL OR length(trim(role)) BETWEEN 1 AND 100),
    email        TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
    retired_at   TEXT,
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE meetings (
    id              INTEGER PRIMARY KEY,
    district_code   TEXT NOT NULL CHECK (district_code IN
        ('NJP','ØJP','MVJP','SØJP','SSJP','FYP','SSLP','MVSP','NSJP','KVP','KBHP','BHP')),
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    number          INTEGER NOT NULL CHECK (number >= 1),
    -- An addendum ("Tillæg 1 til møde 23/2026") corrects a finalized meeting.
    addendum_of     INTEGER REFERENCES meetings (id),
    addendum_number INTEGER CHECK ((addendum_of IS NULL) = (addendum_number IS NULL)),
    held_at         TEXT NOT NULL,
    place           TEXT CHECK (place IS NULL OR length(trim(place)) BETWEEN 1 AND 200),
    next_meeting_at TEXT,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    delete_after    TEXT NOT NULL CHECK (date(delete_after) = delete_after),
    minutes_pdf     BLOB,
    minutes_sha256  TEXT CHECK (minutes_sha256 IS NULL OR length(minutes_sha256) = 64),
    finalized_at    TEXT,
    finalized_by    TEXT,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    CHECK ((status = 'final') = (minutes_pdf IS NOT NULL AND minutes_sha256 IS NOT NULL AND finalized_at IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX meetings_number ON meetings (district_code, year, number, coalesce(addendum_number, 0));

-- A finalized meeting is immutable: its minutes and what they record.
CREATE TRIGGER meetings_final_immutable BEFORE UPDATE ON meetings
WHEN old.status = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a finalized meeting is immutable');
END;

CREATE TABLE meeting_participants (
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    directory_id INTEGER NOT NULL REFERENCES directory (id),
    present      INTEGER NOT NULL DEFAULT 1 CHECK (present IN (0, 1)),
    PRIMARY KEY (meeting_id, directory_id)
) STRICT, WITHOUT ROWID;

-- The agenda, and per item what the meeting recorded. `case_id` goes NULL when the case is
-- purged at the end of its retention; the finalized minutes keep what they said.
CREATE TABLE meeting_items (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 0),
    kind            TEXT NOT NULL CHECK (kind IN ('case', 'free')),
    case_id         INTEGER REFERENCES cases (id) ON DELETE SET NULL,
    reason          TEXT,
    title           TEXT CHECK (title IS NULL OR length(trim(title)) BETWEEN 1 AND 200),
    body            TEXT CHECK (body IS NULL OR length(body) <= 8000),
    new_information TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(new_information) AND json_type(new_information) = 'array'),
    assessment      TEXT CHECK (assessment IS NULL OR length(assessment) <= 8000),
    recommendation  TEXT CHECK (recommendation IS NULL OR length(recommendation) <= 8000),
    resulting_stage TEXT CHECK (resulting_stage IS NULL OR resulting_stage IN
        ('new_concern','screening','assessment','intervention','follow_up','closed')),
    outcome         TEXT CHECK (outcome IS NULL OR outcome IN ('unfounded','completed','handed_to_police')),
    CHECK ((kind = 'free') = (title IS NOT NULL))
) STRICT;
CREATE INDEX meeting_items_meeting ON meeting_items (meeting_id, position);

-- Action items recorded at a meeting; finalizing creates them on the case (action_items.meeting_id).
CREATE TABLE meeting_actions (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES meeting_items (id) ON DELETE CASCADE,
    what     TEXT NOT NULL CHECK (length(trim(what)) BETWEEN 1 AND 300),
    agency   TEXT NOT NULL CHECK (agency IN
        ('police','ssp','social_services','employment','school','probation','psychiatry','other')),
    person   TEXT CHECK (person IS NULL OR length(trim(person)) BETWEEN 1 AND 100),
    due      TEXT NOT NULL CHECK (date(due) = due)
) STRICT;

ALTER TABLE action_items ADD COLUMN meeting_id INTEGER REFERENCES meetings (id);

-- What a finalized meeting recorded cannot change (only a purged case's link goes NULL).
CREATE TRIGGER meeting_items_final_immutable BEFORE UPDATE ON meeting_items
WHEN (SELECT status FROM meetings WHERE id = old.meeting_id) = 'final'
    AND (new.position IS NOT old.position OR new.kind IS NOT old.kind OR new.title IS NOT old.title
         OR new.body IS NOT old.body OR new.new_information IS NOT old.new_information
         OR new.assessment IS NOT old.assessment OR new.recommendation IS NOT old.recommendation
         OR new.resulting_stage IS NOT old.resulting_stage OR new.outcome IS NOT old.outcome
         OR new.reason IS NOT old.reason OR new.case_id IS NOT NULL AND new.case_id IS NOT old.case_id)
BEGIN
    SELECT RAISE(ABORT, 'a finalized meeting is immutable');
END;
CREATE TRIGGER meeting_items_final_no_insert BEFORE INSERT ON meeting_items
WHEN (SELECT status FROM meetings WHERE id = new.meeting_id) = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a finalized meeting is immutable');
END;
CREATE TRIGGER meeting_actions_final_no_change BEFORE UPDATE ON meeting_actions
WHEN (SELECT m.status FROM meetings m JOIN meeting_items i ON i.meeting_id = m.id WHERE i.id = old.item_id) = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a finalized meeting is immutable');
END;
CREATE TRIGGER meeting_actions_final_no_insert BEFORE INSERT ON meeting_actions
WHEN (SELECT m.status FROM meetings m JOIN meeting_items i ON i.meeting_id = m.id WHERE i.id = new.item_id) = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a finalized meeting is immutable');
END;
CREATE TRIGGER meeting_participants_final_no_change BEFORE UPDATE ON meeting_participants
WHEN (SELECT status FROM meetings WHERE id = old.meeting_id) = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a finalized meeting is immutable');
END;
CREATE TRIGGER meeting_participants_final_no_insert BEFORE INSERT ON meeting_participants
WHEN (SELECT status FROM meetings WHERE id = new.meeting_id) = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a finalized meeting is immutable');
END;
