import type {
  DraftMemberTally,
  DraftTally,
  Finding,
  Level,
  Policy,
  PolicyInput,
  RuleDef,
  RuleName,
  Rulebook,
  Severity,
  Subject,
  TermRef,
  UnitKind,
  UnitReport,
  UnitReportDraft,
} from '../model';
import { LEVELS, MAX_COUNT, MEMBER_GROUPS, parseWithIssues, SUBJECTS, UnitReportDraft as DraftSchema, type Issue } from '../model';
import { percentHundredths } from '../format';
import { findRulebook } from '../rulebooks';
import { excellentCap } from './cap';
import { kindFindings } from './kind';
import { msg, type Texts } from './messages';
import { allUsable, levelValues, slotsOf, sumUsable, unratedValues, usable } from './tally';

export interface CheckContext {
  /** Default: the rulebook of the report's year. */
  rulebook?: Rulebook;
  /** The consolidating unit's policy; unset parameters come from the rulebook. */
  policy?: PolicyInput;
  /** The period the report is submitted for (year, and unit when known). */
  period?: { year: number; unit?: string };
  /** Is the unit in the register for that year? (Worker: the register; add-in: not known.) */
  unitExists?: (unit: string, year: number) => boolean;
  /** The unit's kind in the register (Worker; the add-in and the page when the key tells it): its rows must fit it. */
  kind?: UnitKind;
}

/** What a check reports; the engine adds code, severity, reference and justification. */
export interface Emitted extends Texts {
  subject?: Subject;
  group?: Finding['group'];
  level?: Finding['level'];
  path: (string | number)[];
  left?: number | null;
  right?: number | null;
  /** A check may report under another rule name than its definition's (the period check: unknown-unit). */
  rule?: RuleName;
}

export interface RuleRun {
  def: RuleDef;
  report: UnitReportDraft;
  rulebook: Rulebook;
  policy: Policy;
  ctx: CheckContext;
  subject?: Subject;
  tally?: DraftTally | DraftMemberTally;
  emit: (e: Emitted) => void;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SUBJECT_RANK = Object.fromEntries(SUBJECTS.map((s, i) => [s, i])) as Record<Subject, number>;

/** Path segments in the order a template prints them: total, unrated, rated, levels by rank, groups. */
const SEGMENT_RANK: Record<string, string> = {
  total: '0', unrated: '1', rated: '2', levels: '3', groups: '4', scoreBands: '5', disciplined: '6',
  excellent: '0', good: '1', complete: '2', incomplete: '3',
  new: '0', exempt: '1', suspended: '2', other: '3',
  leader: '0', manager: '1', staff: '2',
};

/** Deterministic order: severity, unit, subject, group, path (in template order), code. */
export function sortFindings(findings: Finding[]): Finding[] {
  const key = (f: Finding) => [
    String(SEVERITY_RANK[f.severity]),
    f.unit ?? '',
    f.subject ? String(SUBJECT_RANK[f.subject]) : '9',
    f.group ?? '',
    f.path.map((s) => SEGMENT_RANK[String(s)] ?? String(s)).join('/'),
    f.code,
  ];
  return [...findings].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const c = (ka[i] as string) < (kb[i] as string) ? -1 : (ka[i] as string) > (kb[i] as string) ? 1 : 0;
      if (c !== 0) return c;
    }
    return 0;
  });
}

export function findingCode(prefix: string, rule: string, subject?: Subject, group?: string): string {
  return [prefix, rule, subject, group].filter(Boolean).join('.');
}

/** The key a unit uses to justify a warning: `member.excellent-cap`, `member.staff.excellent-cap`. */
export function justificationKey(f: Pick<Finding, 'subject' | 'group' | 'rule'>): string {
  return [f.subject, f.group, f.rule].filter(Boolean).join('.');
}

/**
 * The justification that covers a warning: the one under its code, under its key (`member.staff.excellent-cap`)
 * or, for a member-group warning, under the subject-level key (`member.excellent-cap`); blank covers nothing.
 */
export function justificationFor(f: Pick<Finding, 'code' | 'subject' | 'group' | 'rule'>, justifications: Record<string, string>): string | undefined {
  const text =
    justifications[f.code] ??
    justifications[justificationKey(f)] ??
    (f.group ? justifications[justificationKey({ subject: f.subject, rule: f.rule })] : undefined);
  return text?.trim() || undefined;
}

