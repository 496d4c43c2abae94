-- 0004: for the page's key list and audit trail.
-- * api_keys.last_used_at: the last request made with the key, to the minute (written after the answer, at most
--   once a minute per key), so an administrator can tell keys never used from keys in use. No secrets.
-- * audit_target: the audit trail of a subtree for a year is read by target ("2025/KM-01").

ALTER TABLE api_keys ADD COLUMN last_used_at TEXT;
CREATE INDEX api_keys_unit ON api_keys(unit);
CREATE INDEX audit_target ON audit(target);
