import * as z from 'zod';
import { Subject, UnitKind, UnratedReason } from './enums';
import { Policy, ratio } from './policy';
import { Finding } from './finding';
import { Count, LevelCounts, Tallies, Tally, UnitCode } from './report';

export const PercentKey = z.enum([
  'rated',
  'unrated',
  'goodOrBetter',
  'excellentOfGoodOrBetter',
  'excellent',
  'good',
  'complete',
  'incomplete',
]);
export type PercentKey = z.infer<typeof PercentKey>;
export const PERCENT_KEYS = PercentKey.options;

/** Percentages rounded half up to 2 decimals; `null` where the base is 0. */
const Pct = z.number().nullable();
export const Percentages = z.strictObject({
  rated: Pct,
  unrated: Pct,
  goodOrBetter: Pct,
  excellentOfGoodOrBetter: Pct,
  excellent: Pct,
  good: Pct,
  complete: Pct,
  incomplete: Pct,
});
export type Percentages = z.infer<typeof Percentages>;

export const SubjectFiguresBase = z.strictObject({
  total: Count,
  rated: Count,
  unrated: Count,
  unratedByReason: z.partialRecord(UnratedReason, Count),
  levels: LevelCounts,
  goodOrBetter: Count,
  percent: Percentages,
});
export type SubjectFiguresBase = z.infer<typeof SubjectFiguresBase>;

/** The figures of one subject, with last year's and the change in percentage points (null where either side is null). */
export const SubjectFigures = SubjectFiguresBase.extend({
  previous: SubjectFiguresBase.nullable(),
  change: Percentages.nullable(),
});
export type SubjectFigures = z.infer<typeof SubjectFigures>;

export const ConsolidatedFigures = z.strictObject({
  committee: SubjectFigures,
  organization: SubjectFigures,
  branch: SubjectFigures,
  member: SubjectFigures,
});
export type ConsolidatedFigures = z.infer<typeof ConsolidatedFigures>;

export const ReportStatus = z.enum(['missing', 'submitted', 'returned', 'approved']);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const Coverage = z.strictObject({
  /** Reporting units that exist in the year under the year's register. */
  expected: Count,
  /** Of those, the ones whose report counts (returned reports count until replaced). */
  submitted: Count,
  missing: z.array(UnitCode),
  /** Submitted reports that the level above returned (still counted, until the unit sends a new version). */
  returned: z.array(UnitCode).optional(),
  /** Stored reports that do not count under the year's register (named in a finding): closed units, or units whose registered units changed after they sent. */
  notCounted: z.array(UnitCode).optional(),
});
export type Coverage = z.infer<typeof Coverage>;

/** The ratings the level above decided for a unit's organisation, committee and chi bộ rows (HD 43). */
export const DecidedTallies = z.strictObject({
  committee: Tally.optional(),
  organization: Tally.optional(),
  branch: Tally.optional(),
});
export type DecidedTallies = z.infer<typeof DecidedTallies>;

/** QĐ 366: the level above may raise the excellent cap for one unit and year, up to 25%, with a reason. */
export const CapException = z.strictObject({
  ratio: ratio(0, 0.25, true),
  reason: z.string().trim().min(3).max(2000),
});
export type CapException = z.infer<typeof CapException>;

export const UnitRow = z.strictObject({
  unit: UnitCode,
  name: z.string(),
  status: ReportStatus,
  version: z.number().int().min(1).nullable(),
  /** The figures counted: the unit's report (and its subtree's), with the level above's decisions applied. */
  tallies: Tallies.nullable(),
  /** The register's kind and loại hình of the unit. */
  kind: UnitKind.optional(),
  type: z.string().nullable().optional(),
  /** The reason the level above gave when it returned the report. */
  reason: z.string().nullable().optional(),
  /** The unit's own proposal for the rows the level above decided (only where a decision exists). */
  proposal: DecidedTallies.nullable().optional(),
  /** The decided rows (null: no decision). */
  decision: DecidedTallies.nullable().optional(),
  capException: CapException.nullable().optional(),
  /** This row is the consolidating unit's own report (a đảng bộ cơ sở with registered chi bộ reports its own rows). */
  own: z.boolean().optional(),
});
export type UnitRow = z.infer<typeof UnitRow>;

/** The four subjects summed over the units of one kind of organisation (loại hình; `type` in the register). */
export const TypeFigures = z.strictObject({
  /** The register's `type`, or null for units without one. */
  type: z.string().nullable(),
  label: z.string(),
  units: Count,
  subjects: z.record(Subject, SubjectFiguresBase),
});
export type TypeFigures = z.infer<typeof TypeFigures>;

/** GET /api/v1/consolidated/{year}/{unit} */
export const Consolidated = z.strictObject({
  unit: UnitCode,
  year: z.number().int(),
  rulebook: z.string(),
  coverage: Coverage,
  subjects: ConsolidatedFigures,
  findings: z.array(Finding),
  units: z.array(UnitRow),
  narrative: z.string(),
  /**
   * What last year's figures are: this year's reporting units with the reports of the same units (or their
   * predecessors) in `year`; `missing` are this year's units with no report to compare with.
   */
  previousBase: z
    .strictObject({ year: z.number().int(), units: Count, reports: Count, missing: z.array(UnitCode), missingCount: Count })
    .nullable()
    .optional(),
  /** Names of the units the view mentions beyond its rows (findings, coverage, last year's base): code → name. */
  unitNames: z.record(z.string(), z.string()).optional(),
  /** The policy applied, and for each parameter the unit whose policy set it (absent: the rulebook's default). */
  policy: z.strictObject({ values: Policy, from: z.partialRecord(z.string(), UnitCode) }).optional(),
  // what a printed report names (issue 13): the unit, its superior committee, the regulation in force
  unitName: z.string().optional(),
  parentName: z.string().nullable().optional(),
  unitKind: UnitKind.optional(),
  rulebookName: z.strictObject({ regulation: z.string(), guidance: z.string() }).optional(),
  /** The four subjects by kind of organisation; the rows sum to `subjects`. */
  byType: z.array(TypeFigures).optional(),
});
export type Consolidated = z.infer<typeof Consolidated>;

