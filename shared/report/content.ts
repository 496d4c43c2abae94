import { capRatioOf, countVi, limitations, unitNamesOf } from '../consolidate';
import { formatChangeSigned, formatInt, formatPercent } from '../format';
import type { Consolidated, PolicyInput, SubjectFiguresBase, Tally } from '../model';
import { LEVELS, SUBJECTS } from '../model';
import { LEVEL_LABEL, STATUS_LABEL, SUBJECT_LABEL } from '../rules/labels';
import { issuerLine, issuerName, PARTY_NAME, placeDateLine, signatureFor, superiorLine } from '../templates/party';

/**
 * The year's report as content, before any layout: the same words and numbers for the .docx (shared/report/docx)
 * and for the tests that read it back from the printed PDF. Everything comes from the consolidated view and the
 * shared prose; the committee's own opening and closing prose are left as marked places, never invented.
 */

/** A run of text; `fill` marks a place the committee writes or fills in itself. */
export interface Span {
  text: string;
  fill?: boolean;
  bold?: boolean;
  italic?: boolean;
}
export type Para = Span[];

export interface ReportTable {
  title: string;
  /** Header rows; a cell spanning columns is given as { text, span }. */
  head: { text: string; span?: number; rowSpan?: number }[][];
  rows: { cells: string[]; bold?: boolean; group?: boolean }[];
  /** Relative column widths. */
  widths: number[];
  /** Columns aligned left (text); the others are numbers, right aligned. */
  textColumns: number[];
}

export interface ReportContent {
  header: { superior: string; issuer: string; number: string; party: string; placeDate: string };
  title: string[];
  opening: Para[];
  sections: { heading: string; paragraphs: Para[] }[];
  signature: { onBehalf: string; title: string; note: string; name: Para };
  recipients: Para[];
  appendixTitle: string;
  tables: ReportTable[];
}

export interface ReportOptions {
  place?: string;
  /** The policy in force (for the cap ratio in "Hạn chế"); the rulebook's defaults otherwise. */
  policy?: PolicyInput;
}

const FILL = (text: string): Span => ({ text, fill: true });
const T = (text: string): Span => ({ text });
const pct = (p: number | null) => formatPercent(p);

/** The level of a one-organisation row ("Xuất sắc"), or the counts of a consolidating child ("XS 2; Tốt 5"). */
function levelCell(t: Tally | undefined): string {
  if (!t || t.total === 0) return '—';
  const rated = LEVELS.reduce((n, l) => n + t.levels[l], 0);
  if (t.total === 1 && rated === 1) return LEVEL_LABEL[LEVELS.find((l) => t.levels[l] === 1)!].short;
  if (rated === 0) return 'Chưa xếp loại';
  return LEVELS.filter((l) => t.levels[l] > 0)
    .map((l) => `${LEVEL_LABEL[l].short} ${formatInt(t.levels[l])}`)
    .join('; ');
}

/** The row of the four-subject table: Tổng số | Được XL | % | Không XL | 4 × (SL, %) | Tốt trở lên %. */
function figureCells(f: SubjectFiguresBase): string[] {
  return [
    formatInt(f.total),
    formatInt(f.rated),
    pct(f.percent.rated),
    formatInt(f.unrated),
    ...LEVELS.flatMap((l) => [formatInt(f.levels[l]), pct(f.percent[l])]),
    pct(f.percent.goodOrBetter),
  ];
}

/** The percentages Biểu 2 compares with last year, in the order of Biểu 1. */
export const CHANGE_KEYS = ['rated', 'unrated', 'goodOrBetter', 'excellentOfGoodOrBetter', 'excellent', 'good', 'complete', 'incomplete'] as const;
export const CHANGE_HEAD: Record<(typeof CHANGE_KEYS)[number], string> = {
  rated: 'Được đánh giá, xếp loại',
  unrated: 'Không đánh giá, xếp loại',
  goodOrBetter: 'Tốt trở lên',
  excellentOfGoodOrBetter: 'Xuất sắc so với tốt trở lên',
  excellent: 'Xuất sắc',
  good: 'Tốt',
  complete: 'Hoàn thành',
  incomplete: 'Không hoàn thành',
};

