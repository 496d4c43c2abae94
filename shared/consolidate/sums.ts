import type { Level, Subject, Tally, UnitReport, UnratedReason } from '../model';
import { LEVELS, SUBJECTS } from '../model';

/** What consolidation adds up per subject: the counts of a tally (integers only). */
export type SubjectSums = Pick<Tally, 'total' | 'unrated' | 'levels'>;
export type Sums = Record<Subject, SubjectSums>;

export function emptySubjectSums(): SubjectSums {
  return { total: 0, unrated: {}, levels: { excellent: 0, good: 0, complete: 0, incomplete: 0 } };
}

export function emptySums(): Sums {
  return { committee: emptySubjectSums(), organization: emptySubjectSums(), branch: emptySubjectSums(), member: emptySubjectSums() };
}

/** Adds `b` into `a` (mutates `a`: consolidating 52,000 reports should not allocate 52,000 copies). */
export function addSubject(a: SubjectSums, b: SubjectSums): void {
  a.total += b.total;
  for (const level of LEVELS) a.levels[level] += b.levels[level];
  for (const [reason, n] of Object.entries(b.unrated) as [UnratedReason, number][]) {
    a.unrated[reason] = (a.unrated[reason] ?? 0) + n;
  }
}

export function addTallies(into: Sums, tallies: Record<Subject, SubjectSums>): Sums {
  for (const s of SUBJECTS) addSubject(into[s], tallies[s]);
  return into;
}

export function mergeSums(a: Sums, b: Sums): Sums {
  return addTallies(addTallies(emptySums(), a), b);
}

export function sumReports(reports: Iterable<Pick<UnitReport, 'tallies'>>): Sums {
  const sums = emptySums();
  for (const r of reports) addTallies(sums, r.tallies);
  return sums;
}

/** One count row per (subject, level or unrated reason): the shape the Worker stores and sums in SQL. */
export interface CountRow {
  subject: Subject;
  /** `level:<level>`, `unrated:<reason>` or `total`. */
  key: `level:${Level}` | `unrated:${UnratedReason}` | 'total';
  count: number;
}

export function sumsFromRows(rows: Iterable<CountRow>): Sums {
  const sums = emptySums();
  for (const { subject, key, count } of rows) {
    const s = sums[subject];
    if (key === 'total') s.total += count;
    else if (key.startsWith('level:')) s.levels[key.slice(6) as Level] += count;
    else {
      const reason = key.slice(8) as UnratedReason;
      s.unrated[reason] = (s.unrated[reason] ?? 0) + count;
    }
  }
  return sums;
}
