import * as z from 'zod';
import { Finding } from './finding';
import { CapException, Coverage, DecidedTallies, ReportStatus, UnitRow } from './consolidated';
import { UnitReport, UnitCode } from './report';
import { UnitKind } from './enums';

/** A key's role: `unit` submits, `reviewer` also consolidates, approves and locks, `admin` also manages. */
export const Role = z.enum(['unit', 'reviewer', 'admin']);
export type Role = z.infer<typeof Role>;

export const ApiErrorItem = z.strictObject({
  code: z.string(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  hint: z.string().optional(),
  rule: z.string().optional(),
  severity: z.string().optional(),
});
/** The one error envelope of every route. */
export const ErrorEnvelope = z.strictObject({ ok: z.literal(false), errors: z.array(ApiErrorItem) });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

export const KeyCreate = z.strictObject({
  unit: UnitCode,
  role: Role,
  label: z.string().max(100).optional(),
});
export type KeyCreate = z.infer<typeof KeyCreate>;
export const KeyCreated = z.strictObject({ id: z.string(), key: z.string(), unit: UnitCode, role: Role });

/** PUT /api/v1/reports/{year}/{unit} → 200 */
export const ReportReceipt = z.strictObject({
  ok: z.literal(true),
  version: z.number().int().min(1),
  receivedAt: z.string(),
  /** SHA-256 of the canonical JSON of what was accepted. */
  hash: z.string(),
  findings: z.array(Finding),
});
export type ReportReceipt = z.infer<typeof ReportReceipt>;

export const HistoryEntry = z.strictObject({ version: z.number().int(), receivedAt: z.string(), keyId: z.string() });
/** GET /api/v1/reports/{year}/{unit} */
export const ReportRecord = z.strictObject({
  version: z.number().int(),
  receivedAt: z.string(),
  hash: z.string(),
  status: ReportStatus,
  reason: z.string().nullable().optional(),
  /** The register changed under the unit after it sent: the report does not count until it sends again. */
  stale: z.boolean().optional(),
  report: UnitReport,
  findings: z.array(Finding),
  history: z.array(HistoryEntry),
});
export type ReportRecord = z.infer<typeof ReportRecord>;

/** A child unit in the status view: the consolidated view's unit row, without counts, with its workflow. */
export const StatusRow = UnitRow.omit({ tallies: true }).extend({
  receivedAt: z.string().nullable(),
  warnings: z.number().int(),
  reason: z.string().nullable(),
  /** For a consolidating child: how many of its reporting units have sent. */
  coverage: Coverage.omit({ missing: true }).optional(),
  /** The register changed under the unit after it sent: its report does not count until it sends again. */
  stale: z.boolean().optional(),
});
export const StatusView = z.strictObject({ unit: UnitCode, year: z.number().int(), locked: z.boolean(), children: z.array(StatusRow) });
export type StatusView = z.infer<typeof StatusView>;

export const ReturnBody = z.strictObject({ reason: z.string().trim().min(3).max(2000) });
export const ApproveBody = z.strictObject({ version: z.number().int().min(1).optional() });

export const UnitView = z.strictObject({
  code: UnitCode,
  name: z.string(),
  parent: UnitCode.nullable(),
  kind: UnitKind,
  type: z.string().nullable(),
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
});
export const UnitWithChildren = UnitView.extend({
  /** The parent's name (the superior committee a printed form names), when the unit has a parent. */
  parentName: z.string().nullable().optional(),
  children: z.array(UnitView),
});
export type UnitWithChildren = z.infer<typeof UnitWithChildren>;

/**
 * PUT /api/v1/decisions/{year}/{unit} (reviewer of a unit above): the level above records the decided ratings
 * of the unit's organisation and committee rows (and, for a đảng bộ cơ sở, its chi bộ row; for a registered
 * chi bộ trực thuộc, its chi bộ row), and optionally raises its excellent cap (QĐ 366, ≤ 25%). A decided row
 * keeps the total of the unit's report: the decision is about the levels. Each PUT is a new version.
 */
export const DecisionInput = z
  .strictObject({
    tallies: DecidedTallies.optional(),
    capException: CapException.nullable().optional(),
    /** Why (the decision's number and date, or the reason of a change). */
    note: z.string().trim().max(2000).optional(),
  })
  .refine((d) => d.tallies !== undefined || d.capException !== undefined, { message: 'Cần "tallies" hoặc "capException"' });
export type DecisionInput = z.infer<typeof DecisionInput>;

export const DecisionRecord = z.strictObject({
  unit: UnitCode,
  year: z.number().int(),
  version: z.number().int().min(1),
  decidedAt: z.string(),
  keyId: z.string(),
  tallies: DecidedTallies,
  capException: CapException.nullable(),
  note: z.string().nullable(),
  history: z.array(z.strictObject({ version: z.number().int(), decidedAt: z.string(), keyId: z.string() })),
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** POST /api/v1/periods/{year}/{unit}/lock: `force` with a reason locks over open items (missing, returned, not approved). */
export const LockBody = z.strictObject({ force: z.boolean().optional(), reason: z.string().trim().min(3).max(2000).optional() });
/** POST …/unlock: a reason is required (audited). */
export const UnlockBody = z.strictObject({ reason: z.string().trim().min(3).max(2000) });

/** GET /api/v1/periods/{year}/{unit}: the lock and the checklist of what is still open. */
export const OpenItem = z.strictObject({ unit: UnitCode, name: z.string(), state: z.enum(['missing', 'returned', 'submitted', 'stale']) });
export const PeriodView = z.strictObject({ unit: UnitCode, year: z.number().int(), locked: z.boolean(), lockedBy: UnitCode.nullable(), open: z.array(OpenItem) });
