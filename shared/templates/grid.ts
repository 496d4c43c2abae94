/**
 * A Grid is what one batched read of a sheet gives: a 2-D array of cell values (Excel's `Range.values`, or
 * exceljs' cells) with the address of its top-left cell. Rows and columns are 1-based, as in Excel.
 */
export interface Grid {
  sheet: string;
  /** Row and column of values[0][0]. */
  origin: { row: number; col: number };
  values: unknown[][];
  /** Optional, same shape: true where the cell holds a formula (Excel's `Range.formulas` starting with "="). */
  formulas?: boolean[][];
}

export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export function parseA1(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address.toUpperCase().replace(/^.*!/, ''));
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** The value at an absolute (row, col), or undefined outside the grid. */
export function cellAt(grid: Grid, row: number, col: number): unknown {
  return grid.values[row - grid.origin.row]?.[col - grid.origin.col];
}

export function isFormula(grid: Grid, row: number, col: number): boolean {
  return grid.formulas?.[row - grid.origin.row]?.[col - grid.origin.col] === true;
}

/**
 * Text as the reader compares it: lower case, without Vietnamese diacritics (so "Hoan thanh" typed without
 * accents still matches), đ → d, spaces collapsed, leading numbering ("1.", "II", "-", "a)") removed.
 */
export function normalizeLabel(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/^([ivx]+|\d+|[a-z])[.)]\s+/, '')
    .replace(/^[-–•+*]\s*/, '')
    .trim();
}
