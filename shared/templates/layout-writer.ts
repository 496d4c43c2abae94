import type { Level, Subject, Tally, UnitReport } from '../model';
import { LEVELS, SUBJECTS, UNRATED_REASONS } from '../model';
import { SUBJECT_LABEL } from '../rules/labels';
import { a1, columnLetters } from './grid';
import { LAYOUT_INCLUSIVE, LAYOUT_STATISTICS } from './layouts';
import type { CellSpec, SheetSpec, StyleKey } from './writer';

/**
 * The other layouts units send, written from a report (for tests, demos and units that keep them): the
 * inclusive Biểu 01 and the statistics form. Values and formulas with their results, as a spreadsheet saves them.
 */
export interface LayoutSheetOptions {
  year: number;
  unit: string;
  unitName: string;
  report: Pick<UnitReport, 'tallies'>;
  /** Statistics layout: counts by kind of organisation (loại hình), each adding up to the Tổng số column. */
  kinds?: { kind: string; tallies: Pick<UnitReport, 'tallies'>['tallies'] }[];
  /** Inclusive layout: the excellent share stated "so với hoàn thành tốt nhiệm vụ trở lên" (base excellent + good). */
  excellentOfGoodOrBetter?: boolean;
}

function sheet(name: string, cells: CellSpec[], merges: string[], lastCol: number, lastRow: number): SheetSpec {
  return {
    name,
    cells,
    merges,
    widths: [5, 40, ...Array.from({ length: lastCol - 2 }, () => 10)],
    heights: {},
    print: { orientation: 'landscape', fitToWidth: true, printArea: `A1:${a1(lastRow, lastCol)}` },
    layout: { col: {}, row: {}, headerRow: 0, yearCell: 'A4', unitCell: 'A2' },
  };
}

const pct = (num: number, den: number) => (den === 0 ? '' : Math.round((num * 10000) / den) / 100);

/** Biểu 01 in the inclusive layout: "Hoàn thành tốt nhiệm vụ trở lên" and "Trong đó: hoàn thành xuất sắc". */
export function inclusiveSheet(opts: LayoutSheetOptions): SheetSpec {
  const cells: CellSpec[] = [];
  const merges: string[] = [];
  const put = (row: number, col: number, value: CellSpec['value'], style: StyleKey) => cells.push({ row, col, value, style });
  const f = (row: number, col: number, formula: string, result: number | string, style: StyleKey) => cells.push({ row, col, formula, result, style });
  put(1, 1, opts.unitName.toUpperCase(), 'org-bold');
  put(2, 1, `Mã đơn vị: ${opts.unit}`, 'code');
  put(4, 1, `BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN NĂM ${opts.year}`, 'title');
  // columns: TT, Nội dung, Tổng số, Mới, Miễn, Đình chỉ, Khác, Được XL, trở lên (SL, %), trong đó XS (SL, %), HT (SL, %), KHT (SL, %), Ghi chú
  const h = 6;
  const heads: [number, string, number][] = [
    [1, 'TT', 1],
    [2, 'Nội dung', 1],
    [3, 'Tổng số', 1],
    [4, 'Không đánh giá, xếp loại', 4],
    [8, 'Số được đánh giá, xếp loại', 1],
    [9, LAYOUT_INCLUSIVE.columns.find((c) => c.key === 'goodOrBetter')!.header, 2],
    [11, opts.excellentOfGoodOrBetter ? 'Trong đó: Hoàn thành xuất sắc nhiệm vụ (tỷ lệ so với hoàn thành tốt nhiệm vụ trở lên)' : 'Trong đó: Hoàn thành xuất sắc nhiệm vụ', 2],
    [13, 'Hoàn thành nhiệm vụ', 2],
    [15, 'Không hoàn thành nhiệm vụ', 2],
    [17, 'Ghi chú', 1],
  ];
  for (const [c, text, span] of heads) {
    put(h, c, text, 'th');
    if (span > 1) merges.push(`${a1(h, c)}:${a1(h, c + span - 1)}`);
  }
  ['Mới', 'Miễn', 'Đình chỉ', 'Khác'].forEach((t, i) => put(h + 1, 4 + i, t, 'th'));
  for (const c of [9, 11, 13, 15]) {
    put(h + 1, c, 'Số lượng', 'th');
    put(h + 1, c + 1, 'Tỷ lệ %', 'th');
  }
  let r = h + 2;
  const rows: { label: string; number: string; tally?: Tally; levels: Record<Level, number> }[] = [];
  const t = opts.report.tallies;
  const labels: Record<Subject, string> = { committee: 'Tập thể cấp ủy cơ sở', organization: 'Tổ chức cơ sở đảng', branch: 'Chi bộ trực thuộc đảng ủy cơ sở', member: 'Đảng viên' };
  SUBJECTS.forEach((s, i) => {
    rows.push({ label: labels[s], number: String(i + 1), tally: t[s], levels: t[s].levels });
    if (s === 'member' && t.member.groups) {
      const g = t.member.groups;
      if (g.leader) rows.push({ label: 'Lãnh đạo cơ quan, đơn vị', number: '-', levels: g.leader });
      if (g.manager) rows.push({ label: 'Quản lý cấp phòng và tương đương', number: '-', levels: g.manager });
      if (g.staff) rows.push({ label: 'Không giữ chức vụ', number: '-', levels: g.staff });
    }
  });
  for (const row of rows) {
    put(r, 1, row.number, 'tt');
    put(r, 2, row.label, row.tally ? 'label-bold' : 'label-group');
    if (row.tally) {
      put(r, 3, row.tally.total, 'count');
      UNRATED_REASONS.forEach((reason, i) => put(r, 4 + i, row.tally!.unrated[reason] || null, 'count'));
    }
    const { excellent, good, complete, incomplete } = row.levels;
    const rated = excellent + good + complete + incomplete;
    f(r, 8, `I${r}+M${r}+O${r}`, rated, 'formula');
    put(r, 9, excellent + good, 'count');
    f(r, 10, `IF(H${r}=0,"",ROUND(I${r}/H${r}*100,2))`, pct(excellent + good, rated), 'percent');
    put(r, 11, excellent, 'count');
    f(r, 12, opts.excellentOfGoodOrBetter ? `IF(I${r}=0,"",ROUND(K${r}/I${r}*100,2))` : `IF(H${r}=0,"",ROUND(K${r}/H${r}*100,2))`, opts.excellentOfGoodOrBetter ? pct(excellent, excellent + good) : pct(excellent, rated), 'percent');
    put(r, 13, complete, 'count');
    f(r, 14, `IF(H${r}=0,"",ROUND(M${r}/H${r}*100,2))`, pct(complete, rated), 'percent');
    put(r, 15, incomplete, 'count');
    f(r, 16, `IF(H${r}=0,"",ROUND(O${r}/H${r}*100,2))`, pct(incomplete, rated), 'percent');
    r++;
  }
  return sheet('Báo cáo', cells, merges, 17, r);
}

