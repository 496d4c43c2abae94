import { expect } from 'vitest';

/** A subject's figures against expected.json: counts, percentages, and the change (null when it lists none). No I/O: workerd runs it too. */
export function expectFigures(got: any, want: any, label = ''): void {
  const pick = (f: any) => ({ total: f.total, rated: f.rated, unrated: f.unrated, goodOrBetter: f.goodOrBetter, levels: f.levels, unratedByReason: f.unratedByReason, percent: f.percent });
  expect(pick(got), label).toEqual(pick(want));
  expect(got.change, label).toEqual(want.change ?? null);
}
