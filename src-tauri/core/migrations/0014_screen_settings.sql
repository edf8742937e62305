-- Safe screen mode (#17 §2), one row: whether names, descriptions and notes are hidden (for a
-- projector or a shared screen), whether opening a meeting turns it on, and whether the window
-- asks the OS to keep it out of screenshots and screen sharing. No row: the defaults (off, off,
-- protected).

CREATE TABLE screen_settings (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    safe                INTEGER NOT NULL CHECK (safe IN (0, 1)),
    meetings_safe       INTEGER NOT NULL CHECK (meetings_safe IN (0, 1)),
    content_protection  INTEGER NOT NULL CHECK (content_protection IN (0, 1)),
    updated_at          TEXT NOT NULL
) STRICT;