/**
 * The statistics form: one table per subject with the levels as rows, the column Tổng số and one column per
 * kind of organisation (loại hình).
 */
export function statisticsSheet(opts: LayoutSheetOptions): SheetSpec {
  const cells: CellSpec[] = [];
  const put = (row: number, col: number, value: CellSpec['value'], style: StyleKey) => cells.push({ row, col, value, style });
  put(1, 1, opts.unitName.toUpperCase(), 'org-bold');
  put(2, 1, `Mã đơn vị: ${opts.unit}`, 'code');
  put(3, 1, `THỐNG KÊ KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM ${opts.year}`, 'title');
  const kinds = opts.kinds ?? [];
  const row = (key: string) => LAYOUT_STATISTICS.rows.find((x) => x.key === key)!.label;
  let r = 5;
  const order: Subject[] = ['member', 'organization', 'branch', 'committee'];
  for (const s of order) {
    const title = s === 'member' ? 'Đảng viên' : s === 'organization' ? 'Tổ chức cơ sở đảng' : s === 'branch' ? 'Chi bộ trực thuộc đảng ủy cơ sở' : 'Tập thể cấp ủy';
    put(r, 1, `${['I', 'II', 'III', 'IV'][order.indexOf(s)]}. ${title.toUpperCase()}`, 'label-bold');
    r++;
    put(r, 1, 'TT', 'th');
    put(r, 2, 'Chỉ tiêu', 'th');
    put(r, 3, 'Tổng số', 'th');
    kinds.forEach((k, i) => put(r, 4 + i, k.kind, 'th'));
    r++;
    const lines: [string, string, (t: Tally) => number][] = [
      ['1', `${row('total')} (1 = 2 + 3 + 4 + 5 + 6)`, (t) => t.total],
      ['2', row('exempt'), (t) => t.unrated.exempt ?? 0],
      ['3', 'Số chưa đủ 6 tháng (mới kết nạp)', (t) => t.unrated.new ?? 0],
      ['3', 'Số bị đình chỉ sinh hoạt', (t) => t.unrated.suspended ?? 0],
      ['3', 'Số chưa được kiểm điểm, đánh giá vì lý do khác', (t) => t.unrated.other ?? 0],
      ['4', row('rated'), (t) => LEVELS.reduce((a, l) => a + t.levels[l], 0)],
      ['4.1', row('excellent'), (t) => t.levels.excellent],
      ['4.2', row('good'), (t) => t.levels.good],
      ['4.3', row('complete'), (t) => t.levels.complete],
      ['4.4', row('incomplete'), (t) => t.levels.incomplete],
    ];
    for (const [n, label, get] of lines) {
      put(r, 1, n, 'tt');
      put(r, 2, label, 'label');
      put(r, 3, get(opts.report.tallies[s]), 'count');
      kinds.forEach((k, i) => put(r, 4 + i, get(k.tallies[s]), 'count'));
      r++;
    }
    r++;
  }
  void columnLetters;
  void SUBJECT_LABEL;
  return sheet('Thống kê', cells, [], 3 + kinds.length, r);
}
