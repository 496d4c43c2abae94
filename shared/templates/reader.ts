import { parseNumber, type ParsedNumber } from '../format';
import type { DraftLevelCounts, Finding, Level, MemberGroup, Subject, UnitReportDraft, UnratedReason } from '../model';
import { LEVELS, UNRATED_REASONS } from '../model';
import { BIEU01, matches, type ColumnDef, type RowDef } from './bieu01';
import { a1, cellAt, eachRow, isFormula, normalizeLabel, type Grid } from './grid';
import { readerFinding } from './findings';

/** Where each field of the report was read: `tallies.member.levels.excellent` → `Biểu 01!I15`. */
export type CellMap = Record<string, string>;

/** A typed percentage found next to a count, to be checked against the counts. */
export interface TypedPercent {
  subject: Subject;
  group?: MemberGroup;
  level: Level;
  cell: string;
  parsed: Extract<ParsedNumber, { ok: true }>;
  formula: boolean;
}

export interface ReadResult {
  /** Null when the grid holds no recognisable Biểu 01 at all. */
  report: UnitReportDraft | null;
  cells: CellMap;
  /** What could not be read: each at its cell. */
  findings: Finding[];
  percents: TypedPercent[];
  /** Cells holding a typed "rated" count, to check against the sum of the levels. */
  rated: { subject: Subject; group?: MemberGroup; cell: string; value: number }[];
  sheet: string;
}

interface Hit {
  row: number;
  col: number;
  text: string;
}

const levelKeys = new Set<string>(LEVELS);

/** Biểu 01 is a small table near the top: its labels are looked for in the first rows only. */
const SCAN_ROWS = 300;

/** Every non-empty text cell of the grid's first rows, normalised once. */
function textCells(grid: Grid): Hit[] {
  const out: Hit[] = [];
  eachRow(
    grid,
    (vals, r) => {
      vals.forEach((v, c) => {
        const text = normalizeLabel(v);
        if (text) out.push({ row: grid.origin.row + r, col: grid.origin.col + c, text });
      });
    },
    SCAN_ROWS,
  );
  return out;
}

/** The row holding most of the four level headers: the table's header row. */
function findHeaderRow(cells: Hit[]): number | null {
  const byRow = new Map<number, Set<string>>();
  for (const h of cells) {
    for (const def of BIEU01.columns) {
      if (levelKeys.has(def.key) && matches(def.match, h.text)) {
        const set = byRow.get(h.row) ?? new Set();
        set.add(def.key);
        byRow.set(h.row, set);
      }
    }
  }
  let best: number | null = null;
  let size = 0;
  for (const [row, set] of byRow) {
    if (set.size > size || (set.size === size && best !== null && row < best)) {
      best = row;
      size = set.size;
    }
  }
  return size >= 3 ? best : null;
}

interface Columns {
  /** Column of each field: total, rated, note, levels' count and percent, unrated reasons. */
  at: Map<string, number>;
  headerRows: number[];
}

/** Columns found by their header labels in the header band; sub-columns within each header's span. */
function findColumns(cells: Hit[], headerRow: number, findings: Finding[], sheet: string): Columns {
  const band = cells.filter((h) => h.row >= headerRow - 1 && h.row <= headerRow + 1);
  const top = new Map<ColumnDef['key'], Hit>();
  for (const def of BIEU01.columns) {
    const hits = band.filter((h) => matches(def.match, h.text));
    if (hits.length === 0) continue;
    // nearest to the header row, then leftmost
    hits.sort((x, y) => Math.abs(x.row - headerRow) - Math.abs(y.row - headerRow) || x.col - y.col);
    const chosen = hits[0] as Hit;
    const others = hits.filter((h) => h.row === chosen.row && h.col !== chosen.col);
    if (others.length > 0 && def.key !== 'tt') {
      findings.push(readerFinding('ambiguous-label', sheet, a1(others[0]!.row, others[0]!.col), { label: def.header, other: a1(chosen.row, chosen.col) }));
    }
    top.set(def.key, chosen);
  }
  const starts = [...top.entries()].map(([key, h]) => ({ key, col: h.col })).sort((a, b) => a.col - b.col);
  const at = new Map<string, number>();
  const subRows = cells.filter((h) => h.row > headerRow && h.row <= headerRow + 2);
  for (const [i, s] of starts.entries()) {
    const end = (starts[i + 1]?.col ?? Number.MAX_SAFE_INTEGER) - 1;
    const def = BIEU01.columns.find((d) => d.key === s.key) as ColumnDef;
    if (!def.sub) {
      at.set(def.key, s.col);
      continue;
    }
    for (const sub of def.sub) {
      const hit = subRows.find((h) => h.col >= s.col && h.col <= end && matches(sub.match, h.text));
      if (hit) at.set(`${def.key}.${sub.key}`, hit.col);
    }
    if (levelKeys.has(def.key)) {
      // no "Số lượng" sub-header: the count is under the level's header
      if (!at.has(`${def.key}.count`)) at.set(`${def.key}.count`, s.col);
    } else if (def.key === 'unrated' && !UNRATED_REASONS.some((r) => at.has(`unrated.${r}`))) {
      // one undivided column of unrated members: their reason is unknown
      at.set('unrated.other', s.col);
    }
  }
  const headerRows = [headerRow, headerRow + 1].filter((r) => subRows.some((h) => h.row === r) || r === headerRow);
  return { at, headerRows };
}

