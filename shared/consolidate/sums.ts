import type { MemberGroup, Subject, Tally, UnitReport, UnratedReason } from '../model';
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

/**
 * The counts of one subject (or one member group) of one report, flat: the shape the Worker stores, one row
 * per subject and group, and sums in SQL.
 */
export interface CountRow {
  subject: Subject;
  /** '' for the subject itself, or the member group. */
  group: '' | MemberGroup;
  total: number;
  excellent: number;
  good: number;
  complete: number;
  incomplete: number;
  new: number;
  exempt: number;
  suspended: number;
  other: number;
}

function row(subject: Subject, group: CountRow['group'], t: Pick<SubjectSums, 'levels'> & Partial<Pick<SubjectSums, 'total' | 'unrated'>>): CountRow {
  const u = t.unrated ?? {};
  const rated = t.levels.excellent + t.levels.good + t.levels.complete + t.levels.incomplete;
  return {
    subject,
    group,
    total: t.total ?? rated,
    ...t.levels,
    new: u.new ?? 0,
    exempt: u.exempt ?? 0,
    suspended: u.suspended ?? 0,
    other: u.other ?? 0,
  };
}

/** The count rows of a report: one per subject, plus one per member group given. */
export function countRowsOf(report: Pick<UnitReport, 'tallies'>): CountRow[] {
  const rows = SUBJECTS.map((s) => row(s, '', report.tallies[s]));
  for (const [group, levels] of Object.entries(report.tallies.member.groups ?? {}) as [MemberGroup, Tally['levels']][]) {
    rows.push(row('member', group, { levels }));
  }
  return rows;
}