/** A finding from what a check emitted; fields assigned one by one (no undefined keys, one object shape). */
function toFinding(e: Emitted, def: RuleDef, prefix: string, unit: string, justifications: Record<string, string> | undefined): Finding {
  const rule = e.rule ?? def.rule;
  const f: Finding = {
    code: findingCode(prefix, rule, e.subject, e.group),
    rule,
    severity: def.severity,
    unit,
    path: e.path,
    message: e.message,
    messageEn: e.messageEn,
    reference: def.reference,
  };
  if (e.subject !== undefined) f.subject = e.subject;
  if (e.group !== undefined) f.group = e.group;
  if (e.level !== undefined) f.level = e.level;
  if (e.left !== undefined) f.left = e.left;
  if (e.right !== undefined) f.right = e.right;
  if (e.hint !== undefined) f.hint = e.hint;
  if (e.hintEn !== undefined) f.hintEn = e.hintEn;
  if (justifications && def.severity !== 'error') {
    const text = justificationFor(f, justifications);
    if (text) f.justification = text;
  }
  return f;
}

export function resolvePolicy(rulebook: Rulebook, policy?: PolicyInput): Policy {
  const merged: Policy = { ...rulebook.defaultPolicy };
  if (policy) {
    for (const [k, v] of Object.entries(policy)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
  }
  return merged;
}

// ---------- comparisons declared as data ----------

function termValue(ref: TermRef, tally: DraftTally): { value: number | null; absent: boolean } {
  if (/^\d+$/.test(ref)) return { value: Number(ref), absent: false };
  if (ref === 'total') return { value: usable(tally.total) ? tally.total : null, absent: tally.total === undefined };
  if (ref === 'disciplined') {
    return { value: usable(tally.disciplined) ? tally.disciplined : null, absent: tally.disciplined === undefined };
  }
  if (ref === 'levels.*') return { value: sumUsable(levelValues(tally.levels)), absent: false };
  if (ref === 'unrated.*') return { value: sumUsable(unratedValues(tally.unrated)), absent: false };
  const [kind, key] = ref.split('.') as ['levels' | 'unrated', string];
  if (kind === 'levels') {
    const v = tally.levels[key as keyof typeof tally.levels];
    return { value: usable(v) ? v : null, absent: v === undefined };
  }
  const v = tally.unrated[key as keyof typeof tally.unrated];
  return { value: v === undefined ? 0 : usable(v) ? v : null, absent: false };
}

/** Sum of signed terms; null when an operand is missing (rule skipped) — or 0 with the `zero` policy. */
function evalTerms(refs: TermRef[], tally: DraftTally, missing: 'skip' | 'zero'): number | null {
  let total = 0;
  for (const raw of refs) {
    const neg = raw.startsWith('-');
    const { value, absent } = termValue((neg ? raw.slice(1) : raw) as TermRef, tally);
    let v = value;
    if (v === null || absent) {
      if (missing === 'skip') return null;
      v = 0;
    }
    total += neg ? -v : v;
  }
  return total;
}

function refPath(subject: Subject, ref: TermRef): (string | number)[] {
  const r = ref.replace(/^-/, '');
  if (r === 'total' || r === 'disciplined') return ['tallies', subject, r];
  const [kind, key] = r.split('.');
  return key === '*' ? ['tallies', subject, kind as string] : ['tallies', subject, kind as string, key as string];
}

function runCompare(run: RuleRun): void {
  const { def, subject, tally } = run;
  if (!def.compare || !subject || !tally) return;
  const { left: l, op, right: r } = def.compare;
  const left = evalTerms(l, tally, def.missing);
  const right = evalTerms(r, tally, def.missing);
  if (left === null || right === null) return;
  const ok = op === '=' ? left === right : op === '<=' ? left <= right : left >= right;
  if (ok) return;
  let texts: Texts;
  if (def.rule === 'total-mismatch') {
    const unrated = sumUsable(unratedValues(tally.unrated)) ?? 0;
    // the cell most likely wrong: a level that disagrees with both the total and the sum of its groups
    const culprit = levelAgainstGroups(tally, left - right);
    if (culprit) {
      run.emit({ ...msg.levelAgainstGroups(culprit.level, culprit.value, culprit.groups, left), subject, level: culprit.level, path: ['tallies', subject, 'levels', culprit.level], left: culprit.value, right: culprit.groups });
      return;
    }
    texts = msg.totalMismatch(subject, left, unrated, right - unrated);
  } else if (def.rule === 'discipline-excellent') {
    texts = msg.disciplineExcellent(subject, left, tally.disciplined ?? 0, Math.max(0, right));
  } else {
    texts = msg.compare({ subject }, left, op, right, { vi: r.join(' + '), en: r.join(' + ') });
  }
  run.emit({ ...texts, subject, path: refPath(subject, l[0] as TermRef), left, right });
}

/**
 * A level whose count disagrees with both the total (by exactly `excess`) and the sum of its groups, and
 * would agree with both if it were that sum: "Tốt 181" typed for 118.
 */
function levelAgainstGroups(tally: DraftTally | DraftMemberTally, excess: number): { level: Level; value: number; groups: number } | null {
  if (!('groups' in tally) || !tally.groups || !MEMBER_GROUPS.every((g) => tally.groups?.[g])) return null;
  const groups = Object.values(tally.groups);
  for (const level of LEVELS) {
    const value = tally.levels[level];
    const sum = sumUsable(groups.map((g) => g[level] ?? 0));
    if (!usable(value) || sum === null || value === sum) continue;
    if (value - sum === -excess) return { level, value, groups: sum };
  }
  return null;
}

/**
 * "1.234" typed on a PC whose decimal point is "." reads as 1,234: the count meant is 1234 when that is what
 * makes the row add up (total = unrated + rated).
 */
function thousandsReading(tally: DraftTally | DraftMemberTally, path: (string | number)[], value: number): number | null {
  const scaled = Math.round(value * 1000);
  if (value <= 0 || Number.isInteger(value) || Math.abs(scaled - value * 1000) > 1e-6) return null;
  const with1000 = (v: number | null | undefined, at: string[]) => (at.join('.') === path.slice(2).join('.') ? scaled : v);
  const levels = LEVELS.map((l) => with1000(tally.levels[l], ['levels', l]));
  const unrated = Object.entries(tally.unrated).map(([r, v]) => with1000(v, ['unrated', r]));
  const total = with1000(tally.total, ['total']);
  const rated = sumUsable(levels);
  const un = sumUsable(unrated) ?? 0;
  return usable(total) && rated !== null && total === rated + un ? scaled : null;
}

// ---------- named checks ----------

type CheckFn = (run: RuleRun) => void;

const CHECKS: Record<NonNullable<RuleDef['check']>, CheckFn> = {
  period({ report, ctx, emit }) {
    if (ctx.period && ctx.period.year !== report.year) {
      emit({ ...msg.yearMismatch(report.year, ctx.period.year), path: ['year'], left: report.year, right: ctx.period.year });
    }
    if (ctx.period?.unit !== undefined && ctx.period.unit !== report.unit) {
      emit({ ...msg.unitMismatch(report.unit, ctx.period.unit), rule: 'unknown-unit', path: ['unit'] });
    } else if (ctx.unitExists && !ctx.unitExists(report.unit, report.year)) {
      emit({ ...msg.unknownUnit(report.unit, report.year), rule: 'unknown-unit', path: ['unit'] });
    }
  },

  'missing-value'({ report, subject, tally, emit }) {
    if (!subject) return;
    if (!tally) {
      emit({ ...msg.missingValue({ subject }), subject, path: ['tallies', subject] });
      return;
    }
    if (allUsable(tally)) return;
    for (const slot of slotsOf(subject, tally)) {
      if (slot.value === null || (slot.value === undefined && !slot.optional)) {
        emit({ ...msg.missingValue(slot.field), subject, group: slot.field.group, level: slot.field.level, path: slot.path });
      }
    }
    void report;
  },

  'negative-or-fraction'({ subject, tally, emit }) {
    if (!subject || !tally || allUsable(tally)) return;
    for (const slot of slotsOf(subject, tally)) {
      if (typeof slot.value === 'number' && !usable(slot.value)) {
        emit({
          ...(Math.abs(slot.value) > MAX_COUNT || !Number.isFinite(slot.value)
            ? msg.countTooLarge(slot.field)
            : msg.negativeOrFraction(slot.field, slot.value, thousandsReading(tally, slot.path, slot.value))),
          subject,
          group: slot.field.group,
          level: slot.field.level,
          path: slot.path,
          left: slot.value,
        });
      }
    }
  },

  'unrated-reason-allowed'({ subject, tally, rulebook, report, emit }) {
    if (!subject || !tally) return;
    for (const [reason, count] of Object.entries(tally.unrated)) {
      if (usable(count) && count > 0 && !rulebook.unratedReasons.includes(reason as never)) {
        const field = { subject, reason: reason as never };
        emit({
          ...msg.unratedReasonNotAllowed(field, count, report.year, rulebook.guidance),
          subject,
          path: ['tallies', subject, 'unrated', reason],
          left: count,
        });
      }
    }
  },

  'unrated-reason-other'({ subject, tally, emit }) {
    const count = tally?.unrated.other;
    if (!subject || !usable(count) || count === 0) return;
    emit({ ...msg.unratedReasonOther({ subject, reason: 'other' }, count), subject, path: ['tallies', subject, 'unrated', 'other'], left: count });
  },

  'group-sum'({ tally, policy, emit }) {
    if (!tally || !('groups' in tally) || !tally.groups) return;
    const groups = Object.values(tally.groups);
    if (groups.length === 0) return;
    const rated = sumUsable(levelValues(tally.levels));
    const unrated = sumUsable(unratedValues(tally.unrated)) ?? 0;
    const totalOk = usable(tally.total) && rated !== null && tally.total === rated + unrated;
    // when the split is given (all three groups), every level adds up over the groups; a partial split
    // (some groups only) may not exceed the level
    const complete = MEMBER_GROUPS.every((g) => tally.groups?.[g]);
    for (const level of LEVELS) {
      const sum = sumUsable(groups.map((g) => g[level] ?? 0));
      const total = tally.levels[level];
      if (sum === null || !usable(total) || sum === total || (!complete && sum < total)) continue;
      // a smaller sum of the excellent is the group-split rule's finding when the policy requires the split
      if (level === 'excellent' && sum < total && policy.groupSplitRequired) continue;
      // the level agrees with the total but not with the groups: the groups are to fix; otherwise (it
      // disagrees with both) the level itself — the total-mismatch finding already points at it
      if (!totalOk && rated !== null && usable(tally.total) && tally.total === rated - total + sum + unrated) continue;
      emit({ ...msg.groupSum(level, sum, total), subject: 'member', level, path: ['tallies', 'member', 'groups'], left: sum, right: total });
    }
  },

  'group-split-missing'({ tally, policy, emit }) {
    if (!policy.groupSplitRequired || !tally) return;
    const excellent = tally.levels.excellent;
    const groups = 'groups' in tally ? tally.groups : undefined;
    if (!usable(excellent) || excellent === 0 || (groups && Object.keys(groups).length > 0)) return;
    emit({ ...msg.groupSplitMissing(excellent), subject: 'member', path: ['tallies', 'member', 'groups'], left: null, right: excellent });
  },

  'group-split-sum'({ tally, policy, emit }) {
    if (!policy.groupSplitRequired || !tally || !('groups' in tally) || !tally.groups) return;
    const groups = Object.values(tally.groups);
    if (groups.length === 0) return;
    const sum = sumUsable(groups.map((g) => g.excellent));
    const excellent = tally.levels.excellent;
    // a sum above the total is the group-sum rule's finding
    if (sum === null || !usable(excellent) || sum >= excellent) return;
    emit({ ...msg.groupSplitSum(sum, excellent), subject: 'member', level: 'excellent', path: ['tallies', 'member', 'groups'], left: sum, right: excellent });
  },

  'excellent-cap'({ subject, tally, policy, emit }) {
    if (!subject || !tally) return;
    const check = (levels: DraftTally['levels'], path: (string | number)[], group?: Finding['group']) => {
      const { excellent, good } = levels;
      if (!usable(excellent) || !usable(good) || excellent === 0) return;
      const cap = excellentCap(excellent, good, policy);
      if (!cap.breach) return;
      emit({
        ...msg.excellentCap({ subject, group }, excellent, cap.ratioBp, cap.base, cap.max, policy.capDenominator),
        subject,
        group,
        level: 'excellent',
        path,
        left: excellent,
        right: cap.max,
      });
    };
    if (policy.capScopes.includes(`${subject}.unit` as never)) {
      check(tally.levels, ['tallies', subject, 'levels', 'excellent']);
    }
    if (subject === 'member' && policy.capScopes.includes('member.group') && 'groups' in tally && tally.groups) {
      for (const [group, levels] of Object.entries(tally.groups)) {
        check(levels, ['tallies', 'member', 'groups', group, 'excellent'], group as Finding['group']);
      }
    }
  },

  'committee-count'({ subject, tally, report, emit }) {
    if (!subject || !tally || !usable(tally.total)) return;
    if (tally.total > 1) {
      emit({ ...msg.committeeCountOver(subject, tally.total), subject, path: ['tallies', subject, 'total'], left: tally.total, right: 1 });
      return;
    }
    const org = report.tallies.organization?.total;
    if (subject === 'committee' && usable(org) && org <= 1 && tally.total > org) {
      emit({ ...msg.committeeWithoutOrganization(tally.total, org), subject, path: ['tallies', 'committee', 'total'], left: tally.total, right: org });
    }
  },

  'score-band'({ tally, rulebook, policy, emit }) {
    if (!rulebook.scored || !tally || !('scoreBands' in tally) || !tally.scoreBands) return;
    for (const [i, level] of LEVELS.entries()) {
      const bands = tally.scoreBands[level];
      if (!bands) continue;
      const sum = sumUsable(levelValues(bands));
      const count = tally.levels[level];
      if (sum !== null && usable(count) && sum > count) {
        emit({ ...msg.scoreBandSum(level, sum, count), subject: 'member', level, path: ['tallies', 'member', 'scoreBands', level], left: sum, right: count });
      }
      for (const band of LEVELS.slice(i + 1)) {
        const n = bands[band];
        if (!usable(n) || n === 0 || level === 'incomplete') continue;
        emit({
          ...msg.scoreBand(level, band, n, policy.scoreBands[level as 'excellent' | 'good' | 'complete']),
          subject: 'member',
          level,
          path: ['tallies', 'member', 'scoreBands', level, band],
          left: n,
          right: 0,
        });
      }
    }
  },

  target({ subject, tally, policy, emit }) {
    const target = subject ? policy.targets[subject] : undefined;
    if (!subject || !tally || target === undefined) return;
    const rated = sumUsable(levelValues(tally.levels));
    const { excellent, good } = tally.levels;
    if (!rated || !usable(excellent) || !usable(good)) return;
    const h = percentHundredths(excellent + good, rated) as number;
    if (h >= Math.round(target * 100)) return;
    emit({ ...msg.target(subject, h / 100, target), subject, path: ['tallies', subject, 'levels'], left: h / 100, right: target });
  },
};

// ---------- the engine ----------

function structureFindings(issues: Issue[], prefix: string): Finding[] {
  return issues.map((issue) => {
    const where = issue.path.join('.');
    const vi = msg.invalidStructure(where, issue.message);
    const en = msg.invalidStructure(where, issue.messageEn);
    return {
      code: `${prefix}.invalid-structure`,
      rule: 'invalid-structure',
      severity: 'error',
      path: issue.path,
      message: vi.message,
      hint: vi.hint,
      messageEn: en.messageEn,
      hintEn: en.hintEn,
    };
  });
}

/**
 * Check a unit report (as read from a template or received by the Worker) against the rulebook of its year
 * and the policy of its consolidating unit. Never throws: whatever is wrong becomes a finding.
 */
export function checkReport(input: unknown, ctx: CheckContext = {}): Finding[] {
  const parsed = parseWithIssues(DraftSchema, input);
  if (!parsed.success) {
    const year = typeof (input as { year?: unknown })?.year === 'number' ? (input as { year: number }).year : NaN;
    const prefix = (ctx.rulebook ?? findRulebook(year))?.codePrefix ?? 'report';
    return sortFindings(structureFindings(parsed.issues, prefix));
  }
  const report = parsed.data;
  const rulebook = ctx.rulebook ?? findRulebook(report.year);
  if (!rulebook) {
    return [{ code: 'report.unsupported-year', rule: 'unsupported-year', severity: 'error', unit: report.unit, path: ['year'], left: report.year, ...msg.unsupportedYear(report.year) }];
  }
  const policy = resolvePolicy(rulebook, ctx.policy);
  const findings: Finding[] = [];
  // One run object and one emit function for the whole report: the engine runs for every report of a
  // national consolidation, so it allocates per finding, not per rule.
  const run: RuleRun = {
    def: rulebook.rules[0] as RuleDef,
    report,
    rulebook,
    policy,
    ctx,
    emit(e: Emitted) {
      findings.push(toFinding(e, run.def, rulebook.codePrefix, report.unit, report.justifications));
    },
  };
  for (const def of rulebook.rules) {
    run.def = def;
    const fn = def.compare ? runCompare : CHECKS[def.check as NonNullable<RuleDef['check']>];
    if (def.subjects.length === 0) {
      run.subject = undefined;
      run.tally = undefined;
      fn(run);
      continue;
    }
    for (const subject of def.subjects) {
      const tally = report.tallies[subject];
      // only the missing-value rule speaks of an absent subject
      if (!tally && def.check !== 'missing-value') continue;
      run.subject = subject;
      run.tally = tally;
      fn(run);
    }
  }
  if (ctx.kind) findings.push(...kindFindings(report as UnitReport, ctx.kind, rulebook.codePrefix));
  return sortFindings(findings);
}

/**
 * The warnings no justification covers (see justificationFor): one rule for every channel — the add-in and
 * the page before sending (typed justifications given), the Worker on what it received (the findings carry
 * the report's own justifications).
 */
export function unjustifiedWarnings(findings: Finding[], justifications?: Record<string, string>): Finding[] {
  return findings.filter((f) => f.severity === 'warning' && !(justifications ? justificationFor(f, justifications) : f.justification?.trim()));
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
