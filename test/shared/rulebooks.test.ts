import { describe, expect, it } from 'vitest';
import { RULEBOOKS, Rulebook, rulebookFor, UnsupportedYearError, Policy } from '../../shared';

describe('rulebooks', () => {
  it.each([
    [2018, 'qd132-hd16'],
    [2019, 'qd132-hd21'],
    [2022, 'qd132-hd21'],
    [2023, 'qd124-hd25'],
    [2024, 'qd124-hd25'],
    [2025, 'qd366-hd43'],
    [2031, 'qd366-hd43'],
  ])('%i → %s', (year, id) => {
    expect(rulebookFor(year).id).toBe(id);
  });
  it('a year before 2018 is a clear error', () => {
    expect(() => rulebookFor(2017)).toThrow(UnsupportedYearError);
    expect(() => rulebookFor(2017)).toThrow('Năm 2017 chưa có bộ quy định');
    expect(() => rulebookFor(2024.5)).toThrow(UnsupportedYearError);
  });
  it('each rulebook is valid data, rule ids unique, years contiguous', () => {
    let next = 2018;
    for (const book of RULEBOOKS) {
      Rulebook.parse(book);
      Policy.parse(book.defaultPolicy);
      expect(new Set(book.rules.map((r) => r.id)).size).toBe(book.rules.length);
      expect(book.years.from).toBe(next);
      next = (book.years.to ?? 9999) + 1;
    }
  });
  it('default policy: cap 0.2 of good-or-better, split required from 2023, target 90% as info', () => {
    for (const book of RULEBOOKS) {
      expect(book.defaultPolicy).toMatchObject({ capRatio: 0.2, capDenominator: 'goodOrBetter', targets: { member: 90 } });
      expect(book.defaultPolicy.groupSplitRequired).toBe(book.years.from >= 2023);
      expect(book.rules.find((r) => r.rule === 'target')?.severity).toBe('info');
    }
  });
  it('suspended is a reason from 2019; scores from 2025; discipline from 2023', () => {
    expect(rulebookFor(2018).unratedReasons).not.toContain('suspended');
    expect(rulebookFor(2019).unratedReasons).toContain('suspended');
    expect(RULEBOOKS.filter((b) => b.scored).map((b) => b.id)).toEqual(['qd366-hd43']);
    expect(RULEBOOKS.filter((b) => b.rules.some((r) => r.rule === 'discipline-excellent')).map((b) => b.id)).toEqual(['qd124-hd25', 'qd366-hd43']);
  });
  it('arithmetic and structure are errors, rating rules warnings', () => {
    const sev = Object.fromEntries(rulebookFor(2025).rules.map((r) => [r.id, r.severity]));
    expect(sev).toMatchObject({
      'total-mismatch': 'error',
      'negative-or-fraction': 'error',
      'missing-value': 'error',
      'group-sum': 'error',
      'group-split-sum': 'error',
      'group-split-missing': 'warning',
      'excellent-cap': 'warning',
      'discipline-excellent': 'warning',
      'score-band': 'error',
    });
  });
});

describe('the reporting year a form opens on', () => {
  it('is this year from October, last year before', async () => {
    const { reportingYearAt } = await import('../../shared');
    expect(reportingYearAt(new Date(2026, 10, 29))).toBe(2026);
    expect(reportingYearAt(new Date(2026, 9, 1))).toBe(2026);
    expect(reportingYearAt(new Date(2027, 1, 15))).toBe(2026);
    expect(reportingYearAt(new Date(2026, 8, 30))).toBe(2025);
  });
});
