-- Migration number: 0010 	 survey results from daily tallies
-- The day of a response is taken when its batch commits, so a day that has
-- ended never gains or loses a response. Each such day is rolled up once, in
-- SQL, into per-question, per-value counts (src/server/db/tallies.ts), and
-- results are read from these instead of from every answer: the cost of a
-- results request grows with days × questions × choices, not with responses.
--
-- Tallies hold counts of choices only — never free text, never a response
-- id: the same figures the results are built from, per day.

-- Every day before rolled_until is in survey_tallies for this survey version.
CREATE TABLE survey_tally_progress (
  survey_id      TEXT    NOT NULL,
  survey_version INTEGER NOT NULL,
  rolled_until   TEXT    NOT NULL CHECK (rolled_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  PRIMARY KEY (survey_id, survey_version)
) STRICT, WITHOUT ROWID;

-- kind 'responses': responses that day (question NULL); 'answered': people
-- who answered `question`; 'scalar': answers (num or text) given that many
-- times; 'item': a choice inside a multi-answer or ranking (item), with the
-- sum of its 0-based ranks. For a survey with segments (team, tenure…):
-- 'group': responses that gave the answers `groups` (a JSON array, one value
-- or null per segment, in the survey's order) to the segment questions;
-- 'group_answer': of those, the ones that gave `num` to the breakdown
-- question `question`.
CREATE TABLE survey_tallies (
  survey_id      TEXT    NOT NULL,
  survey_version INTEGER NOT NULL,
  day            TEXT    NOT NULL,
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

-- Past days never change through the API; anything else that adds, removes or
-- moves a response or an answer of a day already rolled up (demo data, tests,
-- an operator's SQL) makes that day and every later one stale: their tallies
-- go and they are rolled up again on the next read. Responses of today, the
-- only ones the API writes, are never in a rolled-up day, so these triggers
-- cost a submission two primary-key look-ups per row and nothing else.
CREATE TRIGGER survey_tallies_stale_response_insert AFTER INSERT ON survey_responses
WHEN NEW.day < (SELECT rolled_until FROM survey_tally_progress WHERE survey_id = NEW.survey_id AND survey_version = NEW.survey_version)
BEGIN
  DELETE FROM survey_tallies WHERE survey_id = NEW.survey_id AND survey_version = NEW.survey_version AND day >= NEW.day;
  UPDATE survey_tally_progress SET rolled_until = NEW.day WHERE survey_id = NEW.survey_id AND survey_version = NEW.survey_version;
END;

CREATE TRIGGER survey_tallies_stale_response_delete AFTER DELETE ON survey_responses
WHEN OLD.day < (SELECT rolled_until FROM survey_tally_progress WHERE survey_id = OLD.survey_id AND survey_version = OLD.survey_version)
BEGIN
  DELETE FROM survey_tallies WHERE survey_id = OLD.survey_id AND survey_version = OLD.survey_version AND day >= OLD.day;
  UPDATE survey_tally_progress SET rolled_until = OLD.day WHERE survey_id = OLD.survey_id AND survey_version = OLD.survey_version;
END;

CREATE TRIGGER survey_tallies_stale_response_update_old AFTER UPDATE ON survey_responses
WHEN OLD.day < (SELECT rolled_until FROM survey_tally_progress WHERE survey_id = OLD.survey_id AND survey_version = OLD.survey_version)
BEGIN
  DELETE FROM survey_tallies WHERE survey_id = OLD.survey_id AND survey_version = OLD.survey_version AND day >= OLD.day;
  UPDATE survey_tally_progress SET rolled_until = OLD.day WHERE survey_id = OLD.survey_id AND survey_version = OLD.survey_version;
END;

CREATE TRIGGER survey_tallies_stale_response_update_new AFTER UPDATE ON survey_responses
WHEN NEW.day < (SELECT rolled_until FROM survey_tally_progress WHERE survey_id = NEW.survey_id AND survey_version = NEW.survey_version)
BEGIN
  DELETE FROM survey_tallies WHERE survey_id = NEW.survey_id AND survey_version = NEW.survey_version AND day >= NEW.day;
  UPDATE survey_tally_progress SET rolled_until = NEW.day WHERE survey_id = NEW.survey_id AND survey_version = NEW.survey_version;
END;

CREATE TRIGGER survey_tallies_stale_answer_insert AFTER INSERT ON survey_answers
WHEN EXISTS (
  SELECT 1 FROM survey_responses r JOIN survey_tally_progress p ON p.survey_id = r.survey_id AND p.survey_version = r.survey_version
  WHERE r.id = NEW.response_id AND r.day < p.rolled_until
)
BEGIN
  DELETE FROM survey_tallies WHERE rowid IN (
    SELECT t.rowid FROM survey_tallies t JOIN survey_responses r ON t.survey_id = r.survey_id AND t.survey_version = r.survey_version
    WHERE r.id = NEW.response_id AND t.day >= r.day
  );
  UPDATE survey_tally_progress SET rolled_until = (SELECT day FROM survey_responses WHERE id = NEW.response_id)
  WHERE (survey_id, survey_version) = (SELECT survey_id, survey_version FROM survey_responses WHERE id = NEW.response_id);
END;

CREATE TRIGGER survey_tallies_stale_answer_delete AFTER DELETE ON survey_answers
WHEN EXISTS (
  SELECT 1 FROM survey_responses r JOIN survey_tally_progress p ON p.survey_id = r.survey_id AND p.survey_version = r.survey_version
  WHERE r.id = OLD.response_id AND r.day < p.rolled_until
)
BEGIN
  DELETE FROM survey_tallies WHERE rowid IN (
    SELECT t.rowid FROM survey_tallies t JOIN survey_responses r ON t.survey_id = r.survey_id AND t.survey_version = r.survey_version
    WHERE r.id = OLD.response_id AND t.day >= r.day
  );
  UPDATE survey_tally_progress SET rolled_until = (SELECT day FROM survey_responses WHERE id = OLD.response_id)
  WHERE (survey_id, survey_version) = (SELECT survey_id, survey_version FROM survey_responses WHERE id = OLD.response_id);
END;

CREATE TRIGGER survey_tallies_stale_answer_update AFTER UPDATE ON survey_answers
WHEN EXISTS (
  SELECT 1 FROM survey_responses r JOIN survey_tally_progress p ON p.survey_id = r.survey_id AND p.survey_version = r.survey_version
  WHERE r.id IN (OLD.response_id, NEW.response_id) AND r.day < p.rolled_until
)
BEGIN
  DELETE FROM survey_tallies WHERE rowid IN (
    SELECT t.rowid FROM survey_tallies t JOIN survey_responses r ON t.survey_id = r.survey_id AND t.survey_version = r.survey_version
    WHERE r.id IN (OLD.response_id, NEW.response_id) AND t.day >= r.day
  );
  UPDATE survey_tally_progress SET rolled_until = MIN(rolled_until, (SELECT MIN(day) FROM survey_responses WHERE id IN (OLD.response_id, NEW.response_id)))
  WHERE (survey_id, survey_version) IN (SELECT survey_id, survey_version FROM survey_responses WHERE id IN (OLD.response_id, NEW.response_id));
END;
