import * as z from 'zod';
import { RuleName, Severity, Subject, UnratedReason } from './enums';
import { Policy } from './policy';

/**
 * A reference to a number of a subject's tally: `total`, `disciplined`, `levels.<level>`, `unrated.<reason>`,
 * `levels.*` / `unrated.*` (the sum of all), or a whole-number constant. A leading `-` subtracts it.
 */
export const TermRef = z.string().regex(/^-?(total|disciplined|levels\.(\*|excellent|good|complete|incomplete)|unrated\.(\*|new|exempt|suspended|other)|\d+)$/);
export type TermRef = z.infer<typeof TermRef>;

export const Comparison = z.strictObject({
  left: z.array(TermRef).min(1),
  op: z.enum(['=', '<=', '>=']),
  right: z.array(TermRef).min(1),
});
export type Comparison = z.infer<typeof Comparison>;

/** Checks that a comparison of sums cannot express; each is a function of the engine (shared/rules/checks.ts). */
export const CheckName = z.enum([
  'period',
  'missing-value',
  'negative-or-fraction',
  'unrated-reason-allowed',
  'unrated-reason-other',
  'group-sum',
  'group-split-missing',
  'group-split-sum',
  'excellent-cap',
  'committee-count',
  'score-band',
  'target',
]);
export type CheckName = z.infer<typeof CheckName>;

/** One rule, as data (DHIS2 / Arelle style): evaluated by shared/rules against a UnitReport. */
export const RuleDef = z
  .strictObject({
    id: z.string().min(1),
    rule: RuleName,
    /** The subjects it is evaluated for; empty for rules about the report as a whole. */
    subjects: z.array(Subject),
    severity: Severity,
    /** The regulation (and guidance) the rule comes from. */
    reference: z.string().min(1),
    /** What a missing operand does: skip the rule (the missing-value rule reports it) or count as 0. */
    missing: z.enum(['skip', 'zero']),
    compare: Comparison.optional(),
    check: CheckName.optional(),
  })
  .refine((r) => (r.compare === undefined) !== (r.check === undefined), 'A rule has either `compare` or `check`');
export type RuleDef = z.infer<typeof RuleDef>;

export const RulebookId = z.enum(['qd132-hd16', 'qd132-hd21', 'qd124-hd25', 'qd366-hd43']);
export type RulebookId = z.infer<typeof RulebookId>;

export const Rulebook = z.strictObject({
  id: RulebookId,
  /** Prefix of finding codes: `qd124.excellent-cap.member`. */
  codePrefix: z.string(),
  years: z.strictObject({ from: z.number().int(), to: z.number().int().nullable() }),
  regulation: z.string(),
  guidance: z.string(),
  /** The unrated reasons this regulation knows. */
  unratedReasons: z.array(UnratedReason),
  /** Ratings come from a 100-point score (QĐ 366). */
  scored: z.boolean(),
  rules: z.array(RuleDef),
  defaultPolicy: Policy,
});
export type Rulebook = z.infer<typeof Rulebook>;
