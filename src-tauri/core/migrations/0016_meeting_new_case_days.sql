-- The agenda proposal's window for new cases at an infohus's first meeting: a case received in
-- the last `new_case_days` days is proposed as new when there is no earlier meeting to count
-- from (default 30).

ALTER TABLE meeting_settings ADD COLUMN new_case_days INTEGER NOT NULL DEFAULT 30
    CHECK (new_case_days BETWEEN 1 AND 365);
