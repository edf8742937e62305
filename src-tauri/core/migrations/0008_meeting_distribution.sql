-- The distribution list of finalized minutes: who the minutes go to (name and e-mail address, in
-- the minutes' order: those present first), stored when the meeting is finalized, so that a later
-- change of the directory — or another meeting naming the same person with a new address — never
-- changes whom finalized minutes are sent to. Drafts have no rows here.

CREATE TABLE meeting_distribution (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position >= 0),
    name       TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    email      TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
    PRIMARY KEY (meeting_id, position)
) STRICT, WITHOUT ROWID;

-- Meetings finalized before this step: their list as the directory holds it at the upgrade (the
-- order the minutes use: present first, then by organisation, name and entry).
INSERT INTO meeting_distribution (meeting_id, position, name, email)
SELECT p.meeting_id,
       row_number() OVER (PARTITION BY p.meeting_id ORDER BY p.present DESC, d.organisation, d.name, d.id) - 1,
       d.name, d.email
FROM meeting_participants p
JOIN directory d ON d.id = p.directory_id
JOIN meetings m ON m.id = p.meeting_id
WHERE m.status = 'final';

-- The list is part of the finalized meeting: written once, in the finalizing transaction.
CREATE TRIGGER meeting_distribution_no_update BEFORE UPDATE ON meeting_distribution
BEGIN
    SELECT RAISE(ABORT, 'a finalized meeting is immutable');
END;
CREATE TRIGGER meeting_distribution_final_no_insert BEFORE INSERT ON meeting_distribution
WHEN (SELECT status FROM meetings WHERE id = new.meeting_id) = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a finalized meeting is immutable');
END;
CREATE TRIGGER meeting_distribution_final_no_delete BEFORE DELETE ON meeting_distribution
WHEN (SELECT status FROM meetings WHERE id = old.meeting_id) = 'final'
BEGIN
    SELECT RAISE(ABORT, 'a finalized meeting is immutable');
END;
