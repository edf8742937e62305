-- Demo cases (tovholder-cli demo) are marked, so demo data is never mistaken for real cases and
-- `demo` can refuse a store that holds real ones. Cases from before this step are real cases:
-- earlier versions did not mark demo data, and guessing from the author could mark a real case.
-- Owned by the demo module; a purged case takes its mark with it (ON DELETE CASCADE).
CREATE TABLE demo_cases (
    case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE
) STRICT;
