import ExcelJS from 'exceljs';
import { bieu01Sheet, type Bieu01Options, type Grid } from '../../shared';
import { workbookToGrids } from './read';
import { addSheet } from './write';

export { workbookToGrids, addSheet };

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

export async function gridsFromXlsx(data: ArrayBuffer | Uint8Array): Promise<Grid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as ArrayBuffer);
  return workbookToGrids(wb);
}
