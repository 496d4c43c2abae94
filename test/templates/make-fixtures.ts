/**
 * Writes the drifted and broken Biểu 01 workbooks of test/fixtures/templates/ and their manifest. Each starts
 * from a template generated for a sample report, then changes it the way staff do. Run it after changing the
 * template: npx tsx test/templates/make-fixtures.ts
 */
import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { addSheet, bieu01Workbook } from '../../shared/xlsx';
import { workbookToGrids } from '../helpers/exceljs-grid';
import { bieu01Sheet, type UnitReport } from '../../shared';

const ROOT = new URL('../../', import.meta.url).pathname;
const OUT = `${ROOT}test/fixtures/templates/`;
const sample = JSON.parse(readFileSync(`${ROOT}test/fixtures/sample-khoi/input.json`, 'utf8')) as { reports: Record<string, UnitReport[]> };
const report = (unit: string, year = 2025) => sample.reports[String(year)]!.find((r) => r.unit === unit)!;

export interface FixtureCase {
  file: string;
  what: string;
  /** The sample report it was made from. */
  unit: string;
  year: number;
  /** The period it is checked for. */
  period: number;
  /** Drifts read back to the sample report with no reader finding; breaks give these findings at these cells. */
  kind: 'drift' | 'break';
  expect?: { rule: string; cell: string; severity: string }[];
}

const layout = bieu01Sheet({ year: 2025, unit: 'X', unitName: 'X' }).layout;
const col = (key: string) => layout.col[key] as number;
const row = (key: string) => layout.row[key] as number;
const L = (c: number) => String.fromCharCode(64 + c);

function base(unit: string, year = 2025): ExcelJS.Workbook {
  return bieu01Workbook({ year, unit, unitName: `Đơn vị ${unit}`, parentName: 'Đảng ủy Khối các cơ quan tỉnh Mẫu', place: 'Mẫu', report: report(unit, year) });
}

