-- 004: tokens of the REST API. Only a SHA-256 of each token is kept: the token itself is shown
-- once, when it is created. A revoked token keeps its row (and name) for the audit trail.
CREATE TABLE api_tokens (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  department TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
