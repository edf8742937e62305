-- When the app locks itself (#17), one row: after how many minutes without use (1–60). No row:
-- the default (5 minutes). Locking on the OS session's lock, on suspend and by hand needs no setting.

CREATE TABLE lock_settings (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    idle_minutes  INTEGER NOT NULL CHECK (idle_minutes BETWEEN 1 AND 60),
    updated_at    TEXT NOT NULL
) STRICT;

-- What was being typed when the app locked (#17), kept encrypted like everything else and taken
-- back (and deleted) after unlocking: one row per kind of form. Its content is the form as the
-- window holds it (JSON), checked again when it is submitted.
CREATE TABLE drafts (
    kind      TEXT PRIMARY KEY CHECK (kind IN ('intake')),
    body      TEXT NOT NULL CHECK (length(body) BETWEEN 2 AND 200000),
    saved_at  TEXT NOT NULL
) STRICT;
