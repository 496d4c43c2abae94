-- 0001: the register (units + closure table), keys, report versions with their counts, status, locks,
-- policies and the audit trail. Names of members never reach this database: reports carry counts only.

CREATE TABLE units (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  parent     TEXT REFERENCES units(code),
  kind       TEXT NOT NULL,
  type       TEXT,
  from_year  INTEGER,
  to_year    INTEGER,
  -- register order (the order units were first listed), for stable tables
  position   INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units(parent);

-- every (ancestor, descendant) pair with its distance, self included at depth 0: a subtree is one indexed range
CREATE TABLE unit_closure (
  ancestor   TEXT NOT NULL,
  descendant TEXT NOT NULL,
  depth      INTEGER NOT NULL,
  PRIMARY KEY (ancestor, descendant)
) WITHOUT ROWID;
CREATE INDEX unit_closure_descendant ON unit_closure(descendant, depth);

-- API keys: the secret part is stored only as SHA-256(pepper ‖ salt ‖ secret)
CREATE TABLE api_keys (
  id         TEXT PRIMARY KEY,
  unit       TEXT NOT NULL REFERENCES units(code),
  role       TEXT NOT NULL CHECK (role IN ('unit', 'reviewer', 'admin')),
  salt       TEXT NOT NULL,
  hash       TEXT NOT NULL,
  label      TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
);

-- append-only: every accepted PUT is a new version; nothing is updated or deleted
CREATE TABLE report_versions (
  unit            TEXT NOT NULL,
  year            INTEGER NOT NULL,
  version         INTEGER NOT NULL,
  payload         TEXT NOT NULL,
  hash            TEXT NOT NULL,
  findings        TEXT NOT NULL,
  key_id          TEXT NOT NULL,
  received_at     TEXT NOT NULL,
  idempotency_key TEXT,
  PRIMARY KEY (unit, year, version)
) WITHOUT ROWID;
CREATE UNIQUE INDEX report_versions_idempotency ON report_versions(unit, year, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- the counts of the latest accepted version, one row per subject (grp = '') and member group, so that a
-- consolidation is SUM … GROUP BY over the subtree, never a read of the payloads
CREATE TABLE report_counts (
  year              INTEGER NOT NULL,
  unit              TEXT NOT NULL,
  subject           TEXT NOT NULL,
  grp               TEXT NOT NULL DEFAULT '',
  total             INTEGER NOT NULL,
  excellent         INTEGER NOT NULL,
  good              INTEGER NOT NULL,
  complete          INTEGER NOT NULL,
  incomplete        INTEGER NOT NULL,
  unrated_new       INTEGER NOT NULL,
  unrated_exempt    INTEGER NOT NULL,
  unrated_suspended INTEGER NOT NULL,
  unrated_other     INTEGER NOT NULL,
  PRIMARY KEY (unit, year, subject, grp)
) WITHOUT ROWID;

-- the workflow state of a unit's report for a year (present once a report was accepted)
CREATE TABLE report_status (
  unit        TEXT NOT NULL,
  year        INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('submitted', 'returned', 'approved')),
  version     INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  warnings    INTEGER NOT NULL,
  reason      TEXT,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  PRIMARY KEY (year, unit)
) WITHOUT ROWID;

CREATE TABLE period_locks (
  unit      TEXT NOT NULL,
  year      INTEGER NOT NULL,
  locked_at TEXT NOT NULL,
  locked_by TEXT NOT NULL,
  PRIMARY KEY (unit, year)
) WITHOUT ROWID;

CREATE TABLE policies (
  unit       TEXT NOT NULL,
  year       INTEGER NOT NULL,
  policy     TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (unit, year)
) WITHOUT ROWID;

CREATE TABLE audit (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  at     TEXT NOT NULL,
  key_id TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT
);
