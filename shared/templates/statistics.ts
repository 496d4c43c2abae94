import { parseNumber } from '../format';
import type { DraftLevelCounts, Finding, Level, Subject, UnitReportDraft, UnratedReason } from '../model';
import { LEVELS, UNRATED_REASONS } from '../model';
import { matches } from './bieu01';
import { readerFinding } from './findings';
import { a1, cellAt, isFormula, type Grid } from './grid';
import { LAYOUT_STATISTICS } from './layouts';
import { findUnit, findYear, type Hit, type ReadResult } from './reader';

type RowKey = (typeof LAYOUT_STATISTICS.rows)[number]['key'];

/** The row key of a label: the reasons for "không hoàn thành" first (they contain its words). */
function rowKey(text: string, afterIncomplete: boolean): RowKey | null {
  const reason = LAYOUT_STATISTICS.rows.find((r) => r.key === 'incompleteReason')!;
  if (matches(reason.match, text) || (afterIncomplete && /^khac\b/.test(text))) return 'incompleteReason';
  for (const r of LAYOUT_STATISTICS.rows) if (r.key !== 'incompleteReason' && matches(r.match, text)) return r.key;
  return null;
}

interface Block {
  rows: Map<RowKey, Hit>;
  reasons: Hit[];
  first: number;
  last: number;
  labelCol: number;
}

/** Consecutive label rows of the statistics layout (Số có mặt … Không hoàn thành nhiệm vụ and the reasons). */
function findBlocks(cells: Hit[]): Block[] {
  const blocks: Block[] = [];
  let cur: Block | null = null;
  const byRow = new Map<number, Hit[]>();
  for (const h of cells) byRow.set(h.row, [...(byRow.get(h.row) ?? []), h]);
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const hits = byRow.get(row)!;
    let found: { key: RowKey; hit: Hit } | null = null;
    for (const h of hits) {
      const k = rowKey(h.text, cur?.rows.has('incomplete') ?? false);
      if (k) {
        found = { key: k, hit: h };
        break;
      }
    }
    if (!found) {
      if (cur && row - cur.last > 3) cur = null;
      continue;
    }
    if (!cur || row - cur.last > 3 || (found.key !== 'incompleteReason' && cur.rows.has(found.key))) {
      cur = { rows: new Map(), reasons: [], first: row, last: row, labelCol: found.hit.col };
      blocks.push(cur);
    }
    if (found.key === 'incompleteReason') cur.reasons.push(found.hit);
    else cur.rows.set(found.key, found.hit);
    cur.last = row;
    cur.labelCol = Math.min(cur.labelCol, found.hit.col);
  }
  return blocks.filter((b) => LEVELS.filter((l) => b.rows.has(l)).length >= 3);
}

/**
 * The statistics layout (levels as rows; columns Tổng số and the kinds of organisation): the Tổng số column
 * makes the tallies, each loại hình column is kept as a breakdown by kind. Null when it is not there.
 */
