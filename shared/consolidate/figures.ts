import type { ConsolidatedFigures, Percentages, SubjectFiguresBase, UnratedReason } from '../model';
import { PERCENT_KEYS, SUBJECTS } from '../model';
import { percentChange, percentOf } from '../format';
import type { SubjectSums, Sums } from './sums';

/** Figures of one subject as api.md defines them: levels of `rated`; rated/unrated of `total`. */
export function subjectFigures(s: SubjectSums): SubjectFiguresBase {
  const { excellent, good, complete, incomplete } = s.levels;
  const rated = excellent + good + complete + incomplete;
  const unratedByReason: Partial<Record<UnratedReason, number>> = {};
  let unrated = 0;
  for (const [reason, n] of Object.entries(s.unrated) as [UnratedReason, number][]) {
    if (n > 0) unratedByReason[reason] = n;
    unrated += n;
  }
  const goodOrBetter = excellent + good;
  // `total` is the sum of its parts in an accepted report, so it is used as given
  const total = s.total;
  return {
    total,
    rated,
    unrated,
    unratedByReason,
    levels: { excellent, good, complete, incomplete },
    goodOrBetter,
    percent: {
      rated: percentOf(rated, total),
      unrated: percentOf(unrated, total),
      goodOrBetter: percentOf(goodOrBetter, rated),
      excellentOfGoodOrBetter: percentOf(excellent, goodOrBetter),
      excellent: percentOf(excellent, rated),
      good: percentOf(good, rated),
      complete: percentOf(complete, rated),
      incomplete: percentOf(incomplete, rated),
    },
  };
}

/** This year's rounded percent − last year's rounded percent, in points; null where either is null. */
export function changeOf(current: Percentages, previous: Percentages): Percentages {
  const out = {} as Percentages;
  for (const k of PERCENT_KEYS) out[k] = percentChange(current[k], previous[k]);
  return out;
}

export function consolidatedFigures(current: Sums, previous: Sums | null): ConsolidatedFigures {
  const out = {} as ConsolidatedFigures;
  for (const subject of SUBJECTS) {
    const now = subjectFigures(current[subject]);
    const before = previous ? subjectFigures(previous[subject]) : null;
    out[subject] = { ...now, previous: before, change: before ? changeOf(now.percent, before.percent) : null };
  }
  return out;
}
