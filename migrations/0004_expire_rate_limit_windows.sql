-- Migration number: 0004 	 rate-limit counters expire with their window
-- A counter is useless once its window has ended, and an old window row only
-- says "someone was here then". Counters now carry when they expire and are
-- deleted as soon as they do (src/server/rate-limit.ts). Counters are
-- throw-away state: recreating the table loses nothing worth keeping.
DROP TABLE rate_limit_counters;

CREATE TABLE rate_limit_counters (
  bucket       TEXT    NOT NULL,
  client_hash  TEXT    NOT NULL,
  window_start INTEGER NOT NULL,  -- epoch seconds, rounded down to the window
  expires_at   INTEGER NOT NULL,  -- window_start + window length
  day          TEXT    NOT NULL REFERENCES rate_limit_salts(day) ON DELETE CASCADE,
  hits         INTEGER NOT NULL CHECK (hits > 0),
  PRIMARY KEY (bucket, client_hash, window_start)
) STRICT, WITHOUT ROWID;

CREATE INDEX rate_limit_counters_day ON rate_limit_counters(day);
CREATE INDEX rate_limit_counters_expiry ON rate_limit_counters(expires_at);