/** The workbook's first sheet as plain values (formulas by their results, merges dropped), transformed, written anew. */
function valuesOnly(wb: ExcelJS.Workbook, change: (rows: unknown[][]) => unknown[][], sheetName = 'Biểu 01'): ExcelJS.Workbook {
  const grid = workbookToGrids(wb)[0]!;
  const out = new ExcelJS.Workbook();
  const ws = out.addWorksheet(sheetName);
  change(grid.values.map((r) => [...r])).forEach((vals, r) => vals.forEach((v, c) => v !== '' && v !== undefined && (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
  return out;
}

const cases: [FixtureCase, () => ExcelJS.Workbook][] = [];
const add = (c: Omit<FixtureCase, 'file'> & { name: string }, make: () => ExcelJS.Workbook) => {
  const { name, ...rest } = c;
  cases.push([{ file: `${name}.xlsx`, ...rest }, make]);
};

// ---- drifts: each must read back to the sample report ----
add({ name: 'drift-generated', what: 'the template as generated (styles, merged headers, formulas)', unit: 'KM-01', year: 2025, period: 2025, kind: 'drift' }, () => base('KM-01'));
add({ name: 'drift-rows-inserted', what: 'three rows inserted above the table and one between two subject rows', unit: 'KM-01', year: 2025, period: 2025, kind: 'drift' }, () =>
  valuesOnly(base('KM-01'), (rows) => {
    const blank = () => new Array(rows[0]!.length).fill('');
    rows.splice(3, 0, blank(), ['Kèm theo Công văn số 12-CV/ĐU'], blank());
    rows.splice(row('organization') + 3, 0, blank());
    return rows;
  }),
);
add({ name: 'drift-extra-blank-column', what: 'an empty column inserted between Tổng số and the unrated columns', unit: 'KM-01', year: 2025, period: 2025, kind: 'drift' }, () =>
  valuesOnly(base('KM-01'), (rows) => rows.map((r) => [...r.slice(0, col('total')), '', ...r.slice(col('total'))])),
);
add({ name: 'drift-columns-moved', what: 'Ghi chú moved to the front, the level blocks in reverse order', unit: 'KM-01', year: 2025, period: 2025, kind: 'drift' }, () =>
  valuesOnly(base('KM-01'), (rows) =>
    rows.map((r) => {
      const pick = (k: string, n: number) => r.slice(col(k) - 1, col(k) - 1 + n);
      return [...pick('note', 1), ...r.slice(0, col('excellent.count') - 1), ...pick('incomplete.count', 2), ...pick('complete.count', 2), ...pick('good.count', 2), ...pick('excellent.count', 2)];
    }),
  ),
);
add({ name: 'drift-sheet-renamed', what: 'the sheet renamed, behind an instructions sheet', unit: 'KM-01', year: 2025, period: 2025, kind: 'drift' }, () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Hướng dẫn').getCell('A1').value = 'Điền số liệu vào trang BC xep loai 2025; không sửa tiêu đề cột.';
  addSheet(wb, bieu01Sheet({ year: 2025, unit: 'KM-01', unitName: 'Đơn vị KM-01', report: report('KM-01') })).name = 'BC xep loai 2025';
  return wb;
});
add({ name: 'drift-numbers-as-text', what: 'counts typed as text with spaces, percentages typed as "16,79%"', unit: 'KM-01', year: 2025, period: 2025, kind: 'drift' }, () => {
  const wb = base('KM-01');
  const ws = wb.worksheets[0]!;
  const r = row('member');
  for (const k of ['total', 'excellent.count', 'good.count', 'complete.count', 'incomplete.count', 'unrated.new']) {
    const cell = ws.getCell(r, col(k));
    cell.value = ` ${String(cell.value)} `;
  }
  const m = report('KM-01').tallies.member.levels;
  const rated = m.excellent + m.good + m.complete + m.incomplete;
  ws.getCell(r, col('excellent.percent')).value = `${((m.excellent * 100) / rated).toFixed(2).replace('.', ',')}%`;
  ws.getCell(r, col('good.percent')).value = `${((m.good * 100) / rated).toFixed(1).replace('.', ',')}`;
  return wb;
});
add({ name: 'drift-percent-fraction', what: 'percentages kept as fractions (0,1479 shown as 14,79%), one truncated', unit: 'KM-01', year: 2025, period: 2025, kind: 'drift' }, () => {
  const wb = base('KM-01');
  const ws = wb.worksheets[0]!;
  const r = row('member');
  const m = report('KM-01').tallies.member.levels;
  const rated = m.excellent + m.good + m.complete + m.incomplete;
  ws.getCell(r, col('excellent.percent')).value = Math.round((m.excellent / rated) * 10000) / 10000;
  ws.getCell(r, col('excellent.percent')).numFmt = '0.00%';
  ws.getCell(r, col('good.percent')).value = Math.floor((m.good * 10000) / rated) / 100; // truncated
  return wb;
});
add({ name: 'drift-last-year-copy', what: "last year's file with the title changed to this year (old place/date line)", unit: 'KM-01', year: 2025, period: 2025, kind: 'drift' }, () => {
  const wb = base('KM-01');
  wb.worksheets[0]!.getCell(2, col('excellent.count')).value = 'Mẫu, ngày 15 tháng 12 năm 2024';
  return wb;
});
add({ name: 'drift-no-accents', what: 'labels typed without Vietnamese accents, numbering changed', unit: 'KM-01', year: 2025, period: 2025, kind: 'drift' }, () =>
  valuesOnly(base('KM-01'), (rows) =>
    rows.map((r) =>
      r.map((v) =>
        typeof v === 'string'
          ? v
              .normalize('NFD')
              .replace(/[\u0300-\u036f]/g, '')
              .replace(/đ/g, 'd')
              .replace(/Đ/g, 'D')
              .replace(/^4$/, 'IV')
          : v,
      ),
    ),
  ),
);
add({ name: 'drift-merged-labels', what: 'TT and Nội dung merged on every row, the label in the merged cell', unit: 'KM-01', year: 2025, period: 2025, kind: 'drift' }, () => {
  const wb = base('KM-01');
  const ws = wb.worksheets[0]!;
  for (const key of Object.keys(layout.row)) {
    const r = row(key);
    const label = ws.getCell(r, col('label')).value;
    ws.getCell(r, col('label')).value = null;
    ws.getCell(r, col('tt')).value = label;
    ws.mergeCells(r, col('tt'), r, col('label'));
  }
  return wb;
});
add({ name: 'drift-small-chi-bo', what: 'a chi bộ cơ sở with the committee and chi bộ rows left blank', unit: 'KM-07', year: 2025, period: 2025, kind: 'drift' }, () => {
  const wb = base('KM-07');
  const ws = wb.worksheets[0]!;
  for (const key of ['committee', 'branch']) for (let c = col('total'); c < col('note'); c++) ws.getCell(row(key), c).value = null;
  return wb;
});

// ---- breaks: each gives its finding at its cell ----
const at = (key: string, c: string) => `Biểu 01!${L(col(c))}${row(key)}`;
add({ name: 'break-ref-error', what: 'a count replaced by #REF! after a deleted column', unit: 'KM-01', year: 2025, period: 2025, kind: 'break', expect: [{ rule: 'unreadable-cell', cell: at('member', 'excellent.count'), severity: 'error' }] }, () => {
  const wb = base('KM-01');
  wb.worksheets[0]!.getCell(row('member'), col('excellent.count')).value = { error: '#REF!' } as ExcelJS.CellErrorValue;
  return wb;
});
add({ name: 'break-text-in-count', what: 'a count typed in words', unit: 'KM-01', year: 2025, period: 2025, kind: 'break', expect: [{ rule: 'unreadable-cell', cell: at('branch', 'good.count'), severity: 'error' }] }, () => {
  const wb = base('KM-01');
  wb.worksheets[0]!.getCell(row('branch'), col('good.count')).value = 'bảy';
  return wb;
});
add({ name: 'break-missing-row', what: 'the Tổ chức cơ sở đảng row deleted', unit: 'KM-01', year: 2025, period: 2025, kind: 'break', expect: [{ rule: 'template-structure', cell: `Biểu 01!B${layout.headerRow + 3}`, severity: 'error' }] }, () =>
  valuesOnly(base('KM-01'), (rows) => rows.filter((_, i) => i !== row('organization') - 1)),
);
add({ name: 'break-total-mismatch', what: 'members total one more than its parts', unit: 'KM-01', year: 2025, period: 2025, kind: 'break', expect: [{ rule: 'total-mismatch', cell: at('member', 'total'), severity: 'error' }] }, () => {
  const wb = base('KM-01');
  const cell = wb.worksheets[0]!.getCell(row('member'), col('total'));
  cell.value = Number(cell.value) + 1;
  return wb;
});
add({ name: 'break-percent-typed-wrong', what: 'a typed percentage that does not match its counts (80 for 8/9 chi bộ)', unit: 'KM-01', year: 2025, period: 2025, kind: 'break', expect: [{ rule: 'percent-mismatch', cell: at('branch', 'good.percent'), severity: 'error' }] }, () => {
  const wb = base('KM-01');
  wb.worksheets[0]!.getCell(row('branch'), col('good.percent')).value = 80;
  return wb;
});
add({ name: 'break-blank-level', what: 'a level count left blank in the member row', unit: 'KM-01', year: 2025, period: 2025, kind: 'break', expect: [{ rule: 'missing-value', cell: at('member', 'complete.count'), severity: 'error' }] }, () => {
  const wb = base('KM-01');
  wb.worksheets[0]!.getCell(row('member'), col('complete.count')).value = null;
  return wb;
});
add({ name: 'break-duplicate-label', what: 'a second "Đảng viên" row below the table', unit: 'KM-01', year: 2025, period: 2025, kind: 'break', expect: [{ rule: 'template-structure', cell: `Biểu 01!B${row('member.staff') + 1}`, severity: 'warning' }] }, () => {
  const wb = base('KM-01');
  wb.worksheets[0]!.getCell(row('member.staff') + 1, col('label')).value = 'Đảng viên';
  return wb;
});
add({ name: 'break-wrong-year', what: "last year's file sent as this year's (title still NĂM 2024)", unit: 'KM-01', year: 2024, period: 2025, kind: 'break', expect: [{ rule: 'year-mismatch', cell: 'Biểu 01!A6', severity: 'error' }] }, () => base('KM-01', 2024));
add({ name: 'break-no-unit-code', what: 'the "Mã đơn vị" line removed', unit: 'KM-01', year: 2025, period: 2025, kind: 'break', expect: [{ rule: 'missing-value', cell: 'Biểu 01!A1', severity: 'error' }] }, () => {
  const wb = base('KM-01');
  wb.worksheets[0]!.getCell(3, 1).value = null;
  return wb;
});
add({ name: 'break-not-a-template', what: 'a workbook with no Biểu 01 in it', unit: 'KM-01', year: 2025, period: 2025, kind: 'break', expect: [{ rule: 'template-structure', cell: 'Danh sách!A1', severity: 'error' }] }, () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['STT', 'Họ và tên', 'Chi bộ']);
  ws.addRow([1, 'Nguyễn Văn A', 'Chi bộ 1']);
  return wb;
});

async function main() {
  mkdirSync(OUT, { recursive: true });
  for (const [c, make] of cases) {
    const wb = make();
    writeFileSync(OUT + c.file, new Uint8Array(await wb.xlsx.writeBuffer()));
  }
  writeFileSync(OUT + 'manifest.json', JSON.stringify(cases.map(([c]) => c), null, 2) + '\n');
  console.log(`${cases.length} fixtures written to test/fixtures/templates/`);
}

main();
