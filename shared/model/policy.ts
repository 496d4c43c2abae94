import * as z from 'zod';
import { Subject } from './enums';

/** Where the excellent cap is applied (docs/domain.md, "The excellent cap"). */
export const CapScope = z.enum([
  'member.unit',
  'member.group',
  'branch.unit',
  'organization.consolidating',
  'committee.consolidating',
  'member.consolidating',
  'branch.consolidating',
]);
export type CapScope = z.infer<typeof CapScope>;

const Score = z.number().int().min(0).max(100);

/** A share between `min` and `max` (0.2 = 20%), at most 4 decimals (basis points: checked in integers). */
export function ratio(min: number, max: number, exclusiveMin = false) {
  const base = exclusiveMin ? z.number().gt(min) : z.number().min(min);
  return base.max(max).refine((r) => Math.abs(r * 10000 - Math.round(r * 10000)) < 1e-6, 'Tối đa 4 chữ số thập phân');
}

/**
 * The [policy] parameters of docs/domain.md, set per consolidating unit and year. Defaults come from the
 * rulebook of the year.
 */
export const Policy = z.strictObject({
  /** Excellent may not exceed this share of the denominator (0.2 = 20%). At most 4 decimals. */
  capRatio: ratio(0, 1),
  /** `goodOrBetter` (excellent + good, as published reports compute it) or `good` only. */
  capDenominator: z.enum(['goodOrBetter', 'good']),
  capScopes: z.array(CapScope).max(CapScope.options.length),
  /** Missing member-group split → warning (required from 2023 by default). */
  groupSplitRequired: z.boolean(),
  /** Minimum good-or-better percentage per subject; below it → an info finding. */
  targets: z.partialRecord(Subject, z.number().min(0).max(100)),
  /** How a typed percentage may be rounded: half up only, or half up or truncated. */
  typedPercentRounding: z.enum(['half-up-or-truncate', 'half-up']),
  /** QĐ 366 score bands: lowest score of each level; below `complete` → incomplete (by analogy, [policy]). */
  scoreBands: z.strictObject({ excellent: Score, good: Score, complete: Score }),
});
export type Policy = z.infer<typeof Policy>;

/** What a PUT of the policy may carry: any subset of the parameters. */
export const PolicyInput = Policy.partial();
export type PolicyInput = z.infer<typeof PolicyInput>;
