import type { Consolidated, PercentKey } from '../model';
import { LEVELS, SUBJECTS } from '../model';
import { LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL, SUBJECT_LABEL } from '../rules/labels';
import { a1 } from './grid';
import type { CellSpec, SheetSpec, StyleKey } from './writer';


/** The name of the sheet a pull writes: "Tổng hợp KM 2025" (Excel allows 31 characters, no []:*?/\). */
export function consolidatedSheetName(unit: string, year: number): string {
  return `Tổng hợp ${unit} ${year}`.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);
}

/**
 * The consolidated view as a sheet, laid out as a bloc report prints it: the four subjects with counts and
 * percentages, the change against last year, coverage with the missing units, one row per unit, the findings
 * across units with their justifications, the prose, and a chart of the member rating distribution. The
 * add-in writes it with Office.js, the web page and the Worker with exceljs.
 */
export function consolidatedSheet(view: Consolidated, unitName?: string): SheetSpec {
  const cells: CellSpec[] = [];
  const merges: string[] = [];
  const last = 16;
  const put = (row: number, col: number, value: CellSpec['value'], style: StyleKey) => cells.push({ row, col, value, style });
  const line = (row: number, value: string, style: StyleKey) => {
    put(row, 1, value, style);
    merges.push(`${a1(row, 1)}:${a1(row, last)}`);
  };
  let r = 1;
  line(r++, `BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM ${view.year}`, 'title');
  line(r++, `${unitName ?? view.unit} (${view.unit}) — ${view.rulebook}`, 'subtitle');
  const cov = view.coverage;
  line(r++, `Đã nhận ${cov.submitted}/${cov.expected} đơn vị${cov.missing.length ? `; chưa gửi: ${cov.missing.slice(0, 50).join(', ')}${cov.missing.length > 50 ? ` và ${cov.missing.length - 50} đơn vị khác` : ''}` : ''}`, 'subtitle');
  r++;

  // 1. the four tables in one: counts and percentages
  const head = ['Nội dung', 'Tổng số', 'Được xếp loại', '%', ...LEVELS.flatMap((l) => [LEVEL_LABEL[l].short, '%']), 'Tốt trở lên', '%', 'Xuất sắc / tốt trở lên %', 'Tốt trở lên ± năm trước'];
  head.forEach((h, i) => put(r, i + 1, h, 'th'));
  const tableTop = r + 1;
  for (const s of SUBJECTS) {
    r++;
    const f = view.subjects[s];
    const row: [CellSpec['value'], StyleKey][] = [
      [SUBJECT_LABEL[s].vi, 'label-bold'],
      [f.total, 'count'],
      [f.rated, 'count'],
      [f.percent.rated, 'percent'],
      ...LEVELS.flatMap((l): [CellSpec['value'], StyleKey][] => [
        [f.levels[l], 'count'],
        [f.percent[l], 'percent'],
      ]),
      [f.goodOrBetter, 'count'],
      [f.percent.goodOrBetter, 'percent'],
      [f.percent.excellentOfGoodOrBetter, 'percent'],
      [f.change?.goodOrBetter ?? null, 'percent'],
    ];
    row.forEach(([v, st], i) => put(r, i + 1, v, st));
  }
  // the chart's data: member counts per level, in a small block beside the tables
  const chartCol = last + 2;
  LEVELS.forEach((l, i) => {
    put(4, chartCol + i, LEVEL_LABEL[l].short, 'th');
    put(5, chartCol + i, view.subjects.member.levels[l], 'count');
  });
  r += 2;

  // 2. the change against last year, in percentage points
  const keys: PercentKey[] = ['rated', 'goodOrBetter', 'excellentOfGoodOrBetter', ...LEVELS];
  put(r, 1, `So với năm ${view.year - 1} (điểm %)`, 'th');
  keys.forEach((k, i) => put(r, i + 2, k === 'rated' ? 'Được xếp loại' : k === 'goodOrBetter' ? 'Tốt trở lên' : k === 'excellentOfGoodOrBetter' ? 'XS / tốt trở lên' : LEVEL_LABEL[k as (typeof LEVELS)[number]].short, 'th'));
  for (const s of SUBJECTS) {
    r++;
    put(r, 1, SUBJECT_LABEL[s].vi, 'label-bold');
    keys.forEach((k, i) => put(r, i + 2, view.subjects[s].change?.[k] ?? null, 'percent'));
  }
  r += 2;

  // 3. one row per unit
  const unitHead = ['Mã', 'Đơn vị', 'Trạng thái', 'Phiên bản', 'Đảng viên', ...LEVELS.map((l) => LEVEL_LABEL[l].short), 'TCCSĐ xuất sắc', 'Chi bộ', 'Chi bộ xuất sắc'];
  unitHead.forEach((h, i) => put(r, i + 1, h, 'th'));
  for (const u of view.units) {
    r++;
    const t = u.tallies;
    const vals: [CellSpec['value'], StyleKey][] = [
      [u.unit, 'label'],
      [u.name, 'label'],
      [STATUS_LABEL[u.status].vi, 'label'],
      [u.version, 'count'],
      [t?.member.total ?? null, 'count'],
      ...LEVELS.map((l): [CellSpec['value'], StyleKey] => [t?.member.levels[l] ?? null, 'count']),
      [t?.organization.levels.excellent ?? null, 'count'],
      [t?.branch.total ?? null, 'count'],
      [t?.branch.levels.excellent ?? null, 'count'],
    ];
    vals.forEach(([v, st], i) => put(r, i + 1, v, st));
  }
  r += 2;

  // 4. findings across units
  ['Mức', 'Đơn vị', 'Nội dung', 'Cách sửa', 'Giải trình'].forEach((h, i) => put(r, i === 0 ? 1 : i === 1 ? 2 : i === 2 ? 3 : i === 3 ? 9 : 13, h, 'th'));
  merges.push(`${a1(r, 3)}:${a1(r, 8)}`, `${a1(r, 9)}:${a1(r, 12)}`, `${a1(r, 13)}:${a1(r, last)}`);
  for (const f of view.findings) {
    r++;
    put(r, 1, SEVERITY_LABEL[f.severity].vi, 'label');
    put(r, 2, f.unit ?? '', 'label');
    put(r, 3, f.message, 'note');
    put(r, 9, f.hint ?? '', 'note');
    put(r, 13, f.justification ?? '', 'note');
    merges.push(`${a1(r, 3)}:${a1(r, 8)}`, `${a1(r, 9)}:${a1(r, 12)}`, `${a1(r, 13)}:${a1(r, last)}`);
  }
  if (view.findings.length === 0) {
    r++;
    line(r, 'Không có phát hiện nào.', 'note');
  }
  r += 2;

  // 5. the prose, one paragraph a row
  line(r++, 'Nội dung báo cáo', 'sign-title');
  const heights: Record<number, number> = { 1: 30 };
  for (const p of view.narrative.split('\n\n')) {
    line(r, p, 'note');
    heights[r] = Math.max(30, Math.ceil(p.length / 170) * 16);
    r++;
  }
  return {
    name: '',
    cells,
    merges,
    widths: [28, 9, 10, 8, 9, 8, 9, 8, 9, 8, 9, 8, 10, 8, 12, 12],
    heights,
    print: { orientation: 'landscape', fitToWidth: true, printArea: `A1:${a1(r, last)}` },
    layout: { col: {}, row: { table: tableTop }, headerRow: tableTop - 1, yearCell: 'A1', unitCell: 'A2' },
    chart: { title: `Đảng viên theo mức xếp loại năm ${view.year}`, dataRange: `${a1(4, chartCol)}:${a1(5, chartCol + 3)}`, anchor: a1(7, chartCol) },
  };
}
