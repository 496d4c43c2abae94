import type { Rulebook, RulebookId } from '../model';
import { qd124Hd25 } from './qd124-hd25';
import { qd132Hd16 } from './qd132-hd16';
import { qd132Hd21 } from './qd132-hd21';
import { qd366Hd43 } from './qd366-hd43';

export const RULEBOOKS: readonly Rulebook[] = [qd132Hd16, qd132Hd21, qd124Hd25, qd366Hd43];
export const FIRST_YEAR = 2018;

export class UnsupportedYearError extends Error {
  constructor(readonly year: number) {
    super(`Năm ${year} chưa có bộ quy định đánh giá, xếp loại (hỗ trợ từ năm ${FIRST_YEAR}, Quy định 132-QĐ/TW).`);
    this.name = 'UnsupportedYearError';
  }
}

/** The rulebook of a reporting year, or undefined for a year before 2018 (or not a whole number). */
export function findRulebook(year: number): Rulebook | undefined {
  if (!Number.isInteger(year)) return undefined;
  return RULEBOOKS.find((b) => year >= b.years.from && (b.years.to === null || year <= b.years.to));
}

/** The rulebook of a reporting year; a year without one throws UnsupportedYearError with a clear message. */
export function rulebookFor(year: number): Rulebook {
  const book = findRulebook(year);
  if (!book) throw new UnsupportedYearError(year);
  return book;
}

export function rulebookById(id: RulebookId): Rulebook {
  const book = RULEBOOKS.find((b) => b.id === id);
  if (!book) throw new Error(`unknown rulebook ${id}`);
  return book;
}

export { qd132Hd16, qd132Hd21, qd124Hd25, qd366Hd43 };

/**
 * The reporting year a form opens on at a given date: the year's review (kiểm điểm, đánh giá, xếp loại) runs
 * from October to the first months of the next year, so from October on it is this year, before it last year.
 */
export function reportingYearAt(date: Date): number {
  return date.getMonth() >= 9 ? date.getFullYear() : date.getFullYear() - 1;
}
