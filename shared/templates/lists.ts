import { parseNumber } from '../format';
import type { Finding, Level, LevelCounts, MemberGroup, UnratedReason } from '../model';
import { LEVELS } from '../model';
import { msg } from '../rules/messages';
import { matches, type Matcher } from './bieu01';
import { a1, eachCell, eachRow, normalizeLabel, type Grid } from './grid';
import { LEVEL_WORDS, POSITION_GROUPS } from './layouts';

/**
 * Biểu 02 (danh sách đảng viên) and Biểu 03 (danh sách chi bộ trực thuộc): one row per member or chi bộ with
 * its level or its reason for not being rated. Only counts are taken from them: names never leave the workbook.
 */
export interface ListDef {
  id: 'bieu02' | 'bieu03';
  version: number;
  sheetName: string;
  title: string;
  /** The header that tells this list apart (Họ và tên / Tên chi bộ). */
  nameColumn: { header: string; match: Matcher };
  columns: { key: 'stt' | 'name' | 'branch' | 'group' | 'level' | 'score' | 'note'; header: string; match: Matcher; width: number }[];
}

export const BIEU02: ListDef = {
  id: 'bieu02',
  version: 1,
  sheetName: 'Biểu 02',
  title: 'DANH SÁCH ĐẢNG VIÊN VÀ KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG',
  nameColumn: { header: 'Họ và tên', match: { any: ['ho va ten', 'ho ten'] } },
  columns: [
    { key: 'stt', header: 'STT', match: { any: ['stt', 'tt'] }, width: 6 },
    { key: 'name', header: 'Họ và tên', match: { any: ['ho va ten', 'ho ten'] }, width: 28 },
    { key: 'branch', header: 'Chi bộ', match: { any: ['chi bo'] }, width: 22 },
    { key: 'group', header: 'Nhóm chức vụ', match: { any: ['chuc vu', 'nhom'] }, width: 22 },
    { key: 'level', header: 'Mức xếp loại hoặc lý do không xếp loại', match: { any: ['xep loai', 'muc'] }, width: 30 },
    { key: 'score', header: 'Điểm', match: { any: ['diem'] }, width: 8 },
    { key: 'note', header: 'Ghi chú', match: { any: ['ghi chu'] }, width: 20 },
  ],
};

export const BIEU03: ListDef = {
  id: 'bieu03',
  version: 1,
  sheetName: 'Biểu 03',
  title: 'DANH SÁCH CHI BỘ TRỰC THUỘC VÀ KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG',
  nameColumn: { header: 'Tên chi bộ', match: { any: ['ten chi bo'] } },
  columns: [
    { key: 'stt', header: 'STT', match: { any: ['stt', 'tt'] }, width: 6 },
    { key: 'name', header: 'Tên chi bộ', match: { any: ['ten chi bo'] }, width: 36 },
    { key: 'level', header: 'Mức xếp loại hoặc lý do không xếp loại', match: { any: ['xep loai', 'muc'] }, width: 30 },
    { key: 'note', header: 'Ghi chú', match: { any: ['ghi chu'] }, width: 20 },
  ],
};

export interface ListCounts {
  def: ListDef;
  sheet: string;
  rows: number;
  levels: LevelCounts;
  unrated: Partial<Record<UnratedReason, number>>;
  groups: Record<MemberGroup, LevelCounts>;
  /** scoreBands[level][band of the score], from the scores given (Biểu 02 from 2025). */
  scoreBands: Partial<Record<Level, LevelCounts>>;
  scored: number;
  /** Cells of the level column and the header of each column, for findings. */
  columnRange: Record<string, string>;
  findings: Finding[];
}

const zero = (): LevelCounts => ({ excellent: 0, good: 0, complete: 0, incomplete: 0 });

function classify<T extends string>(words: [T, Matcher][], text: string, cache: Map<string, T | null>): T | null {
  let hit = cache.get(text);
  if (hit === undefined) {
    const norm = normalizeLabel(text);
    hit = words.find(([, m]) => matches(m, norm))?.[0] ?? null;
    cache.set(text, hit);
  }
  return hit;
}

function listFinding(def: ListDef, cell: string, texts: ReturnType<typeof msg.lists.unknownLevel>): Finding {
  return { code: `template.${def.id}-cell`, rule: 'unreadable-cell', severity: 'error', path: [def.id], cell, ...texts };
}

