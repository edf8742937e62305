-- The audit log is append-only: 0001 refuses updates, this refuses deletes as well. A future
-- retention rule for the audit log needs its own migration that replaces this trigger.
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
