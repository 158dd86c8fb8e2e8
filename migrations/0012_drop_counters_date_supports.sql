-- Migration number: 0012 	 per-client counts leave D1; "me too" carries its day
-- A per-client counter row joined the requests it counted: the same keyed
-- hash of an address, in every bucket, and a window start to the hour, so a
-- redemption and the same person's answers were one counter row, in every
-- past state D1 keeps. The limits are now counted in each isolate's memory
-- (src/server/rate-limit.ts) and the flood that spreads over isolates is
-- stopped at Cloudflare's edge (docs/deploy.md): nothing per client is
-- stored, so both tables go, with every count and salt in them.
DROP TABLE rate_limit_counters;
DROP TABLE rate_limit_salts;

-- The public "me too" count moves in steps over whole past days, like every
-- participation count (src/lib/anonymity/participation.ts), so each support carries the
-- day it was given (read at commit, like every submission's). Supports given
-- before this migration carry the day before it: they count from the first
-- step after it.
CREATE TABLE idea_supports_dated (
  idea_id     TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
  token_hash  TEXT NOT NULL CHECK (length(token_hash) = 64),
  on_day      TEXT NOT NULL CHECK (on_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  PRIMARY KEY (idea_id, token_hash)
) STRICT, WITHOUT ROWID;

INSERT INTO idea_supports_dated (idea_id, token_hash, on_day)
  SELECT idea_id, token_hash, date('now', '-1 day') FROM idea_supports;

DROP TABLE idea_supports;
ALTER TABLE idea_supports_dated RENAME TO idea_supports;