/** The label of each row def: group rows after the member row, subject rows anywhere below the header. */
function findRows(cells: Hit[], headerRow: number, firstDataCol: number, findings: Finding[], sheet: string): Map<RowDef, number> {
  const labels = cells.filter((h) => h.row > headerRow && h.col < firstDataCol && !/^\(?\d+\)?$/.test(h.text));
  const rows = new Map<RowDef, number>();
  const subjectDefs = BIEU01.rows.filter((r) => !r.group);
  const groupDefs = BIEU01.rows.filter((r) => r.group);
  const claimed = new Set<number>();
  const place = (def: RowDef, candidates: Hit[]) => {
    const free = candidates.filter((h) => !claimed.has(h.row));
    if (free.length === 0) return;
    const first = free[0] as Hit;
    if (free.length > 1 && free[1]!.row !== first.row) {
      findings.push(readerFinding('ambiguous-label', sheet, a1(free[1]!.row, free[1]!.col), { label: def.label, other: a1(first.row, first.col) }));
    }
    rows.set(def, first.row);
    claimed.add(first.row);
  };
  // group labels are more specific than "Đảng viên" ("Đảng viên là lãnh đạo…"): place them first
  const memberCandidates = labels.filter((h) => matches((subjectDefs.find((d) => d.subject === 'member') as RowDef).match, h.text));
  for (const def of groupDefs) place(def, labels.filter((h) => matches(def.match, h.text)));
  for (const def of subjectDefs) {
    const c = def.subject === 'member' ? memberCandidates : labels.filter((h) => matches(def.match, h.text));
    place(def, c);
  }
  const member = [...rows.entries()].find(([d]) => d.subject === 'member' && !d.group)?.[1];
  for (const def of groupDefs) {
    const at = rows.get(def);
    if (at !== undefined && member !== undefined && at < member) rows.delete(def);
  }
  return rows;
}

function findYear(cells: Hit[], headerRow: number, findings: Finding[], sheet: string): { year: number | null; cell: string | null } {
  const found = new Map<number, Hit>();
  for (const h of cells) {
    if (h.row >= headerRow) continue;
    for (const m of h.text.matchAll(/nam\s*:?\s*((?:19|20|21)\d{2})\b/g)) {
      // "ngày … tháng … năm 2026" is the signing date, not the reporting year
      if (/thang/.test(h.text.slice(0, m.index))) continue;
      const y = Number(m[1]);
      if (!found.has(y)) found.set(y, h);
    }
  }
  if (found.size === 0) return { year: null, cell: null };
  const [first, ...rest] = [...found.entries()];
  const [year, hit] = first as [number, Hit];
  const [, other] = rest[0] ?? [];
  if (other) findings.push(readerFinding('ambiguous-label', sheet, a1(other.row, other.col), { label: `năm ${year}`, other: a1(hit.row, hit.col) }));
  return { year, cell: a1(hit.row, hit.col) };
}

function findUnit(grid: Grid, cells: Hit[], headerRow: number): { unit: string | null; cell: string | null } {
  for (const h of cells) {
    if (h.row >= headerRow || !h.text.includes('ma don vi')) continue;
    const raw = String(cellAt(grid, h.row, h.col) ?? '');
    const inline = /m[ãa]\s*đ?d?[ơo]n\s*v[ịi]\s*:?\s*(\S+)/i.exec(raw.normalize('NFC'));
    if (inline?.[1]) return { unit: inline[1].trim(), cell: a1(h.row, h.col) };
    const next = cellAt(grid, h.row, h.col + 1);
    if (typeof next === 'string' && next.trim()) return { unit: next.trim(), cell: a1(h.row, h.col + 1) };
  }
  return { unit: null, cell: null };
}

/**
 * Read Biểu 01 from a grid by its labels: rows inserted or moved, columns moved, merged headers, renamed
 * sheets, numbers typed as text all read. What cannot be read is a finding at its cell, never a silent zero.
 */
