/**
 * The writer (exceljs), kept apart from the reader so that whatever only reads — the CLI's `check` and
 * `consolidate`, the web page until a download is asked for — never loads exceljs.
 */
import ExcelJS from 'exceljs';
import type { Consolidated } from '../model';
import { bieu01Sheet, consolidatedSheet, consolidatedSheetName, type Bieu01Options, type SheetSpec } from '../templates';
import { addSheet } from './write';

export { addSheet };

/** A Biểu 01 workbook for a year and unit (blank, or filled from a report). */
export function bieu01Workbook(opts: Bieu01Options): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xếp loại';
  addSheet(wb, bieu01Sheet(opts));
  return wb;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A Biểu 01 as .xlsx bytes. */
export function bieu01Xlsx(opts: Bieu01Options): Promise<Uint8Array> {
  return workbookBuffer(bieu01Workbook(opts));
}

/** The consolidated sheet of a view as .xlsx bytes. */
export function consolidatedXlsx(view: Consolidated): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xếp loại';
  addSheet(wb, { ...consolidatedSheet(view), name: consolidatedSheetName(view.unit, view.year) });
  return workbookBuffer(wb);
}

/** Sheet specs as one .xlsx workbook's bytes. */
export function sheetsXlsx(specs: SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xếp loại';
  for (const s of specs) addSheet(wb, s);
  return workbookBuffer(wb);
}
