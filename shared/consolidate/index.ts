import type { Consolidated, Finding, PolicyInput, ReportStatus, UnitReport } from '../model';
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
  /** The units expected to report this year, in register order. */
  expected: ExpectedUnit[];
  /** What was received from each expected unit (absent: missing). */
  received: Map<string, { status: Exclude<ReportStatus, 'missing'>; version: number; report: UnitReport | null }>;
  /** The warnings stored with the units' reports (with their justifications). */
  unitFindings: Finding[];
  policy?: PolicyInput;
}

/** The consolidated view of api.md from sums: figures, change, coverage, findings, per-unit rows, prose. */
export function consolidateSums(input: ConsolidateInput): Consolidated {
  const rulebook = rulebookFor(input.year);
  const policy = resolvePolicy(rulebook, input.policy);
  const subjects = consolidatedFigures(input.current, input.previous);
  const missing = input.expected.filter((u) => !input.received.has(u.code)).map((u) => u.code);
  const cross = crossUnitFindings({ unit: input.unit, unitName: input.unitName, sums: input.current, policy, rulebook });
  return {
    unit: input.unit,
    year: input.year,
    rulebook: rulebook.id,
    coverage: { expected: input.expected.length, submitted: input.expected.length - missing.length, missing },
    subjects,
    findings: sortFindings([...input.unitFindings.filter((f) => f.severity !== 'info'), ...cross]),
    units: input.expected.map((u) => {
      const got = input.received.get(u.code);
      return {
        unit: u.code,
        name: u.name,
        status: got?.status ?? 'missing',
        version: got?.version ?? null,
        tallies: got?.report?.tallies ?? null,
      };
    }),
    narrative: narrative(subjects, input.year),
  };
}

/**
 * Consolidate whole reports (CLI, tests, the web page): the same as the Worker, which sums in SQL. Unit
 * findings are recomputed with the shared rule engine under the same policy.
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
  const received = new Map(input.reports.map((r) => [r.unit, { status: 'submitted' as const, version: 1, report: r }]));
  const expected = input.expected ?? input.reports.map((r) => ({ code: r.unit, name: r.unit }));
  const unitFindings = input.reports.flatMap((r) => checkReport(r, { policy: input.policy }));
  return consolidateSums({
    unit: input.unit,
    unitName: input.unitName,
    year: input.year,
    current: sumReports(input.reports),
    previous: input.previousReports && input.previousReports.length > 0 ? sumReports(input.previousReports) : null,
    expected,
    received,
    unitFindings,
    policy: input.policy,
  });
}
