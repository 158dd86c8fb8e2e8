-- Migration number: 0003 	 the anonymous suggestion box
--
-- Nothing here can identify an author: no address, no user agent, no account,
-- no time of day (dates are YYYY-MM-DD), and the receipt code only as its
-- SHA-256. Tables are WITHOUT ROWID with random ids so not even insertion
-- order is kept beyond the ordering of one idea's own history.

CREATE TABLE ideas (
  id               TEXT PRIMARY KEY,   -- random UUID: says nothing about when or in which order
  receipt_hash     TEXT NOT NULL UNIQUE CHECK (length(receipt_hash) = 64),
  category         TEXT NOT NULL CHECK (category IN ('reward_policy', 'process', 'training', 'tools', 'team', 'other')),
  title            TEXT NOT NULL,
  body             TEXT NOT NULL,
  locale           TEXT NOT NULL CHECK (locale IN ('en', 'zh-cn')),
  publish_consent  INTEGER NOT NULL CHECK (publish_consent IN (0, 1)),
  status           TEXT NOT NULL DEFAULT 'received'
                   CHECK (status IN ('received', 'under_review', 'planned', 'in_progress', 'done', 'declined', 'duplicate')),
  received_on      TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  -- HR's moderated version for the board; the original is never shown there
  -- unless HR copies it here unchanged. Publishing needs the author's consent.
  published        INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  public_title     TEXT,
  public_body      TEXT,
  published_on     TEXT CHECK (published_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  rewarded         INTEGER NOT NULL DEFAULT 0 CHECK (rewarded IN (0, 1)),
  duplicate_of     TEXT REFERENCES ideas(id) ON DELETE SET NULL,
  -- the author's last word on HR's answer
  verdict          TEXT CHECK (verdict IN ('resolved', 'not_resolved')),
  verdict_comment  TEXT,
  verdict_on       TEXT CHECK (verdict_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  CHECK (published = 0 OR (publish_consent = 1 AND public_title IS NOT NULL AND public_body IS NOT NULL AND published_on IS NOT NULL)),
  CHECK ((verdict IS NULL) = (verdict_on IS NULL))
) STRICT, WITHOUT ROWID;

CREATE INDEX ideas_board ON ideas(published, status, category);

-- Every status an idea has had, with an optional public note, to the day.
CREATE TABLE idea_status_history (
  idea_id  TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
  seq      INTEGER NOT NULL CHECK (seq > 0),
  status   TEXT NOT NULL CHECK (status IN ('received', 'under_review', 'planned', 'in_progress', 'done', 'declined', 'duplicate')),
  on_day   TEXT NOT NULL CHECK (on_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  note     TEXT,
  PRIMARY KEY (idea_id, seq)
) STRICT, WITHOUT ROWID;

-- The conversation: the author's anonymous replies, HR's private answers
-- (author only) and HR's public answers (author and, once published, the board).
CREATE TABLE idea_messages (
  idea_id     TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL CHECK (seq > 0),
  author      TEXT NOT NULL CHECK (author IN ('author', 'hr')),
  visibility  TEXT NOT NULL CHECK (visibility IN ('private', 'public')),
  body        TEXT NOT NULL,
  on_day      TEXT NOT NULL CHECK (on_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  CHECK (author = 'hr' OR visibility = 'private'),
  PRIMARY KEY (idea_id, seq)
) STRICT, WITHOUT ROWID;

-- "Me too": one row per idea and browser, keyed by the hash of a random token
-- the browser keeps; no address, no date.
CREATE TABLE idea_supports (
  idea_id     TEXT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
  token_hash  TEXT NOT NULL CHECK (length(token_hash) = 64),
  PRIMARY KEY (idea_id, token_hash)
) STRICT, WITHOUT ROWID;
