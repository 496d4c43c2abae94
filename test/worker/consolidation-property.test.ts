import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UnitInput, UnitKind, UnitReport } from '../../shared';
import { api, putUnits } from './helpers';

/**
 * A model of the reporting rule of docs/api.md, written from the text and independent of the Worker's SQL:
 * random registers (depth ≤ 4) that change between sends (units move, close, reopen, appear, carry
 * predecessors) and random report sequences; then the consolidated totals must equal the sum of exactly
 * the reports the coverage counts, and the sum of the unit rows.
 */
const YEAR = 2025;
const KINDS: UnitKind[] = ['khoi', 'dang-bo-co-so', 'chi-bo-co-so', 'chi-bo-truc-thuoc', 'other'];
const REPORTING: UnitKind[] = ['dang-bo-co-so', 'chi-bo-co-so', 'chi-bo-truc-thuoc'];

interface MUnit {
  code: string;
  parent: string | null;
  kind: UnitKind;
  from?: number;
  to?: number;
  predecessors?: string[];
}
interface MReport {
  members: number;
  org: number;
  covers: string;
}

class Model {
  units = new Map<string, MUnit>();
  reports = new Map<string, MReport>(); // `${year}/${code}`
  exists(u: MUnit, y: number) {
    return (u.from === undefined || u.from <= y) && (u.to === undefined || u.to >= y);
  }
  children(code: string) {
    return [...this.units.values()].filter((u) => u.parent === code);
  }
  descendants(code: string): MUnit[] {
    return this.children(code).flatMap((c) => [c, ...this.descendants(c.code)]);
  }
  inSubtree(code: string, root: string): boolean {
    for (let at: string | null = code; at !== null; at = this.units.get(at)!.parent) if (at === root) return true;
    return false;
  }
  reports_(u: MUnit, y: number) {
    return this.exists(u, y) && (REPORTING.includes(u.kind) || !this.children(u.code).some((c) => this.exists(c, y)));
  }
  covers(code: string, y: number) {
    return this.descendants(code)
      .filter((d) => this.exists(d, y))
      .map((d) => d.code)
      .sort()
      .join(',');
  }
  counted(code: string, y: number): MReport | null {
    const r = this.reports.get(`${y}/${code}`);
    if (!r || r.covers !== this.covers(code, y)) return null;
    return r;
  }
  /** What a view of `root` must show. */
  expect(root: string) {
    const inTree = [this.units.get(root)!, ...this.descendants(root)];
    const reporting = inTree.filter((u) => this.reports_(u, YEAR));
    const counted = reporting.map((u) => this.counted(u.code, YEAR)).filter((r): r is MReport => r !== null);
    // last year's base: this year's units whose report counts, their own and their predecessors' reports (a
    // predecessor's closed units with it), each report once
    const src = new Set<string>();
    for (const u of reporting.filter((x) => this.counted(x.code, YEAR))) {
      src.add(u.code);
      for (const p of u.predecessors ?? []) {
        src.add(p);
        for (const d of this.descendants(p)) if (!this.exists(d, YEAR)) src.add(d.code);
      }
    }
    const prev = [...src].map((c) => (this.units.has(c) ? this.counted(c, YEAR - 1) : null)).filter((r): r is MReport => r !== null);
    return {
      expected: reporting.length,
      submitted: counted.length,
      members: counted.reduce((n, r) => n + r.members, 0),
      orgs: counted.reduce((n, r) => n + r.org, 0),
      previousMembers: prev.length ? prev.reduce((n, r) => n + r.members, 0) : null,
    };
  }
}

function reportFor(u: MUnit, year: number, members: number): UnitReport {
  const zero = { excellent: 0, good: 0, complete: 0, incomplete: 0 };
  const one = (n: number) => ({ total: n, unrated: {}, levels: { ...zero, good: n } });
  const levels = { ...zero, good: members };
  return {
    unit: u.code,
    year,
    tallies: {
      organization: one(u.kind === 'dang-bo-co-so' || u.kind === 'chi-bo-co-so' ? 1 : 0),
      committee: one(0),
      branch: one(u.kind === 'chi-bo-truc-thuoc' ? 1 : 0),
      member: { total: members, unrated: {}, levels, groups: { leader: zero, manager: zero, staff: levels } },
    },
  };
}

const toInput = (u: MUnit): UnitInput => ({ code: u.code, name: `Đơn vị ${u.code}`, parent: u.parent, kind: u.kind, ...(u.from ? { from: u.from } : {}), ...(u.to ? { to: u.to } : {}), ...(u.predecessors ? { predecessors: u.predecessors } : {}) });

