import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate } from '../../addin/excel/workbook';
import { eachRow, type Grid } from '../../shared';
import { checkXlsx, readXlsx } from '../../shared/xlsx';
import { excelMock, type SheetData } from '../addin/excel-mock';

/**
 * The same workbooks through the file reader (CLI, web page) and through the add-in's own reading code over
 * the Excel stand-in (used ranges, values and formulas as Office.js gives them): the findings must be identical.
 * The stand-in's cells are the values Excel shows (formula results, 0 included), as the file reader reads them.
 *
 * Left out, and why: the add-in skips sheets named "Tổng hợp…" (its own results sheets); the stray-cell file
 * would make a used range of 1,048,576 rows in the stand-in.
 */
const FIELD = new URL('../fixtures/field-cases/', import.meta.url).pathname;
const TEMPLATES = new URL('../fixtures/templates/', import.meta.url).pathname;
const files = [
  ...['f02-formula-no-cache.xlsx', 'f03-inclusive-layout.xlsx', 'f05-hidden-last-year-sheet.xlsx', 'f15-new-chi-bo-co-so.xlsx', 'f18-roster-khong-htnv.xlsx'].map((f) => FIELD + f),
  ...readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => TEMPLATES + f),
];

/** A sheet as Excel's used range gives it: from its first to its last used cell, dense, formulas as "=…". */
function asExcel(g: Grid): SheetData {
  let r0 = Infinity;
  let r1 = -1;
  let c0 = Infinity;
  let c1 = -1;
  eachRow(g, (vals, i) =>
    vals.forEach((v, j) => {
      if (v === '' || v === undefined) return;
      r0 = Math.min(r0, i);
      r1 = Math.max(r1, i);
      c0 = Math.min(c0, j);
      c1 = Math.max(c1, j);
    }),
  );
  if (r1 < 0) return { name: g.sheet, values: [], visibility: g.visibility === 'visible' ? 'Visible' : 'Hidden' };
  const values: unknown[][] = [];
  const formulas: unknown[][] = [];
  const numberFormat: string[][] = [];
  // Excel's used range starts at A1's row/col only when used; the mock's origin is A1, so pad from A1
  for (let r = 0; r <= r1; r++) {
    const vals: unknown[] = [];
    const fs: unknown[] = [];
    const fmts: string[] = [];
    for (let c = 0; c <= c1; c++) {
      const v = g.values[r]?.[c] ?? '';
      vals.push(v);
      fs.push(g.formulas?.[r]?.[c] ? '=F()' : v);
      fmts.push(g.formats?.[r]?.[c] ?? 'General');
    }
    values.push(vals);
    formulas.push(fs);
    numberFormat.push(fmts);
  }
  void r0;
  void c0;
  const visibility = g.visibility === 'hidden' ? 'Hidden' : g.visibility === 'veryHidden' ? 'VeryHidden' : 'Visible';
  return { name: g.sheet, values, formulas, numberFormat, visibility };
}

describe('the file reader and the add-in over the Excel stand-in give identical findings', () => {
  for (const file of files) {
    it(file.replace(/^.*\/fixtures\//, ''), async () => {
      const data = readFileSync(file);
      const period = { year: file.includes('field-cases') ? 2024 : 2025 };
      const fromFile = checkXlsx(data, { period });
      // the stand-in shows what Excel shows: a formula without a saved result is calculated when Excel opens it
      const grids = readXlsx(data).grids;
      const { context } = excelMock(grids.map(asExcel));
      const fromAddin = await validate(context, { period });
      const key = (fs: { code: string; cell?: string; severity: string; message: string }[]) => fs.map((f) => `${f.severity} ${f.code} ${f.cell} ${f.message}`);
      expect(key(fromAddin.check.findings)).toEqual(key(fromFile.findings));
      expect(fromAddin.check.report).toEqual(fromFile.report);
    });
  }
});
