import ExcelJS from 'exceljs/dist/exceljs.min.js';
import { Hono, type Context } from 'hono';
import { addSheet } from '../../shared/xlsx/write';
import {
  consolidatedSheet,
  consolidatedSheetName,
  consolidateSums,
  describeConsolidated,
  findingsUnderCapException,
  findRulebook,
  notCountedFinding,
  partyCommitteeBranchCap,
  policyInForce,
  rulebookFor,
  type Finding,
  type Policy,
  type UnitRow,
} from '../../shared';
import { authorizeUnit } from '../auth';
import { consolidatedData, type ConsolidatedData } from '../db/consolidated';
import { reportHeaderOf, statusOf, unitNames } from '../db/units';
import { reportDocx } from '../../shared/report';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { fileParam, unitParam, yearParam } from '../http';

/** The units' warnings as the view shows them: as stored, or checked again under a cap exception granted since. */
function unitFindings(data: ConsolidatedData, policy: Policy, prefix: string): Finding[] {
  return data.warnings.flatMap((w) =>
    w.capException
      ? findingsUnderCapException({ unit: w.unit, report: JSON.parse(w.payload), kind: w.kind, capException: w.capException }, policy, prefix)
      : w.findings.filter((f) => f.severity === 'warning'),
  );
}

/** The consolidated view of a unit and year (shared by the JSON and the .xlsx routes). */
async function viewOf(c: Context<AppEnv>, year: number, code: string) {
  const { ctx } = await authorizeUnit(c, code, year, 'reviewer');
  if (!findRulebook(year)) throw ApiError.of(422, 'report.unsupported-year', { year }, ['year']);
  const rulebook = rulebookFor(year);
  const inForce = policyInForce(rulebook, ctx.policies);
  const data = await consolidatedData(c.env.DB, code, year);
  const decided = (unit: string) => {
    const d = data.decisions.get(unit);
    return d ? { proposal: d.proposal, decision: d.decision, capException: d.capException } : {};
  };
  const units: UnitRow[] = [];
  // a unit that reports itself (a TCCSĐ, with or without registered chi bộ under it) has its own row, first
  const ownCounted = ctx.reports && ctx.status !== null && !ctx.status.stale;
  if (ctx.reports) {
    units.push({
      unit: code,
      name: ctx.unit.name,
      status: ownCounted ? ctx.status!.status : 'missing',
      version: ownCounted ? ctx.status!.version : null,
      tallies: data.own,
      kind: ctx.unit.kind,
      type: ctx.unit.type,
      reason: ownCounted ? ctx.status!.reason : null,
      own: true,
      ...decided(code),
    });
  }
  // one row per direct child: its own report and whatever is registered under it
  for (const ch of data.children) {
    units.push({
      unit: ch.code,
      name: ch.name,
      status: statusOf(ch),
      version: ch.reports && ch.status && !ch.stale ? ch.version : null,
      tallies: data.childSums.get(ch.code) ?? null,
      kind: ch.kind,
      type: ch.type,
      reason: ch.status === 'returned' ? ch.reason : null,
      ...decided(ch.code),
    });
  }
  const ownMissing = ctx.reports && !ownCounted ? [code] : [];
  const ownReturned = ctx.reports && ownCounted && ctx.status!.status === 'returned' ? [code] : [];
  const expected = data.children.reduce((n, ch) => n + ch.expected, ctx.reports ? 1 : 0);
  const missing = [...ownMissing, ...data.children.flatMap((ch) => ch.missing)];
  const view = consolidateSums({
    unit: code,
    unitName: ctx.unit.name,
    year,
    current: data.current,
    previous: data.previous,
    previousBase: { year: year - 1, ...data.previousBase },
    coverage: {
      expected,
      submitted: expected - missing.length,
      missing,
      returned: [...ownReturned, ...data.children.flatMap((ch) => ch.returned)],
      notCounted: data.notCounted.map((r) => r.unit),
    },
    units,
    unitFindings: unitFindings(data, inForce.values, rulebook.codePrefix),
    crossFindings: [
      ...data.notCounted.map((r) => notCountedFinding(code, year, r, rulebook.codePrefix)),
      ...data.partyCommitteeBranches.map((b) => partyCommitteeBranchCap(b, inForce.values, rulebook)).filter((f): f is Finding => f !== null),
    ],
    policy: inForce.values,
    policyFrom: inForce.from,
  });
  // units the view names beyond its rows (a chi bộ two levels down in a finding, a missing unit): by name, not code
  const known = new Set([code, ...units.map((u) => u.unit)]);
  const mentioned = [
    ...view.findings.map((f) => f.unit),
    ...view.coverage.missing,
    ...(view.coverage.returned ?? []),
    ...(view.coverage.notCounted ?? []),
    ...(view.previousBase?.missing ?? []),
  ].filter((c): c is string => !!c && !known.has(c));
  if (mentioned.length) view.unitNames = await unitNames(c.env.DB, [...new Set(mentioned)].slice(0, 2000));
  return view;
}

/** The view with what a printed report names (the unit, its superior, the regulation, loại hình): JSON, .xlsx and .docx alike. */
async function reportViewOf(c: Context<AppEnv>, year: number, code: string) {
  // the names are read alongside (not after) the view, and used only once the view's authorisation passed
  const [view, header] = await Promise.all([viewOf(c, year, code), reportHeaderOf(c.env.DB, code)]);
  return describeConsolidated(view, header ?? {});
}

export const consolidated = new Hono<AppEnv>()
  /** The same view as a workbook: the sheet the add-in's pull writes, generated by the shared template writer. */
  .get('/:year/:file{[^/]+\\.xlsx}', async (c) => {
    const year = yearParam(c);
    const code = fileParam(c, '.xlsx');
    const view = await reportViewOf(c, year, code);
    const wb = new ExcelJS.Workbook();
    addSheet(wb, { ...consolidatedSheet(view), name: consolidatedSheetName(code, year) });
    const body = await wb.xlsx.writeBuffer();
    return c.body(body as ArrayBuffer, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="tong-hop-${encodeURIComponent(code)}-${year}.xlsx"`,
    });
  })
  /** The year's report as a Word document, from the same view and the same prose (shared/report). */
  .get('/:year/:file{[^/]+\\.docx}', async (c) => {
    const year = yearParam(c);
    const code = fileParam(c, '.docx');
    const body = await reportDocx(await reportViewOf(c, year, code));
    return c.body(body.buffer as ArrayBuffer, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': `attachment; filename="bao-cao-${encodeURIComponent(code)}-${year}.docx"`,
    });
  })
  .get('/:year/:unit', async (c) => c.json(await reportViewOf(c, yearParam(c), unitParam(c))));
