import { a1, STYLES, FONT, type SheetSpec, type StyleDef } from '../../shared';

/** Consecutive cells of one row with the same style, as "C12:H12" ranges: a few ranges instead of many cells. */
export function runs(cells: { row: number; col: number }[]): string[] {
  const byRow = new Map<number, number[]>();
  for (const c of cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c.col]);
  const out: string[] = [];
  for (const [row, cols] of [...byRow.entries()].sort((a, b) => a[0] - b[0])) {
    cols.sort((a, b) => a - b);
    let start = cols[0] as number;
    let prev = start;
    for (const c of [...cols.slice(1), Number.NaN]) {
      if (c === prev + 1) {
        prev = c;
        continue;
      }
      out.push(start === prev ? a1(row, start) : `${a1(row, start)}:${a1(row, prev)}`);
      start = c;
      prev = c;
    }
  }
  return out;
}

/** The number of cells of a single-row run "C12:H12" (1 for "C12"). */
export function runWidth(run: string): number {
  const [a, b = a] = run.split(':');
  const col = (x: string) => [...x.replace(/[^A-Z]/g, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return col(b as string) - col(a as string) + 1;
}

/** Address lists short enough for one getRanges() call each. */
export function chunks(addresses: string[], max = 1500): string[] {
  const out: string[] = [];
  let cur = '';
  for (const a of addresses) {
    if (cur && cur.length + a.length + 1 > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${a}` : a;
  }
  if (cur) out.push(cur);
  return out;
}

function applyFormat(format: Excel.RangeFormat, def: StyleDef) {
  format.font.name = FONT;
  format.font.size = def.size ?? 12;
  format.font.bold = !!def.bold;
  format.font.italic = !!def.italic;
  if (def.underline) format.font.underline = 'Single';
  format.horizontalAlignment = def.align === 'center' ? 'Center' : def.align === 'right' ? 'Right' : 'Left';
  format.verticalAlignment = 'Center';
  if (def.wrap) format.wrapText = true;
  if (def.fill) format.fill.color = `#${def.fill}`;
  if (def.border) {
    for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const) {
      format.borders.getItem(edge).style = 'Continuous';
    }
  }
}

/**
 * Writes a sheet spec into a worksheet with no sync: one 2-D array for every value and formula, one
 * RangeAreas per style, the merges, widths, chart and print setup. The caller syncs once.
 */
export function writeSheetSpec(ws: Excel.Worksheet, spec: SheetSpec): void {
  const rows = Math.max(...spec.cells.map((c) => c.row));
  const cols = Math.max(...spec.cells.map((c) => c.col));
  const matrix: (string | number)[][] = Array.from({ length: rows }, () => new Array(cols).fill(''));
  for (const c of spec.cells) {
    const v = c.formula !== undefined ? `=${c.formula}` : c.value;
    if (v !== null && v !== undefined) (matrix[c.row - 1] as (string | number)[])[c.col - 1] = v;
  }
  ws.getRangeByIndexes(0, 0, rows, cols).formulas = matrix;
  const byStyle = new Map<string, { row: number; col: number }[]>();
  for (const c of spec.cells) byStyle.set(c.style, [...(byStyle.get(c.style) ?? []), c]);
  for (const [style, cells] of byStyle) {
    const def = STYLES[style as keyof typeof STYLES];
    for (const list of chunks(runs(cells))) {
      const areas = ws.getRanges(list);
      applyFormat(areas.format, def);
      // numberFormat is a 2-D array (as documented), one per run: runs are single-row
      if (def.numFmt) for (const r of list.split(',')) ws.getRange(r).numberFormat = [new Array<string>(runWidth(r)).fill(def.numFmt)];
    }
  }
  for (const m of spec.merges) ws.getRange(m).merge(false);
  spec.widths.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w * 6));
  for (const [row, h] of Object.entries(spec.heights)) ws.getRangeByIndexes(Number(row) - 1, 0, 1, 1).format.rowHeight = h;
  if (spec.chart) {
    const chart = ws.charts.add('ColumnClustered', ws.getRange(spec.chart.dataRange), 'Rows');
    chart.title.text = spec.chart.title;
    chart.setPosition(spec.chart.anchor);
  }
  ws.pageLayout.orientation = spec.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  ws.pageLayout.paperSize = 'A4';
  if (spec.print.printArea) ws.pageLayout.setPrintArea(spec.print.printArea);
  // a new printed page after each of these rows (Excel puts a break above the range given)
  for (const r of spec.rowBreaks ?? []) ws.horizontalPageBreaks.add(`A${r + 1}`);
  // one page wide, as many tall as needed (0: Excel's "automatic", as the file format's fitToHeight="0")
  if (spec.print.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
}
