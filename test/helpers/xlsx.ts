import { readXlsx } from '../../shared/xlsx';
import type { Grid } from '../../shared';

/** The grids of an .xlsx through the file reader; a test that expects a workbook fails loudly on an unreadable file. */
export function gridsFromXlsx(data: Uint8Array): Grid[] {
  const res = readXlsx(data);
  if (res.unreadable) throw new Error(`unreadable workbook: ${res.findings.map((f) => f.message).join('; ')}`);
  return res.grids;
}
