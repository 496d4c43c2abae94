import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillFromLists, type Finding } from '../../shared';
import { checkXlsx, type FileCheck } from '../../shared/xlsx';

/**
 * The seven field cases of ../shared/data/field-cases (copied to test/fixtures/field-cases), each with its
 * right outcome as expected.json states it. "findings: []" is read as: no error and no warning (the info
 * findings that name the layout and sheet read are what the issue asks for).
 */
const DIR = new URL('../fixtures/field-cases/', import.meta.url).pathname;
const spec = JSON.parse(readFileSync(DIR + 'expected.json', 'utf8')) as { cases: { id: string; file: string; run: { year: number }; expect: Expectation & { acceptable?: Expectation[] } }[] };

interface Expectation {
  findings?: unknown[];
  tallies?: Record<string, unknown>;
  must_not?: { rule: string; cell: string; severity: string }[];
  sheet?: string;
  year?: number;
  finding_names_sheets?: string[];
  findings_rules_at?: Record<string, string>;
  exit?: number;
  message_mentions_any?: string[];
  message_mentions_all_of_one?: string[][];
  roster_counts?: Record<string, number>;
  fill_from_lists_writes?: unknown[];
}

const blocking = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');
const text = (f: Finding) => `${f.message} ${f.hint ?? ''}`;

/** Why the result does not meet the expectation, or null when it does. */
function unmet(res: FileCheck, e: Expectation): string | null {
  if (e.exit !== undefined) {
    if (!res.unreadable) return 'expected an unreadable file';
    const all = res.findings.map(text).join(' ');
    if (e.message_mentions_any && !e.message_mentions_any.some((w) => all.includes(w))) return `message mentions none of ${e.message_mentions_any}`;
    if (e.message_mentions_all_of_one && !e.message_mentions_all_of_one.some((ws) => ws.every((w) => all.includes(w)))) return 'message lacks the words';
    if (/https?:|Error|exception/i.test(all)) return 'library text in the message';
    return null;
  }
  if (res.unreadable) return `unreadable: ${res.findings.map(text).join(' ')}`;
  if (e.findings && blocking(res.findings).length > 0) return `findings: ${blocking(res.findings).map((f) => `${f.cell} ${f.rule} ${f.message}`).join(' | ')}`;
  if (e.tallies) {
    for (const [k, v] of Object.entries(e.tallies)) {
      const got = (res.report?.tallies as Record<string, unknown>)[k];
      try {
        expect(got).toEqual(v);
      } catch {
        return `tallies.${k}: ${JSON.stringify(got)}`;
      }
    }
  }
  for (const m of e.must_not ?? []) if (res.findings.some((f) => f.rule === m.rule && f.cell === m.cell && f.severity === m.severity)) return `must not: ${m.rule} at ${m.cell}`;
  if (e.sheet && res.sheet !== e.sheet) return `sheet ${res.sheet}`;
  if (e.year && res.report?.year !== e.year) return `year ${res.report?.year}`;
  if (e.finding_names_sheets && !res.findings.some((f) => e.finding_names_sheets!.every((s) => f.message.includes(s)))) return 'no finding names the sheets';
  for (const [cell, rule] of Object.entries(e.findings_rules_at ?? {})) {
    const at = res.findings.filter((f) => f.cell === cell);
    if (at.length === 0) return `no finding at ${cell}`;
    if (rule.startsWith('not ') && at.some((f) => f.rule === rule.slice(4))) return `${rule.slice(4)} at ${cell}`;
  }
  if (e.roster_counts) {
    const roster = res.lists.find((l) => l.def.id === 'bieu02');
    const got = { ...roster?.levels, ...roster?.unrated };
    for (const [k, v] of Object.entries(e.roster_counts)) if ((got as Record<string, number>)[k] !== v) return `roster ${k}: ${(got as Record<string, number>)[k]}`;
  }
  if (e.fill_from_lists_writes && res.report) {
    const writes = fillFromLists(res.report, res.cells, res.lists);
    if (writes.length !== e.fill_from_lists_writes.length) return `fill writes ${JSON.stringify(writes)}`;
  }
  return null;
}

describe('field cases (test/fixtures/field-cases/expected.json)', () => {
  for (const c of spec.cases) {
    it(`${c.id}: ${c.file}`, () => {
      const res = checkXlsx(readFileSync(DIR + c.file), { period: { year: c.run.year } });
      const alternatives = c.expect.acceptable ?? [c.expect];
      const reasons = alternatives.map((a) => unmet(res, a));
      expect(reasons.some((r) => r === null), reasons.join(' // ')).toBe(true);
    });
  }
});

describe('other members of the kinds', () => {
  it('f05 checked for 2023 reads the (hidden) 2023 sheet and says it is hidden; for 2024 the visible one', () => {
    const data = readFileSync(DIR + 'f05-hidden-last-year-sheet.xlsx');
    const y2023 = checkXlsx(data, { period: { year: 2023 } });
    expect(y2023.report?.year).toBe(2023);
    expect(y2023.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).not.toContain('year-mismatch');
    expect(y2023.findings.some((f) => f.severity === 'info' && /trang ẩn/.test(f.message))).toBe(true);
    const y2024 = checkXlsx(data, { period: { year: 2024 } });
    expect(y2024.report?.year).toBe(2024);
    const chosen = y2024.findings.find((f) => /trang Biểu 01: đang đọc/.test(f.message));
    expect(chosen?.hint).toContain('Bỏ ẩn'); // the sheet not read is hidden: the hint says how to show it
  });
});
