import type { Finding, Policy, Rulebook, Subject } from '../model';
import { SUBJECTS } from '../model';
import { percentHundredths } from '../format';
import { excellentCap } from '../rules/cap';
import { findingCode, sortFindings } from '../rules/engine';
import { msg } from '../rules/messages';
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
