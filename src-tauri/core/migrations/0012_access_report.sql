-- Issue #16: the audit chain's checkpoint printed on finalized minutes, and the access report's
-- setting.
--
-- `meetings.audit_checkpoint`: the checkpoint (`TVH1-<position>-XXXX-XXXX-XXXX-XXXX`) taken in the
-- finalizing transaction and printed on the last page of the minutes; kept with the meeting so the
-- access report can name it. Drafts and meetings finalized before this step have none.
ALTER TABLE meetings ADD COLUMN audit_checkpoint TEXT
    CHECK (audit_checkpoint IS NULL OR (audit_checkpoint LIKE 'TVH1-%' AND length(audit_checkpoint) <= 64));

-- The access report's settings, one row (owned by `access_report`): whether the log of lookups
-- names the staff member (off by default: organisation and role only, as Datatilsynet's 2024
-- decision after C-579/21 allows). No row: the default.
CREATE TABLE access_report_settings (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    staff_names  INTEGER NOT NULL CHECK (staff_names IN (0, 1)),
    updated_at   TEXT NOT NULL
) STRICT;
