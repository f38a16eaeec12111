-- 002: evidence notes on contract clauses, and how an engagement ended.
CREATE TABLE clause_evidence (
  engagement_id BIGINT NOT NULL REFERENCES engagements (id),
  position BIGINT NOT NULL,
  clause_id TEXT NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX clause_evidence_by_engagement ON clause_evidence (engagement_id, position);
ALTER TABLE engagements ADD COLUMN return_confirmed_on TEXT;
ALTER TABLE engagements ADD COLUMN termination_note TEXT;
