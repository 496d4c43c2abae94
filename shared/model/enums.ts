import { z } from 'zod';

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

export const UnitKind = z.enum(['khoi', 'tinh', 'huyen', 'dang-bo-co-so', 'chi-bo-co-so', 'other']);
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
]);
export type RuleName = z.infer<typeof RuleName>;

/** A reporting year: whole number, within a sane range. Rulebooks start in 2018. */
export const Year = z.number().int().min(1900).max(2200);
