/** Test helper only: an exceljs workbook model as Grids (to build stand-in sheets); files are read by shared/xlsx. */
import type ExcelJS from 'exceljs';
import type { Grid } from '../../shared';

/** A cell's value as Excel's Range.values gives it: numbers, text, booleans, error text; formulas by result. */
function plain(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('error' in v) return v.error;
    if ('formula' in v || 'sharedFormula' in v) return plain((v as ExcelJS.CellFormulaValue).result ?? '');
    if ('text' in v) return (v as ExcelJS.CellHyperlinkValue).text;
  }
  return String(v);
}

/** Every worksheet as a Grid from A1 to its last used cell (thin: no template logic here). */
export function workbookToGrids(wb: ExcelJS.Workbook): Grid[] {
  return wb.worksheets.map((ws) => {
    const rows = ws.actualRowCount === 0 ? 0 : ws.rowCount;
    const cols = ws.columnCount;
    const values: unknown[][] = [];
    const formulas: boolean[][] = [];
    for (let r = 1; r <= rows; r++) {
      const row = ws.getRow(r);
      const vals: unknown[] = [];
      const fs: boolean[] = [];
      for (let c = 1; c <= cols; c++) {
        const cell = row.getCell(c);
        // a merged cell's value lives in its top-left cell only, as in Excel's Range.values
        const isSlave = cell.isMerged && cell.master.address !== cell.address;
        vals.push(isSlave ? '' : plain(cell.value));
        fs.push(!isSlave && cell.type === 6 /* ValueType.Formula */);
      }
      values.push(vals);
      formulas.push(fs);
    }
    return { sheet: ws.name, origin: { row: 1, col: 1 }, values, formulas };
  });
}