const FIGURE_HEAD = (first: { text: string; rowSpan?: number }[]) => [
  [
    ...first,
    { text: 'Tổng số', rowSpan: 2 },
    { text: 'Được đánh giá, xếp loại', span: 2 },
    { text: 'Không đánh giá, xếp loại', rowSpan: 2 },
    ...LEVELS.map((l) => ({ text: LEVEL_LABEL[l].vi, span: 2 })),
    { text: 'Tốt trở lên (%)', rowSpan: 2 },
  ],
  [{ text: 'SL' }, { text: '%' }, ...LEVELS.flatMap(() => [{ text: 'SL' }, { text: '%' }])],
];

export function reportContent(view: Consolidated, opts: ReportOptions = {}): ReportContent {
  const year = view.year;
  const unitName = view.unitName ?? view.unit;
  const names = unitNamesOf(view);
  const sig = signatureFor(view.unitKind);
  const regulation = view.rulebookName?.regulation ?? view.rulebook;
  const guidance = view.rulebookName?.guidance ?? '';
  const superior = superiorLine(view.parentName);

  const resultParas: Para[] = [];
  for (const p of view.narrative.split('\n\n')) resultParas.push([T(p)]);
  if (view.byType && view.byType.length > 0) {
    const kinds = view.byType.map((t) => `${t.label.charAt(0).toLowerCase()}${t.label.slice(1)} ${countVi(t.units)} đơn vị`);
    resultParas.push([T(`Kết quả theo loại hình tổ chức (${kinds.join('; ')}) tại Biểu 3 kèm theo.`)]);
  }

  const tables: ReportTable[] = [];
  // Biểu 1: the four subjects
  tables.push({
    title: `Biểu 1. Kết quả đánh giá, xếp loại chất lượng năm ${year}`,
    head: FIGURE_HEAD([{ text: 'TT', rowSpan: 2 }, { text: 'Nội dung', rowSpan: 2 }]),
    rows: SUBJECTS.map((s, i) => ({ cells: [String(i + 1), SUBJECT_LABEL[s].vi, ...figureCells(view.subjects[s])] })),
    widths: [4, 18, 6, 6, 6, 7, 6, 6, 6, 6, 6, 6, 6, 6, 7],
    textColumns: [1],
  });
  // Biểu 2: last year, this year and the change, for every percentage
  const prev = year - 1;
  const hasPrev = SUBJECTS.some((s) => view.subjects[s].previous);
  tables.push({
    title: `Biểu 2. Tỷ lệ (%) so với năm ${prev}`,
    head: [[{ text: 'TT' }, { text: 'Nội dung' }, { text: 'Năm' }, ...CHANGE_KEYS.map((k) => ({ text: CHANGE_HEAD[k] }))]],
    rows: hasPrev
      ? SUBJECTS.flatMap((s, i) => {
          const f = view.subjects[s];
          return [
            { cells: [String(i + 1), SUBJECT_LABEL[s].vi, `Năm ${prev}`, ...CHANGE_KEYS.map((k) => pct(f.previous?.percent[k] ?? null))] },
            { cells: ['', '', `Năm ${year}`, ...CHANGE_KEYS.map((k) => pct(f.percent[k]))] },
            { cells: ['', '', 'Tăng, giảm', ...CHANGE_KEYS.map((k) => formatChangeSigned(f.change?.[k] ?? null))] },
          ];
        })
      : [{ cells: ['', `Không có số liệu năm ${prev} để so sánh`, '', ...CHANGE_KEYS.map(() => '')] }],
    widths: [4, 18, 9, ...CHANGE_KEYS.map(() => 8)],
    textColumns: [1, 2],
  });
  // Biểu 3: by kind of organisation
  const byType = view.byType ?? [];
  tables.push({
    title: `Biểu 3. Kết quả theo loại hình tổ chức năm ${year}`,
    head: FIGURE_HEAD([{ text: 'TT', rowSpan: 2 }, { text: 'Loại hình, nội dung', rowSpan: 2 }]),
    rows: [
      ...byType.flatMap((t) => [
        { cells: [`${t.label} (${countVi(t.units)} đơn vị)`], group: true },
        ...SUBJECTS.map((s, i) => ({ cells: [String(i + 1), SUBJECT_LABEL[s].vi, ...figureCells(t.subjects[s])] })),
      ]),
      { cells: ['Tổng cộng'], group: true },
      ...SUBJECTS.map((s, i) => ({ cells: [String(i + 1), SUBJECT_LABEL[s].vi, ...figureCells(view.subjects[s])], bold: true })),
    ],
    widths: [4, 18, 6, 6, 6, 7, 6, 6, 6, 6, 6, 6, 6, 6, 7],
    textColumns: [1],
  });
  // Biểu 4: one row per unit
  tables.push({
    title: `Biểu 4. Kết quả của từng đơn vị năm ${year}`,
    head: [
      [
        { text: 'TT', rowSpan: 2 },
        { text: 'Đơn vị', rowSpan: 2 },
        { text: 'Tình trạng báo cáo', rowSpan: 2 },
        { text: 'Tổ chức đảng', rowSpan: 2 },
        { text: 'Tập thể cấp ủy', rowSpan: 2 },
        { text: 'Chi bộ trực thuộc', span: 2 },
        { text: 'Đảng viên', span: 6 },
      ],
      [{ text: 'Tổng số' }, { text: 'Xuất sắc' }, { text: 'Tổng số' }, ...LEVELS.map((l) => ({ text: LEVEL_LABEL[l].short })), { text: 'Không xếp loại' }],
    ],
    rows: view.units.map((u, i) => {
      const t = u.tallies;
      const m = t?.member;
      const unrated = m ? Object.values(m.unrated).reduce((a, b) => a + (b ?? 0), 0) : 0;
      return {
        cells: [
          String(i + 1),
          u.name,
          STATUS_LABEL[u.status].vi,
          t ? levelCell(t.organization) : '',
          t ? levelCell(t.committee) : '',
          t ? formatInt(t.branch.total) : '',
          t ? formatInt(t.branch.levels.excellent) : '',
          m ? formatInt(m.total) : '',
          ...LEVELS.map((l) => (m ? formatInt(m.levels[l]) : '')),
          m ? formatInt(unrated) : '',
        ],
      };
    }),
    widths: [3, 30, 7, 10, 10, 6, 6, 6, 6, 6, 6, 6, 7],
    textColumns: [1, 2, 3, 4],
  });

  const limits = limitations(view, { names, capRatio: capRatioOf(view, opts.policy) });
  return {
    header: {
      superior,
      issuer: issuerLine(unitName, view.unitKind),
      number: 'Số …-BC/…',
      party: PARTY_NAME,
      placeDate: placeDateLine(opts.place),
    },
    title: ['BÁO CÁO', `kết quả đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm ${year}`],
    opening: [
      [T(`Thực hiện ${regulation}${guidance ? ` và ${guidance}` : ''} về kiểm điểm, đánh giá, xếp loại chất lượng đối với tổ chức đảng, đảng viên hằng năm, ${issuerName(unitName, view.unitKind)} báo cáo kết quả năm ${year} như sau:`)],
      [FILL('[Phần do cấp ủy viết: đặc điểm tình hình; việc lãnh đạo, chỉ đạo, tổ chức kiểm điểm, đánh giá, xếp loại.]')],
    ],
    sections: [
      { heading: 'I. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI', paragraphs: resultParas },
      { heading: 'II. HẠN CHẾ', paragraphs: [...limits.map((p) => [T(p)]), [FILL('[Phần do cấp ủy viết: nguyên nhân của hạn chế.]')]] },
      { heading: 'III. PHƯƠNG HƯỚNG, KIẾN NGHỊ', paragraphs: [[FILL('[Phần do cấp ủy viết: phương hướng, nhiệm vụ và kiến nghị, đề xuất.]')]] },
    ],
    signature: { onBehalf: sig.onBehalf, title: sig.title, note: '(Ký tên, đóng dấu)', name: [FILL('[Họ và tên]')] },
    recipients: [
      [T('- '), view.parentName ? T(`Ban Thường vụ ${view.parentName}`) : FILL('[cấp ủy cấp trên]'), T(' (để báo cáo),')],
      [T('- '), FILL('[nơi nhận khác]'), T(',')],
      [T('- Lưu Văn phòng.')],
    ],
    appendixTitle: `PHỤ LỤC\nCác biểu tổng hợp kết quả đánh giá, xếp loại năm ${year}`,
    tables,
  };
}
