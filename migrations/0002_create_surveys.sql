-- Migration number: 0002 	 surveys: anonymous responses, idempotency keys, invitation codes

-- One row per response. No IP, user agent, account, or time of day: only the
-- UTC day. Ids are random and the tables are WITHOUT ROWID, so not even the
-- storage order says which response came first (an order could be matched
-- against access logs or against the order codes were used in).
CREATE TABLE survey_responses (
  id             TEXT    PRIMARY KEY CHECK (length(id) = 32),  -- random, not derived from anything
  survey_id      TEXT    NOT NULL,
  survey_version INTEGER NOT NULL CHECK (survey_version > 0),
  locale         TEXT    NOT NULL CHECK (locale IN ('en', 'zh-cn')),
  day            TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT, WITHOUT ROWID;

CREATE INDEX survey_responses_survey_day ON survey_responses(survey_id, day);

-- One row per answered question, so aggregates are plain SQL. Exactly one
-- value column is set: num (rating, boolean 0/1, numeric choice), text
-- (choice value or free text), json (checkbox / ranking arrays, in order).
CREATE TABLE survey_answers (
  response_id TEXT NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
  survey_id   TEXT NOT NULL,
  question    TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 64),
  num         REAL,
  text        TEXT CHECK (text IS NULL OR length(text) <= 2000),
  json        TEXT CHECK (json IS NULL OR json_valid(json)),
  CHECK ((num IS NOT NULL) + (text IS NOT NULL) + (json IS NOT NULL) = 1),
  PRIMARY KEY (response_id, question)
) STRICT, WITHOUT ROWID;

CREATE INDEX survey_answers_question ON survey_answers(survey_id, question);

-- Idempotency: SHA-256 of (survey id, client submissionId). Deliberately not
-- linked to the response it created and without a date, so the key a browser
-- held can never lead back to an answer.
CREATE TABLE survey_submissions (
  submission_hash TEXT PRIMARY KEY CHECK (length(submission_hash) = 64),
  survey_id       TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Invitation codes, stored only as SHA-256 hashes. `used` is a flag, with no
-- date and no link to the response the code unlocked.
CREATE TABLE survey_tokens (
  token_hash TEXT    PRIMARY KEY CHECK (length(token_hash) = 64),
  survey_id  TEXT    NOT NULL,
  used       INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
) STRICT, WITHOUT ROWID;

CREATE INDEX survey_tokens_survey ON survey_tokens(survey_id, used);

-- Single use, enforced by the database: consuming a used code aborts the
-- whole batch it is part of, so the response stored with it is rolled back too.
CREATE TRIGGER survey_tokens_single_use
BEFORE UPDATE OF used ON survey_tokens
WHEN OLD.used = 1
BEGIN
  SELECT RAISE(ABORT, 'survey_token_already_used');
END;