/** The header row of a list: the row holding its name column and a level column, within the first 30 rows. */
function findListHeader(grid: Grid, def: ListDef): { row: number; cols: Partial<Record<ListDef['columns'][number]['key'], number>> } | null {
  const limit = Math.min(grid.values.length, 30);
  for (let r = 0; r < limit; r++) {
    const vals = grid.values[r] ?? [];
    const norms: { idx: number; text: string }[] = [];
    eachCell(vals, (v, idx) => {
      const text = normalizeLabel(v);
      if (text) norms.push({ idx, text });
    });
    if (!norms.some((n) => matches(def.nameColumn.match, n.text))) continue;
    const cols: Partial<Record<ListDef['columns'][number]['key'], number>> = {};
    for (const c of def.columns) {
      const hit = norms.find((n) => matches(c.match, n.text) && !Object.values(cols).includes(grid.origin.col + n.idx));
      if (hit) cols[c.key] = grid.origin.col + hit.idx;
    }
    if (cols.level !== undefined && cols.name !== undefined) return { row: grid.origin.row + r, cols };
  }
  return null;
}

/**
 * Count a list sheet: every row with a name is one member (or chi bộ); its level or reason, group and score
 * are counted; a cell that says neither is a finding at that cell.
 */
export function readList(grid: Grid, def: ListDef, opts: { scoreBands?: { excellent: number; good: number; complete: number } } = {}): ListCounts | null {
  const header = findListHeader(grid, def);
  if (!header) return null;
  const { cols } = header;
  const sheet = grid.sheet;
  const out: ListCounts = {
    def,
    sheet,
    rows: 0,
    levels: zero(),
    unrated: {},
    groups: { leader: zero(), manager: zero(), staff: zero() },
    scoreBands: {},
    scored: 0,
    columnRange: {},
    findings: [],
  };
  const levelCache = new Map<string, Level | UnratedReason | null>();
  const groupCache = new Map<string, MemberGroup | null>();
  const bands = opts.scoreBands ?? { excellent: 90, good: 70, complete: 50 };
  const nameCol = (cols.name as number) - grid.origin.col;
  const levelCol = (cols.level as number) - grid.origin.col;
  const groupCol = cols.group !== undefined ? cols.group - grid.origin.col : -1;
  const scoreCol = cols.score !== undefined ? cols.score - grid.origin.col : -1;
  let lastRow = header.row;
  const first = header.row - grid.origin.row + 1;
  eachRow(grid, (vals, r) => {
    if (r < first) return;
    const name = vals[nameCol];
    if (typeof name !== 'string' || name.trim() === '' || /^\(\d+\)$/.test(name.trim())) return;
    const row = grid.origin.row + r;
    lastRow = row;
    out.rows++;
    const raw = vals[levelCol];
    const level = typeof raw === 'string' ? classify(LEVEL_WORDS, raw, levelCache) : null;
    if (level === null) {
      out.findings.push(listFinding(def, `${sheet}!${a1(row, cols.level as number)}`, msg.lists.unknownLevel(String(raw ?? ''))));
      return;
    }
    if (!(LEVELS as readonly string[]).includes(level)) {
      const reason = level as UnratedReason;
      out.unrated[reason] = (out.unrated[reason] ?? 0) + 1;
      return;
    }
    const lv = level as Level;
    out.levels[lv]++;
    if (groupCol >= 0) {
      const g = vals[groupCol];
      const group = typeof g === 'string' && g.trim() ? classify(POSITION_GROUPS, g, groupCache) : null;
      if (group === null) out.findings.push(listFinding(def, `${sheet}!${a1(row, cols.group as number)}`, msg.lists.unknownGroup(String(g ?? ''))));
      else out.groups[group][lv]++;
    }
    if (scoreCol >= 0) {
      const s = parseNumber(vals[scoreCol]);
      if (s.ok && s.value >= 0 && s.value <= 100) {
        const band: Level = s.value >= bands.excellent ? 'excellent' : s.value >= bands.good ? 'good' : s.value >= bands.complete ? 'complete' : 'incomplete';
        const row2 = (out.scoreBands[lv] ??= zero());
        row2[band]++;
        out.scored++;
      } else if (!(s.ok === false && s.reason === 'blank')) {
        out.findings.push(listFinding(def, `${sheet}!${a1(row, cols.score as number)}`, msg.lists.badScore(String(vals[scoreCol]))));
      }
    }
  });
  for (const [key, c] of Object.entries(cols)) out.columnRange[key] = `${sheet}!${a1(header.row + 1, c)}:${a1(Math.max(lastRow, header.row + 1), c)}`;
  return out;
}


