import ExcelJS from 'exceljs';
import { createExcelStandin, settingsOf, type StandinOptions } from '../e2e/standin/excel-standin';

/**
 * Excel for the adapter tests: the same strict stand-in as the browser tests (test/e2e/standin), over an exceljs
 * workbook built from plain sheets or given whole. It refuses what Excel refuses (protection, the 5 MB payload,
 * 8,192-character addresses, unloaded properties…), counts syncs and logs what was written.
 */
export interface SheetData {
  name: string;
  values: unknown[][];
  /** Same shape; "=…" where the cell holds a formula (its value is then the cached result). */
  formulas?: unknown[][];
}

export function workbookOf(sheets: SheetData[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const f = s.formulas?.[r]?.[c];
        if (typeof f === 'string' && f.startsWith('=')) ws.getCell(r + 1, c + 1).value = { formula: f.slice(1), result: v as number } as ExcelJS.CellFormulaValue;
        else if (v !== '' && v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      }),
    );
  }
  return wb;
}

export function excelMock(sheets: SheetData[] | ExcelJS.Workbook, settings: Record<string, string> = {}, opts: StandinOptions = {}) {
  const wb = Array.isArray(sheets) ? workbookOf(sheets) : sheets;
  for (const [k, v] of Object.entries(settings)) settingsOf(wb).set(k, v);
  const { context, log } = createExcelStandin(wb, opts);
  const saved = settingsOf(wb);
  return { context, log, wb, settings: saved };
}
