-- Statistik (#20), one row: the threshold of small-cell protection (counts under it are hidden in
-- the report, the CSV and the CLI's JSON). No row: the default, 5.

CREATE TABLE stats_settings (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    threshold   INTEGER NOT NULL CHECK (threshold BETWEEN 3 AND 10),
    updated_at  TEXT NOT NULL
) STRICT;
