import * as z from 'zod';

/** The four rating levels, the same in every regulation since 2018 (exclusive: `good` does not include `excellent`). */
export const Level = z.enum(['excellent', 'good', 'complete', 'incomplete']);
export type Level = z.infer<typeof Level>;
export const LEVELS = Level.options;

/** Subjects in the order a year's report prints them: committees, organisations, chi bộ, members. */
export const Subject = z.enum(['committee', 'organization', 'branch', 'member']);
export type Subject = z.infer<typeof Subject>;
export const SUBJECTS = Subject.options;

export const UnratedReason = z.enum(['new', 'exempt', 'suspended', 'other']);
export type UnratedReason = z.infer<typeof UnratedReason>;
export const UNRATED_REASONS = UnratedReason.options;

export const MemberGroup = z.enum(['leader', 'manager', 'staff']);
export type MemberGroup = z.infer<typeof MemberGroup>;
export const MEMBER_GROUPS = MemberGroup.options;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/**
 * Kinds of unit in the register. `dang-bo-co-so` and `chi-bo-co-so` are TCCSĐ; `chi-bo-truc-thuoc` is a chi bộ
 * under a đảng bộ cơ sở registered as a unit of its own (to send its member counts). `khoi`, `tinh`, `huyen`
 * consolidate the units under them.
 */
export const UnitKind = z.enum(['khoi', 'tinh', 'huyen', 'dang-bo-co-so', 'chi-bo-co-so', 'chi-bo-truc-thuoc', 'other']);
/** The kinds that send a report of their own every year they exist (the others only when nothing is under them). */
export const REPORTING_KINDS = ['dang-bo-co-so', 'chi-bo-co-so', 'chi-bo-truc-thuoc'] as const satisfies readonly z.infer<typeof UnitKind>[];
/**
 * Kinds of organisation (loại hình) a unit belongs to, as blocs break their results down (the register's
 * `type`); their printed labels are in shared/consolidate/describe.ts (ORG_TYPES).
 */
export const OrgType = z.enum([
  'co-quan-dang-doan-the',
  'co-quan-nha-nuoc',
  'don-vi-su-nghiep',
  'doanh-nghiep-nha-nuoc',
  'doanh-nghiep-ngoai-nha-nuoc',
  'luc-luong-vu-trang',
  'khac',
]);
export type OrgType = z.infer<typeof OrgType>;

/** Tổ chức cơ sở đảng: each has exactly one organisation row of its own. */
export const TCCSD_KINDS = ['dang-bo-co-so', 'chi-bo-co-so'] as const satisfies readonly z.infer<typeof UnitKind>[];
export type UnitKind = z.infer<typeof UnitKind>;

/** Rule names of docs/api.md, plus the ones this project adds. */
export const RuleName = z.enum([
  'total-mismatch',
  'negative-or-fraction',
  'missing-value',
  'group-sum',
  'group-split',
  'excellent-cap',
  'unrated-reason',
  'committee-count',
  'score-band',
  'discipline-excellent',
  'percent-mismatch',
  'year-mismatch',
  'unknown-unit',
  'target',
  // added: the report does not have the shape of a UnitReport at all (unknown key, wrong type)
  'invalid-structure',
  // added: a year for which no rulebook exists (before 2018)
  'unsupported-year',
  // added (templates): a cell whose content is not a number (text, #REF!, a percentage in a count column)
  'unreadable-cell',
  // added (templates): the template cannot be laid out (no table, a missing row or column, an ambiguous label)
  'template-structure',
  // added (templates): a roster or chi bộ list that disagrees with Biểu 01
  'cross-template',
  // added (add-in): a cell changed since the version sent
  'changed-since-sent',
  // added (consolidation): a stored report that does not count under this year's register (closed unit, register changed under it)
  'report-not-counted',
  // added: a report whose rows do not fit the unit's kind in the register (a TCCSĐ with no organisation row …)
  'unit-kind',
]);
export type RuleName = z.infer<typeof RuleName>;

/** A reporting year: whole number, within a sane range. Rulebooks start in 2018. */
export const Year = z.number().int().min(1900).max(2200);
