import type { Level, MemberGroup, Subject, UnratedReason } from '../model';

/** How the reader recognises a label: every `all` fragment present, no `not` fragment (normalised text). */
export interface Matcher {
  any: string[];
  not?: string[];
}

export interface RowDef {
  subject: Subject;
  group?: MemberGroup;
  /** The label the writer prints, and the numbering in the TT column. */
  label: string;
  number: string;
  match: Matcher;
  /** A fully blank row reads as zeros (a chi bộ cơ sở has no chi bộ trực thuộc, a small one no committee). */
  blankRowIsZero?: boolean;
}

export type ColumnKey = 'tt' | 'label' | 'total' | 'unrated' | 'rated' | Level | 'note';

export interface ColumnDef {
  key: ColumnKey;
  header: string;
  match: Matcher;
  /** Sub-columns under a merged header. */
  sub?: { key: UnratedReason | 'count' | 'percent'; header: string; match: Matcher }[];
  width: number;
}

export interface TemplateDef {
  id: 'bieu01';
  version: number;
  sheetName: string;
  title: string;
  rows: RowDef[];
  columns: ColumnDef[];
}

const levelSub = [
  { key: 'count' as const, header: 'Số lượng', match: { any: ['so luong', 'sl'] } },
  { key: 'percent' as const, header: 'Tỷ lệ %', match: { any: ['ty le', 'ti le', '%'] } },
];

/**
 * Biểu 01 – Tổng hợp kết quả đánh giá, xếp loại chất lượng: the unit's summary, as data. The writer lays it
 * out in this order; the reader finds every row and column by these labels wherever they have moved.
 */
export const BIEU01: TemplateDef = {
  id: 'bieu01',
  version: 1,
  sheetName: 'Biểu 01',
  title: 'TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN',
  rows: [
    { subject: 'committee', label: 'Tập thể cấp ủy cơ sở', number: '1', match: { any: ['cap uy', 'chi uy', 'dang uy co so'], not: ['truc thuoc'] }, blankRowIsZero: true },
    { subject: 'organization', label: 'Tổ chức cơ sở đảng', number: '2', match: { any: ['to chuc co so dang', 'tccsd', 'to chuc dang'] } },
    { subject: 'branch', label: 'Chi bộ trực thuộc đảng ủy cơ sở', number: '3', match: { any: ['chi bo'] }, blankRowIsZero: true },
    { subject: 'member', label: 'Đảng viên', number: '4', match: { any: ['dang vien'] } },
    { subject: 'member', group: 'leader', label: 'Lãnh đạo cơ quan, đơn vị', number: '-', match: { any: ['lanh dao'] } },
    { subject: 'member', group: 'manager', label: 'Quản lý cấp phòng và tương đương', number: '-', match: { any: ['quan ly'] } },
    { subject: 'member', group: 'staff', label: 'Không giữ chức vụ', number: '-', match: { any: ['khong giu chuc vu', 'khong chuc vu'] } },
  ],
  columns: [
    { key: 'tt', header: 'TT', match: { any: ['tt', 'stt'] }, width: 5 },
    { key: 'label', header: 'Nội dung', match: { any: ['noi dung'] }, width: 34 },
    { key: 'total', header: 'Tổng số', match: { any: ['tong so'] }, width: 9 },
    {
      key: 'unrated',
      header: 'Không đánh giá, xếp loại',
      match: { any: ['khong danh gia', 'khong xep loai', 'chua danh gia', 'chua xep loai'] },
      sub: [
        { key: 'new', header: 'Mới', match: { any: ['moi'] } },
        { key: 'exempt', header: 'Miễn', match: { any: ['mien'] } },
        { key: 'suspended', header: 'Đình chỉ', match: { any: ['dinh chi'] } },
        { key: 'other', header: 'Khác', match: { any: ['khac'] } },
      ],
      width: 7,
    },
    { key: 'rated', header: 'Số được đánh giá, xếp loại', match: { any: ['duoc danh gia', 'duoc xep loai', 'so xep loai', 'da danh gia'], not: ['khong', 'chua'] }, width: 10 },
    { key: 'excellent', header: 'Hoàn thành xuất sắc nhiệm vụ', match: { any: ['xuat sac', 'htxs'] }, sub: levelSub, width: 9 },
    { key: 'good', header: 'Hoàn thành tốt nhiệm vụ', match: { any: ['hoan thanh tot', 'httnv', 'httt'], not: ['tro len'] }, sub: levelSub, width: 9 },
    { key: 'complete', header: 'Hoàn thành nhiệm vụ', match: { any: ['hoan thanh nhiem vu', 'htnv'], not: ['khong', 'xuat sac', 'tot', 'chua'] }, sub: levelSub, width: 9 },
    { key: 'incomplete', header: 'Không hoàn thành nhiệm vụ', match: { any: ['khong hoan thanh', 'khtnv'] }, sub: levelSub, width: 9 },
    { key: 'note', header: 'Ghi chú', match: { any: ['ghi chu'] }, width: 14 },
  ],
};

/** A short fragment ("sl", "%") matches as a word only; its pattern is compiled once. */
const WORDS = new Map<string, RegExp>();
const word = (f: string): RegExp => {
  let re = WORDS.get(f);
  if (!re) WORDS.set(f, (re = new RegExp(`(^|[^a-z])${f.replace('%', '\\%')}($|[^a-z])`)));
  return re;
};

export function matches(m: Matcher, normalized: string): boolean {
  if (!normalized) return false;
  const hit = m.any.some((f) => (f.length <= 3 ? word(f).test(normalized) : normalized.includes(f)));
  return hit && !(m.not ?? []).some((f) => normalized.includes(f));
}
