-- 0003: who reports what and who decides (HD 43), lineage for year-on-year, and the write guards.
-- * report_status.covers: the registered units under the reporting unit, as the register stood when the report
--   was accepted (sorted codes, comma-joined). When the register changes under it, `stale` = 1: the report may
--   count members of a unit that now reports itself, so it no longer counts until the unit sends again.
-- * decisions: the level above decides the ratings of a unit's organisation, committee and chi bộ rows;
--   append-only versions, the latest one in decision_totals (NULL columns: no decision for that subject).
-- * unit_predecessors: lineage (merge: several → one; split: each predecessor's report goes to one successor;
--   a transfer keeps the code and needs no row). Last year's base of a unit is its own and its predecessors' reports.
-- * triggers: a lock on the unit or above it, and an approved report, are enforced inside the write itself, so
--   a write racing a lock or an approval fails as a whole (mapped to 409 by the Worker: 'guard:<what>').

ALTER TABLE report_status ADD COLUMN covers TEXT NOT NULL DEFAULT '';
ALTER TABLE report_status ADD COLUMN stale INTEGER NOT NULL DEFAULT 0;

CREATE TABLE unit_predecessors (
  unit        TEXT NOT NULL,
  predecessor TEXT NOT NULL,
  PRIMARY KEY (unit, predecessor)
) WITHOUT ROWID;
-- a predecessor's report counts for one successor only: nothing counted twice
CREATE UNIQUE INDEX unit_predecessors_once ON unit_predecessors(predecessor);

CREATE TABLE decisions (
  unit       TEXT NOT NULL,
  year       INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  payload    TEXT NOT NULL,
  key_id     TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (unit, year, version)
) WITHOUT ROWID;

CREATE TABLE decision_totals (
  unit TEXT NOT NULL,
  year INTEGER NOT NULL,
  version INTEGER NOT NULL,
  c_total INTEGER, c_excellent INTEGER, c_good INTEGER, c_complete INTEGER, c_incomplete INTEGER,
  c_unrated_new INTEGER, c_unrated_exempt INTEGER, c_unrated_suspended INTEGER, c_unrated_other INTEGER,
  o_total INTEGER, o_excellent INTEGER, o_good INTEGER, o_complete INTEGER, o_incomplete INTEGER,
  o_unrated_new INTEGER, o_unrated_exempt INTEGER, o_unrated_suspended INTEGER, o_unrated_other INTEGER,
  b_total INTEGER, b_excellent INTEGER, b_good INTEGER, b_complete INTEGER, b_incomplete INTEGER,
  b_unrated_new INTEGER, b_unrated_exempt INTEGER, b_unrated_suspended INTEGER, b_unrated_other INTEGER,
  -- QĐ 366: the level above may raise the excellent cap for one unit and year (≤ 0.25), with a reason
  cap_ratio REAL,
  cap_reason TEXT,
  PRIMARY KEY (unit, year)
) WITHOUT ROWID;

-- a report may not be written into a locked year, nor over an approved one
CREATE TRIGGER report_versions_guard BEFORE INSERT ON report_versions
BEGIN
  SELECT RAISE(ABORT, 'guard:locked') WHERE EXISTS (
    SELECT 1 FROM unit_closure uc JOIN period_locks pl ON pl.unit = uc.ancestor AND pl.year = NEW.year
    WHERE uc.descendant = NEW.unit);
  SELECT RAISE(ABORT, 'guard:approved') WHERE EXISTS (
    SELECT 1 FROM report_status s WHERE s.unit = NEW.unit AND s.year = NEW.year AND s.status = 'approved' AND s.stale = 0);
END;

CREATE TRIGGER decisions_guard BEFORE INSERT ON decisions
BEGIN
  SELECT RAISE(ABORT, 'guard:locked') WHERE EXISTS (
    SELECT 1 FROM unit_closure uc JOIN period_locks pl ON pl.unit = uc.ancestor AND pl.year = NEW.year
    WHERE uc.descendant = NEW.unit);
