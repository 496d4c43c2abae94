import * as z from 'zod';
import { Level, MemberGroup, UnratedReason, Year } from './enums';

/** Largest count accepted anywhere: more than the party has members, small enough for exact integer arithmetic. */
export const MAX_COUNT = 100_000_000;

/**
 * A unit code as the register spells it (KM-01, 34.KH.12, …): NFKC-normalised (a fullwidth ＫＭ－０１ is KM-01),
 * then ASCII letters, digits and `.`, `-`, `_` only, so that look-alike letters (Cyrillic К, Greek Μ) cannot
 * name a second unit that reads the same.
 */
export const UnitCode = z
  .string()
  .overwrite((s) => s.normalize('NFKC'))
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Mã đơn vị chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới');

/** A count as submitted: whole and non-negative. */
export const Count = z.number().int().min(0).max(MAX_COUNT);
/**
 * A count as read from a workbook or a request before checking: any finite number, or `null` for a blank
 * or unreadable cell. The rule engine turns what is wrong with it into findings (negative-or-fraction,
 * missing-value) instead of a parse error, so staff see every problem at once, with its cell.
 */
export const DraftCount = z.number().nullable();

const JUSTIFICATION_MAX = 2000;
export const Justifications = z
  .record(z.string().min(1).max(100), z.string().max(JUSTIFICATION_MAX))
  .refine((o) => Object.keys(o).length <= 64, 'Tối đa 64 lời giải trình');

function levelCounts<C extends z.ZodType>(count: C) {
  return z.strictObject({ excellent: count, good: count, complete: count, incomplete: count });
}

function tallySchemas<C extends z.ZodType, L extends z.ZodType, T extends z.ZodType>(count: C, levels: L, total: T) {
  const tallyShape = {
    total,
    unrated: z.partialRecord(UnratedReason, count),
    levels,
    /** Organisations, committees: directly affiliated organisations or leadership members disciplined this year; branches: chi bộ disciplined. Optional. */
    disciplined: count.optional(),
  };
  const tally = z.strictObject(tallyShape);
  const memberTally = z.strictObject({
    ...tallyShape,
    /** The split of each level by member group (optional; required from 2023 by policy). */
    groups: z.partialRecord(MemberGroup, levels).optional(),
    /** From 2025 (QĐ 366): scoreBands[rated level][band of the score] = members. Optional. */
    scoreBands: z.partialRecord(Level, levels).optional(),
  });
  return { tally, memberTally };
}

const strictLevels = levelCounts(Count);
const strict = tallySchemas(Count, strictLevels, Count);
const strictTallies = z.strictObject({
  committee: strict.tally,
  organization: strict.tally,
  branch: strict.tally,
  member: strict.memberTally,
});

const draftLevels = levelCounts(DraftCount).partial();
const draft = tallySchemas(DraftCount, draftLevels, DraftCount.optional());
const draftTallies = z.strictObject({
  committee: draft.tally.optional(),
  organization: draft.tally.optional(),
  branch: draft.tally.optional(),
  member: draft.memberTally.optional(),
});

function reportSchema<T extends z.ZodType>(tallies: T) {
  return z.strictObject({ unit: UnitCode, year: Year, tallies, justifications: Justifications.optional() });
}

export const LevelCounts = strictLevels;
export type LevelCounts = z.infer<typeof LevelCounts>;
export const Tally = strict.tally;
export type Tally = z.infer<typeof Tally>;
export const MemberTally = strict.memberTally;
export type MemberTally = z.infer<typeof MemberTally>;
export const Tallies = strictTallies;
export type Tallies = z.infer<typeof Tallies>;
/** A unit's report for one year, as stored and consolidated: every count whole and non-negative. */
export const UnitReport = reportSchema(strictTallies);
export type UnitReport = z.infer<typeof UnitReport>;

/** The same shape before checking (what the template reader and the API body parser produce). */
export const UnitReportDraft = reportSchema(draftTallies);
export type UnitReportDraft = z.infer<typeof UnitReportDraft>;
export type DraftTally = z.infer<typeof draft.tally>;
export type DraftMemberTally = z.infer<typeof draft.memberTally>;
export type DraftLevelCounts = z.infer<typeof draftLevels>;
