/**
 * Percentages with integer arithmetic only: a percentage is carried as whole hundredths of a percent
 * (97,82% → 9782), rounded half up, so that no float drift can make 8/51 print as both 15,68 and 15,69.
 */

/** round_half_up(num / den × 100, 2 decimals) in hundredths, or null when the base is 0. */
export function percentHundredths(num: number, den: number): number | null {
  if (den === 0) return null;
  // num × 10000 / den, half up: floor((2 × num × 10000 + den) / (2 × den)). Counts ≤ 1e8 keep this below 2^53.
  return Math.floor((2 * num * 10000 + den) / (2 * den));
}

/** The percentage as a number with at most 2 decimals (97.82), or null when the base is 0. */
export function percentOf(num: number, den: number): number | null {
  const h = percentHundredths(num, den);
  return h === null ? null : h / 100;
}

/** Hundredths of a percentage printed with 2 decimals (Math.round undoes binary noise such as 0.07 × 100). */
export function toHundredths(p: number): number {
  return Math.round(p * 100);
}

/** Difference in percentage points of two 2-decimal percentages, exactly; null if either is null. */
export function percentChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return (toHundredths(current) - toHundredths(previous)) / 100;
}

/** A number typed with a given count of decimals: value = mantissa / 10^decimals. */
export interface ScaledNumber {
  mantissa: bigint;
  decimals: number;
}

/**
 * Does a typed percentage match num/den at the precision it was typed with? `19,4` for 19,40 passes,
 * truncation passes where allowed, `80` for 9/10 fails. Exact, with BigInt.
 */
export function typedPercentMatches(
  typed: ScaledNumber,
  num: number,
  den: number,
  rounding: 'half-up' | 'half-up-or-truncate' = 'half-up-or-truncate',
): boolean {
  if (den === 0) return typed.mantissa === 0n;
  const scale = 10n ** BigInt(typed.decimals);
  const n = BigInt(num) * 100n * scale;
  const d = BigInt(den);
  const halfUp = (2n * n + d) / (2n * d);
  if (typed.mantissa === halfUp) return true;
  return rounding === 'half-up-or-truncate' && typed.mantissa === n / d;
}

/** The value a typed percentage should have at its own precision (for the fix hint). */
export function expectedTypedPercent(num: number, den: number, decimals: number): number | null {
  if (den === 0) return null;
  const scale = 10n ** BigInt(decimals);
  const n = BigInt(num) * 100n * scale;
  const d = BigInt(den);
  return Number((2n * n + d) / (2n * d)) / Number(scale);
}
