-- Migration number: 0011 	 survey_tallies.day holds a day and nothing finer
-- The tallies' days were copied from survey_responses.day, which only holds
-- YYYY-MM-DD; the table itself did not say so. It now carries the same
-- day-only CHECK as every table of submissions, so no later change to the
-- roll-up can store a time of day in it.
--
-- SQLite cannot add a CHECK to an existing table. The tallies are a cache of
-- the responses (src/server/db/tallies.ts), so the table is created again
-- empty and every survey is marked as having nothing rolled up: the next read
-- of its results rolls its past days up again, once. The triggers of 0010
-- name survey_tallies in their bodies only and keep working.
DROP INDEX survey_tallies_kind_day;
DROP TABLE survey_tallies;
DELETE FROM survey_tally_progress;

CREATE TABLE survey_tallies (
  survey_id      TEXT    NOT NULL,
  survey_version INTEGER NOT NULL,
  day            TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  kind           TEXT    NOT NULL CHECK (kind IN ('responses', 'answered', 'scalar', 'item', 'group', 'group_answer')),
  groups         TEXT CHECK (groups IS NULL OR json_valid(groups)),
  question       TEXT,
  num            REAL,
  text           TEXT CHECK (text IS NULL OR length(text) <= 2000),
  item           ANY,
  n              INTEGER NOT NULL CHECK (n > 0),
  rank_sum       INTEGER
) STRICT;

-- by kind first: results read the four plain kinds, breakdowns the two group kinds
CREATE INDEX survey_tallies_kind_day ON survey_tallies(survey_id, survey_version, kind, day);
