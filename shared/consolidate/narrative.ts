import type { Consolidated, ConsolidatedFigures, Finding, Level, Subject, SubjectFigures, UnratedReason } from '../model';
import { SUBJECTS } from '../model';
import { formatChangeVi, formatInt, formatPercent } from '../format';
import { GROUP_LABEL } from '../rules/labels';

/** How a year's report names each subject: the paragraph's title, the noun after "Số"/"không có", the noun after a count. */
const SUBJECT_PROSE: Record<Subject, { title: string; short: string; unit: string }> = {
  committee: { title: 'Tập thể cấp ủy cơ sở', short: 'tập thể cấp ủy', unit: 'tập thể cấp ủy' },
  organization: { title: 'Tổ chức cơ sở đảng', short: 'TCCSĐ', unit: 'TCCSĐ' },
  branch: { title: 'Chi bộ trực thuộc đảng ủy cơ sở', short: 'chi bộ trực thuộc', unit: 'chi bộ' },
  member: { title: 'Đảng viên', short: 'đảng viên', unit: 'đồng chí' },
};

const LEVEL_PROSE: Record<Level, string> = {
  excellent: 'hoàn thành xuất sắc nhiệm vụ',
  good: 'hoàn thành tốt nhiệm vụ',
  complete: 'hoàn thành nhiệm vụ',
  incomplete: 'không hoàn thành nhiệm vụ',
};

/** Why a count was not rated, as reports word it ("02 TCCSĐ do mới thành lập chưa đánh giá, xếp loại"). */
function reasonProse(subject: Subject, reason: UnratedReason): string {
  switch (reason) {
    case 'new':
      return subject === 'member' ? 'do mới kết nạp chưa đủ 6 tháng chưa đánh giá, xếp loại' : 'do mới thành lập chưa đánh giá, xếp loại';
    case 'exempt':
      return 'được miễn công tác và sinh hoạt đảng không đánh giá, xếp loại';
    case 'suspended':
      return 'do bị đình chỉ sinh hoạt đảng không đánh giá, xếp loại';
    case 'other':
      return 'vì lý do khác chưa đánh giá, xếp loại';
  }
}

/** A count as reports print it: a leading zero under 10 ("04"), thousands with dots ("6.102"). */
export function countVi(n: number): string {
  return n >= 0 && n < 10 ? `0${n}` : formatInt(n);
}

const pct = (p: number | null) => `${formatPercent(p, { trim: true })}%`;

/** "giảm 0,93% so với năm 2024"; null where there is no comparison or nothing changed. */
function changeText(change: number | null | undefined, previousYear: number): string | null {
  if (change === null || change === undefined || Math.round(change * 100) === 0) return null;
  return `${formatChangeVi(change)} so với năm ${previousYear}`;
}

/** Last year's comparison base (lineage): the units compared, the reports they had, those without last year's figures. */
export type PreviousBase = NonNullable<Consolidated['previousBase']>;

export interface NarrativeOptions {
  /** Coverage and last year's base, printed as the closing paragraph when given. */
  coverage?: Consolidated['coverage'];
  previousBase?: Consolidated['previousBase'];
  /** code → name, to name units in prose. */
  names?: Record<string, string>;
}

