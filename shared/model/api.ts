import * as z from 'zod';
import { Finding } from './finding';
import { CapException, Coverage, DecidedTallies, ReportStatus, UnitRow } from './consolidated';
import { UnitReport, UnitCode } from './report';
import { UnitKind, Year } from './enums';
import { UnitInput } from './unit';

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

/** Who did something: the key's unit, role and label (null for the bootstrap administrator key or a key no longer known). */
export const Actor = z.strictObject({ unit: UnitCode, role: z.enum(['unit', 'reviewer', 'admin']), label: z.string().nullable() }).nullable();

/** The counts a version sent, per subject: total and the four levels. */
export const SentCounts = z.record(
  z.enum(['committee', 'organization', 'branch', 'member']),
  z.strictObject({ total: z.number(), excellent: z.number(), good: z.number(), complete: z.number(), incomplete: z.number() }),
);
export const HistoryEntry = z.strictObject({
  version: z.number().int(),
  receivedAt: z.string(),
  keyId: z.string(),
  /** Added for the page: who sent it, and what it counted. */
  by: Actor.optional(),
  counts: SentCounts.optional(),
});
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
  /** The latest version (differs from `version` when `?version=N` asked for an earlier one). */
  latest: z.number().int().optional(),
  /** The unit (itself or above) whose lock covers the year, if any. */
  lockedBy: z.string().nullable().optional(),
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

/** GET /api/v1/me: the key's unit (null: the bootstrap administrator key) and role. */
export const Me = z.strictObject({ keyId: z.string(), unit: UnitCode.nullable(), role: Role });

/** One key as the key list shows it: never its secret. */
export const KeyInfo = z.strictObject({
  id: z.string(),
  unit: UnitCode,
  name: z.string(),
  role: Role,
  label: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The last request made with the key (to the minute), null if never used. */
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type KeyInfo = z.infer<typeof KeyInfo>;
export const KeyList = z.strictObject({ unit: UnitCode.nullable(), keys: z.array(KeyInfo) });

/**
 * POST /api/v1/keys/batch (admin): a key for every unit of the subtree of `unit` (itself included) that exists
 * in `year` (every unit without it); `onlyWithoutKey`: skip units that already have a key in force. `role`:
 * the same for all, or by default `reviewer` for units with units under them and `unit` for the others.
 */
export const KeyBatchCreate = z.strictObject({
  unit: UnitCode,
  role: Role.optional(),
  onlyWithoutKey: z.boolean().optional(),
  year: Year.optional(),
  label: z.string().max(100).optional(),
});
export type KeyBatchCreate = z.infer<typeof KeyBatchCreate>;
export const IssuedKey = z.strictObject({ id: z.string(), key: z.string(), unit: UnitCode, name: z.string(), role: Role });
export type IssuedKey = z.infer<typeof IssuedKey>;
export const KeyBatchCreated = z.strictObject({ ok: z.literal(true), keys: z.array(IssuedKey), skipped: z.array(UnitCode) });
export type KeyBatchCreated = z.infer<typeof KeyBatchCreated>;

/** GET /api/v1/audit/{year}/{unit} (reviewer): who did what, when, in the subtree for the year (newest first). */
export const AuditEntry = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  keyId: z.string(),
  actor: Actor,
  action: z.string(),
  target: z.string(),
  detail: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditView = z.strictObject({ unit: UnitCode, year: z.number().int(), entries: z.array(AuditEntry), more: z.boolean() });
export type AuditView = z.infer<typeof AuditView>;

/** GET /api/v1/units/{unit}/register (reviewer): the subtree as the register sheet holds it, lineage included. */
export const RegisterView = z.strictObject({ unit: UnitCode, units: z.array(UnitInput) });
export type RegisterView = z.infer<typeof RegisterView>;

export const RegisterField = z.enum(['name', 'parent', 'kind', 'type', 'from', 'to', 'predecessors']);
/** POST /api/v1/units/preview (admin): what a PUT of the same body would change, and what it would refuse. Writes nothing. */
export const RegisterPreview = z.strictObject({
  ok: z.literal(true),
  units: z.array(
    z.strictObject({
      code: UnitCode,
      state: z.enum(['added', 'changed', 'unchanged']),
      changes: z.array(z.strictObject({ field: RegisterField, before: z.unknown(), after: z.unknown() })),
    }),
  ),
  /** Units registered under the list's top units that the list leaves out: kept as they are. */
  absent: z.array(UnitCode),
  /** What the PUT would refuse (403/422), in the error envelope's item shape, paths into `units`. */
  errors: z.array(ApiErrorItem),
  /** The PUT would be refused with this status (0: it would be accepted). */
  status: z.number().int(),
});
export type RegisterPreview = z.infer<typeof RegisterPreview>;
/** GET /api/v1/periods/{year}/{unit}: the lock and the checklist of what is still open. */
export const OpenItem = z.strictObject({ unit: UnitCode, name: z.string(), state: z.enum(['missing', 'returned', 'submitted', 'stale']) });
export const PeriodView = z.strictObject({ unit: UnitCode, year: z.number().int(), locked: z.boolean(), lockedBy: UnitCode.nullable(), open: z.array(OpenItem) });
