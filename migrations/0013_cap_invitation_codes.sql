-- Migration number: 0013 	 invitation codes capped by the audience; code use counted per day
-- HR mints invitation codes, and one code is one response: an HR that mints
-- more codes than there are people can answer with the extra ones. The codes
-- that can still be used (minted and not withdrawn) may now never exceed the
-- survey's audience, and a raise of the audience is a recorded, public change.
--
-- Withdrawing a code no longer deletes its row: it is marked withdrawn,
-- whether or not it was used (withdrawing answers the same either way), so
-- the codes ever minted and ever withdrawn are the rows and the withdrawn
-- rows, and withdrawing then minting again cannot hide. A withdrawn code is
-- never redeemed, and never un-withdrawn. (Unused codes withdrawn before this
-- migration were deleted: they are counted neither as minted nor as withdrawn.)
ALTER TABLE survey_tokens ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1));

CREATE TRIGGER survey_tokens_withdrawn_for_good
BEFORE UPDATE OF withdrawn ON survey_tokens
WHEN OLD.withdrawn = 1 AND NEW.withdrawn = 0
BEGIN
  SELECT RAISE(ABORT, 'survey_token_withdrawn');
END;

-- Raises of a survey's audience (the headcount in its file is the first
-- audience): the day, from, to. Shown on the survey's public page; the HR
-- person and the time are in the audit log, written in the same batch.
CREATE TABLE survey_audience_raises (
  survey_id     TEXT    NOT NULL,
  raised_on     TEXT    NOT NULL CHECK (raised_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  from_audience INTEGER NOT NULL CHECK (from_audience >= 1),
  to_audience   INTEGER NOT NULL CHECK (to_audience > from_audience),
  PRIMARY KEY (survey_id, to_audience)
) STRICT, WITHOUT ROWID;

-- How many codes were redeemed on each day, per survey: a count, never which
-- code. HR sees code use only over whole past days and in steps of at least
-- k, like participation (a "used" count that moved at a redemption told HR
-- when the person it gave a code to opened the form). Nothing here names a
-- code, and no code row carries a day.
CREATE TABLE survey_redemption_days (
  survey_id   TEXT    NOT NULL,
  redeemed_on TEXT    NOT NULL CHECK (redeemed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  redemptions INTEGER NOT NULL CHECK (redemptions > 0),
  PRIMARY KEY (survey_id, redeemed_on)
) STRICT, WITHOUT ROWID;