function subjectParagraph(index: number, subject: Subject, f: SubjectFigures, year: number): string {
  const { title, short, unit } = SUBJECT_PROSE[subject];
  const head = `${index}. ${title}: `;
  if (f.total === 0) return `${head}không có ${short} thuộc diện đánh giá, xếp loại.`;
  const after = (n: number) => `${countVi(n)}${subject === 'member' ? ' đồng chí' : ''}`;
  const unrated = (Object.entries(f.unratedByReason) as [UnratedReason, number][])
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${countVi(n)} ${unit} ${reasonProse(subject, r)}`);
  if (f.rated === 0) return `${head}tổng số ${short} là ${after(f.total)}, không có ${short} được đánh giá, xếp loại${unrated.length ? ` (${unrated.join('; ')})` : ''}.`;

  let lead = `${head}tổng số ${short} là ${after(f.total)}; đã đánh giá, xếp loại ${countVi(f.rated)} ${unit}, bằng ${pct(f.percent.rated)}`;
  if (unrated.length) lead += `; ${unrated.join('; ')}`;

  const prev = year - 1;
  const gobChange = changeText(f.change?.goodOrBetter, prev);
  const excellent =
    f.levels.excellent > 0
      ? `trong đó ${countVi(f.levels.excellent)} ${unit} ${LEVEL_PROSE.excellent}, đạt ${pct(f.percent.excellentOfGoodOrBetter)} so với số ${LEVEL_PROSE.good} trở lên`
      : `trong đó không có ${short} ${LEVEL_PROSE.excellent}`;
  let levels =
    f.goodOrBetter > 0
      ? `Số ${short} ${LEVEL_PROSE.good} trở lên là ${after(f.goodOrBetter)}, bằng ${pct(f.percent.goodOrBetter)} (${[gobChange, excellent].filter(Boolean).join(', ')})`
      : `Không có ${short} ${LEVEL_PROSE.good} trở lên${gobChange ? ` (${gobChange})` : ''}`;
  for (const level of ['complete', 'incomplete'] as const) {
    const n = f.levels[level];
    const c = changeText(f.change?.[level], prev);
    levels += n > 0 ? `; ${countVi(n)} ${unit} ${LEVEL_PROSE[level]}, bằng ${pct(f.percent[level])}` : `; không có ${short} ${LEVEL_PROSE[level]}`;
    if (c) levels += ` (${c})`;
  }
  return `${lead}. ${levels}.`;
}

const nameOf = (code: string, names?: Record<string, string>) => (names?.[code] ? names[code] : code);

/** A list of units by name, at most 30 named ("A, B và 12 đơn vị khác"). */
function unitList(codes: string[], names?: Record<string, string>, total = codes.length): string {
  const shown = codes.slice(0, 30).map((c) => nameOf(c, names));
  return total > shown.length ? `${shown.join(', ')} và ${total - shown.length} đơn vị khác` : shown.join(', ');
}

/** "Tỷ lệ tăng, giảm so với năm 2024 tính trên cùng 11 đơn vị (11 báo cáo năm 2024); 01 đơn vị không có số liệu năm 2024: …". */
export function baseSentence(base: PreviousBase, names?: Record<string, string>): string {
  if (base.units === 0) return `Không có số liệu năm ${base.year} của các đơn vị này để so sánh.`;
  let s = `Tỷ lệ tăng, giảm so với năm ${base.year} tính trên cùng ${countVi(base.units)} đơn vị (${countVi(base.reports)} báo cáo năm ${base.year})`;
  const missing = Math.max(base.missingCount, base.missing.length);
  if (missing) s += `; ${countVi(missing)} đơn vị không có số liệu năm ${base.year} để so sánh: ${unitList(base.missing, names, missing)}`;
  return `${s}.`;
}

/**
 * The prose of a year's report, written from the consolidated figures only, so that every number in it is the
 * number in the tables: one numbered paragraph per subject ("1. Tập thể cấp ủy cơ sở: …"), then, when given,
 * a closing paragraph on coverage and on what last year's figures compare.
 */
export function narrative(figures: ConsolidatedFigures, year: number, opts: NarrativeOptions = {}): string {
  const paragraphs = SUBJECTS.map((s, i) => subjectParagraph(i + 1, s, figures[s], year));
  const closing = [opts.coverage ? coverageSentence({ coverage: opts.coverage }, opts.names) : '', opts.previousBase ? baseSentence(opts.previousBase, opts.names) : ''].filter(Boolean);
  if (closing.length) paragraphs.push(closing.join(' '));
  return paragraphs.join('\n\n');
}

/** "Đã có báo cáo của 12/12 đơn vị; 01 đơn vị có báo cáo bị trả lại: … (số liệu vẫn tính …); 02 đơn vị chưa gửi báo cáo: …". */
export function coverageSentence(view: Pick<Consolidated, 'coverage'>, names?: Record<string, string>): string {
  const cov = view.coverage;
  let s = `Đã có báo cáo của ${cov.submitted}/${cov.expected} đơn vị`;
  if (cov.returned?.length) s += `; ${countVi(cov.returned.length)} đơn vị có báo cáo bị trả lại: ${unitList(cov.returned, names)} (số liệu vẫn tính cho đến khi đơn vị gửi lại)`;
  if (cov.missing.length) s += `; ${countVi(cov.missing.length)} đơn vị chưa gửi báo cáo: ${unitList(cov.missing, names)}`;
  return `${s}.`;
}

/** The units named in a set of findings: "01 đơn vị (Đảng bộ Công ty Điện lực)". */
function unitsPhrase(findings: Finding[], names?: Record<string, string>, noun = 'đơn vị'): string {
  const codes = [...new Set(findings.map((f) => f.unit ?? ''))].filter(Boolean);
  return `${countVi(codes.length)} ${noun} (${codes.map((c) => nameOf(c, names)).join(', ')})`;
}

/**
 * "Hạn chế": the findings across units in the report's words, the justifications the units gave, and who has
 * not reported. Built from the findings only (never an all-clear while units are missing).
 */
export function limitations(view: Pick<Consolidated, 'unit' | 'findings' | 'coverage' | 'subjects'>, opts: { names?: Record<string, string>; capRatio?: number } = {}): string[] {
  const { names } = opts;
  const ratio = opts.capRatio !== undefined ? `${formatPercent(opts.capRatio * 100, { trim: true })}% ` : '';
  const out: string[] = [];
  const f = view.findings.filter((x) => x.severity !== 'info' || x.rule === 'target');
  const pick = (pred: (x: Finding) => boolean) => f.filter(pred);
  const own = (x: Finding) => x.unit === view.unit || x.unit === undefined;
  const used = new Set<Finding>();
  const take = (xs: Finding[]) => (xs.forEach((x) => used.add(x)), xs);

  const memberCap = take(pick((x) => x.rule === 'excellent-cap' && x.subject === 'member' && !x.group && !own(x)));
  if (memberCap.length) out.push(`Việc xếp loại đảng viên hoàn thành xuất sắc nhiệm vụ ở ${unitsPhrase(memberCap, names)} vượt tỷ lệ ${ratio}quy định so với số hoàn thành tốt nhiệm vụ trở lên`);
  const groupCap = take(pick((x) => x.rule === 'excellent-cap' && x.subject === 'member' && !!x.group && !own(x)));
  if (groupCap.length) {
    const groups = [...new Set(groupCap.map((x) => GROUP_LABEL[x.group!].vi))].join(', ');
    out.push(`việc xếp loại đảng viên hoàn thành xuất sắc nhiệm vụ theo nhóm chức vụ ở ${unitsPhrase(groupCap, names)} chưa bảo đảm tỷ lệ ${ratio}quy định (nhóm ${groups})`);
  }
  const split = take(pick((x) => x.rule === 'group-split' && !own(x)));
  if (split.length) out.push(`việc đánh giá, xếp loại đảng viên hoàn thành xuất sắc nhiệm vụ ở ${unitsPhrase(split, names)} chưa phân theo 03 nhóm (lãnh đạo cơ quan, đơn vị; quản lý cấp phòng và tương đương; không giữ chức vụ)`);
  const branchCap = take(pick((x) => x.rule === 'excellent-cap' && x.subject === 'branch' && !own(x)));
  if (branchCap.length) out.push(`có ${unitsPhrase(branchCap, names, 'đảng ủy cơ sở')} xếp loại chi bộ trực thuộc hoàn thành xuất sắc nhiệm vụ vượt tỷ lệ ${ratio}quy định`);
  for (const x of take(pick((y) => y.rule === 'excellent-cap' && own(y) && (y.subject === 'organization' || y.subject === 'committee')))) {
    const what = x.subject === 'organization' ? 'TCCSĐ' : 'tập thể cấp ủy cơ sở';
    out.push(`số ${what} được đề nghị xếp loại hoàn thành xuất sắc nhiệm vụ (${countVi(x.left ?? view.subjects[x.subject!].levels.excellent)}) vượt tỷ lệ ${ratio}quy định (${x.right ? `tối đa ${countVi(x.right)}` : 'theo tỷ lệ không được có trường hợp nào'}), cấp có thẩm quyền cần xem xét khi quyết định`);
  }
  for (const x of take(pick((y) => y.rule === 'target'))) {
    out.push(`tỷ lệ ${SUBJECT_PROSE[x.subject!].short} hoàn thành tốt nhiệm vụ trở lên (${pct(x.left ?? null)}) chưa đạt chỉ tiêu ${pct(x.right ?? null)}`);
  }
  const rest = f.filter((x) => !used.has(x));
  if (rest.length) out.push(`còn ${countVi(rest.length)} nội dung khác cần xem lại ở ${unitsPhrase(rest, names)}, chi tiết tại phụ lục`);

  const paragraphs: string[] = [];
  if (out.length) {
    const s = out.join('; ');
    paragraphs.push(`${s.charAt(0).toUpperCase()}${s.slice(1)}.`);
  }
  const justified = view.findings.filter((x) => x.justification && x.justification.trim());
  if (justified.length) {
    const byUnit = new Map<string, string[]>();
    for (const x of justified) {
      const k = x.unit ?? view.unit;
      const list = byUnit.get(k) ?? [];
      const text = x.justification!.trim().replace(/\s+/g, ' ');
      const short = text.length > 160 ? `${text.slice(0, 157)}…` : text;
      if (!list.includes(short)) list.push(short);
      byUnit.set(k, list);
    }
    paragraphs.push(
      `Các đơn vị đã giải trình: ${[...byUnit].map(([u, ts]) => `${nameOf(u, names)} (“${ts.join('”; “')}”)`).join('; ')}.`,
    );
  }
  const cov = view.coverage;
  const open: string[] = [];
  if (cov.missing.length) open.push(`${countVi(cov.missing.length)} đơn vị chưa gửi báo cáo: ${unitList(cov.missing, names)}`);
  if (cov.returned?.length) open.push(`${countVi(cov.returned.length)} đơn vị có báo cáo bị trả lại để hoàn chỉnh: ${unitList(cov.returned, names)}`);
  if (open.length) paragraphs.push(`Còn ${open.join('; ')}.`);
  if (paragraphs.length === 0) paragraphs.push('Qua tổng hợp, không phát hiện sai sót về số liệu và tỷ lệ xếp loại trong báo cáo của các đơn vị.');
  return paragraphs;
}
