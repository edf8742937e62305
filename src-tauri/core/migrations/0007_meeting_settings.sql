-- The meetings' settings, one row: how many years after the meeting its minutes are kept (their
-- deletion date, printed in the minutes). No row: the default (5 years).

CREATE TABLE meeting_settings (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    keep_years  INTEGER NOT NULL CHECK (keep_years BETWEEN 1 AND 10),
    updated_at  TEXT NOT NULL
) STRICT;
