import { checkReport, justificationKey, type UnitReport } from '../../shared';

type Levels = [number, number, number, number];
const lv = ([excellent, good, complete, incomplete]: Levels) => ({ excellent, good, complete, incomplete });

/** A consistent report to start from: đảng bộ cơ sở with 60 members, 10 excellent of 55 good or better. */
export function baseReport(year = 2025, unit = 'KM-01'): UnitReport {
  return {
    unit,
    year,
    tallies: {
      committee: { total: 1, unrated: {}, levels: lv([0, 1, 0, 0]) },
      organization: { total: 1, unrated: {}, levels: lv([0, 1, 0, 0]) },
      branch: { total: 5, unrated: {}, levels: lv([1, 4, 0, 0]) },
      member: {
        total: 62,
        unrated: { new: 2 },
        levels: lv([10, 45, 4, 1]),
        groups: { leader: lv([1, 5, 0, 0]), manager: lv([2, 10, 0, 0]), staff: lv([7, 30, 4, 1]) },
      },
    },
  };
}

/** Deep copy, then change with a function (tests read better than nested spreads). */
export function edit<T>(r: T, change: (r: any) => void): T {
  const copy = structuredClone(r);
  change(copy);
  return copy;
}

/** The report with a justification written for every warning the shared rules give it (default policy), as a unit sends it. */
export function justified(r: UnitReport): UnitReport {
  const warnings = checkReport(r).filter((f) => f.severity === 'warning');
  if (!warnings.length) return r;
  return { ...r, justifications: { ...(r.justifications ?? {}), ...Object.fromEntries(warnings.map((f) => [justificationKey(f), `Giải trình của ${r.unit}: ${f.rule}`])) } };
}
