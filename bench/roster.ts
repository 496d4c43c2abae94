import { BIEU02, bieu01Sheet, LEVELS, listSheet, MEMBER_GROUPS, type ListRow, type UnitReport } from '../shared';
import { rng } from './harness';

const LEVEL_TEXT = ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ'];
const GROUP_TEXT = ['Lãnh đạo', 'Quản lý', 'Không giữ chức vụ'];

/**
 * A Đảng bộ of `members` with its Biểu 02 roster (every row a level, a group and a score) and the Biểu 01 that
 * agrees with it: the sheet specs, for the writer (seeded, so every run measures the same data).
 */
export function rosterSpecs(members = 10_000, seed = 3) {
  const rand = rng(seed);
  const zero = () => ({ excellent: 0, good: 0, complete: 0, incomplete: 0 });
  const groups = { leader: zero(), manager: zero(), staff: zero() };
  const rows: ListRow[] = [];
  for (let i = 0; i < members; i++) {
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
      member: { total: members, unrated: {}, levels, groups },
    },
  };
  return {
    report,
    rows,
    sheets: [bieu01Sheet({ year: 2025, unit: report.unit, unitName: 'Đảng bộ lớn', report }), listSheet(BIEU02, { year: 2025, unit: report.unit, unitName: 'Đảng bộ lớn', rows })],
  };
}
