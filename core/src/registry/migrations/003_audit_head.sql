-- 003: the audit trail's head (how many entries, and the last one), written by every transaction
-- that appends, so that deleting the newest entries is noticed as well as changing or deleting older ones.
CREATE TABLE audit_head (
  id SMALLINT PRIMARY KEY,
  entries BIGINT NOT NULL,
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, entries, last_id, last_hash)
  SELECT 1, COUNT(*), COALESCE(MAX(id), 0),
         COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '')
  FROM audit_log;
