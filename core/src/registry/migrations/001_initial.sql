-- 001: the registry's first shape. {{ID}} is the dialect's auto-increment primary key.
-- Dates are ISO 8601 text (they sort as dates); flags are SMALLINT 0/1; counters BIGINT.
CREATE TABLE vendors (
  id {{ID}},
  corporate_number TEXT,
  name TEXT NOT NULL,
  country TEXT
);
-- One row per company: by 法人番号 when known, else by name.
CREATE UNIQUE INDEX vendors_by_corporate_number ON vendors (corporate_number) WHERE corporate_number IS NOT NULL;
CREATE UNIQUE INDEX vendors_by_name ON vendors (name) WHERE corporate_number IS NULL;

CREATE TABLE vendor_certifications (
  id {{ID}},
  vendor_id BIGINT NOT NULL REFERENCES vendors (id),
  scheme TEXT NOT NULL,
  number TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  UNIQUE (vendor_id, scheme, number)
);

CREATE TABLE persons (
  id {{ID}},
  name TEXT NOT NULL,
  department TEXT NOT NULL,
  email TEXT,
  active SMALLINT NOT NULL,
  UNIQUE (name, department)
);

CREATE TABLE engagements (
  id {{ID}},
  ref TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  department TEXT NOT NULL,
  status TEXT NOT NULL,
  responsible_person_id BIGINT REFERENCES persons (id),
  vendor_id BIGINT REFERENCES vendors (id),
  confidentiality SMALLINT NOT NULL,
  integrity SMALLINT NOT NULL,
  availability SMALLINT NOT NULL,
  personal_data SMALLINT NOT NULL,
  my_number SMALLINT NOT NULL,
  network_zone TEXT,
  period_start TEXT NOT NULL,
  period_end TEXT,
  subcontracting_used SMALLINT,
  subcontracting_approved SMALLINT,
  subcontracting_flow_down SMALLINT,
  verification_interval_months SMALLINT,
  section_json TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX engagements_by_kind ON engagements (kind, ref);
CREATE INDEX engagements_by_department ON engagements (department, ref);
CREATE INDEX engagements_by_person ON engagements (responsible_person_id);
CREATE INDEX engagements_by_vendor ON engagements (vendor_id);

-- Contract clauses an engagement's contract contains, in the order recorded.
CREATE TABLE engagement_clauses (
  engagement_id BIGINT NOT NULL REFERENCES engagements (id),
  clause_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (engagement_id, clause_id)
);

CREATE TABLE verifications (
  id {{ID}},
  engagement_id BIGINT NOT NULL REFERENCES engagements (id),
  position BIGINT NOT NULL,
  verified_on TEXT NOT NULL,
  result TEXT NOT NULL,
  verifier TEXT,
  notes TEXT
);
CREATE INDEX verifications_by_engagement ON verifications (engagement_id, position);

CREATE TABLE assessments (
  id {{ID}},
  engagement_id BIGINT NOT NULL REFERENCES engagements (id),
  as_of TEXT NOT NULL,
  plugin TEXT NOT NULL,
  plugin_version TEXT NOT NULL,
  assessed_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  result_json TEXT NOT NULL
);
CREATE INDEX assessments_by_engagement ON assessments (engagement_id, id);

-- Append-only; each entry carries the hash of the previous one.
CREATE TABLE audit_log (
  id {{ID}},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_key ON audit_log (entity_key, id);
