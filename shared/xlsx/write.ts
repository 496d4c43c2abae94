import type ExcelJS from 'exceljs';
import { FONT, STYLES, type SheetSpec, type StyleDef } from '../templates';

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };

function styleOf(def: StyleDef): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {
    font: { name: FONT, size: def.size ?? 12, bold: def.bold, italic: def.italic, underline: def.underline },
    alignment: { horizontal: def.align ?? 'left', vertical: 'middle', wrapText: def.wrap },
  };
  if (def.border) style.border = { top: thin, left: thin, bottom: thin, right: thin };
  if (def.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${def.fill}` } };
  if (def.numFmt) style.numFmt = def.numFmt;
  return style;
}

/** Lays a sheet spec (shared/templates/writer) into an exceljs workbook: values, formulas, styles, merges, print setup. */
export function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(spec.name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: spec.print.orientation,
      fitToPage: spec.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: spec.print.printArea,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  spec.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const [row, h] of Object.entries(spec.heights)) ws.getRow(Number(row)).height = h;
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  for (const c of spec.cells) {
    const cell = ws.getCell(c.row, c.col);
    if (c.formula !== undefined) cell.value = { formula: c.formula, result: c.result ?? undefined } as ExcelJS.CellFormulaValue;
    else if (c.value !== undefined && c.value !== null) cell.value = c.value;
    let s = styles.get(c.style);
    if (!s) styles.set(c.style, (s = styleOf(STYLES[c.style])));
    cell.style = s;
  }
  for (const m of spec.merges) ws.mergeCells(m);
  for (const r of spec.rowBreaks ?? []) ws.getRow(r).addPageBreak();
  return ws;
}
