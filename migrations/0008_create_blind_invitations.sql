-- Migration number: 0008 	 invitation codes redeemed for unlinkable tokens
-- A code is now redeemed when the form opens, for a blindly evaluated token
-- (src/lib/invitation/token.ts), and the answers arrive later with the token,
-- never with the code. Nothing written at redemption can be matched with
-- anything written at submission, not even across snapshots of the database.
--
-- At redemption: the code's row is marked used, with the SHA-256 of the
-- blinded element it was redeemed with, so a retry of the same redemption
-- (the answer was lost on the way) gets its evaluation again instead of a
-- "used" error. The blinded element is uniformly random whatever the token
-- is: it says nothing about the token spent later.
ALTER TABLE survey_tokens ADD COLUMN redeemed_with TEXT CHECK (redeemed_with IS NULL OR length(redeemed_with) = 64);

-- At submission: SHA-256(survey id : token input), so a token is spent once.
-- No date and no link to the response, like survey_submissions.
CREATE TABLE survey_spent_tokens (
  token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
  survey_id  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