export function readBieu01(grid: Grid): ReadResult {
  const sheet = grid.sheet;
  const findings: Finding[] = [];
  const out: ReadResult = { report: null, cells: {}, findings, percents: [], rated: [], sheet };
  const cells = textCells(grid);
  const headerRow = findHeaderRow(cells);
  if (headerRow === null) {
    findings.push(readerFinding('no-template', sheet, a1(grid.origin.row, grid.origin.col), {}));
    return out;
  }
  const { at, headerRows } = findColumns(cells, headerRow, findings, sheet);
  const addr = (row: number, col: number) => `${sheet}!${a1(row, col)}`;
  const numericCols = [...at.entries()].filter(([k]) => k !== 'note' && k !== 'tt' && k !== 'label').map(([, c]) => c);
  const firstDataCol = Math.min(...numericCols);
  const rows = findRows(cells, Math.max(...headerRows), firstDataCol, findings, sheet);

  for (const key of ['total', 'excellent.count', 'good.count', 'complete.count', 'incomplete.count']) {
    if (!at.has(key)) findings.push(readerFinding('missing-column', sheet, a1(headerRow, firstDataCol), { column: key }));
  }

  const { year, cell: yearCell } = findYear(cells, headerRow, findings, sheet);
  const { unit, cell: unitCell } = findUnit(grid, cells, headerRow);
  if (yearCell) out.cells.year = `${sheet}!${yearCell}`;
  if (unitCell) out.cells.unit = `${sheet}!${unitCell}`;
  if (year === null) findings.push(readerFinding('missing-year', sheet, a1(Math.max(1, headerRow - 3), 1), {}));
  if (unit === null) findings.push(readerFinding('missing-unit', sheet, a1(1, 1), {}));

  const read = (row: number, col: number | undefined, path: string, blank: 'zero' | 'missing' | 'absent'): number | null | undefined => {
    if (col === undefined) return blank === 'missing' ? null : undefined;
    out.cells[path] = addr(row, col);
    const p = parseNumber(cellAt(grid, row, col));
    if (p.ok && !p.percent) return p.value;
    if (!p.ok && p.reason === 'blank') return blank === 'zero' ? 0 : blank === 'missing' ? null : undefined;
    findings.push(readerFinding(p.ok ? 'percent-in-count' : p.reason === 'error-value' ? 'error-value' : 'unreadable', sheet, a1(row, col), { value: String(cellAt(grid, row, col)), path }));
    return null;
  };
  // the cells people type (totals, unrated, level counts): computed columns (rated, %) never make a row non-blank
  const inputCols = [...at.entries()].filter(([k]) => k === 'total' || k.startsWith('unrated.') || k.endsWith('.count')).map(([, c]) => c);
  const rowBlank = (row: number) =>
    inputCols.every((c) => {
      const p = parseNumber(cellAt(grid, row, c));
      return !p.ok && p.reason === 'blank';
    });

  const tallies: NonNullable<UnitReportDraft['tallies']> = {};
  const groups: Partial<Record<MemberGroup, DraftLevelCounts>> = {};
  for (const def of BIEU01.rows) {
    const row = rows.get(def);
    const base = def.group ? `tallies.member.groups.${def.group}` : `tallies.${def.subject}`;
    if (row === undefined) {
      // reported at the top of the label column, under the header
      const top = rows.size ? Math.min(...rows.values()) : Math.max(...headerRows) + 1;
      if (!def.group) findings.push(readerFinding('missing-row', sheet, a1(top, at.get('label') ?? 2), { label: def.label, path: base }));
      continue;
    }
    const labelCol = cells.find((h) => h.row === row && h.col < firstDataCol && matches(def.match, h.text))?.col ?? 1;
    out.cells[base] = addr(row, labelCol);
    const zeroRow = def.blankRowIsZero && rowBlank(row);
    if (def.group) {
      if (rowBlank(row)) continue; // a blank group row: no split given
      const levels: DraftLevelCounts = {};
      for (const l of LEVELS) levels[l] = read(row, at.get(`${l}.count`), `${base}.${l}`, 'zero');
      groups[def.group] = levels;
    } else {
      const blank = zeroRow ? 'zero' : 'missing';
      const unrated: Partial<Record<UnratedReason, number | null>> = {};
      for (const r of UNRATED_REASONS) {
        const v = read(row, at.get(`unrated.${r}`), `${base}.unrated.${r}`, 'absent');
        if (v !== undefined && v !== 0) unrated[r] = v;
      }
      const levels: DraftLevelCounts = {};
      for (const l of LEVELS) levels[l] = read(row, at.get(`${l}.count`), `${base}.levels.${l}`, blank) ?? null;
      out.cells[`${base}.levels`] = addr(row, at.get('excellent.count') ?? labelCol);
      tallies[def.subject] = { total: read(row, at.get('total'), `${base}.total`, blank) ?? null, unrated, levels };
    }
    // typed "rated" counts and percentages, checked against the counts later
    const ratedCol = at.get('rated');
    if (ratedCol !== undefined) {
      const p = parseNumber(cellAt(grid, row, ratedCol));
      if (p.ok && !isFormula(grid, row, ratedCol)) out.rated.push({ subject: def.subject, group: def.group, cell: addr(row, ratedCol), value: p.value });
    }
    for (const l of LEVELS) {
      const c = at.get(`${l}.percent`);
      if (c === undefined) continue;
      const p = parseNumber(cellAt(grid, row, c));
      if (p.ok) out.percents.push({ subject: def.subject, group: def.group, level: l, cell: addr(row, c), parsed: p, formula: isFormula(grid, row, c) });
    }
  }
  if (tallies.member && Object.keys(groups).length > 0) {
    (tallies.member as { groups?: typeof groups }).groups = groups;
    out.cells['tallies.member.groups'] = out.cells[`tallies.member.groups.${Object.keys(groups)[0]}`] as string;
  }
  out.report = { unit: unit ?? '', year: year ?? 0, tallies } as UnitReportDraft;
  return out;
}

export { BIEU01 };
