import type { Consolidated, Coverage, Finding, Policy, PolicyInput, UnitReport, UnitRow } from '../model';
import { rulebookFor } from '../rulebooks';
import { checkReport, resolvePolicy, sortFindings } from '../rules/engine';
import { consolidatedFigures } from './figures';
import { crossUnitFindings } from './findings';
import { narrative } from './narrative';
import { sumReports, type Sums } from './sums';

export * from './sums';
export * from './figures';
export * from './findings';
export * from './narrative';
export * from './describe';

export interface ExpectedUnit {
  code: string;
  name: string;
}

export interface ConsolidateInput {
  unit: string;
  unitName?: string;
  year: number;
  /** Sums of the latest accepted reports of the subtree for the year, and for the year before (null: none). */
  current: Sums;
  previous: Sums | null;
  coverage: Coverage;
  /** One row per unit as the caller lays them out (the units of a bloc, or the children of a province). */
  units: UnitRow[];
  /** The warnings stored with the units' reports (with their justifications). */
  unitFindings: Finding[];
  policy?: PolicyInput;
  /** Who set each parameter of the policy (shown in the view). */
  policyFrom?: Partial<Record<keyof Policy, string>>;
  /** Findings the caller computed across units (reports that do not count, a đảng bộ's chi bộ cap …). */
  crossFindings?: Finding[];
  /** What last year's figures are (lineage); null: no comparison. */
  previousBase?: Consolidated['previousBase'];
}

/** The consolidated view of api.md from sums: figures, change, findings across units, prose. */
export function consolidateSums(input: ConsolidateInput): Consolidated {
  const rulebook = rulebookFor(input.year);
  const policy = resolvePolicy(rulebook, input.policy);
  const subjects = consolidatedFigures(input.current, input.previous);
  const cross = crossUnitFindings({ unit: input.unit, unitName: input.unitName, sums: input.current, policy, rulebook });
  const out: Consolidated = {
    unit: input.unit,
    year: input.year,
    rulebook: rulebook.id,
    coverage: input.coverage,
    subjects,
    findings: sortFindings([...input.unitFindings.filter((f) => f.severity !== 'info' || f.rule === 'excellent-cap'), ...cross, ...(input.crossFindings ?? [])]),
    units: input.units,
    narrative: narrative(subjects, input.year, { coverage: input.coverage, previousBase: input.previousBase, names: Object.fromEntries(input.units.map((u) => [u.unit, u.name])) }),
  };
  if (input.previousBase !== undefined) out.previousBase = input.previousBase;
  if (input.policyFrom !== undefined) out.policy = { values: policy, from: input.policyFrom as Record<string, string> };
  return out;
}

/**
 * Consolidate whole reports (CLI, tests, the web page): the same figures as the Worker, which sums in SQL.
 * Unit findings are recomputed with the shared rule engine under the same policy.
 */
export function consolidateReports(input: {
  unit: string;
  unitName?: string;
  year: number;
  reports: UnitReport[];
  previousReports?: UnitReport[];
  expected?: ExpectedUnit[];
  policy?: PolicyInput;
}): Consolidated {
  const byUnit = new Map(input.reports.map((r) => [r.unit, r]));
  const expected = input.expected ?? input.reports.map((r) => ({ code: r.unit, name: r.unit }));
  const missing = expected.filter((u) => !byUnit.has(u.code)).map((u) => u.code);
  return consolidateSums({
    unit: input.unit,
    unitName: input.unitName,
    year: input.year,
    current: sumReports(input.reports),
    previous: input.previousReports && input.previousReports.length > 0 ? sumReports(input.previousReports) : null,
    coverage: { expected: expected.length, submitted: expected.length - missing.length, missing },
    units: expected.map((u) => {
      const report = byUnit.get(u.code);
      return { unit: u.code, name: u.name, status: report ? 'submitted' : 'missing', version: report ? 1 : null, tallies: report?.tallies ?? null };
    }),
    unitFindings: input.reports.flatMap((r) => checkReport(r, { policy: input.policy })),
    policy: input.policy,
  });
}
