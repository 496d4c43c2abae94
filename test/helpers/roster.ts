import { LEVELS, MEMBER_GROUPS, type ListRow, type UnitReport } from '../../shared';

const LEVEL_TEXT = { excellent: 'Hoàn thành xuất sắc nhiệm vụ', good: 'Hoàn thành tốt nhiệm vụ', complete: 'Hoàn thành nhiệm vụ', incomplete: 'Không hoàn thành nhiệm vụ' } as const;
const REASON_TEXT = { new: 'Mới kết nạp (chưa đủ 6 tháng)', exempt: 'Miễn sinh hoạt', suspended: 'Đình chỉ sinh hoạt', other: 'Khác' } as const;
const GROUP_TEXT = { leader: 'Lãnh đạo', manager: 'Quản lý', staff: 'Không giữ chức vụ' } as const;
const SCORE = { excellent: 93, good: 82, complete: 61, incomplete: 40 } as const;

/** A fictional roster (Biểu 02) that counts exactly to the report's member tally: names are made up. */
export function rosterFor(report: UnitReport, opts: { scores?: boolean } = {}): ListRow[] {
  const rows: ListRow[] = [];
  const m = report.tallies.member;
  let i = 0;
  for (const g of MEMBER_GROUPS) {
    for (const l of LEVELS) {
      const n = m.groups?.[g]?.[l] ?? 0;
      for (let k = 0; k < n; k++) rows.push({ name: `Nguyễn Văn Thử ${++i}`, branch: `Chi bộ ${1 + (i % 4)}`, group: GROUP_TEXT[g], level: LEVEL_TEXT[l], score: opts.scores ? SCORE[l] : undefined });
    }
  }
  for (const [reason, n] of Object.entries(m.unrated)) {
    for (let k = 0; k < (n ?? 0); k++) rows.push({ name: `Trần Thị Mới ${++i}`, branch: 'Chi bộ 1', group: GROUP_TEXT.staff, level: REASON_TEXT[reason as keyof typeof REASON_TEXT] });
  }
  return rows;
}

/** A chi bộ list (Biểu 03) that counts to the report's branch tally. */
export function branchListFor(report: UnitReport): ListRow[] {
  const b = report.tallies.branch;
  const rows: ListRow[] = [];
  for (const l of LEVELS) for (let k = 0; k < b.levels[l]; k++) rows.push({ name: `Chi bộ số ${rows.length + 1}`, level: LEVEL_TEXT[l] });
  for (const [reason, n] of Object.entries(b.unrated)) for (let k = 0; k < (n ?? 0); k++) rows.push({ name: `Chi bộ số ${rows.length + 1}`, level: reason === 'new' ? 'Mới thành lập' : REASON_TEXT[reason as keyof typeof REASON_TEXT] });
  return rows;
}
