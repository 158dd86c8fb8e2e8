-- Migration number: 0014 	 the audit log as a hash chain; the verdict shown until the day boundary

-- 1. The audit log as a hash chain (src/lib/audit/chain.ts). Each row
-- carries its place in the log (seq, 1, 2, 3…), the hash of the row before
-- it and its own hash, SHA-256 over (previous hash ‖ the row's canonical
-- encoding), computed by the Worker: SQLite has no SHA-256. The chain's head
-- is published, so a rewritten, removed or cut-off row shows.
ALTER TABLE audit_log ADD COLUMN seq INTEGER CHECK (seq IS NULL OR seq > 0);
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT CHECK (prev_hash IS NULL OR (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'));
ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'));

-- The rows already there get their places, in the order they were written.
-- Their hashes cannot be computed here; the Worker computes them when it
-- appends the first chained row, whose previous hash is that of the last of
-- them (src/server/db/audit.ts), and a verifier computes them the same way.
DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET seq = numbered.n
FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM audit_log) AS numbered
WHERE numbered.id = audit_log.id;
CREATE TRIGGER audit_log_no_update
BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log_is_append_only');
END;

-- One row per place: two HR writes that read the same head cannot both land.
CREATE UNIQUE INDEX audit_log_seq ON audit_log(seq);

-- Every new row extends the chain: the next place, linked to the hash of the
-- row before (any link after a row written before the chain), with a hash.
-- And no row replaces another: INSERT OR REPLACE (and REPLACE INTO) deletes
-- the row it collides with without firing DELETE triggers, but this trigger
-- runs before that deletion and refuses an id that exists.
CREATE TRIGGER audit_log_chain
BEFORE INSERT ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log_is_append_only') WHERE EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id);
  SELECT RAISE(ABORT, 'audit_chain_conflict')
  WHERE NEW.seq IS NULL OR NEW.prev_hash IS NULL OR NEW.hash IS NULL
     OR NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log)
     OR NEW.prev_hash IS NOT COALESCE(
          (SELECT COALESCE(hash, NEW.prev_hash) FROM audit_log WHERE seq = NEW.seq - 1),
          CASE WHEN NEW.seq = 1 THEN '0000000000000000000000000000000000000000000000000000000000000000' END
        );
END;

-- 2. What HR and the board see of an author's verdict changes only at the
-- day boundary: a verdict given today shows tomorrow, and until then the one
-- it replaced (from an earlier day) is still shown, so a verdict changed
-- today neither appears nor disappears today. These hold that earlier
-- verdict, to the day, like the verdict itself.
ALTER TABLE ideas ADD COLUMN verdict_before TEXT
  CHECK (verdict_before IS NULL OR verdict_before IN ('resolved', 'not_resolved'));
ALTER TABLE ideas ADD COLUMN verdict_before_comment TEXT;
ALTER TABLE ideas ADD COLUMN verdict_before_on TEXT CHECK (verdict_before_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
