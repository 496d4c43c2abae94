/**
 * Shared core: check 10,000 unit reports, consolidate 52,000 (the national count of grassroots units).
 * Budget (docs/architecture.md): checking one report ≤ 0.1 ms; consolidating 52,000 ≤ 300 ms. Run: npm run bench
 */
import { checkReport, consolidateSums, consolidatedFigures, sumReports } from '../shared';
import { syntheticReports } from './data';
import { machine, measure } from './harness';

const CHECKED = 10_000;
const CONSOLIDATED = 52_000;

const toCheck = syntheticReports(CHECKED, 2025, 7);
// the worst case: every report breaks the cap in its leader group and misses the target
const flagged = toCheck.map((r) => {
  const copy = structuredClone(r);
  const leader = copy.tallies.member.groups!.leader!;
  leader.good -= 4;
  copy.tallies.member.groups!.staff!.good += 4;
  return copy;
});
const national = syntheticReports(CONSOLIDATED, 2025, 11);
const lastYear = syntheticReports(CONSOLIDATED, 2024, 12);

let findings = 0;
const check = measure(() => {
  findings = 0;
  for (const r of toCheck) findings += checkReport(r).length;
}, 11);

let flaggedFindings = 0;
const checkFlagged = measure(() => {
  flaggedFindings = 0;
  for (const r of flagged) flaggedFindings += checkReport(r).length;
}, 11);

const sum = measure(() => {
  consolidatedFigures(sumReports(national), sumReports(lastYear));
}, 15);

const full = measure(() => {
  consolidateSums({
    unit: 'VN',
    year: 2025,
    current: sumReports(national),
    previous: sumReports(lastYear),
    coverage: { expected: CONSOLIDATED, submitted: CONSOLIDATED, missing: [] },
    units: [],
    unitFindings: [],
  });
}, 15);

const rows = [
  ['check 10,000 unit reports', check.median, check.p95, `${((check.median / CHECKED) * 1000).toFixed(1)} µs per report (budget 100 µs); ${findings} findings`],
  ['check 10,000 unit reports, each with a warning (worst case)', checkFlagged.median, checkFlagged.p95, `${((checkFlagged.median / CHECKED) * 1000).toFixed(1)} µs per report; ${flaggedFindings} findings`],
  ['consolidate 52,000 reports + 52,000 of last year (sums, figures, change)', sum.median, sum.p95, 'budget 300 ms'],
  ['consolidateSums on those (adds findings across units, prose)', full.median, full.p95, 'budget 300 ms'],
];
console.log(`Machine: ${machine()}; ${new Date().toISOString().slice(0, 10)}`);
console.log('| what | median ms | p95 ms | note |');
console.log('| --- | ---: | ---: | --- |');
for (const [what, med, p95, note] of rows) console.log(`| ${what} | ${(med as number).toFixed(1)} | ${(p95 as number).toFixed(1)} | ${note} |`);
