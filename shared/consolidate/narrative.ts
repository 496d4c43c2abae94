import type { ConsolidatedFigures, Level, Subject, SubjectFigures, UnratedReason } from '../model';
import { SUBJECTS } from '../model';
import { formatChangeVi, formatInt, formatPercent } from '../format';
import { SUBJECT_NOUN } from '../rules/labels';

/** How a year's report names each subject in prose. */
const SUBJECT_PROSE: Record<Subject, string> = {
  committee: 'tập thể cấp ủy cơ sở',
  organization: 'tổ chức cơ sở đảng',
  branch: 'chi bộ trực thuộc đảng ủy cơ sở',
  member: 'đảng viên',
};

const LEVEL_PROSE: Record<Level, string> = {
  excellent: 'hoàn thành xuất sắc nhiệm vụ',
  good: 'hoàn thành tốt nhiệm vụ',
  complete: 'hoàn thành nhiệm vụ',
  incomplete: 'không hoàn thành nhiệm vụ',
};

function reasonProse(subject: Subject, reason: UnratedReason): string {
  switch (reason) {
    case 'new':
      return subject === 'member' ? 'mới kết nạp chưa đủ 6 tháng' : 'mới thành lập chưa đủ 6 tháng';
    case 'exempt':
      return 'được miễn công tác và sinh hoạt đảng';
    case 'suspended':
      return 'bị đình chỉ sinh hoạt đảng';
    case 'other':
      return 'vì lý do khác';
  }
}

const pct = (p: number | null) => `${formatPercent(p, { trim: true })}%`;

/** "(tăng 1,19% so với năm 2024" — null where last year has no figure. */
function changeText(change: number | null | undefined, previousYear: number, withYear: boolean): string | null {
  if (change === null || change === undefined) return null;
  return withYear ? `${formatChangeVi(change)} so với năm ${previousYear}` : formatChangeVi(change);
}

function subjectParagraph(subject: Subject, f: SubjectFigures, year: number): string {
  const noun = SUBJECT_NOUN[subject].vi;
  const name = SUBJECT_PROSE[subject];
  const cap = name.charAt(0).toUpperCase() + name.slice(1);
  if (f.total === 0) return `${cap}: không có ${name} thuộc diện đánh giá, xếp loại.`;

  const parts: string[] = [];
  let lead = `Tổng số ${name} là ${formatInt(f.total)} ${noun}, trong đó đã đánh giá, xếp loại ${formatInt(f.rated)} ${noun}, bằng ${pct(f.percent.rated)}`;
  if (f.unrated > 0) {
    const entries = Object.entries(f.unratedByReason) as [UnratedReason, number][];
    const reasons =
      entries.length === 1
        ? reasonProse(subject, entries[0]![0])
        : entries.map(([r, n]) => `${formatInt(n)} ${noun} ${reasonProse(subject, r)}`).join(', ');
    lead += `; không đánh giá, xếp loại ${formatInt(f.unrated)} ${noun} (${reasons})`;
  }
  parts.push(lead + '.');
  if (f.rated === 0) return parts.join(' ');

  const ch = f.change;
  const prevYear = year - 1;
  const gobChange = changeText(ch?.goodOrBetter, prevYear, true);
  const inner = [
    gobChange,
    `trong đó ${LEVEL_PROSE.excellent} là ${formatInt(f.levels.excellent)} ${noun}, đạt ${pct(f.percent.excellentOfGoodOrBetter)} so với số ${LEVEL_PROSE.good} trở lên`,
  ].filter(Boolean);
  let levels =
    f.goodOrBetter > 0
      ? `Số ${name} được đánh giá, xếp loại chất lượng ${LEVEL_PROSE.good} trở lên là ${formatInt(f.goodOrBetter)} ${noun}, bằng ${pct(f.percent.goodOrBetter)} (${inner.join(', ')})`
      : `Không có ${name} được xếp loại ${LEVEL_PROSE.good} trở lên${gobChange ? ` (${gobChange})` : ''}`;
  for (const level of ['complete', 'incomplete'] as const) {
    const n = f.levels[level];
    const c = changeText(ch?.[level], prevYear, false);
    levels += n > 0
      ? `; ${LEVEL_PROSE[level]} là ${formatInt(n)} ${noun}, bằng ${pct(f.percent[level])}${c ? ` (${c})` : ''}`
      : `; không có ${name} ${LEVEL_PROSE[level]}`;
  }
  parts.push(levels + '.');
  return parts.join(' ');
}

/**
 * The prose of a year's report, one paragraph per subject, written from the consolidated figures only, so that
 * every number in it is the number in the tables.
 */
export function narrative(figures: ConsolidatedFigures, year: number): string {
  return SUBJECTS.map((s) => subjectParagraph(s, figures[s], year)).join('\n\n');
}
