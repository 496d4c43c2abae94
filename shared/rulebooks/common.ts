import type { Policy, RuleDef, Subject } from '../model';
import { SUBJECTS } from '../model';

const ALL: Subject[] = [...SUBJECTS];
const COLLECTIVES: Subject[] = ['committee', 'organization', 'branch'];

/** The references a rulebook gives its rules: the regulation and its guidance, by topic. */
export interface References {
  /** "Hướng dẫn 25-HD/BTCTW" */
  guidance: string;
  /** "Quy định 124-QĐ/TW" */
  regulation: string;
}

/**
 * Rules every year shares: the arithmetic and structure of the summary template (errors), the excellent cap
 * and the group split (warnings: they record a real decision and may be sent with a justification), and the
 * target (info).
 */
export function commonRules(ref: References): RuleDef[] {
  const tpl = `${ref.guidance}, biểu tổng hợp kết quả đánh giá, xếp loại`;
  const cap = `${ref.guidance}: số hoàn thành xuất sắc nhiệm vụ không vượt quá 20% số hoàn thành tốt nhiệm vụ (tỷ lệ, mẫu số và phạm vi theo chính sách)`;
  return [
    { id: 'period', rule: 'year-mismatch', subjects: [], severity: 'error', reference: tpl, missing: 'skip', check: 'period' },
    { id: 'missing-value', rule: 'missing-value', subjects: ALL, severity: 'error', reference: tpl, missing: 'skip', check: 'missing-value' },
    { id: 'negative-or-fraction', rule: 'negative-or-fraction', subjects: ALL, severity: 'error', reference: tpl, missing: 'skip', check: 'negative-or-fraction' },
    {
      id: 'total-mismatch', rule: 'total-mismatch', subjects: ALL, severity: 'error', reference: tpl, missing: 'skip',
      compare: { left: ['total'], op: '=', right: ['unrated.*', 'levels.*'] },
    },
    { id: 'committee-count', rule: 'committee-count', subjects: ['committee', 'organization'], severity: 'error', reference: `${ref.regulation}: mỗi tổ chức cơ sở đảng có một cấp ủy; chi bộ dưới 9 đảng viên chính thức không bầu chi ủy`, missing: 'skip', check: 'committee-count' },
    { id: 'group-sum', rule: 'group-sum', subjects: ['member'], severity: 'error', reference: tpl, missing: 'skip', check: 'group-sum' },
    { id: 'unrated-reason-allowed', rule: 'unrated-reason', subjects: ALL, severity: 'error', reference: `${ref.guidance}: các trường hợp không đánh giá, xếp loại`, missing: 'skip', check: 'unrated-reason-allowed' },
    { id: 'unrated-reason-other', rule: 'unrated-reason', subjects: ALL, severity: 'warning', reference: `${ref.guidance}: các trường hợp không đánh giá, xếp loại`, missing: 'skip', check: 'unrated-reason-other' },
    { id: 'group-split-missing', rule: 'group-split', subjects: ['member'], severity: 'warning', reference: cap, missing: 'skip', check: 'group-split-missing' },
    { id: 'group-split-sum', rule: 'group-split', subjects: ['member'], severity: 'error', reference: cap, missing: 'skip', check: 'group-split-sum' },
    { id: 'excellent-cap', rule: 'excellent-cap', subjects: ALL, severity: 'warning', reference: cap, missing: 'skip', check: 'excellent-cap' },
    { id: 'target', rule: 'target', subjects: ALL, severity: 'info', reference: 'Chỉ tiêu của cấp ủy cấp trên (chính sách)', missing: 'skip', check: 'target' },
  ];
}

/** QĐ 124 and QĐ 366: a collective with a disciplined affiliated organisation or leader cannot be excellent. */
export function disciplineRule(ref: References): RuleDef {
  return {
    id: 'discipline-excellent', rule: 'discipline-excellent', subjects: COLLECTIVES, severity: 'warning',
    reference: `${ref.regulation}: tập thể có tổ chức trực thuộc hoặc thành viên lãnh đạo bị kỷ luật trong năm không được xếp loại hoàn thành xuất sắc nhiệm vụ`,
    missing: 'skip',
    compare: { left: ['levels.excellent'], op: '<=', right: ['levels.*', '-disciplined'] },
  };
}

/** QĐ 366: the level must not be above the band of the member's score. */
export function scoreBandRule(ref: References): RuleDef {
  return {
    id: 'score-band', rule: 'score-band', subjects: ['member'], severity: 'error',
    reference: `${ref.regulation}, ${ref.guidance}: xếp loại theo thang điểm 100 (≥ 90 xuất sắc, 70–89 tốt, 50–69 hoàn thành)`,
    missing: 'skip', check: 'score-band',
  };
}

export function defaultPolicy(groupSplitRequired: boolean): Policy {
  return {
    capRatio: 0.2,
    capDenominator: 'goodOrBetter',
    capScopes: ['member.unit', 'member.group', 'branch.unit', 'organization.consolidating', 'committee.consolidating'],
    groupSplitRequired,
    targets: { member: 90 },
    typedPercentRounding: 'half-up-or-truncate',
    scoreBands: { excellent: 90, good: 70, complete: 50 },
  };
}