export function readStatistics(grid: Grid, cells: Hit[]): (ReadResult & { score: number }) | null {
  const blocks = findBlocks(cells);
  if (blocks.length === 0) return null;
  const sheet = grid.sheet;
  const findings: Finding[] = [];
  const out: ReadResult & { score: number } = { report: null, cells: {}, findings, percents: [], rated: [], breakdowns: [], sheet, layout: { id: LAYOUT_STATISTICS.id, name: LAYOUT_STATISTICS.name }, score: 0 };
  const addr = (row: number, col: number) => `${sheet}!${a1(row, col)}`;
  const tallies: NonNullable<UnitReportDraft['tallies']> = {};
  const kinds = new Map<number, { kind: string; cell: string; tallies: NonNullable<UnitReportDraft['tallies']> }>();
  let firstHeader = Number.MAX_SAFE_INTEGER;
  let prevEnd = 0;
  for (const block of blocks) {
    // the header: the nearest row above the block with "Tổng số" right of the labels
    const header = cells
      .filter((h) => h.row < block.first && h.row > prevEnd - 1 && h.col > block.labelCol && matches(LAYOUT_STATISTICS.totalColumn, h.text))
      .sort((a, b) => b.row - a.row)[0];
    if (!header) {
      findings.push(readerFinding('missing-column', sheet, a1(block.first, block.labelCol + 1), { column: 'Tổng số' }));
      prevEnd = block.last;
      continue;
    }
    firstHeader = Math.min(firstHeader, header.row);
    // the subject: its words in the title lines above the header (members when none is named)
    const title = cells.filter((h) => h.row < header.row && h.row > prevEnd && h.col <= header.col).sort((a, b) => b.row - a.row);
    let subject: Subject = 'member';
    for (const h of title) {
      const hit = LAYOUT_STATISTICS.subjects.find((s) => matches(s.match, h.text));
      if (hit) {
        subject = hit.subject;
        break;
      }
    }
    prevEnd = block.last;
    if (tallies[subject]) continue;
    // kinds of organisation: the other header cells right of Tổng số, in the header band
    const kindCols = cells.filter((h) => h.row >= header.row - 1 && h.row <= header.row + 1 && h.col > header.col && !/^\(?\d+\)?$/.test(h.text));
    const base = `tallies.${subject}`;
    const value = (key: RowKey, col: number, path?: string): number | null | undefined => {
      const hit = block.rows.get(key);
      if (!hit) return undefined;
      if (path) out.cells[path] = addr(hit.row, col);
      const formula = grid.noValue?.[a1(hit.row, col)];
      if (formula !== undefined) {
        if (path) findings.push(readerFinding('formula-no-value', sheet, a1(hit.row, col), { formula, path }));
        return null;
      }
      const p = parseNumber(cellAt(grid, hit.row, col));
      if (p.ok && !p.percent) return p.value;
      if (!p.ok && p.reason === 'blank') return 0;
      if (path) findings.push(readerFinding(p.ok ? 'percent-in-count' : p.reason === 'error-value' ? 'error-value' : 'unreadable', sheet, a1(hit.row, col), { value: String(cellAt(grid, hit.row, col)), path }));
      return null;
    };
    const tallyAt = (col: number, withPaths: boolean) => {
      const unrated: Partial<Record<UnratedReason, number | null>> = {};
      for (const r of UNRATED_REASONS) {
        const v = value(r, col, withPaths ? `${base}.unrated.${r}` : undefined);
        if (v !== undefined && v !== 0) unrated[r] = v;
      }
      const levels: DraftLevelCounts = {};
      for (const l of LEVELS) levels[l] = value(l, col, withPaths ? `${base}.levels.${l}` : undefined) ?? null;
      let total = value('total', col, withPaths ? `${base}.total` : undefined);
      if (total === undefined) {
        // no "Số có mặt" row: the members present are the rated and the unrated
        const parts = [...LEVELS.map((l) => levels[l]), ...Object.values(unrated)];
        total = parts.every((v) => typeof v === 'number') ? (parts as number[]).reduce((a, b) => a + b, 0) : null;
      }
      return { total, unrated, levels };
    };
    const main = tallyAt(header.col, true);
    tallies[subject] = main;
    const first = block.rows.get(LEVELS.find((l) => block.rows.has(l)) as Level)!;
    out.cells[base] = addr(block.first, block.labelCol);
    out.cells[`${base}.levels`] = addr(first.row, header.col);
    const rated = block.rows.get('rated');
    if (rated) {
      const p = parseNumber(cellAt(grid, rated.row, header.col));
      if (p.ok && !isFormula(grid, rated.row, header.col)) out.rated.push({ subject, cell: addr(rated.row, header.col), value: p.value });
    }
    const incomplete = block.rows.get('incomplete');
    for (const r of block.reasons) {
      const p = parseNumber(cellAt(grid, r.row, header.col));
      const top = incomplete ? parseNumber(cellAt(grid, incomplete.row, header.col)) : null;
      if (p.ok && !p.percent && incomplete) {
        out.breakdowns.push({ subject, label: String(cellAt(grid, r.row, r.col) ?? '').trim(), cell: addr(r.row, header.col), value: p.value, parent: top?.ok ? top.value : 0, parentCell: addr(incomplete.row, header.col) });
      }
    }
    for (const k of kindCols) {
      const entry = kinds.get(k.col) ?? { kind: String(cellAt(grid, k.row, k.col) ?? '').trim(), cell: addr(k.row, k.col), tallies: {} };
      const t = tallyAt(k.col, false);
      if ([t.total, ...LEVELS.map((l) => t.levels[l])].some((v) => typeof v === 'number' && v > 0)) entry.tallies[subject] = t;
      kinds.set(k.col, entry);
    }
    out.score += LEVELS.filter((l) => block.rows.has(l)).length * 10 + block.rows.size;
  }
  if (Object.keys(tallies).length === 0) return null;
  const { year, cell: yearCell } = findYear(cells, firstHeader, findings, sheet);
  const { unit, cell: unitCell } = findUnit(grid, cells, firstHeader);
  if (yearCell) out.cells.year = `${sheet}!${yearCell}`;
  if (unitCell) out.cells.unit = `${sheet}!${unitCell}`;
  if (year === null) findings.push(readerFinding('missing-year', sheet, a1(Math.max(1, firstHeader - 3), 1), {}));
  if (unit === null) findings.push(readerFinding('missing-unit', sheet, a1(1, 1), {}));
  const byKind = [...kinds.values()].filter((k) => Object.keys(k.tallies).length > 0);
  if (byKind.length > 0) out.byKind = byKind;
  out.report = { unit: unit ?? '', year: year ?? 0, tallies } as UnitReportDraft;
  return out;
}
