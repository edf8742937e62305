-- The coordination board: how long a case has been in its stage, the "til møde" flag, action
-- items with agencies and deadlines, and the coordinator's board settings.

-- When the case entered its current stage (days in stage). Not touched by edits or notes.
ALTER TABLE cases ADD COLUMN stage_entered_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00.000Z';
UPDATE cases SET stage_entered_at = coalesce(
    (SELECT max(h.at) FROM case_history h
     WHERE h.case_id = cases.id AND h.field IN ('stage', 'created')),
    created_at);

-- Flagged for the next infohus meeting's agenda.
ALTER TABLE cases ADD COLUMN meeting_flag INTEGER NOT NULL DEFAULT 0 CHECK (meeting_flag IN (0, 1));

-- What has to be done for a case, by which agency, by when. `due` is a civil date in
-- Europe/Copenhagen (YYYY-MM-DD); an item is overdue from the start of the day after it.
CREATE TABLE action_items (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    what       TEXT NOT NULL CHECK (length(trim(what)) BETWEEN 1 AND 300),
    agency     TEXT NOT NULL CHECK (agency IN
        ('police','ssp','social_services','employment','school','probation','psychiatry','other')),
    person     TEXT CHECK (person IS NULL OR length(trim(person)) BETWEEN 1 AND 100),
    due        TEXT NOT NULL CHECK (due GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(due) = due),
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    status_at  TEXT,
    status_by  TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK ((status = 'open') = (status_at IS NULL)),
    CHECK ((status_at IS NULL) = (status_by IS NULL))
) STRICT;
CREATE INDEX action_items_case ON action_items (case_id, status, due);
CREATE INDEX action_items_open ON action_items (status, due);

-- The coordinator's board: swimlanes, filters, soft WIP limits, when a card counts as stale.
CREATE TABLE board_settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    lane       TEXT NOT NULL DEFAULT 'none' CHECK (lane IN ('none', 'urgency', 'agency', 'municipality')),
    filters    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(filters) AND json_type(filters) = 'object'),
    wip_limits TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(wip_limits) AND json_type(wip_limits) = 'object'),
    stale_days INTEGER NOT NULL DEFAULT 30 CHECK (stale_days BETWEEN 1 AND 365),
    updated_at TEXT NOT NULL
) STRICT;
