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
  /**
   * Optional, same shape: the number format of each value ("0.00", "0%"), as Excel's `Range.numberFormat`;
   * missing or "General" where none was set. A typed percentage is checked at the precision it shows.
   */
  formats?: (string | undefined)[][];
  /** The sheet's visibility (a hidden sheet is never read silently, never marked without saying so). */
  visibility?: 'visible' | 'hidden' | 'veryHidden';
  /** Merged ranges ("A1:F1"); their values live in the top-left cell only. */
  merges?: string[];
  /**
   * For a sparse grid (a file with a stray cell at row 1,048,576): the indexes into `values` that hold a row,
   * ascending. `values` then has holes and only these rows are visited.
   */
  rowIndex?: number[];
  /**
   * Cells holding a formula with no saved result that the reader could not evaluate (a file written by a
   * script and never opened in a spreadsheet program): A1 address → the formula's text. Their value is
   * unknown, not blank.
   */
  noValue?: Record<string, string>;
}

/** Calls fn for every row that is present (all rows of a dense grid, only the stored ones of a sparse one). */
export function eachRow(grid: Grid, fn: (values: unknown[], index: number) => void | 'stop', limit = Infinity): void {
  if (grid.rowIndex) {
    for (const i of grid.rowIndex) {
      if (i >= limit) break;
      const vals = grid.values[i];
      if (vals && fn(vals, i) === 'stop') return;
    }
    return;
  }
  const n = Math.min(grid.values.length, limit);
  for (let i = 0; i < n; i++) {
    const vals = grid.values[i];
    if (vals && fn(vals, i) === 'stop') return;
  }
}

/**
 * Calls fn for every present cell of a row (values and their 0-based index). A row of a sparse grid with a
 * stray cell far to the right (XFD1) is walked by its stored cells only.
 */
export function eachCell(vals: unknown[], fn: (value: unknown, index: number) => void): void {
  if (vals.length > 512) {
    for (const k in vals) fn(vals[k as unknown as number], Number(k));
    return;
  }
  for (let c = 0; c < vals.length; c++) {
    const v = vals[c];
    if (v !== undefined) fn(v, c);
  }
}

/** The number format shown at a cell, or undefined for General. */
export function formatAt(grid: Grid, row: number, col: number): string | undefined {
  const f = grid.formats?.[row - grid.origin.row]?.[col - grid.origin.col];
  return f && f !== 'General' ? f : undefined;
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
  // the same labels come back in every sheet and every file of a consolidation: computed once each
  const known = LABELS.get(value);
  if (known !== undefined) return known;
  const label = normalize(value);
  if (LABELS.size >= 20_000) LABELS.clear();
  LABELS.set(value, label);
  return label;
}
const LABELS = new Map<string, string>();

function normalize(value: string): string {
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
