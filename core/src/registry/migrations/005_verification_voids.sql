-- 005: a verification recorded in error is voided, never deleted or changed (README "History is
-- append-only"). A void is its own row: the verification's row stays as it was written. Keyed by
-- the verification's position, which never changes because verifications are only appended.
CREATE TABLE verification_voids (
  id {{ID}},
  engagement_id BIGINT NOT NULL REFERENCES engagements (id),
  position BIGINT NOT NULL,
  voided_at TEXT NOT NULL,
  voided_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  UNIQUE (engagement_id, position)
);
