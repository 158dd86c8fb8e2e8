-- Migration number: 0007 	 forget the language of responses and ideas
-- The language a person answered in was stored with every response and idea
-- and used by no published figure; in a team where few answer in the
-- minority language it singles them out. The API still accepts `locale` (for
-- the language of error messages) and stores it nowhere.
ALTER TABLE survey_responses DROP COLUMN locale;
ALTER TABLE ideas DROP COLUMN locale;
