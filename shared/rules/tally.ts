import type { DraftLevelCounts, DraftMemberTally, DraftTally, Level, MemberGroup, Subject, UnratedReason } from '../model';
import { LEVELS, MAX_COUNT, UNRATED_REASONS } from '../model';
import type { Field } from './messages';

/** A count that can be used in arithmetic: whole, ≥ 0, within range. */
export function usable(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_COUNT;
}

export interface NumberSlot {
  path: (string | number)[];
  field: Field;
  /** `undefined`: the key is absent where it is expected. */
  value: number | null | undefined;
  /** An absent value here is expected (optional field, unrated reason not given). */
  optional: boolean;
}

function levelSlots(
  base: (string | number)[],
  levels: DraftLevelCounts | undefined,
  field: Omit<Field, 'level'>,
): NumberSlot[] {
  return LEVELS.map((level) => ({
    path: [...base, level],
    field: { ...field, level },
    value: levels?.[level],
    optional: false,
  }));
}

/** Every number a subject's tally holds or should hold, with its path and its name in words. */
export function slotsOf(subject: Subject, tally: DraftTally | DraftMemberTally): NumberSlot[] {
  const base = ['tallies', subject];
  const slots: NumberSlot[] = [
    { path: [...base, 'total'], field: { subject, key: 'total' }, value: tally.total, optional: false },
    ...levelSlots([...base, 'levels'], tally.levels, { subject }),
  ];
  for (const reason of UNRATED_REASONS) {
    if (reason in tally.unrated) {
      slots.push({ path: [...base, 'unrated', reason], field: { subject, reason }, value: tally.unrated[reason], optional: true });
    }
  }
  if (tally.disciplined !== undefined) {
    slots.push({ path: [...base, 'disciplined'], field: { subject, key: 'disciplined' }, value: tally.disciplined, optional: true });
  }
  if ('groups' in tally && tally.groups) {
    for (const [group, levels] of Object.entries(tally.groups) as [MemberGroup, DraftLevelCounts][]) {
      slots.push(...levelSlots([...base, 'groups', group], levels, { subject, group }));
    }
  }
  if ('scoreBands' in tally && tally.scoreBands) {
    for (const [level, bands] of Object.entries(tally.scoreBands) as [Level, DraftLevelCounts][]) {
      slots.push(...levelSlots([...base, 'scoreBands', level], bands, { subject, key: 'scoreBands' }).map((s) => ({ ...s, field: { subject, level } })));
    }
  }
  return slots;
}

/** Sum of values, or null if any is not usable. */
export function sumUsable(values: (number | null | undefined)[]): number | null {
  let s = 0;
  for (const v of values) {
    if (!usable(v)) return null;
    s += v;
  }
  return s;
}

export function levelValues(levels: DraftLevelCounts | undefined): (number | null | undefined)[] {
  return LEVELS.map((l) => levels?.[l]);
}

export function unratedValues(unrated: Partial<Record<UnratedReason, number | null>>): (number | null)[] {
  return Object.values(unrated).map((v) => (v === undefined ? 0 : v));
}

function levelsUsable(levels: DraftLevelCounts | undefined): boolean {
  return !!levels && usable(levels.excellent) && usable(levels.good) && usable(levels.complete) && usable(levels.incomplete);
}

/**
 * True when every number the tally holds is a usable count and nothing expected is absent: the common case,
 * checked without building the slot list (which only the findings need).
 */
export function allUsable(tally: DraftTally | DraftMemberTally): boolean {
  if (!usable(tally.total) || !levelsUsable(tally.levels)) return false;
  for (const k in tally.unrated) if (!usable(tally.unrated[k as UnratedReason])) return false;
  if (tally.disciplined !== undefined && !usable(tally.disciplined)) return false;
  if ('groups' in tally && tally.groups) for (const k in tally.groups) if (!levelsUsable(tally.groups[k as MemberGroup])) return false;
  if ('scoreBands' in tally && tally.scoreBands) for (const k in tally.scoreBands) if (!levelsUsable(tally.scoreBands[k as Level])) return false;
  return true;
}
