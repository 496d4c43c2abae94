import type { Finding, Subject, UnitKind, UnitReport } from '../model';
import { consolidationMsg } from './consolidation-messages';

/**
 * The rows a unit's own report must hold for its kind in the register (docs/domain.md, "Who reports what"):
 * - a TCCSĐ (đảng bộ cơ sở, chi bộ cơ sở) has exactly one organisation row of its own (its proposed rating);
 * - a chi bộ cơ sở has no chi bộ trực thuộc;
 * - a chi bộ trực thuộc registered as a unit reports its members and its own chi bộ row (1); it is not a TCCSĐ
 *   and has no grassroots committee (its rating is decided by the đảng ủy cơ sở above it).
 * Errors: a report that breaks these would drop or add a TCCSĐ in every consolidation above it.
 */
export function kindFindings(report: Pick<UnitReport, 'unit' | 'tallies'>, kind: UnitKind | undefined, codePrefix: string): Finding[] {
  if (!kind) return [];
  const rules: [Subject, (n: number) => boolean, string][] = [];
  if (kind === 'dang-bo-co-so' || kind === 'chi-bo-co-so') rules.push(['organization', (n) => n === 1, '1']);
  if (kind === 'chi-bo-co-so') rules.push(['branch', (n) => n === 0, '0']);
  if (kind === 'chi-bo-truc-thuoc') {
    rules.push(['organization', (n) => n === 0, '0'], ['committee', (n) => n === 0, '0'], ['branch', (n) => n === 1, '1']);
  }
  const out: Finding[] = [];
  for (const [subject, ok, expected] of rules) {
    const total = report.tallies[subject]?.total ?? 0;
    if (ok(total)) continue;
    out.push({
      code: `${codePrefix}.unit-kind.${subject}`,
      rule: 'unit-kind',
      severity: 'error',
      unit: report.unit,
      subject,
      path: ['tallies', subject, 'total'],
      left: total,
      right: Number(expected),
      ...consolidationMsg.kindRowCount(kind, subject, total, expected),
      reference: 'HD 43-HD/BTCTW (đối tượng đánh giá, xếp loại)',
    });
  }
  return out;
}
