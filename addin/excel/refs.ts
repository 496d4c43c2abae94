/**
 * Cell references as the add-in meets them: "Biểu 01!I15" in findings, "'Tổng hợp 2025'!A1:G40" from Excel.
 * Excel allows "!" in sheet names ("Biểu 01!"), so a reference is split at its LAST "!": the address never holds one.
 */
import { a1, parseA1 } from '../../shared';

export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** "Sheet!A1" → { sheet: "Sheet", address: "A1" }; quotes around the sheet name removed. */
export function splitRef(ref: string): { sheet: string; address: string } | null {
  const at = ref.lastIndexOf('!');
  if (at <= 0) return null;
  let sheet = ref.slice(0, at);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const address = ref.slice(at + 1);
  return sheet && address ? { sheet, address } : null;
}

/** "A1:C3" or "'x'!A1:C3" → its bounds (1-based, inclusive); null for whole rows/columns or garbage. */
export function parseRange(address: string): Rect | null {
  const local = address.includes('!') ? (splitRef(address)?.address ?? '') : address;
  const [a, b = a] = local.split(':');
  const p = parseA1((a ?? '').replace(/\$/g, ''));
  const q = parseA1((b ?? '').replace(/\$/g, ''));
  if (!p || !q) return null;
  return { r1: Math.min(p.row, q.row), c1: Math.min(p.col, q.col), r2: Math.max(p.row, q.row), c2: Math.max(p.col, q.col) };
}

export function addressOf(r: Rect): string {
  const s = a1(r.r1, r.c1);
  return r.r1 === r.r2 && r.c1 === r.c2 ? s : `${s}:${a1(r.r2, r.c2)}`;
}

/** A sheet name as it must appear in a formula reference: always quoted, quotes doubled. */
export function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}
