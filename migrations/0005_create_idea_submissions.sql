-- Migration number: 0005 	 idempotent idea submission
-- A retried POST /api/ideas (same client-generated submissionId) must not
-- create a second idea, and must give back the same receipt. Only a hash of
-- the submission id is stored, and the receipt is sealed with a key derived
-- from the submission id itself: the database alone opens nothing.
CREATE TABLE idea_submissions (
  submission_hash TEXT PRIMARY KEY CHECK (length(submission_hash) = 64),
  idea_id         TEXT NOT NULL UNIQUE REFERENCES ideas(id) ON DELETE CASCADE,
  sealed_receipt  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
