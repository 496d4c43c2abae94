import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkReport,
  consolidatedFigures,
  formatChangeVi,
  formatInt,
  formatPercent,
  LEVELS,
  mergeSums,
  narrative,
  countVi,
  PERCENT_KEYS,
  SUBJECTS,
  sumReports,
  toHundredths,
  type UnitReport,
} from '../../shared';
import { baseReport } from '../helpers/reports';

const count = (max: number) => fc.integer({ min: 0, max });
const levels = (max: number) => fc.record({ excellent: count(max), good: count(max), complete: count(max), incomplete: count(max) });
const tally = (max: number) =>
  fc.record({ levels: levels(max), unrated: fc.record({ new: count(max), exempt: count(max) }, { requiredKeys: [] }) }).map((t) => ({
    ...t,
    total: LEVELS.reduce((s, l) => s + t.levels[l], 0) + Object.values(t.unrated).reduce((s, n) => s + n, 0),
  }));

const report: fc.Arbitrary<UnitReport> = fc
  .record({ unit: fc.constantFrom('A', 'B', 'C', 'D'), year: fc.integer({ min: 2018, max: 2030 }), committee: tally(1), organization: tally(1), branch: tally(30), member: tally(3000) })
  .map((r) => ({ unit: r.unit, year: r.year, tallies: { committee: r.committee, organization: r.organization, branch: r.branch, member: r.member } }));

describe('properties', () => {
  it('consolidating the parts, then the whole, equals consolidating everything at once (any partition)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(report, fc.integer({ min: 0, max: 4 })), { maxLength: 40 }), (tagged) => {
        const all = tagged.map(([r]) => r);
        const parts = [0, 1, 2, 3, 4].map((k) => sumReports(tagged.filter(([, p]) => p === k).map(([r]) => r)));
        const merged = parts.reduce((a, b) => mergeSums(a, b));
        expect(merged).toEqual(sumReports(all));
        expect(consolidatedFigures(merged, null)).toEqual(consolidatedFigures(sumReports(all), null));
      }),
      { numRuns: 300 },
    );
  });

  it("a subject's level percentages add up to 100 but for rounding; rated + unrated too", () => {
    fc.assert(
      fc.property(fc.array(report, { minLength: 1, maxLength: 20 }), (reports) => {
        const f = consolidatedFigures(sumReports(reports), null);
        for (const s of SUBJECTS) {
          const p = f[s].percent;
          if (f[s].rated > 0) {
            const sum = LEVELS.reduce((acc, l) => acc + toHundredths(p[l] as number), 0);
            expect(Math.abs(sum - 10000)).toBeLessThanOrEqual(2); // 4 roundings of at most 0,005 each
          } else {
            for (const l of LEVELS) expect(p[l]).toBeNull();
          }
          if (f[s].total > 0) {
            expect(Math.abs(toHundredths(p.rated as number) + toHundredths(p.unrated as number) - 10000)).toBeLessThanOrEqual(1);
          }
          for (const k of PERCENT_KEYS) {
            const v = p[k];
            if (v !== null) expect(Number.isInteger(toHundredths(v)) && Math.abs(v * 100 - toHundredths(v)) < 1e-6).toBe(true);
          }
        }
      }),
    );
  });

  it('every number in the prose is a number of the tables', () => {
    fc.assert(
      fc.property(fc.array(report, { maxLength: 10 }), fc.array(report, { maxLength: 10 }), (now, before) => {
        const f = consolidatedFigures(sumReports(now), before.length ? sumReports(before) : null);
        // the paragraph numbers, last year, "6 tháng"
        const allowed = new Set<string>(['1', '2', '3', '4', '2024', '6']);
        for (const s of SUBJECTS) {
          const x = f[s];
          for (const n of [x.total, x.rated, x.unrated, x.goodOrBetter, ...LEVELS.map((l) => x.levels[l]), ...Object.values(x.unratedByReason)]) {
            allowed.add(formatInt(n as number));
            allowed.add(countVi(n as number));
          }
          for (const k of PERCENT_KEYS) if (x.percent[k] !== null) allowed.add(formatPercent(x.percent[k], { trim: true }));
          for (const k of PERCENT_KEYS) if (x.change?.[k] != null) allowed.add(formatChangeVi(x.change[k] as number).replace(/^\D+|%$/g, ''));
        }
        const text = narrative(f, 2025);
        for (const token of text.match(/\d[\d.]*(,\d+)?/g) ?? []) expect(allowed, token).toContain(token.replace(/\.$/, ''));
      }),
      { numRuns: 200 },
    );
  });

  it('no input makes the engine throw: it returns findings', () => {
    const anyReportish = fc.oneof(
      fc.anything(),
      fc.record({
        unit: fc.oneof(fc.string(), fc.constant('KM-01')),
        year: fc.oneof(fc.integer(), fc.double(), fc.constant(2025)),
        tallies: fc.dictionary(
          fc.constantFrom(...SUBJECTS, 'x'),
          fc.record(
            {
              total: fc.oneof(fc.double(), fc.integer(), fc.constant(null)),
              unrated: fc.dictionary(fc.constantFrom('new', 'exempt', 'suspended', 'other'), fc.oneof(fc.double(), fc.constant(null))),
              levels: fc.dictionary(fc.constantFrom(...LEVELS), fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double(), fc.constant(null))),
              groups: fc.dictionary(fc.constantFrom('leader', 'manager', 'staff'), fc.dictionary(fc.constantFrom(...LEVELS), fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constant(null)))),
              scoreBands: fc.dictionary(fc.constantFrom(...LEVELS), fc.dictionary(fc.constantFrom(...LEVELS), fc.integer({ min: -1, max: 9 }))),
              disciplined: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constant(null)),
            },
            { requiredKeys: [] },
          ),
        ),
      }),
    );
    fc.assert(
      fc.property(anyReportish, fc.option(fc.integer({ min: 2000, max: 2030 })), (input, year) => {
        const fs = checkReport(input, year === null ? {} : { period: { year } });
        expect(Array.isArray(fs)).toBe(true);
        for (const f of fs) expect(typeof f.message).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });

  it('any valid report is checked without an error finding about its arithmetic', () => {
    fc.assert(
      fc.property(report, (r) => {
        const arithmetic = checkReport(r).filter((f) => ['total-mismatch', 'negative-or-fraction', 'missing-value', 'invalid-structure'].includes(f.rule));
        expect(arithmetic).toEqual([]);
      }),
    );
    expect(checkReport(baseReport())).toEqual([]);
  });
});
