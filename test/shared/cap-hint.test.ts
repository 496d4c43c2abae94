import { describe, expect, it } from 'vitest';
import { checkReport } from '../../shared';
import { baseReport, edit } from '../helpers/reports';

describe('the cap hint never says "≤ 0"', () => {
  it('when the ratio allows no excellent at all (20% × 4 < 1), the hint says so in words', () => {
    const r = edit(baseReport(2025), (x) => {
      x.tallies.branch = { total: 4, unrated: {}, levels: { excellent: 1, good: 3, complete: 0, incomplete: 0 } };
    });
    const cap = checkReport(r).find((f) => f.rule === 'excellent-cap' && f.subject === 'branch');
    expect(cap?.hint).toContain('không được có trường hợp xuất sắc');
    expect(cap?.hint).not.toMatch(/≤ 0/);
    expect(cap?.hintEn).toContain('none may be excellent');
  });

  it('otherwise it gives the largest count that complies', () => {
    const r = edit(baseReport(2025), (x) => {
      x.tallies.branch = { total: 10, unrated: {}, levels: { excellent: 3, good: 7, complete: 0, incomplete: 0 } };
    });
    expect(checkReport(r).find((f) => f.rule === 'excellent-cap' && f.subject === 'branch')?.hint).toBe('Giảm xuống ≤ 2 hoặc ghi lý do.');
  });
});
