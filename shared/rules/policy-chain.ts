import type { CapException, Policy, PolicyInput, Rulebook, UnitKind } from '../model';
import { resolvePolicy } from './engine';

/** A policy set by a unit for a year (nearest first in a chain: the unit itself, its parent, …). */
export interface PolicySet {
  unit: string;
  policy: PolicyInput;
}

export interface PolicyInForce {
  values: Policy;
  /** The unit whose policy gave each parameter (absent: the rulebook's default). */
  from: Partial<Record<keyof Policy, string>>;
}

type Cmp<K extends keyof Policy> = (a: Policy[K], b: Policy[K]) => number;
const rank = <T extends string>(order: T[]) => (a: T, b: T) => order.indexOf(a) - order.indexOf(b);

/**
 * How strict each parameter is: > 0 when `a` is stricter than `b`. A smaller cap ratio, the `good`
 * denominator, more cap scopes, a required group split, higher targets and score bands, and half-up-only
 * rounding of typed percentages are stricter.
 */
const STRICTER: { [K in keyof Policy]: Cmp<K> } = {
  capRatio: (a, b) => b - a,
  capDenominator: rank(['goodOrBetter', 'good']),
  capScopes: (a, b) => (b.every((s) => a.includes(s)) ? a.length - b.length : a.every((s) => b.includes(s)) ? -1 : NaN),
  groupSplitRequired: (a, b) => Number(a) - Number(b),
  targets: (a, b) => {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof typeof a>;
    let sign = 0;
    for (const k of keys) {
      const d = (a[k] ?? -1) - (b[k] ?? -1);
      if (d === 0) continue;
      if (sign !== 0 && Math.sign(d) !== sign) return NaN;
      sign = Math.sign(d);
    }
    return sign;
  },
  typedPercentRounding: rank(['half-up-or-truncate', 'half-up']),
  scoreBands: (a, b) => {
    const d = [a.excellent - b.excellent, a.good - b.good, a.complete - b.complete];
    if (d.some((x) => x > 0) && d.some((x) => x < 0)) return NaN;
    return Math.sign(d.find((x) => x !== 0) ?? 0);
  },
};

function combineField<K extends keyof Policy>(k: K, a: Policy[K], b: Policy[K]): Policy[K] {
  const c = STRICTER[k](a, b);
  if (c >= 0) return a;
  if (c < 0) return b;
  // neither is stricter in every part (two different scope lists, targets for different subjects): both apply
  if (k === 'capScopes') return [...new Set([...(a as string[]), ...(b as string[])])] as Policy[K];
  if (k === 'targets') {
    const out: Record<string, number> = { ...(a as Record<string, number>) };
    for (const [s, v] of Object.entries(b as Record<string, number>)) out[s] = Math.max(out[s] ?? 0, v);
    return out as Policy[K];
  }
  const sa = a as Policy['scoreBands'];
  const sb = b as Policy['scoreBands'];
  return { excellent: Math.max(sa.excellent, sb.excellent), good: Math.max(sa.good, sb.good), complete: Math.max(sa.complete, sb.complete) } as Policy[K];
}

/**
 * The policy in force for a unit and year: for each parameter, the strictest value set by the unit or any unit
 * above it, over the rulebook's defaults. A unit below can tighten the policy of the level above, never loosen it.
 */
export function policyInForce(rulebook: Rulebook, chain: PolicySet[]): PolicyInForce {
  const set: Partial<Policy> = {};
  const from: PolicyInForce['from'] = {};
  for (const { unit, policy } of chain) {
    for (const k of Object.keys(policy) as (keyof Policy)[]) {
      const v = policy[k];
      if (v === undefined) continue;
      if (set[k] === undefined) {
        (set as Record<string, unknown>)[k] = v;
        from[k] = unit;
        continue;
      }
      const next = combineField(k, set[k] as never, v as never);
      if (next !== set[k]) {
        (set as Record<string, unknown>)[k] = next;
        from[k] = unit;
      }
    }
  }
  return { values: resolvePolicy(rulebook, set), from };
}

/** The parameters of `input` that are looser than the policy set above (`above`: the chain above the unit). */
export function looserParameters(input: PolicyInput, above: PolicyInForce): { param: keyof Policy; from: string }[] {
  const out: { param: keyof Policy; from: string }[] = [];
  for (const k of Object.keys(input) as (keyof Policy)[]) {
    const v = input[k];
    const by = above.from[k];
    if (v === undefined || by === undefined) continue;
    const c = STRICTER[k](v as never, above.values[k] as never);
    if (!(c >= 0)) out.push({ param: k, from: by });
  }
  return out;
}

/**
 * The policy one unit's report is checked under: the policy in force, with the cap exception the level above
 * granted it (QĐ 366: the ratio raised for that unit and year). A registered chi bộ trực thuộc's chi bộ row is
 * one chi bộ: the chi bộ cap is checked across all the chi bộ of its đảng bộ cơ sở, not on that single row.
 */
export function unitPolicy(policy: Policy, unit: { kind?: UnitKind | string | null; capException?: Pick<CapException, 'ratio'> | null }): Policy {
  let values = policy;
  if (unit.capException && unit.capException.ratio > values.capRatio) values = { ...values, capRatio: unit.capException.ratio };
  if (unit.kind === 'chi-bo-truc-thuoc') values = { ...values, capScopes: values.capScopes.filter((s) => s !== 'branch.unit') };
  return values;
}
