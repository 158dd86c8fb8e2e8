-- Migration number: 0001 	 foundation: anonymous rate limiting and the HR audit log

-- A random salt per UTC day. Clients are counted by hash(salt || address), so
-- once a salt is deleted (after 48 hours) no stored count can be tied to an
-- address again, not even by us.
CREATE TABLE rate_limit_salts (
  day  TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  salt TEXT NOT NULL
) STRICT;

CREATE TABLE rate_limit_counters (
  bucket       TEXT    NOT NULL,
  client_hash  TEXT    NOT NULL,
  window_start INTEGER NOT NULL,  -- epoch seconds, rounded down to the window
  day          TEXT    NOT NULL REFERENCES rate_limit_salts(day) ON DELETE CASCADE,
  hits         INTEGER NOT NULL CHECK (hits > 0),
  PRIMARY KEY (bucket, client_hash, window_start)
) STRICT, WITHOUT ROWID;

CREATE INDEX rate_limit_counters_day ON rate_limit_counters(day);

-- Every HR action, who and when. HR acts under their own name; employees never
-- appear here.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,      -- ISO timestamp: HR actions are accountable, not anonymous
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  target_type TEXT,
  target_id   TEXT,
  detail      TEXT                -- JSON
) STRICT;

CREATE INDEX audit_log_at ON audit_log(at);
