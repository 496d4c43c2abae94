import { capRatioOf, countVi, coverageSentence, limitations, unitNamesOf } from '../consolidate';
import { CHANGE_HEAD, CHANGE_KEYS } from '../report/content';
import type { Consolidated, PolicyInput, SubjectFiguresBase, Tally } from '../model';
import { LEVELS, SUBJECTS } from '../model';
import { LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL, SUBJECT_LABEL } from '../rules/labels';
import { a1, parseA1 } from './grid';
import { issuerLine, PARTY_NAME, placeDateLine, signatureFor, superiorLine } from './party';
import { STYLES, type CellSpec, type SheetSpec, type StyleKey } from './writer';

/** The name of the sheet a pull writes: "Tổng hợp KM 2025" (Excel allows 31 characters, no []:*?/\). */
export function consolidatedSheetName(unit: string, year: number): string {
  return `Tổng hợp ${unit} ${year}`.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);
}

/**
 * Row heights that fit wrapped text: for each row, the most lines any wrapped cell needs at its width (its
 * merged width when it heads a merge), in points. Widths are Excel character widths; the estimate errs on the
 * tall side (a serif font with Vietnamese diacritics runs wider than Excel's default digit).
 */
export function fitRowHeights(cells: CellSpec[], merges: string[], widths: number[], min = 16): Record<number, number> {
  const spanOf = new Map<string, number>();
  for (const m of merges) {
    const [from, to] = m.split(':').map((x) => parseA1(x)!);
    if (from && to && from.row === to.row) spanOf.set(`${from.row}:${from.col}`, to.col - from.col + 1);
  }
  const heights: Record<number, number> = {};
  for (const c of cells) {
    const style = STYLES[c.style];
    if (!style.wrap || typeof c.value !== 'string' || c.value === '') continue;
    const size = style.size ?? 12;
    const span = spanOf.get(`${c.row}:${c.col}`) ?? 1;
    let width = 0;
    for (let i = 0; i < span; i++) width += widths[c.col - 1 + i] ?? 9;
    // characters per line: about one per width unit at 11 pt, fewer at larger sizes and in bold
    const perLine = Math.max(4, Math.floor((width * 12) / size / (style.bold ? 1.1 : 1)));
    const lines = c.value.split('\n').reduce((n, part) => n + Math.max(1, wrapCount(part, perLine)), 0);
    const h = Math.ceil(lines * size * 1.32 + 4);
    heights[c.row] = Math.max(heights[c.row] ?? min, h);
  }
  return heights;
}

/** Lines a text takes when wrapped at word boundaries to `perLine` characters. */
function wrapCount(text: string, perLine: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    const len = word.length;
    if (used === 0) used = len;
    else if (used + 1 + len <= perLine) used += 1 + len;
    else {
      lines++;
      used = len;
    }
    while (used > perLine) {
      lines++;
      used -= perLine;
    }
  }
  return lines;
}

const LAST = 16;

/**
 * The consolidated view as a printable sheet (A4 landscape, one page wide), laid out as a bloc's report appendix:
 * the party header; the title with the unit's and the regulation's names; coverage; Biểu 1 the four subjects;
 * Biểu 2 the change against last year; Biểu 3 by kind of organisation; (new page) Biểu 4 one row per unit; the
 * findings with their justifications; the member levels (the add-in draws a chart beside them); the prose; the
 * signature block. The add-in writes it with Office.js, the web page and the Worker with exceljs.
 */
