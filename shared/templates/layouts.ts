import type { Level, MemberGroup, Subject, UnratedReason } from '../model';
import { BIEU01, type Matcher, type RowDef } from './bieu01';

/**
 * The layouts units really use for the summary table, as data: labels, rows, columns and how their cells
 * make a UnitReport. The reader tries each and reads the best match, and says which it read.
 */

/** A column of a "levels as columns" layout. */
export interface LayoutColumn {
  key: string;
  header: string;
  match: Matcher;
  /** Sub-columns under a merged header (Số lượng / Tỷ lệ %, Mới / Miễn / …). */
  sub?: { key: string; header: string; match: Matcher }[];
}

/** A level as a sum of columns: `good = trở lên − trong đó`. */
export interface LevelFrom {
  plus: string[];
  minus?: string[];
}

/**
 * A percentage column: the share of `numerator` (levels) in `base`, which is the rated count unless the column
 * header states another base (the `baseIf` words, e.g. "so với hoàn thành tốt …" → excellent + good).
 */
export interface PercentDef {
  column: string;
  numerator: Level[];
  base: 'rated' | Level[];
  baseIf?: { match: Matcher; base: Level[] };
}

export interface ColumnLayout {
  kind: 'columns';
  id: 'bieu01' | 'bieu01-inclusive';
  /** How the layout is named to staff (in the info finding "Đọc theo mẫu …"). */
  name: string;
  rows: RowDef[];
  columns: LayoutColumn[];
  /** The column keys of the level headers: the one row holding most of them is the header row. */
  levelColumns: string[];
  levels: Record<Level, LevelFrom>;
  percents: PercentDef[];
}

/** Our Biểu 01: four exclusive levels. */
export const LAYOUT_BIEU01: ColumnLayout = {
  kind: 'columns',
  id: 'bieu01',
  name: 'Biểu 01 (bốn mức xếp loại)',
  rows: BIEU01.rows,
  columns: BIEU01.columns.filter((c) => c.key !== 'tt' && c.key !== 'label'),
  levelColumns: ['excellent', 'good', 'complete', 'incomplete'],
  levels: { excellent: { plus: ['excellent'] }, good: { plus: ['good'] }, complete: { plus: ['complete'] }, incomplete: { plus: ['incomplete'] } },
  percents: (['excellent', 'good', 'complete', 'incomplete'] as Level[]).map((l) => ({ column: l, numerator: [l], base: 'rated' as const })),
};

const levelSub = [
  { key: 'count', header: 'Số lượng', match: { any: ['so luong', 'sl'] } },
  { key: 'percent', header: 'Tỷ lệ %', match: { any: ['ty le', 'ti le', '%'] } },
];

const col = (key: string) => LAYOUT_BIEU01.columns.find((c) => c.key === key) as LayoutColumn;

/**
 * The inclusive layout of many published reports: "Hoàn thành tốt nhiệm vụ trở lên" (excellent + good) and
 * "Trong đó: hoàn thành xuất sắc" beside it, then the two lower levels.
 */
export const LAYOUT_INCLUSIVE: ColumnLayout = {
  kind: 'columns',
  id: 'bieu01-inclusive',
  name: 'Biểu 01 kiểu "Hoàn thành tốt nhiệm vụ trở lên – trong đó hoàn thành xuất sắc"',
  rows: BIEU01.rows,
  columns: [
    col('total'),
    col('unrated'),
    col('rated'),
    { key: 'goodOrBetter', header: 'Hoàn thành tốt nhiệm vụ trở lên', match: { any: ['tot nhiem vu tro len', 'tot tro len', 'httnv tro len'] }, sub: levelSub },
    { key: 'excellentOf', header: 'Trong đó: Hoàn thành xuất sắc nhiệm vụ', match: { any: ['xuat sac', 'htxs'] }, sub: levelSub },
    col('complete'),
    col('incomplete'),
    col('note'),
  ],
  levelColumns: ['goodOrBetter', 'excellentOf', 'complete', 'incomplete'],
  levels: {
    excellent: { plus: ['excellentOf'] },
    good: { plus: ['goodOrBetter'], minus: ['excellentOf'] },
    complete: { plus: ['complete'] },
    incomplete: { plus: ['incomplete'] },
  },
  percents: [
    { column: 'goodOrBetter', numerator: ['excellent', 'good'], base: 'rated' },
    { column: 'excellentOf', numerator: ['excellent'], base: 'rated', baseIf: { match: { any: ['so voi hoan thanh tot', 'so voi so hoan thanh tot', 'so voi httnv'] }, base: ['excellent', 'good'] } },
    { column: 'complete', numerator: ['complete'], base: 'rated' },
    { column: 'incomplete', numerator: ['incomplete'], base: 'rated' },
  ],
};

export const COLUMN_LAYOUTS: ColumnLayout[] = [LAYOUT_BIEU01, LAYOUT_INCLUSIVE];

/**
 * The statistics layout of the Ban Tổ chức's forms: the levels as rows, the columns "Tổng số" and the kinds
 * of organisation (loại hình). One table per subject, found by the subject's words in the title above it.
 */
