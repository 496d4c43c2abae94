/**
 * Reading and checking an .xlsx file, without the writer: a streaming unzip and XML tokenizer (read.ts) and the
 * shared rules. Bytes in, findings out; no file or network I/O.
 */
import { sortFindings, type CheckContext } from '../rules/engine';
import { checkGrids, type WorkbookCheck } from '../templates';
import { readXlsx } from './read';

export { readXlsx };
export type { WorkbookRead } from './read';
export { sniff, type FileKind } from './sniff';
export { PART_LIMIT } from './zip';

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