export function consolidatedSheet(view: Consolidated, unitName?: string, opts: { policy?: PolicyInput } = {}): SheetSpec {
  const cells: CellSpec[] = [];
  const merges: string[] = [];
  const rowBreaks: number[] = [];
  const names = unitNamesOf(view);
  const name = view.unitName ?? unitName ?? view.unit;
  const put = (row: number, col: number, value: CellSpec['value'], style: StyleKey) => cells.push({ row, col, value, style });
  /** A value over columns from..to (bordered styles get their borders on every cell of the merge). */
  const span = (row: number, from: number, to: number, value: CellSpec['value'], style: StyleKey) => {
    put(row, from, value, style);
    if (to > from) {
      merges.push(`${a1(row, from)}:${a1(row, to)}`);
      if (STYLES[style].border) for (let c = from + 1; c <= to; c++) put(row, c, null, style);
    }
  };
  const line = (row: number, value: string, style: StyleKey) => span(row, 1, LAST, value, style);
  const pct = (p: number | null): number | string => (p === null ? '-' : p);

  // party header: the superior organisation and the issuing committee on the left, the party on the right
  const sig = signatureFor(view.unitKind);
  span(1, 1, 6, superiorLine(view.parentName), 'org');
  span(2, 1, 6, issuerLine(name, view.unitKind), 'org-bold');
  span(3, 1, 6, '*', 'org');
  span(1, 10, LAST, PARTY_NAME, 'party');
  span(2, 10, LAST, placeDateLine(), 'place');
  let r = 5;
  line(r++, `BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG, ĐẢNG VIÊN NĂM ${view.year}`, 'title');
  const rb = view.rulebookName;
  line(r++, `${name}${rb ? ` — theo ${rb.regulation} và ${rb.guidance}` : ''}`, 'subtitle');
  line(r++, coverageSentence(view, names), 'prose');
  r++;

  // Biểu 1: the four subjects, counts and percentages
  const figureHead = (first: string) => {
    span(r, 1, 1, 'TT', 'th');
    span(r, 2, 2, first, 'th');
    span(r, 3, 3, 'Tổng số', 'th');
    span(r, 4, 5, 'Được đánh giá, xếp loại', 'th');
    span(r, 6, 6, 'Không đánh giá, xếp loại', 'th');
    LEVELS.forEach((l, i) => span(r, 7 + 2 * i, 8 + 2 * i, LEVEL_LABEL[l].vi, 'th'));
    span(r, 15, 15, 'Tốt trở lên (%)', 'th');
    r++;
    ['', '', '', 'SL', '%', '', ...LEVELS.flatMap(() => ['SL', '%']), ''].forEach((h, i) => put(r, i + 1, h, 'th'));
    for (const c of [1, 2, 3, 6, 15]) merges.push(`${a1(r - 1, c)}:${a1(r, c)}`);
    r++;
  };
  const figureRow = (tt: string, label: string, f: SubjectFiguresBase, bold = false) => {
    const count: StyleKey = bold ? 'count-bold' : 'count';
    put(r, 1, tt, 'tt');
    put(r, 2, label, bold ? 'label-bold' : 'label');
    const vals: [CellSpec['value'], StyleKey][] = [
      [f.total, count],
      [f.rated, count],
      [pct(f.percent.rated), 'percent'],
      [f.unrated, count],
      ...LEVELS.flatMap((l): [CellSpec['value'], StyleKey][] => [
        [f.levels[l], count],
        [pct(f.percent[l]), 'percent'],
      ]),
      [pct(f.percent.goodOrBetter), 'percent'],
    ];
    vals.forEach(([v, st], i) => put(r, i + 3, v, st));
    r++;
  };
  line(r++, `Biểu 1. Kết quả đánh giá, xếp loại chất lượng năm ${view.year}`, 'section');
  figureHead('Nội dung');
  const tableTop = r;
  SUBJECTS.forEach((s, i) => figureRow(String(i + 1), SUBJECT_LABEL[s].vi, view.subjects[s], true));
  r++;

  // Biểu 2: last year, this year and the change (points), for every percentage
  const prev = view.year - 1;
  line(r++, `Biểu 2. Tỷ lệ (%) so với năm ${prev}`, 'section');
  ['TT', 'Nội dung', 'Năm', ...CHANGE_KEYS.map((k) => CHANGE_HEAD[k])].forEach((h, i) => put(r, i + 1, h, 'th'));
  r++;
  if (SUBJECTS.some((s) => view.subjects[s].previous)) {
    SUBJECTS.forEach((s, i) => {
      const f = view.subjects[s];
      const rows: [string, string, string, (k: (typeof CHANGE_KEYS)[number]) => number | string, StyleKey][] = [
        [String(i + 1), SUBJECT_LABEL[s].vi, `Năm ${prev}`, (k) => pct(f.previous?.percent[k] ?? null), 'percent'],
        ['', '', `Năm ${view.year}`, (k) => pct(f.percent[k]), 'percent'],
        ['', '', 'Tăng, giảm', (k) => pct(f.change?.[k] ?? null), 'change'],
      ];
      for (const [tt, label, when, value, style] of rows) {
        put(r, 1, tt, 'tt');
        put(r, 2, label, 'label-bold');
        put(r, 3, when, 'label');
        CHANGE_KEYS.forEach((k, j) => put(r, 4 + j, value(k), style));
        r++;
      }
    });
  } else span(r++, 1, 11, `Không có số liệu năm ${prev} để so sánh.`, 'label');
  r++;

  // Biểu 3: by kind of organisation (loại hình)
  line(r++, `Biểu 3. Kết quả theo loại hình tổ chức năm ${view.year}`, 'section');
  figureHead('Loại hình, nội dung');
  for (const t of view.byType ?? []) {
    span(r++, 1, LAST, `${t.label} (${countVi(t.units)} đơn vị)`, 'label-group');
    SUBJECTS.forEach((s, i) => figureRow(String(i + 1), SUBJECT_LABEL[s].vi, t.subjects[s]));
  }
  if (!view.byType?.length) span(r++, 1, LAST, 'Chưa có đơn vị nào gửi báo cáo.', 'label');
  span(r++, 1, LAST, 'Tổng cộng', 'label-group');
  SUBJECTS.forEach((s, i) => figureRow(String(i + 1), SUBJECT_LABEL[s].vi, view.subjects[s], true));

  // Biểu 4 on a new page: one row per unit
  rowBreaks.push(r);
  r++;
  line(r++, `Biểu 4. Kết quả của từng đơn vị năm ${view.year}`, 'section');
  const unitHead: [string, number?][] = [['TT'], ['Đơn vị'], ['Tình trạng báo cáo'], ['Phiên bản'], ['Tổ chức đảng'], ['Tập thể cấp ủy'], ['Chi bộ trực thuộc'], ['Chi bộ xuất sắc'], ['Đảng viên'], ...LEVELS.map((l): [string] => [`ĐV ${LEVEL_LABEL[l].short.toLowerCase()}`]), ['ĐV không xếp loại'], ['Cảnh báo']];
  unitHead.forEach(([h], i) => put(r, i + 1, h, 'th'));
  r++;
  const warnings = new Map<string, number>();
  for (const f of view.findings) if (f.unit && f.severity !== 'info') warnings.set(f.unit, (warnings.get(f.unit) ?? 0) + 1);
  view.units.forEach((u, i) => {
    const t = u.tallies;
    const m = t?.member;
    const unrated = m ? Object.values(m.unrated).reduce((a, b) => a + (b ?? 0), 0) : null;
    const vals: [CellSpec['value'], StyleKey][] = [
      [String(i + 1), 'tt'],
      [u.name, 'label'],
      [STATUS_LABEL[u.status].vi, 'label'],
      [u.version, 'count'],
      [t ? levelText(t.organization) : '', 'label'],
      [t ? levelText(t.committee) : '', 'label'],
      [t?.branch.total ?? null, 'count'],
      [t?.branch.levels.excellent ?? null, 'count'],
      [m?.total ?? null, 'count'],
      ...LEVELS.map((l): [CellSpec['value'], StyleKey] => [m?.levels[l] ?? null, 'count']),
      [unrated, 'count'],
      [warnings.get(u.unit) ?? null, 'count'],
    ];
    vals.forEach(([v, st], j) => put(r, j + 1, v, st));
    r++;
  });
  r++;

  // the findings across units, with the units' justifications
  line(r++, 'Các nội dung cần xem lại', 'section');
  const fcols: [number, number, string][] = [
    [1, 1, 'Mức'],
    [2, 2, 'Đơn vị'],
    [3, 8, 'Nội dung'],
    [9, 12, 'Cách sửa'],
    [13, LAST, 'Giải trình của đơn vị'],
  ];
  for (const [from, to, h] of fcols) span(r, from, to, h, 'th');
  r++;
  for (const f of view.findings) {
    const vals = [SEVERITY_LABEL[f.severity].vi, f.unit ? (names[f.unit] ?? (f.unit === view.unit ? name : f.unit)) : name, f.message, f.hint ?? '', f.justification ?? ''];
    fcols.forEach(([from, to], i) => span(r, from, to, vals[i]!, i === 0 ? 'label' : 'note'));
    r++;
  }
  if (view.findings.length === 0) span(r++, 1, LAST, 'Không có cảnh báo nào trong báo cáo của các đơn vị đã gửi.', 'note');
  r++;

  // the member levels, labelled; the add-in draws its chart beside them
  line(r++, `Cơ cấu xếp loại đảng viên năm ${view.year}`, 'section');
  const chartTop = r;
  put(r, 2, 'Mức xếp loại', 'th');
  LEVELS.forEach((l, i) => put(r, 3 + i, LEVEL_LABEL[l].short, 'th'));
  put(r + 1, 2, 'Số đảng viên', 'label');
  LEVELS.forEach((l, i) => put(r + 1, 3 + i, view.subjects.member.levels[l], 'count'));
  put(r + 2, 2, 'Tỷ lệ %', 'label');
  LEVELS.forEach((l, i) => put(r + 2, 3 + i, pct(view.subjects.member.percent[l]), 'percent'));
  // room for the chart the add-in draws (about 14 rows); a blank end of page in the .xlsx
  r += 16;

  // the prose: the results, then "Hạn chế"
  rowBreaks.push(r - 1);
  line(r++, 'Nội dung báo cáo', 'section');
  for (const p of view.narrative.split('\n\n')) line(r++, p, 'prose');
  line(r++, 'Hạn chế', 'section');
  for (const p of limitations(view, { names, capRatio: capRatioOf(view, opts.policy) })) line(r++, p, 'prose');
  r++;

  // signature block
  span(r, 1, 5, 'NGƯỜI LẬP BIỂU', 'sign-title');
  span(r, 10, LAST, sig.onBehalf, 'sign-title');
  span(r + 1, 1, 5, '(Ký, ghi rõ họ tên)', 'sign-name');
  span(r + 1, 10, LAST, sig.title, 'sign-title');
  span(r + 2, 10, LAST, '(Ký tên, đóng dấu)', 'sign-name');
  const end = r + 6;

  const widths = [5, 30, 11, 8, 8, 9, 8, 8, 8, 8, 8, 8, 8, 8, 9, 9];
  const heights = { ...fitRowHeights(cells, merges, widths), 5: 40 };
  return {
    name: '',
    cells,
    merges,
    widths,
    heights,
    rowBreaks,
    print: { orientation: 'landscape', fitToWidth: true, printArea: `A1:${a1(end, LAST)}` },
    layout: { col: {}, row: { table: tableTop }, headerRow: tableTop - 2, yearCell: 'A5', unitCell: 'A6' },
    chart: { title: `Đảng viên theo mức xếp loại năm ${view.year}`, dataRange: `${a1(chartTop, 3)}:${a1(chartTop + 1, 6)}`, anchor: a1(chartTop, 8) },
  };
}

/** The level of a one-organisation row ("Xuất sắc"), or a consolidating child's counts ("Xuất sắc 2; Tốt 5"). */
function levelText(t: Tally): string {
  if (t.total === 0) return '—';
  const rated = LEVELS.reduce((n, l) => n + t.levels[l], 0);
  if (t.total === 1 && rated === 1) return LEVEL_LABEL[LEVELS.find((l) => t.levels[l] === 1)!].short;
  if (rated === 0) return 'Chưa xếp loại';
  return LEVELS.filter((l) => t.levels[l] > 0)
    .map((l) => `${LEVEL_LABEL[l].short} ${t.levels[l]}`)
    .join('; ');
}