export interface StatisticsLayout {
  kind: 'statistics';
  id: 'thong-ke';
  name: string;
  rows: { key: 'total' | 'rated' | UnratedReason | Level | 'incompleteReason'; label: string; match: Matcher }[];
  /** The "Tổng số" column; every other numeric column under the header is a kind of organisation. */
  totalColumn: Matcher;
  subjects: { subject: Subject; match: Matcher }[];
}

export const LAYOUT_STATISTICS: StatisticsLayout = {
  kind: 'statistics',
  id: 'thong-ke',
  name: 'biểu thống kê (mức xếp loại theo dòng, cột Tổng số và loại hình)',
  rows: [
    { key: 'total', label: 'Số có mặt', match: { any: ['so co mat', 'tong so dang vien', 'tong so to chuc'] } },
    { key: 'exempt', label: 'Số được miễn', match: { any: ['duoc mien', 'so mien'] } },
    { key: 'new', label: 'Số chưa được đánh giá (mới)', match: { any: ['chua du 6 thang', 'duoi 6 thang', 'moi ket nap', 'moi thanh lap'] } },
    { key: 'suspended', label: 'Số đình chỉ', match: { any: ['dinh chi'] } },
    { key: 'other', label: 'Số chưa được kiểm điểm, đánh giá', match: { any: ['chua duoc kiem diem', 'chua duoc danh gia', 'chua kiem diem', 'khong danh gia', 'chua danh gia'] } },
    { key: 'rated', label: 'Số đã kiểm điểm, đánh giá, xếp loại', match: { any: ['da kiem diem', 'da danh gia', 'duoc danh gia, xep loai', 'so da xep loai'] } },
    { key: 'excellent', label: 'Hoàn thành xuất sắc nhiệm vụ', match: { any: ['xuat sac', 'htxs'] } },
    { key: 'good', label: 'Hoàn thành tốt nhiệm vụ', match: { any: ['hoan thanh tot', 'httnv'], not: ['tro len'] } },
    { key: 'incomplete', label: 'Không hoàn thành nhiệm vụ', match: { any: ['khong hoan thanh', 'khtnv', 'khong htnv'] } },
    { key: 'complete', label: 'Hoàn thành nhiệm vụ', match: { any: ['hoan thanh nhiem vu', 'htnv'], not: ['khong', 'xuat sac', 'tot', 'duoi', 'tren'] } },
    // the reasons for "không hoàn thành nhiệm vụ": a breakdown of that row, never a level
    { key: 'incompleteReason', label: 'Lý do không hoàn thành nhiệm vụ', match: { any: ['suy thoai', 'duoi 50%', 'tren 50%', 'bi ky luat', 'cong chuc, vien chuc', 'xep loai khong hoan thanh'] } },
  ],
  totalColumn: { any: ['tong so', 'tong cong', 'cong'] },
  subjects: [
    { subject: 'member', match: { any: ['dang vien'] } },
    { subject: 'organization', match: { any: ['to chuc co so dang', 'tccsd'] } },
    { subject: 'branch', match: { any: ['chi bo truc thuoc'] } },
    { subject: 'committee', match: { any: ['cap uy', 'dang uy'] } },
  ],
};

/** The member groups by position title, as data: a roster's "Chức vụ" column maps to a group through it. */
export const POSITION_GROUPS: [MemberGroup, Matcher][] = [
  ['staff', { any: ['khong giu chuc vu', 'khong chuc vu'] }],
  ['manager', { any: ['quan ly', 'truong phong', 'pho phong', 'cap phong', 'truong ban', 'pho ban', 'truong khoa', 'pho khoa', 'to truong', 'doi truong', 'quan doc', 'chanh van phong', 'truong tram', 'ke toan truong', 'truong bo phan'] }],
  ['leader', { any: ['lanh dao', 'giam doc', 'chu tich', 'bi thu', 'thu truong', 'hieu truong', 'vien truong', 'chanh an', 'cuc truong', 'tong bien tap', 'chi cuc truong'] }],
  ['staff', { any: ['nhan vien', 'chuyen vien', 'can bo', 'cong chuc', 'vien chuc', 'giao vien', 'ky thuat vien', 'ke toan', 'van thu', 'lao dong', 'cong nhan', 'dang vien', 'bac si', 'dieu duong', 'giang vien'] }],
];

/** The level words of a roster, as data: statistics abbreviations (HTXSNV, HTTNV, HTNV, Không HTNV) included. */
export const LEVEL_WORDS: [Level | UnratedReason, Matcher][] = [
  ['incomplete', { any: ['khong hoan thanh', 'chua hoan thanh', 'khtnv', 'khong htnv', 'k.htnv', 'khong ht'] }],
  ['excellent', { any: ['xuat sac', 'htxsnv', 'htxs'] }],
  ['good', { any: ['hoan thanh tot', 'httnv', 'tot'] }],
  ['suspended', { any: ['dinh chi'] }],
  ['exempt', { any: ['mien'] }],
  ['new', { any: ['moi', 'chua du 6 thang', 'duoi 6 thang'] }],
  ['other', { any: ['khac', 'khong xep loai', 'khong danh gia'] }],
  ['complete', { any: ['hoan thanh', 'htnv'] }],
];
