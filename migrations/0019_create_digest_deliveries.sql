-- The HR digest's delivery log (src/server/digest.ts, docs/operations.md#hr-digest):
-- for each channel and day, whether that day's digest reached it. A failed
-- delivery is retried by the next day's run, which reads the last day a
-- channel was delivered to. No content, no time of day, nothing anyone sent.
CREATE TABLE digest_deliveries (
  channel TEXT NOT NULL CHECK (channel IN ('email', 'wecom', 'dingtalk', 'feishu')),
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  delivered INTEGER NOT NULL CHECK (delivered IN (0, 1)),
  PRIMARY KEY (channel, day)
) WITHOUT ROWID;
