import type { Policy } from '../model';

export interface CapResult {
  breach: boolean;
  /** The ratio in basis points (0.2 → 2000). */
  ratioBp: number;
  /** The denominator the policy names (excellent + good, or good). */
  base: number;
  /** The largest excellent count that complies when the excess moves to `good` (the fix hint). */
  max: number;
}

/**
 * The excellent cap, in integers: excellent ≤ ratio × base. Moving an excellent member to good keeps
 * excellent + good, so with the inclusive denominator the largest compliant count is floor(ratio × base);
 * with `good` only the base grows by what moves: e' ≤ ratio × (good + excellent − e').
 */
export function excellentCap(excellent: number, good: number, policy: Pick<Policy, 'capRatio' | 'capDenominator'>): CapResult {
  const ratioBp = Math.round(policy.capRatio * 10000);
  const base = policy.capDenominator === 'goodOrBetter' ? excellent + good : good;
  const breach = excellent * 10000 > ratioBp * base;
  const max =
    policy.capDenominator === 'goodOrBetter'
      ? Math.floor((ratioBp * base) / 10000)
      : Math.floor((ratioBp * (excellent + good)) / (10000 + ratioBp));
  return { breach, ratioBp, base, max };
}
