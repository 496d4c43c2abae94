import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate } from '../../addin/excel/workbook';
import ExcelJS from 'exceljs';
import { eachCell, eachRow, type Grid } from '../../shared';
import { checkXlsx, readXlsx } from '../../shared/xlsx';
import { excelMock } from '../addin/excel-mock';

/**
 * The same workbooks through the file reader (CLI, web page) and through the add-in's own reading code over
 * the Excel stand-in (used ranges, values and formulas as Office.js gives them): the findings must be identical.
 * The stand-in's cells are the values Excel shows (formula results, 0 included), as the file reader reads them.
 *
 * The stray-cell file is read by both too (the add-in reads the areas of stored cells, not a used range).
 */
const FIELD = new URL('../fixtures/field-cases/', import.meta.url).pathname;
const TEMPLATES = new URL('../fixtures/templates/', import.meta.url).pathname;
const files = [
  ...['f02-formula-no-cache.xlsx', 'f03-inclusive-layout.xlsx', 'f05-hidden-last-year-sheet.xlsx', 'f08-stray-cell-last-row.xlsx', 'f15-new-chi-bo-co-so.xlsx', 'f18-roster-khong-htnv.xlsx'].map((f) => FIELD + f),
  ...readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => TEMPLATES + f),
];

/**
 * The workbook as Excel holds it once opened: the values it shows (formula results, 0 included; a formula
 * without a saved result calculated), formulas marked, number formats and sheet visibility, in an exceljs model
 * behind the Excel stand-in.
 */
function asExcel(grids: Grid[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const g of grids) {
    const ws = wb.addWorksheet(g.sheet);
    if (g.visibility && g.visibility !== 'visible') ws.state = g.visibility;
    eachRow(g, (vals, r) =>
      eachCell(vals, (v, c) => {
        if (v === '' || v === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = g.formulas?.[r]?.[c] ? ({ formula: 'F()', result: v } as ExcelJS.CellFormulaValue) : (v as ExcelJS.CellValue);
        const fmt = g.formats?.[r]?.[c];
        if (fmt) cell.numFmt = fmt;
      }),
    );
  }
  return wb;
}

describe('the file reader and the add-in over the Excel stand-in give identical findings', () => {
  for (const file of files) {
    it(file.replace(/^.*\/fixtures\//, ''), async () => {
      const data = readFileSync(file);
      const period = { year: file.includes('field-cases') ? 2024 : 2025 };
      const fromFile = checkXlsx(data, { period });
      // the stand-in shows what Excel shows: a formula without a saved result is calculated when Excel opens it
      const grids = readXlsx(data).grids;
      const { context } = excelMock(asExcel(grids));
      const fromAddin = await validate(context, { period });
      const key = (fs: { code: string; cell?: string; severity: string; message: string }[]) => fs.map((f) => `${f.severity} ${f.code} ${f.cell} ${f.message}`);
      expect(key(fromAddin.check.findings)).toEqual(key(fromFile.findings));
      expect(fromAddin.findings.filter((f) => f.code.startsWith('addin.'))).toEqual([]);
      expect(fromAddin.check.report).toEqual(fromFile.report);
    });
  }
});
