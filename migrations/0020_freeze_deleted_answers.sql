-- Retention deletes a survey's answers past their term (src/server/retention.ts)
-- while its results keep their published figures: the run rolls the survey's
-- daily tallies up first, records the survey here, and deletes its answers.
-- The triggers of 0010 would take a deleted answer of a rolled-up day for a
-- correction and drop the tallies to roll them up again — from answers that
-- are gone. A survey listed here has its tallies frozen: deleting its answers
-- leaves them. One row per survey and the day of the run: nothing anyone sent.
CREATE TABLE survey_answer_deletions (
  survey_id  TEXT PRIMARY KEY,
  deleted_on TEXT NOT NULL CHECK (deleted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;

DROP TRIGGER survey_tallies_stale_answer_delete;

CREATE TRIGGER survey_tallies_stale_answer_delete AFTER DELETE ON survey_answers
WHEN NOT EXISTS (SELECT 1 FROM survey_answer_deletions d WHERE d.survey_id = OLD.survey_id)
AND EXISTS (
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
