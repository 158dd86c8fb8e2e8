-- Migration number: 0022 	 content drafts of a staff forum
-- One more kind of publication HR drafts in the console (issue 22 §3):
--  * forum: a staff forum, src/content/forums/<yyyy-mm-dd>-<slug>.md. The
--    body holds the file's front matter fields and the minutes per locale as
--    JSON; publishing writes the Markdown file (src/lib/programme/forum-file.ts).
--    A forum names roles, never people: it holds no employee data.
-- SQLite cannot widen a CHECK in place: the table is rebuilt as 0021 did,
-- every row and column kept (the runner's row guard, src/server/migrations/row-guard.ts,
-- refuses the migration if content_drafts ends with fewer rows).
CREATE TABLE content_drafts_0022 (
  id          TEXT    PRIMARY KEY CHECK (length(id) = 16 AND id NOT GLOB '*[^0-9a-f]*'),
  kind        TEXT    NOT NULL CHECK (kind IN ('survey', 'policy', 'honour', 'results', 'forum')),
  path        TEXT    NOT NULL CHECK (length(path) <= 120),
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
  -- a policy draft: the version file it supersedes when published
  supersedes  TEXT    CHECK (supersedes IS NULL OR (supersedes GLOB 'src/content/policy/*' AND substr(supersedes, 20) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9].json')),
  -- an honour draft: the HR person who confirmed the named person's consent, and the day
  consent_by  TEXT    CHECK (consent_by IS NULL OR length(consent_by) BETWEEN 1 AND 200),
  consent_day TEXT    CHECK (consent_day IS NULL OR consent_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  CHECK (
    (kind = 'survey' AND path GLOB 'src/content/surveys/[a-z]*.json')
    -- D1 refuses a GLOB pattern over 50 characters: the folder and the file name are matched apart
    OR (kind = 'policy' AND path GLOB 'src/content/policy/*' AND substr(path, 20) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9].json')
    OR (kind = 'honour' AND path GLOB 'src/content/honours/*.json' AND substr(path, 21) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-?*'
        AND substr(path, 32) NOT GLOB '*[^a-z0-9.-]*')
    -- a cycle id: 2026-10, 2026-Q3, 2026-H1 or 2025 (src/lib/results/period.ts)
    OR (kind = 'results' AND path GLOB 'src/content/results/*.json' AND (
          substr(path, 21) GLOB '[0-9][0-9][0-9][0-9].json'
       OR substr(path, 21) GLOB '[0-9][0-9][0-9][0-9]-[01][0-9].json'
       OR substr(path, 21) GLOB '[0-9][0-9][0-9][0-9]-Q[1-4].json'
       OR substr(path, 21) GLOB '[0-9][0-9][0-9][0-9]-H[12].json'))
    OR (kind = 'forum' AND path GLOB 'src/content/forums/*.md' AND substr(path, 20) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-?*'
        AND substr(path, 31) NOT GLOB '*[^a-z0-9.-]*')
  ),
  CHECK ((kind = 'policy') = (supersedes IS NOT NULL)),
  CHECK ((consent_by IS NULL) = (consent_day IS NULL)),
  CHECK (kind = 'honour' OR consent_by IS NULL),
  -- an honour naming a person reaches the repository only with the consent on record
  CHECK (
    kind <> 'honour' OR state IN ('draft', 'approved') OR consent_by IS NOT NULL
    OR json_extract(body, '$.recipient.kind') = 'team'
  ),
  -- four eyes, in the data as well as in the code
  CHECK (approver IS NULL OR approver <> author),
  CHECK ((state = 'draft') = (approver IS NULL)),
  CHECK ((state IN ('building', 'live')) = (commit_sha IS NOT NULL))
);

INSERT INTO content_drafts_0022 (id, kind, path, body, base_sha, state, version, author, approver, publisher, commit_sha, created_at, updated_at, supersedes, consent_by, consent_day)
  SELECT id, kind, path, body, base_sha, state, version, author, approver, publisher, commit_sha, created_at, updated_at, supersedes, consent_by, consent_day FROM content_drafts;
DROP TABLE content_drafts;
ALTER TABLE content_drafts_0022 RENAME TO content_drafts;
CREATE INDEX content_drafts_by_update ON content_drafts (updated_at DESC);