type Op =
  | { t: 'send'; u: number; year: number; members: number }
  | { t: 'move'; u: number; p: number }
  | { t: 'close'; u: number }
  | { t: 'reopen'; u: number }
  | { t: 'add'; p: number; kind: number; preds: number[] };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('send' as const), u: fc.nat(40), year: fc.constantFrom(YEAR, YEAR, YEAR - 1), members: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('move' as const), u: fc.nat(40), p: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('close' as const), u: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reopen' as const), u: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('add' as const), p: fc.nat(40), kind: fc.nat(4), preds: fc.array(fc.nat(40), { maxLength: 2 }) }) },
);

const registerArb = fc.array(fc.record({ parent: fc.nat(40), kind: fc.nat(4) }), { minLength: 3, maxLength: 9 });

let run = 0;

describe('property: totals are the sum of exactly the reports the coverage counts', () => {
  it('for random registers that change between random sends', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(registerArb, fc.array(opArb, { minLength: 5, maxLength: 25 }), async (initial, ops) => {
        const m = new Model();
        const p = `P${++run}`;
        const depth = (code: string) => {
          let d = 0;
          for (let at = m.units.get(code)!.parent; at !== null; at = m.units.get(at)!.parent) d++;
          return d;
        };
        m.units.set(p, { code: p, parent: null, kind: 'khoi' });
        for (const [i, x] of initial.entries()) {
          const candidates = [...m.units.values()].filter((u) => depth(u.code) < 3);
          const parent = candidates[x.parent % candidates.length]!;
          m.units.set(`${p}-${i}`, { code: `${p}-${i}`, parent: parent.code, kind: KINDS[x.kind]! });
        }
        expect((await putUnits([...m.units.values()].map(toInput))).status).toBe(200);
        const pick = (n: number) => {
          const list = [...m.units.values()].filter((u) => u.parent !== null);
          return list[n % list.length]!;
        };
        let added = 0;
        for (const op of ops) {
          if (op.t === 'send') {
            const u = pick(op.u);
            const res = await api('PUT', `/api/v1/reports/${op.year}/${u.code}`, { body: reportFor(u, op.year, op.members) });
            if (m.reports_(u, op.year)) {
              expect(res.status, JSON.stringify(res.body)).toBe(200);
              m.reports.set(`${op.year}/${u.code}`, { members: op.members, org: reportFor(u, op.year, 0).tallies.organization.total, covers: m.covers(u.code, op.year) });
            } else expect(res.status).toBe(422);
          } else if (op.t === 'move') {
            const u = pick(op.u);
            const target = [...m.units.values()][op.p % m.units.size]!;
            if (m.inSubtree(target.code, u.code) || depth(target.code) + 1 + Math.max(0, ...m.descendants(u.code).map((d) => depth(d.code) - depth(u.code))) > 4) continue;
            u.parent = target.code;
            expect((await putUnits([toInput(u)])).status).toBe(200);
          } else if (op.t === 'close' || op.t === 'reopen') {
            const u = pick(op.u);
            if (op.t === 'close' && u.from !== undefined && u.from > YEAR - 1) continue; // from ≤ to
            if (op.t === 'close') u.to = YEAR - 1;
            else delete u.to;
            expect((await putUnits([toInput(u)])).status).toBe(200);
          } else {
            const parent = [...m.units.values()].filter((u) => depth(u.code) < 3)[op.p % m.units.size] ?? m.units.get(p)!;
            const claimed = new Set([...m.units.values()].flatMap((u) => u.predecessors ?? []));
            const preds = [...new Set(op.preds.map((n) => pick(n).code))].filter((c) => !claimed.has(c));
            const u: MUnit = { code: `${p}-n${added++}`, parent: parent.code, kind: KINDS[op.kind]!, from: YEAR, ...(preds.length ? { predecessors: preds } : {}) };
            m.units.set(u.code, u);
            expect((await putUnits([toInput(u)])).status, u.code).toBe(200);
          }
        }
        for (const root of [p, ...m.children(p).map((u) => u.code)]) {
          const want = m.expect(root);
          const v = (await api('GET', `/api/v1/consolidated/${YEAR}/${root}`)).body;
          expect(v.coverage.expected, root).toBe(want.expected);
          expect(v.coverage.submitted, root).toBe(want.submitted);
          expect(v.subjects.member.total, root).toBe(want.members);
          expect(v.subjects.organization.total, root).toBe(want.orgs);
          expect(v.subjects.member.previous?.total ?? null, root).toBe(want.previousMembers);
          const rows = v.units.filter((r: any) => r.tallies);
          expect(rows.reduce((n: number, r: any) => n + r.tallies.member.total, 0), `${root} rows`).toBe(want.members);
          expect(rows.reduce((n: number, r: any) => n + r.tallies.organization.total, 0), `${root} rows`).toBe(want.orgs);
        }
      }),
      { numRuns: 25 },
    );
  });
});
