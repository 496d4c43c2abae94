import { z } from 'zod';
import { Subject, UnitKind, UnratedReason } from './enums';
import { Finding } from './finding';
import { Count, LevelCounts, Tallies, UnitCode } from './report';

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
  expected: Count,
  submitted: Count,
  missing: z.array(UnitCode),
});
export type Coverage = z.infer<typeof Coverage>;

export const UnitRow = z.strictObject({
  unit: UnitCode,
  name: z.string(),
  status: ReportStatus,
  version: z.number().int().min(1).nullable(),
  tallies: Tallies.nullable(),
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
  // what a printed report names (issue 13): the unit, its superior committee, the regulation in force
  unitName: z.string().optional(),
  parentName: z.string().nullable().optional(),
  unitKind: UnitKind.optional(),
  rulebookName: z.strictObject({ regulation: z.string(), guidance: z.string() }).optional(),
  /** The four subjects by kind of organisation; the rows sum to `subjects`. */
  byType: z.array(TypeFigures).optional(),
});
export type Consolidated = z.infer<typeof Consolidated>;

