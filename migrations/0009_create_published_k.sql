-- Migration number: 0009 	 the minimum group size a publication was first cut with
-- Live results and participation counts advance in steps of at least k. If k
-- changed while a survey runs, the steps would be cut again at other days and
-- two snapshots could differ by one response. The k a scope ("survey:<id>",
-- "board") first published with is kept here and its steps always use it.
CREATE TABLE published_k (
  scope TEXT PRIMARY KEY,
  k     INTEGER NOT NULL CHECK (k >= 3)
) STRICT, WITHOUT ROWID;
