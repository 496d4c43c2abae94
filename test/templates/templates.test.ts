import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bieu01Workbook, workbookBuffer } from '../../shared/xlsx';
import { gridsFromXlsx } from '../helpers/xlsx';
import { checkGrids, checkReport, readBieu01, SUBJECTS, type Grid, type UnitReport } from '../../shared';
import { loadSample } from '../helpers/sample';
import type { FixtureCase } from './make-fixtures';

const { input } = loadSample();
const FIX = new URL('../fixtures/templates/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(FIX + 'manifest.json', 'utf8')) as FixtureCase[];
const sampleReport = (unit: string, year: number) => input.reports[String(year)]!.find((r) => r.unit === unit)!;
const tallies = (r: { tallies: any }) => JSON.parse(JSON.stringify(Object.fromEntries(SUBJECTS.map((s) => [s, r.tallies[s]]))));
const readerRules = new Set(['unreadable-cell', 'template-structure']);

describe('Biểu 01 round trip: generate the template filled with a report, read it back', () => {
  for (const year of [2024, 2025]) {
    for (const r of input.reports[String(year)]!) {
      it(`${year} ${r.unit}`, async () => {
        const wb = bieu01Workbook({ year, unit: r.unit, unitName: r.unit, report: r });
        const grids = await gridsFromXlsx(await workbookBuffer(wb));
        const res = checkGrids(grids, { period: { year, unit: r.unit } });
        expect(res.report?.unit).toBe(r.unit);
        expect(res.report?.year).toBe(year);
        expect(tallies(res.report!)).toEqual(tallies(r));
        // the same findings as the engine on the report itself, now at their cells
        expect(res.findings.map((f) => f.code)).toEqual(checkReport(r).map((f) => f.code));
        for (const f of res.findings) expect(f.cell).toMatch(/^Biểu 01![A-Z]+\d+$/);
      });
    }
  }
});

describe('drifted and broken workbooks (test/fixtures/templates)', () => {
  it('has at least 15 cases', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(15);
  });
  for (const c of manifest) {
    it(`${c.file}: ${c.what}`, async () => {
      const grids = await gridsFromXlsx(readFileSync(FIX + c.file));
      const res = checkGrids(grids, { period: { year: c.period } });
      if (c.kind === 'drift') {
        const want = sampleReport(c.unit, c.year);
        expect(res.findings.filter((f) => readerRules.has(f.rule) || f.severity === 'error')).toEqual([]);
        expect(tallies(res.report!)).toEqual(tallies(want));
        expect(res.report?.unit).toBe(c.unit);
      } else {
        for (const e of c.expect ?? []) {
          const hit = res.findings.find((f) => f.rule === e.rule && (e.cell === '' || f.cell === e.cell));
          expect(hit, `${e.rule} at ${e.cell}; got ${res.findings.map((f) => `${f.rule}@${f.cell}`).join(', ')}`).toBeDefined();
          expect(hit!.severity).toBe(e.severity);
        }
      }
    });
  }
});

describe('reader edge cases', () => {
  const grid = (values: unknown[][]): Grid => ({ sheet: 'S', origin: { row: 1, col: 1 }, values });

  it('never throws on any grid: it returns findings', () => {
    const cell = fc.oneof(fc.constant(''), fc.string(), fc.integer(), fc.double(), fc.constantFrom('Đảng viên', 'Xuất sắc', 'Hoàn thành tốt nhiệm vụ', 'Tổng số', 'Mới', '#REF!', 'NĂM 2025', 'Mã đơn vị: KM-01', 'Số lượng', 'Tỷ lệ %', 'Không hoàn thành nhiệm vụ', 'Hoàn thành nhiệm vụ'));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 20 }), { maxLength: 30 }), fc.integer({ min: 1, max: 50 }), (values, row) => {
        const res = checkGrids([{ sheet: 'S', origin: { row, col: 1 }, values }], { period: { year: 2025 } });
        expect(Array.isArray(res.findings)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('an empty sheet → no-template at its first cell', () => {
    const res = checkGrids([grid([])]);
    expect(res.findings.map((f) => [f.code, f.cell])).toEqual([['template.no-template', 'S!A1']]);
  });

  it('a grid read from a range not starting at A1 keeps absolute addresses', async () => {
    const r = sampleReport('KM-01', 2025);
    const [g] = await gridsFromXlsx(await workbookBuffer(bieu01Workbook({ year: 2025, unit: 'KM-01', unitName: 'x', report: r })));
    const shifted: Grid = { ...g!, origin: { row: 1, col: 1 } };
    const res = readBieu01(shifted);
    expect(res.cells['tallies.member.total']).toBe('Biểu 01!C15');
  });

  it('findings of a report read from a workbook carry the template cell of each field', async () => {
    const r = structuredClone(sampleReport('KM-04', 2025)) as UnitReport;
    const res = checkGrids(await gridsFromXlsx(await workbookBuffer(bieu01Workbook({ year: 2025, unit: r.unit, unitName: 'x', report: r }))));
    expect(res.findings.map((f) => f.cell)).toEqual(['Biểu 01!I15', 'Biểu 01!I18']);
  });
});
