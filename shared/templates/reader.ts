import { parseNumber, type ParsedNumber } from '../format';
import type { DraftLevelCounts, Finding, Level, MemberGroup, Subject, UnitReportDraft, UnratedReason } from '../model';
import { LEVELS, UNRATED_REASONS } from '../model';
import { BIEU01, matches, type RowDef } from './bieu01';
import { a1, cellAt, eachCell, eachRow, formatAt, isFormula, normalizeLabel, type Grid } from './grid';
import { readerFinding } from './findings';
import { COLUMN_LAYOUTS, type ColumnLayout, type LayoutColumn } from './layouts';
import { readStatistics } from './statistics';

/** Where each field of the report was read: `tallies.member.levels.excellent` → `Biểu 01!I15`. */
export type CellMap = Record<string, string>;

/** A typed percentage found next to a count, to be checked against the counts. */
export interface TypedPercent {
  subject: Subject;
  group?: MemberGroup;
  /** The level the finding is about (the first of the numerator). */
  level: Level;
  /** The share of these levels … */
  numerator: Level[];
  /** … in the rated count, or in these levels (a base the column header states). */
  base: 'rated' | Level[];
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
  /** "Trong đó: …" rows (đảng viên dự bị, …): breakdowns of the row above, checked ≤ their parent. */
  breakdowns: { subject: Subject; label: string; cell: string; value: number; parent: number | null; parentCell: string }[];
  /** The statistics layout's counts per kind of organisation (loại hình), when its table has those columns. */
  byKind?: { kind: string; cell: string; tallies: NonNullable<UnitReportDraft['tallies']> }[];
  sheet: string;
  /** The layout read (named to staff in an info finding). */
  layout?: { id: string; name: string };
}

/** A text cell of the grid, normalised. */
export interface Hit {
  row: number;
  col: number;
  text: string;
}


/** Biểu 01 is a small table near the top: its labels are looked for in the first rows only. */
const SCAN_ROWS = 300;

/** Every non-empty text cell of the grid's first rows, normalised once. */
export function textCells(grid: Grid): Hit[] {
  const out: Hit[] = [];
  eachRow(
    grid,
    (vals, r) => {
      eachCell(vals, (v, c) => {
        const text = normalizeLabel(v);
        if (text) out.push({ row: grid.origin.row + r, col: grid.origin.col + c, text });
      });
    },
    SCAN_ROWS,
  );
  return out;
}

