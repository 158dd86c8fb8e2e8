-- Migration number: 0006 	 the HR console: edit versions, reward notes, an append-only audit log

-- Two HR people editing one idea: every change made through PATCH
-- /api/admin/ideas/{id} raises `version` by exactly one, and the database
-- refuses any other step, so a change computed from a stale read aborts its
-- whole batch (audit row included) instead of overwriting the other's work.
ALTER TABLE ideas ADD COLUMN version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0);

CREATE TRIGGER ideas_version_step
BEFORE UPDATE OF version ON ideas
WHEN NEW.version <> OLD.version + 1
BEGIN
  SELECT RAISE(ABORT, 'edit_conflict');
END;

-- What the reward was, in a short public note shown on the board.
ALTER TABLE ideas ADD COLUMN reward_note TEXT CHECK (reward_note IS NULL OR length(reward_note) <= 500);

-- The audit log is a record, not state: rows are added, never changed or removed.
CREATE TRIGGER audit_log_no_update
BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log_is_append_only');
END;

CREATE TRIGGER audit_log_no_delete
BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log_is_append_only');
END;

CREATE INDEX audit_log_target ON audit_log(target_id, at);
CREATE INDEX audit_log_actor ON audit_log(actor, at);
