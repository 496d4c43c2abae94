/**
 * The .xlsx adapters, pure (bytes in, Grid out; a spec in, an exceljs sheet out): no file or network I/O.
 * Reading is a streaming unzip and XML tokenizer (read.ts); exceljs is used for writing only.
 */
import ExcelJS from 'exceljs';
import { sortFindings, type CheckContext } from '../rules/engine';
import { bieu01Sheet, checkGrids, type Bieu01Options, type WorkbookCheck } from '../templates';
import { readXlsx } from './read';
import { addSheet } from './write';

export { addSheet };
export { readXlsx };
export type { WorkbookRead } from './read';
export { sniff, type FileKind } from './sniff';
export { PART_LIMIT } from './zip';

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

export interface FileCheck extends WorkbookCheck {
  /** The file could not be read at all (not a workbook, an old format, a password): an error, never "no problems". */
  unreadable: boolean;
}

/** Read an .xlsx file and check it: the same reader and rules as the add-in, on the file's bytes. */
export function checkXlsx(data: Uint8Array, ctx: CheckContext = {}): FileCheck {
  const read = readXlsx(data);
  if (read.unreadable) return { report: null, lists: [], findings: read.findings, cells: {}, sheet: null, unreadable: true };
  const res = checkGrids(read.grids, ctx);
  return { ...res, findings: read.findings.length ? sortFindings([...read.findings, ...res.findings]) : res.findings, unreadable: false };
}