/** The row holding most of the layout's level headers: the table's header row, and how many it holds. */
function findHeaderRow(cells: Hit[], layout: ColumnLayout): { row: number; size: number } | null {
  const byRow = new Map<number, Set<string>>();
  const defs = layout.columns.filter((c) => layout.levelColumns.includes(c.key));
  for (const h of cells) {
    for (const def of defs) {
      if (matches(def.match, h.text)) {
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
  return size >= 3 && best !== null ? { row: best, size } : null;
}

interface Columns {
  /** Column of each field: total, rated, note, levels' count and percent, unrated reasons. */
  at: Map<string, number>;
  /** The header text of each column key (for percent bases stated in the header). */
  text: Map<string, string>;
  headerRows: number[];
}

/** Columns found by their header labels in the header band; sub-columns within each header's span. */
function findColumns(cells: Hit[], headerRow: number, layout: ColumnLayout, findings: Finding[], sheet: string): Columns {
  const band = cells.filter((h) => h.row >= headerRow - 1 && h.row <= headerRow + 1);
  const top = new Map<string, Hit>();
  const used = new Set<string>();
  // level columns first (most specific), then the others, each header cell used once
  const order = [...layout.columns].sort((a, b) => Number(layout.levelColumns.includes(b.key)) - Number(layout.levelColumns.includes(a.key)));
  for (const def of order) {
    const hits = band.filter((h) => matches(def.match, h.text) && !used.has(`${h.row},${h.col}`));
    if (hits.length === 0) continue;
    // nearest to the header row, then leftmost
    hits.sort((x, y) => Math.abs(x.row - headerRow) - Math.abs(y.row - headerRow) || x.col - y.col);
    const chosen = hits[0] as Hit;
    const others = hits.filter((h) => h.row === chosen.row && h.col !== chosen.col);
    if (others.length > 0) {
      findings.push(readerFinding('ambiguous-label', sheet, a1(others[0]!.row, others[0]!.col), { label: def.header, other: a1(chosen.row, chosen.col) }));
    }
    used.add(`${chosen.row},${chosen.col}`);
    top.set(def.key, chosen);
  }
  const starts = [...top.entries()].map(([key, h]) => ({ key, col: h.col })).sort((a, b) => a.col - b.col);
  const at = new Map<string, number>();
  const text = new Map<string, string>();
  for (const [k, h] of top) text.set(k, h.text);
  const subRows = cells.filter((h) => h.row > headerRow && h.row <= headerRow + 2);
  const subHeaderRows = new Set<number>();
  for (const [i, s] of starts.entries()) {
    const end = (starts[i + 1]?.col ?? Number.MAX_SAFE_INTEGER) - 1;
    const def = layout.columns.find((d) => d.key === s.key) as LayoutColumn;
    if (!def.sub) {
      at.set(def.key, s.col);
      continue;
    }
    for (const sub of def.sub) {
      const hit = subRows.find((h) => h.col >= s.col && h.col <= end && matches(sub.match, h.text));
      if (hit) {
        at.set(`${def.key}.${sub.key}`, hit.col);
        text.set(`${def.key}.${sub.key}`, hit.text);
        subHeaderRows.add(hit.row);
      }
    }
    if (layout.levelColumns.includes(def.key)) {
      // no "Số lượng" sub-header: the count is under the level's header
      if (!at.has(`${def.key}.count`)) at.set(`${def.key}.count`, s.col);
    } else if (def.key === 'unrated' && !UNRATED_REASONS.some((r) => at.has(`unrated.${r}`))) {
      // one undivided column of unrated members: their reason is unknown
      at.set('unrated.other', s.col);
    }
  }
  // the sub-header row (Số lượng / Tỷ lệ %, Mới / Miễn …) when there is one: never the first data row
  const headerRows = [headerRow, ...[...subHeaderRows].filter((r) => r === headerRow + 1)];
  return { at, text, headerRows };
}

const isSubRow = (text: string) => /^(trong do|trong so|ghi chu|chu thich|luu y)\b/.test(text) || /^\(?\*\)?\s/.test(text);

/**
 * The label of each row def: group rows after the member row, subject rows anywhere below the header.
 * Among several candidates, the row that holds numbers wins, then the exact label, then the topmost; a note
 * line ("Ghi chú: số liệu đảng viên tính đến …") and a "Trong đó: …" breakdown are never a row label.
 */
function findRows(cells: Hit[], headerRow: number, firstDataCol: number, hasNumbers: (row: number) => boolean, rowsDef: RowDef[], findings: Finding[], sheet: string): Map<RowDef, number> {
  const labels = cells.filter((h) => h.row > headerRow && h.col < firstDataCol && !/^\(?\d+\)?$/.test(h.text) && !isSubRow(h.text));
  const rows = new Map<RowDef, number>();
  const subjectDefs = rowsDef.filter((r) => !r.group);
  const groupDefs = rowsDef.filter((r) => r.group);
  const claimed = new Set<number>();
  const place = (def: RowDef, candidates: Hit[]) => {
    const exact = normalizeLabel(def.label);
    const free = candidates
      .filter((h) => !claimed.has(h.row))
      .map((h) => ({ h, nums: hasNumbers(h.row), exact: h.text === exact }))
      .sort((x, y) => Number(y.nums) - Number(x.nums) || Number(y.exact) - Number(x.exact) || x.h.row - y.h.row);
    if (free.length === 0) return;
    const first = free[0]!.h;
    const second = free[1];
    // the same label twice, or two rows with numbers under it: say which is read (a note line mentioning
    // the words is neither, and is passed over silently)
    if (second && second.h.row !== first.row && (second.nums || second.exact)) {
      findings.push(readerFinding('ambiguous-label', sheet, a1(second.h.row, second.h.col), { label: def.label, other: a1(first.row, first.col) }));
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

export function findYear(cells: Hit[], headerRow: number, findings: Finding[], sheet: string): { year: number | null; cell: string | null } {
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

export function findUnit(grid: Grid, cells: Hit[], headerRow: number): { unit: string | null; cell: string | null } {
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

/** The precision a typed percentage shows: 6,1 in a `0.00` cell is 6,10 (two decimals); a `0.0%` fraction is scaled. */
export function shownPercent(p: Extract<ParsedNumber, { ok: true }>, raw: unknown, format: string | undefined): Extract<ParsedNumber, { ok: true }> {
  // a number format shapes numbers only: text is shown as typed
  if (!format || typeof raw !== 'number') return p;
  const section = format.split(';')[0] ?? '';
  const m = /\.(0+)/.exec(section);
  const decimals = m ? (m[1] as string).length : 0;
  if (section.includes('%') && Math.abs(p.value) <= 1) {
    // a fraction shown as a percentage: 0,061 in 0.00% is 6,10
    const scaled = { mantissa: BigInt(Math.round(p.value * 100 * 10 ** decimals)), decimals };
    return { ok: true, value: Math.round(p.value * 100 * 10 ** decimals) / 10 ** decimals, scaled, percent: true };
  }
  if (decimals <= p.scaled.decimals || !/[0#]/.test(section)) return p;
  return { ...p, scaled: { mantissa: p.scaled.mantissa * 10n ** BigInt(decimals - p.scaled.decimals), decimals } };
}

/** Read a "levels as columns" layout (ours, the inclusive one). Null when its level headers are not there. */
function readColumns(grid: Grid, cells: Hit[], layout: ColumnLayout): (ReadResult & { score: number }) | null {
  const sheet = grid.sheet;
  const header = findHeaderRow(cells, layout);
  if (!header) return null;
  const headerRow = header.row;
  const findings: Finding[] = [];
  const out: ReadResult & { score: number } = { report: null, cells: {}, findings, percents: [], rated: [], breakdowns: [], sheet, layout: { id: layout.id, name: layout.name }, score: 0 };
  const { at, text, headerRows } = findColumns(cells, headerRow, layout, findings, sheet);
  const addr = (row: number, col: number) => `${sheet}!${a1(row, col)}`;
  const numericCols = [...at.entries()].filter(([k]) => k !== 'note').map(([, c]) => c);
  const firstDataCol = Math.min(...numericCols);
  // the cells people type (totals, unrated, level counts): computed columns (rated, %) never make a row non-blank
  const inputCols = [...at.entries()].filter(([k]) => k === 'total' || k.startsWith('unrated.') || k.endsWith('.count')).map(([, c]) => c);
  const isBlank = (row: number, c: number) => {
    const p = parseNumber(cellAt(grid, row, c));
    return !p.ok && p.reason === 'blank' && !grid.noValue?.[a1(row, c)];
  };
  const rowBlank = (row: number) => inputCols.every((c) => isBlank(row, c));
  const hasNumbers = (row: number) => inputCols.some((c) => parseNumber(cellAt(grid, row, c)).ok);
  const rows = findRows(cells, Math.max(...headerRows), firstDataCol, hasNumbers, layout.rows, findings, sheet);
  out.score = header.size * 10 + rows.size;

  for (const key of ['total', ...layout.levelColumns.map((k) => `${k}.count`)]) {
    if (!at.has(key)) findings.push(readerFinding('missing-column', sheet, a1(headerRow, firstDataCol), { column: layout.columns.find((c) => key.startsWith(c.key))?.header ?? key }));
  }

  const { year, cell: yearCell } = findYear(cells, headerRow, findings, sheet);
  const { unit, cell: unitCell } = findUnit(grid, cells, headerRow);
  if (yearCell) out.cells.year = `${sheet}!${yearCell}`;
  if (unitCell) out.cells.unit = `${sheet}!${unitCell}`;
  if (year === null) findings.push(readerFinding('missing-year', sheet, a1(Math.max(1, headerRow - 3), 1), {}));
  if (unit === null) findings.push(readerFinding('missing-unit', sheet, a1(1, 1), {}));

  const read = (row: number, col: number | undefined, path: string, blank: 'zero' | 'missing' | 'absent'): number | null | undefined => {
    if (col === undefined) return blank === 'missing' ? null : undefined;
    out.cells[path] ??= addr(row, col);
    const formula = grid.noValue?.[a1(row, col)];
    if (formula !== undefined) {
      findings.push(readerFinding('formula-no-value', sheet, a1(row, col), { formula, path }));
      return null;
    }
    const p = parseNumber(cellAt(grid, row, col));
    if (p.ok && !p.percent) return p.value;
    if (!p.ok && p.reason === 'blank') return blank === 'zero' ? 0 : blank === 'missing' ? null : undefined;
    findings.push(readerFinding(p.ok ? 'percent-in-count' : p.reason === 'error-value' ? 'error-value' : 'unreadable', sheet, a1(row, col), { value: String(cellAt(grid, row, col)), path }));
    return null;
  };
  /** A level as the layout makes it from its columns (good = trở lên − trong đó); the cell is its first column. */
  const readLevel = (row: number, l: Level, path: string, blank: 'zero' | 'missing'): number | null => {
    const from = layout.levels[l];
    let sum: number | null = 0;
    for (const k of from.plus) {
      const v = read(row, at.get(`${k}.count`), path, blank);
      sum = v === null || v === undefined || sum === null ? null : sum + v;
    }
    for (const k of from.minus ?? []) {
      const c = at.get(`${k}.count`);
      const v = c === undefined ? null : parseNumber(cellAt(grid, row, c));
      const n = v && v.ok && !v.percent ? v.value : v && !v.ok && v.reason === 'blank' ? 0 : null;
      sum = n === null || sum === null ? null : sum - n;
    }
    return sum;
  };

  const tallies: NonNullable<UnitReportDraft['tallies']> = {};
  const groups: Partial<Record<MemberGroup, DraftLevelCounts>> = {};
  const justifications: Record<string, string> = {};
  const labelRows = new Set(rows.values());
  for (const def of layout.rows) {
    const row = rows.get(def);
    const base = def.group ? `tallies.member.groups.${def.group}` : `tallies.${def.subject}`;
    if (row === undefined) {
      // reported at the top of the label column, under the header
      const top = rows.size ? Math.min(...rows.values()) : Math.max(...headerRows) + 1;
      if (!def.group) findings.push(readerFinding('missing-row', sheet, a1(top, firstDataCol > 1 ? firstDataCol - 1 : 1), { label: def.label, path: base }));
      continue;
    }
    const labelCol = cells.find((h) => h.row === row && h.col < firstDataCol && matches(def.match, h.text))?.col ?? 1;
    out.cells[base] = addr(row, labelCol);
    const zeroRow = def.blankRowIsZero && rowBlank(row);
    if (def.group) {
      if (rowBlank(row)) continue; // a blank group row: no split given
      const levels: DraftLevelCounts = {};
      for (const l of LEVELS) levels[l] = readLevel(row, l, `${base}.${l}`, 'zero');
      groups[def.group] = levels;
    } else {
      const unrated: Partial<Record<UnratedReason, number | null>> = {};
      for (const r of UNRATED_REASONS) {
        const v = read(row, at.get(`unrated.${r}`), `${base}.unrated.${r}`, 'absent');
        if (v !== undefined && v !== 0) unrated[r] = v;
      }
      const total = read(row, at.get('total'), `${base}.total`, zeroRow ? 'zero' : 'missing') ?? null;
      // nothing left to rate (a chi bộ founded < 6 months: Tổng số = Mới): blank level cells are 0
      const unratedSum = Object.values(unrated).reduce<number | null>((a, v) => (a === null || v === null || v === undefined ? null : a + v), 0);
      const levelsBlank = LEVELS.every((l) => layout.levels[l].plus.every((k) => at.get(`${k}.count`) === undefined || isBlank(row, at.get(`${k}.count`) as number)));
      const nothingToRate = total !== null && unratedSum !== null && total === unratedSum && levelsBlank;
      const blank = zeroRow || nothingToRate ? 'zero' : 'missing';
      const levels: DraftLevelCounts = {};
      for (const l of LEVELS) levels[l] = readLevel(row, l, `${base}.levels.${l}`, blank);
      out.cells[`${base}.levels`] = addr(row, at.get(`${layout.levelColumns[0]}.count`) ?? labelCol);
      tallies[def.subject] = { total, unrated, levels };
      // "Khác" with its reason written in Ghi chú on that row: the note is its justification
      const noteCol = at.get('note');
      const note = noteCol !== undefined ? cellAt(grid, row, noteCol) : undefined;
      if (typeof unrated.other === 'number' && unrated.other > 0 && typeof note === 'string' && note.trim()) {
        justifications[`${def.subject}.unrated-reason`] = note.trim().slice(0, 2000);
        out.cells[`justifications.${def.subject}.unrated-reason`] = addr(row, noteCol as number);
      }
    }
    // typed "rated" counts and percentages, checked against the counts later
    const ratedCol = at.get('rated');
    if (ratedCol !== undefined) {
      const p = parseNumber(cellAt(grid, row, ratedCol));
      if (p.ok && !isFormula(grid, row, ratedCol)) out.rated.push({ subject: def.subject, group: def.group, cell: addr(row, ratedCol), value: p.value });
    }
    for (const pd of layout.percents) {
      const c = at.get(`${pd.column}.percent`);
      if (c === undefined) continue;
      const p = parseNumber(cellAt(grid, row, c));
      if (!p.ok) continue;
      const formula = isFormula(grid, row, c);
      const stated = pd.baseIf && (matches(pd.baseIf.match, text.get(pd.column) ?? '') || matches(pd.baseIf.match, text.get(`${pd.column}.percent`) ?? ''));
      out.percents.push({
        subject: def.subject,
        group: def.group,
        level: pd.numerator[0] as Level,
        numerator: pd.numerator,
        base: stated ? pd.baseIf!.base : pd.base,
        cell: addr(row, c),
        parsed: formula ? p : shownPercent(p, cellAt(grid, row, c), formatAt(grid, row, c)),
        formula,
      });
    }
  }
  // "Trong đó: …" rows under a subject: breakdowns of the row above, each count at most its parent's
  const subjectRows = [...rows.entries()].filter(([d]) => !d.group).sort((a, b) => a[1] - b[1]);
  for (const h of cells) {
    if (h.col >= firstDataCol || !/^(trong do|trong so)\b/.test(h.text) || labelRows.has(h.row) || h.row <= headerRow) continue;
    const parent = [...subjectRows].reverse().find(([, r]) => r < h.row);
    if (!parent) continue;
    const [pdef, prow] = parent;
    const label = String(cellAt(grid, h.row, h.col) ?? '').trim();
    for (const c of inputCols) {
      const sub = parseNumber(cellAt(grid, h.row, c));
      const top = parseNumber(cellAt(grid, prow, c));
      if (!sub.ok || sub.percent) continue;
      out.breakdowns.push({ subject: pdef.subject, label, cell: addr(h.row, c), value: sub.value, parent: top.ok ? top.value : null, parentCell: addr(prow, c) });
    }
  }
  if (tallies.member && Object.keys(groups).length > 0) {
    (tallies.member as { groups?: typeof groups }).groups = groups;
    out.cells['tallies.member.groups'] = out.cells[`tallies.member.groups.${Object.keys(groups)[0]}`] as string;
  }
  out.report = { unit: unit ?? '', year: year ?? 0, tallies, ...(Object.keys(justifications).length ? { justifications } : {}) } as UnitReportDraft;
  return out;
}

/**
 * Read Biểu 01 from a grid by its labels, in whichever of the known layouts it is (ours, the inclusive one,
 * the statistics form): rows inserted or moved, columns moved, merged headers, renamed sheets, numbers typed
 * as text all read. What cannot be read is a finding at its cell, never a silent zero.
 */
export function readBieu01(grid: Grid): ReadResult {
  const cells = textCells(grid);
  let best: (ReadResult & { score: number }) | null = null;
  for (const layout of COLUMN_LAYOUTS) {
    const r = readColumns(grid, cells, layout);
    if (r && (!best || r.score > best.score)) best = r;
  }
  const stats = readStatistics(grid, cells);
  if (stats && (!best || stats.score > best.score)) best = stats;
  if (!best) {
    return { report: null, cells: {}, findings: [readerFinding('no-template', grid.sheet, a1(grid.origin.row, grid.origin.col), {})], percents: [], rated: [], breakdowns: [], sheet: grid.sheet };
  }
  const { score: _score, ...result } = best;
  return result;
}

export { BIEU01 };
