-- Migration number: 0015 	 content drafts: HR's publications before they reach the repository
-- A draft is one content file HR prepares in the console (today: the next
-- run of a survey series), shared by every HR person: edits carry the
-- version they were made on (a stale one is refused, as for ideas). It goes
-- draft → approved (by someone other than its author: four eyes) → building
-- (committed to the repository; the site is being rebuilt) → live (the
-- running site carries it). HR is accountable, not anonymous: the author,
-- approver and publisher are named, and every step is also in the audit log.
CREATE TABLE content_drafts (
  id          TEXT    PRIMARY KEY CHECK (length(id) = 16 AND id NOT GLOB '*[^0-9a-f]*'),
  kind        TEXT    NOT NULL CHECK (kind IN ('survey')),
  path        TEXT    NOT NULL CHECK (path GLOB 'src/content/surveys/[a-z]*.json' AND length(path) <= 120),
  body        TEXT    NOT NULL CHECK (length(body) <= 65536 AND json_valid(body)),
  -- the file's blob sha in the repository when the draft was made (NULL: a new file); publishing refuses if it moved
  base_sha    TEXT    CHECK (base_sha IS NULL OR (length(base_sha) = 40 AND base_sha NOT GLOB '*[^0-9a-f]*')),
  state       TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'approved', 'building', 'live')),
  version     INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
  author      TEXT    NOT NULL CHECK (length(author) BETWEEN 1 AND 200),
  approver    TEXT    CHECK (approver IS NULL OR length(approver) BETWEEN 1 AND 200),
  publisher   TEXT    CHECK (publisher IS NULL OR length(publisher) BETWEEN 1 AND 200),
  commit_sha  TEXT    CHECK (commit_sha IS NULL OR (length(commit_sha) = 40 AND commit_sha NOT GLOB '*[^0-9a-f]*')),
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  -- four eyes, in the data as well as in the code
  CHECK (approver IS NULL OR approver <> author),
  CHECK ((state = 'draft') = (approver IS NULL)),
  CHECK ((state IN ('building', 'live')) = (commit_sha IS NOT NULL))
);

CREATE INDEX content_drafts_by_update ON content_drafts (updated_at DESC);
