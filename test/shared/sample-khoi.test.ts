import { describe, expect, it } from 'vitest';
import { checkReport, consolidateReports, SUBJECTS, UnitReport } from '../../shared';
import { expectFigures } from '../helpers/figures';
import { loadSample } from '../helpers/sample';

const { input, expected } = loadSample();
const nameOf = new Map(input.units.map((u) => [u.code, u.name]));

function unitsOf(year: number) {
  return input.units
    .filter((u) => u.parent === input.root && (u.from ?? -Infinity) <= year && year <= (u.to ?? Infinity))
    .map((u) => ({ code: u.code, name: u.name }));
}

function consolidated(year: number) {
  return consolidateReports({
    unit: input.root,
    unitName: nameOf.get(input.root),
    year,
    reports: input.reports[String(year)] ?? [],
    previousReports: input.reports[String(year - 1)] ?? [],
    expected: unitsOf(year),
  });
}

describe('sample bloc (../shared/data/sample-khoi)', () => {
  it('every report is a valid UnitReport', () => {
    for (const reports of Object.values(input.reports)) for (const r of reports) UnitReport.parse(r);
  });

  for (const year of [2024, 2025]) {
    describe(`${year}`, () => {
      const view = consolidated(year);
      for (const subject of SUBJECTS) {
        it(`reproduces every ${subject} figure of expected.json`, () => {
          expectFigures(view.subjects[subject], expected.consolidated[String(year)][subject], subject);
        });
      }
      it('covers every unit of the register for the year', () => {
        expect(view.coverage).toEqual({ expected: unitsOf(year).length, submitted: unitsOf(year).length, missing: [] });
        expect(view.units.map((u) => u.unit)).toEqual(unitsOf(year).map((u) => u.code));
      });
    });
  }

  it('2025: raises exactly the expected findings, and no other warning or error', () => {
    const view = consolidated(2025);
    const got = view.findings
      .filter((f) => f.severity !== 'info')
      .map((f) => ({ unit: f.unit, subject: f.subject, group: f.group, rule: f.rule, severity: f.severity }));
    const want = expected.findings
      .filter((f: any) => f.year === 2025)
      .map((f: any) => ({ unit: f.unit, subject: f.subject, group: f.group, rule: f.rule, severity: f.severity }));
    const key = (f: any) => JSON.stringify([f.unit, f.subject, f.group ?? null, f.rule, f.severity]);
    expect(got.map(key).sort()).toEqual(want.map(key).sort());
  });

  it('2025: the unit findings come from the same engine, one report at a time', () => {
    const perUnit = input.reports['2025']!.flatMap((r) => checkReport(r)).filter((f) => f.severity !== 'info');
    expect(perUnit.map((f) => `${f.unit}:${f.code}`)).toEqual([
      'KM-02:qd366.excellent-cap.branch',
      'KM-04:qd366.excellent-cap.member',
      'KM-04:qd366.excellent-cap.member.staff',
      'KM-07:qd366.group-split.member',
    ]);
  });

  it('2025: the bloc-level organisation cap names the figures and the fix', () => {
    const f = consolidated(2025).findings.find((x) => x.unit === 'KM' && x.rule === 'excellent-cap');
    expect(f?.message).toContain('Xuất sắc 3 > 20% × 10 = 2');
    expect(f?.hint).toBe('Giảm xuống ≤ 2 hoặc ghi lý do.');
  });

  it('2024: no warning or error in any report', () => {
    const bad = input.reports['2024']!.flatMap((r) => checkReport(r)).filter((f) => f.severity !== 'info');
    expect(bad).toEqual([]);
  });
});
