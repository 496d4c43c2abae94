import type { CapException, Finding, Policy, Rulebook, Subject, UnitKind } from '../model';
import { SUBJECTS } from '../model';
import { percentHundredths } from '../format';
import { excellentCap } from '../rules/cap';
import { findingCode, sortFindings } from '../rules/engine';
import { msg } from '../rules/messages';
import { consolidationMsg } from '../rules/consolidation-messages';
import { checkReport } from '../rules/engine';
import { unitPolicy } from '../rules/policy-chain';
import type { Sums } from './sums';

/**
 * Checks that only make sense across units: the excellent cap of the consolidating unit for the subjects its
 * policy names (by default organisations and committees), and the target on the consolidated figures.
 */
export function crossUnitFindings(input: { unit: string; unitName?: string; sums: Sums; policy: Policy; rulebook: Rulebook }): Finding[] {
  const { unit, sums, policy, rulebook } = input;
  const refOf = (rule: string) => rulebook.rules.find((r) => r.rule === rule)?.reference;
  const out: Finding[] = [];
  for (const subject of SUBJECTS) {
    const { excellent, good } = sums[subject].levels;
    if (policy.capScopes.includes(`${subject}.consolidating` as never) && excellent > 0) {
      const cap = excellentCap(excellent, good, policy);
      if (cap.breach) {
        out.push({
          code: findingCode(rulebook.codePrefix, 'excellent-cap', subject),
          rule: 'excellent-cap',
          severity: 'warning',
          unit,
          subject,
          level: 'excellent',
          path: ['subjects', subject, 'levels', 'excellent'],
          left: excellent,
          right: cap.max,
          reference: refOf('excellent-cap'),
          ...msg.excellentCap({ subject, unitName: input.unitName }, excellent, cap.ratioBp, cap.base, cap.max, policy.capDenominator),
        });
      }
    }
    const target = policy.targets[subject as Subject];
    const rated = excellent + good + sums[subject].levels.complete + sums[subject].levels.incomplete;
    if (target !== undefined && rated > 0) {
      const h = percentHundredths(excellent + good, rated) as number;
      if (h < Math.round(target * 100)) {
        out.push({
          code: findingCode(rulebook.codePrefix, 'target', subject),
          rule: 'target',
          severity: 'info',
          unit,
          subject,
          path: ['subjects', subject, 'percent', 'goodOrBetter'],
          left: h / 100,
          right: target,
          reference: refOf('target'),
          ...msg.target(subject, h / 100, target),
        });
      }
    }
  }
  return sortFindings(out);
}

/** A stored report that does not count this year, as the consolidating unit's warning (docs/api.md, "Who reports what"). */
export function notCountedFinding(
  unit: string,
  year: number,
  r: { unit: string; name: string; why: 'closed' | 'consolidating' | 'stale'; covers: string },
  prefix: string,
): Finding {
  const detail = r.why === 'stale' ? (r.covers ? `khi gửi: ${r.covers}` : 'khi gửi chưa có đơn vị trực thuộc') : '';
  return {
    code: `${prefix}.report-not-counted`,
    rule: 'report-not-counted',
    severity: 'warning',
    unit,
    path: ['units', r.unit],
    ...consolidationMsg.notCounted(r.unit, r.name, year, r.why, detail),
  };
}

/**
 * A đảng bộ cơ sở's chi bộ cap across its chi bộ, whether rows of its own report or registered units (their
 * chi bộ rows summed, decided where decided): a warning of the đảng bộ when breached.
 */
export function partyCommitteeBranchCap(b: { unit: string; name: string; excellent: number; good: number }, policy: Policy, rulebook: Rulebook): Finding | null {
  if (!policy.capScopes.includes('branch.unit') || b.excellent === 0) return null;
  const cap = excellentCap(b.excellent, b.good, policy);
  if (!cap.breach) return null;
  return {
    code: findingCode(rulebook.codePrefix, 'excellent-cap', 'branch'),
    rule: 'excellent-cap',
    severity: 'warning',
    unit: b.unit,
    subject: 'branch',
    level: 'excellent',
    path: ['units', b.unit, 'branch', 'levels', 'excellent'],
    left: b.excellent,
    right: cap.max,
    reference: rulebook.rules.find((r) => r.rule === 'excellent-cap')?.reference,
    ...msg.excellentCap({ subject: 'branch', unitName: b.name }, b.excellent, cap.ratioBp, cap.base, cap.max, policy.capDenominator),
  };
}

/**
 * The warnings of a stored report for a unit granted a cap exception (QĐ 366) after it sent: the report checked
 * again under the unit's policy, and the exception itself as an info finding with its reason.
 */
export function findingsUnderCapException(
  w: { unit: string; report: unknown; kind: UnitKind | string; capException: CapException },
  policy: Policy,
  prefix: string,
): Finding[] {
  const again = checkReport(w.report, { policy: unitPolicy(policy, w), kind: w.kind as UnitKind }).filter((f) => f.severity === 'warning');
  return [
    ...again,
    {
      code: `${findingCode(prefix, 'excellent-cap', 'member')}.exception`,
      rule: 'excellent-cap',
      severity: 'info',
      unit: w.unit,
      subject: 'member',
      path: ['decision', 'capException'],
      left: w.capException.ratio,
      reference: 'Quy định 366-QĐ/TW',
      ...consolidationMsg.capException(w.capException.ratio, w.capException.reason),
    },
  ];
}