END;

-- approve / return in a locked year
CREATE TRIGGER report_status_guard BEFORE UPDATE OF status ON report_status
WHEN NEW.status IN ('approved', 'returned')
BEGIN
  SELECT RAISE(ABORT, 'guard:locked') WHERE EXISTS (
    SELECT 1 FROM unit_closure uc JOIN period_locks pl ON pl.unit = uc.ancestor AND pl.year = NEW.year
    WHERE uc.descendant = NEW.unit);
END;

-- the register's effect on a locked year: a move (or a change of kind) changes every year the unit exists in;
-- a change of from/to changes the years it enters or leaves. Locks above the old and the new place count.
CREATE TRIGGER units_guard_update BEFORE UPDATE ON units
WHEN OLD.parent IS NOT NEW.parent OR OLD.kind IS NOT NEW.kind
  OR OLD.from_year IS NOT NEW.from_year OR OLD.to_year IS NOT NEW.to_year
BEGIN
  SELECT RAISE(ABORT, 'guard:register-locked') WHERE EXISTS (
    SELECT 1 FROM period_locks pl JOIN unit_closure uc ON uc.ancestor = pl.unit
    WHERE (uc.descendant = OLD.code OR uc.descendant = NEW.parent)
      AND (
        ((OLD.parent IS NOT NEW.parent OR OLD.kind IS NOT NEW.kind)
          AND (((OLD.from_year IS NULL OR OLD.from_year <= pl.year) AND (OLD.to_year IS NULL OR OLD.to_year >= pl.year))
            OR ((NEW.from_year IS NULL OR NEW.from_year <= pl.year) AND (NEW.to_year IS NULL OR NEW.to_year >= pl.year))))
        OR (((OLD.from_year IS NULL OR OLD.from_year <= pl.year) AND (OLD.to_year IS NULL OR OLD.to_year >= pl.year))
          <> ((NEW.from_year IS NULL OR NEW.from_year <= pl.year) AND (NEW.to_year IS NULL OR NEW.to_year >= pl.year)))
      ));
END;

-- a new unit that exists in a locked year of its new place
CREATE TRIGGER units_guard_insert BEFORE INSERT ON units
WHEN NOT EXISTS (SELECT 1 FROM units x WHERE x.code = NEW.code)
BEGIN
  SELECT RAISE(ABORT, 'guard:register-locked') WHERE EXISTS (
    SELECT 1 FROM period_locks pl JOIN unit_closure uc ON uc.ancestor = pl.unit
    WHERE uc.descendant = NEW.parent
      AND (NEW.from_year IS NULL OR NEW.from_year <= pl.year) AND (NEW.to_year IS NULL OR NEW.to_year >= pl.year));
END;

-- lineage changes last year's base of every year the successor exists in
CREATE TRIGGER unit_predecessors_guard_insert BEFORE INSERT ON unit_predecessors
BEGIN
  SELECT RAISE(ABORT, 'guard:register-locked') WHERE EXISTS (
    SELECT 1 FROM units u JOIN unit_closure uc ON uc.descendant = u.code
    JOIN period_locks pl ON pl.unit = uc.ancestor
    WHERE u.code = NEW.unit
      AND (u.from_year IS NULL OR u.from_year <= pl.year) AND (u.to_year IS NULL OR u.to_year >= pl.year));
END;
CREATE TRIGGER unit_predecessors_guard_delete BEFORE DELETE ON unit_predecessors
BEGIN
  SELECT RAISE(ABORT, 'guard:register-locked') WHERE EXISTS (
    SELECT 1 FROM units u JOIN unit_closure uc ON uc.descendant = u.code
    JOIN period_locks pl ON pl.unit = uc.ancestor
    WHERE u.code = OLD.unit
      AND (u.from_year IS NULL OR u.from_year <= pl.year) AND (u.to_year IS NULL OR u.to_year >= pl.year));
END;
