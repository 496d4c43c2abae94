/**
 * Templates: read + check a Biểu 01 grid plus a 10,000-row Biểu 02 roster (budget: median ≤ 50 ms), and the
 * same from an .xlsx file (exceljs load + grids + check). Run: npm run bench:templates
 */
import ExcelJS from 'exceljs';
import { addSheet, readXlsx, workbookBuffer } from '../shared/xlsx';
import { workbookToGrids } from '../test/helpers/exceljs-grid';
import { BIEU02, bieu01Sheet, checkGrids, listSheet, LEVELS, MEMBER_GROUPS, type ListRow, type UnitReport } from '../shared';
import { machine, measure, rng } from './harness';

const MEMBERS = 10_000;
const rand = rng(3);
const LEVEL_TEXT = ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ'];
const GROUP_TEXT = ['Lãnh đạo', 'Quản lý', 'Không giữ chức vụ'];

// a roster of 10,000 and the Biểu 01 that agrees with it
const zero = () => ({ excellent: 0, good: 0, complete: 0, incomplete: 0 });
const groups = { leader: zero(), manager: zero(), staff: zero() };
const rows: ListRow[] = [];
for (let i = 0; i < MEMBERS; i++) {
  const r = rand();
  const l = r < 0.15 ? 0 : r < 0.95 ? 1 : r < 0.99 ? 2 : 3;
  const g = i % 50 === 0 ? 0 : i % 10 === 0 ? 1 : 2;
  groups[MEMBER_GROUPS[g]!][LEVELS[l]!]++;
  rows.push({ name: `Đảng viên ${i + 1}`, branch: `Chi bộ ${1 + (i % 40)}`, group: GROUP_TEXT[g], level: LEVEL_TEXT[l]!, score: [95, 80, 60, 40][l] });
}
const levels = zero();
for (const g of MEMBER_GROUPS) for (const l of LEVELS) levels[l] += groups[g][l];
const lv = (good: number) => ({ excellent: 0, good, complete: 0, incomplete: 0 });
const report: UnitReport = {
  unit: 'DB-1',
  year: 2025,
  tallies: {
    committee: { total: 1, unrated: {}, levels: lv(1) },
    organization: { total: 1, unrated: {}, levels: lv(1) },
    branch: { total: 40, unrated: {}, levels: lv(40) },
    member: { total: MEMBERS, unrated: {}, levels, groups },
  },
};
const wb = new ExcelJS.Workbook();
addSheet(wb, bieu01Sheet({ year: 2025, unit: report.unit, unitName: 'Đảng bộ lớn', report }));
addSheet(wb, listSheet(BIEU02, { year: 2025, unit: report.unit, unitName: 'Đảng bộ lớn', rows }));
const buffer = await workbookBuffer(wb);
const grids = workbookToGrids(wb);

let findings = -1;
const grid = measure(() => {
  findings = checkGrids(grids, { period: { year: 2025 } }).findings.length;
}, 21);
const fileTimes: number[] = [];
for (let i = 0; i < 7; i++) {
  const t0 = performance.now();
  checkGrids(readXlsx(buffer).grids, { period: { year: 2025 } });
  fileTimes.push(performance.now() - t0);
}
fileTimes.sort((a, b) => a - b);

console.log(`Machine: ${machine()}; ${new Date().toISOString().slice(0, 10)}`);
console.log('| what | median ms | p95 ms | note |\n| --- | ---: | ---: | --- |');
console.log(`| read + check Biểu 01 + a 10,000-row roster (grids in memory) | ${grid.median.toFixed(1)} | ${grid.p95.toFixed(1)} | budget 50 ms; ${findings} findings (the roster agrees) |`);
console.log(`| the same from the .xlsx file (${(buffer.length / 1024).toFixed(0)} KiB: exceljs load + grids + check) | ${fileTimes[3]!.toFixed(1)} | ${fileTimes[6]!.toFixed(1)} | 7 runs |`);
