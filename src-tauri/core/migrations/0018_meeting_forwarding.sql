-- A meeting may decide that a case goes to another infohus (the person has moved): the item's
-- resulting stage may be `forwarded`, with the receiving infohus in `forward_to`. Finalizing
-- forwards the case through the same rule as the case panel's »Videresend«.
--
-- SQLite cannot change a CHECK: `meeting_items` is rebuilt with the same columns, index and
-- triggers, plus `forward_to`. The triggers on `meeting_actions` name `meeting_items` in their
-- bodies, so they are dropped first and made again after the rename.
DROP TRIGGER meeting_actions_final_no_change;
DROP TRIGGER meeting_actions_final_no_insert;
CREATE TABLE meeting_items_with_forwarding (
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
        ('new_concern','screening','assessment','intervention','follow_up','closed','forwarded')),
    outcome         TEXT CHECK (outcome IS NULL OR outcome IN ('unfounded','completed','handed_to_police')),
    forward_to      TEXT CHECK (forward_to IS NULL OR forward_to IN
        ('NJP','ØJP','MVJP','SØJP','SSJP','FYP','SSLP','MVSP','NSJP','KVP','KBHP','BHP','NH')),
    CHECK ((kind = 'free') = (title IS NOT NULL)),
    CHECK (forward_to IS NULL OR resulting_stage = 'forwarded')
) STRICT;
INSERT INTO meeting_items_with_forwarding (id, meeting_id, position, kind, case_id, reason, title, body,
        new_information, assessment, recommendation, resulting_stage, outcome)
    SELECT id, meeting_id, position, kind, case_id, reason, title, body,
        new_information, assessment, recommendation, resulting_stage, outcome
    FROM meeting_items;
DROP TABLE meeting_items;
ALTER TABLE meeting_items_with_forwarding RENAME TO meeting_items;
CREATE INDEX meeting_items_meeting ON meeting_items (meeting_id, position);

-- What a finalized meeting recorded cannot change (only a purged case's link goes NULL).
CREATE TRIGGER meeting_items_final_immutable BEFORE UPDATE ON meeting_items
WHEN (SELECT status FROM meetings WHERE id = old.meeting_id) = 'final'
    AND (new.position IS NOT old.position OR new.kind IS NOT old.kind OR new.title IS NOT old.title
         OR new.body IS NOT old.body OR new.new_information IS NOT old.new_information
         OR new.assessment IS NOT old.assessment OR new.recommendation IS NOT old.recommendation
         OR new.resulting_stage IS NOT old.resulting_stage OR new.outcome IS NOT old.outcome
         OR new.forward_to IS NOT old.forward_to
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
