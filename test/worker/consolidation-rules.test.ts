import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { UnitInput, UnitReport } from '../../shared';
import { api, justified, newKey, putUnits, rawReport, report, seedSample } from './helpers';

/** Levels [excellent, good, complete, incomplete]. */
type L = [number, number, number, number];
const lv = ([excellent, good, complete, incomplete]: L) => ({ excellent, good, complete, incomplete });
const sum = (l: L) => l[0] + l[1] + l[2] + l[3];
const row = (l: L | null) => (l ? { total: sum(l), unrated: {}, levels: lv(l) } : { total: 0, unrated: {}, levels: lv([0, 0, 0, 0]) });

/** A report: its own organisation, committee and chi bộ rows, and its members (all in the staff group). */
function rep(unit: string, year: number, o: { org?: L | null; com?: L | null; branch?: L | null; members: L }): UnitReport {
  return justified({
    unit,
    year,
    tallies: {
      organization: row(o.org ?? null),
      committee: row(o.com ?? null),
      branch: row(o.branch ?? null),
      member: { ...row(o.members), groups: { leader: lv([0, 0, 0, 0]), manager: lv([0, 0, 0, 0]), staff: lv(o.members) } },
    },
  });
}
const ORG_GOOD: L = [0, 1, 0, 0];
const ORG_EXC: L = [1, 0, 0, 0];

async function put(unit: string, r: UnitReport, year = 2025, key?: string) {
  return api('PUT', `/api/v1/reports/${year}/${unit}`, { key, body: r });
}
async function ok(unit: string, r: UnitReport, year = 2025) {
  const res = await put(unit, r, year);
  expect(res.status, `${unit}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}
async function view(unit: string, year = 2025) {
  const res = await api('GET', `/api/v1/consolidated/${year}/${unit}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
/** The unit rows add up to the totals, for every subject and level. */
function expectRowsSumToTotals(v: any) {
  for (const s of ['committee', 'organization', 'branch', 'member']) {
    const rows = v.units.filter((u: any) => u.tallies);
    expect(rows.reduce((n: number, u: any) => n + u.tallies[s].total, 0), s).toBe(v.subjects[s].total);
    for (const l of ['excellent', 'good', 'complete', 'incomplete']) {
      expect(rows.reduce((n: number, u: any) => n + u.tallies[s].levels[l], 0), `${s}.${l}`).toBe(v.subjects[s].levels[l]);
    }
  }
}

describe('every unit reports its own part: registered chi bộ under a đảng bộ cơ sở', () => {
  const units: UnitInput[] = [
    { code: 'A', name: 'Đảng ủy Khối A', parent: null, kind: 'khoi' },
    { code: 'A-D1', name: 'Đảng bộ D1', parent: 'A', kind: 'dang-bo-co-so' },
    { code: 'A-D1-a', name: 'Chi bộ D1a', parent: 'A-D1', kind: 'chi-bo-truc-thuoc' },
    { code: 'A-D1-b', name: 'Chi bộ D1b', parent: 'A-D1', kind: 'chi-bo-truc-thuoc' },
    { code: 'A-D2', name: 'Đảng bộ D2', parent: 'A', kind: 'dang-bo-co-so' },
    { code: 'A-D2-a', name: 'Chi bộ D2a', parent: 'A-D2', kind: 'chi-bo-truc-thuoc' },
    { code: 'A-D2-b', name: 'Chi bộ D2b', parent: 'A-D2', kind: 'chi-bo-truc-thuoc' },
    { code: 'A-C1', name: 'Chi bộ cơ sở C1', parent: 'A', kind: 'chi-bo-co-so' },
    { code: 'A-C2', name: 'Chi bộ cơ sở C2', parent: 'A', kind: 'chi-bo-co-so' },
    { code: 'A-C3', name: 'Chi bộ cơ sở C3', parent: 'A', kind: 'chi-bo-co-so' },
  ];

  it('the đảng bộ sends its own rows; nothing is counted twice, nothing lost; both caps fire', async () => {
    expect((await putUnits(units)).status).toBe(200);
    // D1: its own 3 unregistered chi bộ (1 excellent) and 40 members not in a registered chi bộ
    await ok('A-D1', rep('A-D1', 2025, { org: ORG_EXC, com: ORG_GOOD, branch: [1, 2, 0, 0], members: [4, 36, 0, 0] }));
    await ok('A-D1-a', rep('A-D1-a', 2025, { branch: [1, 0, 0, 0], members: [3, 7, 0, 0] })); // 30% excellent: a justified warning
    await ok('A-D1-b', rep('A-D1-b', 2025, { branch: [0, 1, 0, 0], members: [1, 9, 0, 0] }));
    await ok('A-D2', rep('A-D2', 2025, { org: ORG_EXC, com: ORG_GOOD, branch: [0, 2, 0, 0], members: [3, 27, 0, 0] }));
    await ok('A-D2-a', rep('A-D2-a', 2025, { branch: [0, 1, 0, 0], members: [1, 9, 0, 0] }));
    await ok('A-D2-b', rep('A-D2-b', 2025, { branch: [0, 1, 0, 0], members: [1, 9, 0, 0] }));
    await ok('A-C1', rep('A-C1', 2025, { org: ORG_GOOD, com: ORG_GOOD, members: [0, 8, 0, 0] }));
    await ok('A-C2', rep('A-C2', 2025, { org: ORG_GOOD, com: ORG_GOOD, members: [0, 8, 0, 0] }));
    // fewer than 9 official members: no chi ủy, no committee row
    await ok('A-C3', rep('A-C3', 2025, { org: ORG_GOOD, members: [0, 8, 0, 0] }));

    const v = await view('A');
    // computed by hand: 4 committees (C3 has none), 5 TCCSĐ, 3 + 2 + 2 + 2 = 9 chi bộ, 40+10+10+30+10+10+24 members
    expect(v.subjects.committee.total).toBe(4);
    expect(v.subjects.organization.total).toBe(5);
    expect(v.subjects.organization.levels).toEqual({ excellent: 2, good: 3, complete: 0, incomplete: 0 });
    expect(v.subjects.branch.total).toBe(9);
    expect(v.subjects.branch.levels).toEqual({ excellent: 2, good: 7, complete: 0, incomplete: 0 });
    expect(v.subjects.member.total).toBe(134);
    expect(v.coverage).toMatchObject({ expected: 9, submitted: 9, missing: [] });
    expectRowsSumToTotals(v);
    expect(v.units.map((u: any) => [u.unit, u.tallies.member.total])).toEqual([
      ['A-D1', 60],
      ['A-D2', 50],
      ['A-C1', 8],
      ['A-C2', 8],
      ['A-C3', 8],
    ]);
    // the bloc's organisation cap (2 of 5 > 20%) and D1's chi bộ cap across its rows and its registered chi bộ (2 of 5)
    const caps = v.findings.filter((f: any) => f.rule === 'excellent-cap').map((f: any) => [f.unit, f.subject]);
    expect(caps).toContainEqual(['A', 'organization']);
    expect(caps).toContainEqual(['A-D1', 'branch']);
    expect(caps).not.toContainEqual(['A-D2', 'branch']);
    // a chi bộ two levels down is named, not coded, wherever the view prints it
    expect(caps).toContainEqual(['A-D1-a', 'member']);
    expect(v.unitNames['A-D1-a']).toBe('Chi bộ D1a');
    // the đảng bộ's own view: its own row first, then its registered chi bộ
    const d1 = await view('A-D1');
    expect(d1.units.map((u: any) => [u.unit, u.own ?? false, u.tallies.member.total])).toEqual([
      ['A-D1', true, 40],
      ['A-D1-a', false, 10],
      ['A-D1-b', false, 10],
    ]);
    expect(d1.subjects.branch.total).toBe(5);
    expectRowsSumToTotals(d1);
  });

  it('a report must fit the unit’s kind: a TCCSĐ without its organisation row, a chi bộ trực thuộc claiming one → 422 at that row', async () => {
    const noOrg = await put('A-C1', rep('A-C1', 2025, { members: [0, 8, 0, 0] }));
    expect(noOrg.status).toBe(422);
    expect(noOrg.body.errors[0]).toMatchObject({ code: 'report.unit-kind', path: ['tallies', 'organization', 'total'] });
    expect(noOrg.body.errors[0].message).toContain('chi bộ cơ sở');
    const cellAsOrg = await put('A-D1-a', rep('A-D1-a', 2025, { org: ORG_GOOD, branch: [0, 1, 0, 0], members: [1, 9, 0, 0] }));
    expect(cellAsOrg.status).toBe(422);
    expect(cellAsOrg.body.errors.map((e: any) => e.path.join('.'))).toContain('tallies.organization.total');
    expect((await view('A')).subjects.organization.total).toBe(5); // nothing stored
  });
});

describe('the register changes after reports were sent', () => {
  it('a leaf that sent and then gets a registered chi bộ: its report no longer counts until it sends again, and is named', async () => {
    expect((await putUnits([{ code: 'B', name: 'Khối B', parent: null, kind: 'khoi' }, { code: 'B-P', name: 'Đảng bộ P', parent: 'B', kind: 'dang-bo-co-so' }])).status).toBe(200);
    await ok('B-P', rep('B-P', 2025, { org: ORG_GOOD, com: ORG_GOOD, members: [30, 270, 0, 0] }));
    expect((await view('B')).subjects.member.total).toBe(300);
    expect((await putUnits([{ code: 'B-P-c', name: 'Chi bộ c', parent: 'B-P', kind: 'chi-bo-truc-thuoc' }])).status).toBe(200);
    await ok('B-P-c', rep('B-P-c', 2025, { branch: [0, 1, 0, 0], members: [10, 90, 0, 0] }));
    const v = await view('B');
    // the stale report (300, which included c's 100) is not added to c's 100
    expect(v.subjects.member.total).toBe(100);
    expect(v.coverage).toMatchObject({ expected: 2, submitted: 1, missing: ['B-P'], notCounted: ['B-P'] });
    const f = v.findings.find((x: any) => x.rule === 'report-not-counted');
    expect(f).toMatchObject({ unit: 'B', severity: 'warning' });
    expect(f.message).toContain('Đảng bộ P (B-P)');
    expectRowsSumToTotals(v);
    const status = await api('GET', '/api/v1/status/2025/B');
    expect(status.body.children[0]).toMatchObject({ unit: 'B-P', status: 'missing' });
    expect((await api('GET', '/api/v1/reports/2025/B-P')).body).toMatchObject({ stale: true });
    expect((await api('POST', '/api/v1/status/2025/B-P/approve', { body: {} })).status).toBe(409); // not counted: nothing to approve
    // it sends its own part again: 200 of its own + 100 of c
    await ok('B-P', rep('B-P', 2025, { org: ORG_GOOD, com: ORG_GOOD, members: [20, 180, 0, 0] }));
    const again = await view('B');
    expect(again.subjects.member.total).toBe(300);
    expect(again.coverage).toMatchObject({ expected: 2, submitted: 2, missing: [], notCounted: [] });
    expect(again.findings.filter((x: any) => x.rule === 'report-not-counted')).toEqual([]);
  });

  it('a unit closed (`to`) after it sent: its report is not counted and is named; the rows still add up', async () => {
    expect((await putUnits([{ code: 'B-Q', name: 'Chi bộ Q', parent: 'B', kind: 'chi-bo-co-so' }])).status).toBe(200);
    await ok('B-Q', rep('B-Q', 2025, { org: ORG_GOOD, members: [3, 27, 0, 0] }));
    expect((await view('B')).subjects.member.total).toBe(330);
    expect((await putUnits([{ code: 'B-Q', name: 'Chi bộ Q', parent: 'B', kind: 'chi-bo-co-so', to: 2024 }])).status).toBe(200);
    const v = await view('B');
    expect(v.subjects.member.total).toBe(300);
    expect(v.subjects.organization.total).toBe(1);
    expect(v.coverage).toMatchObject({ expected: 2, submitted: 2, notCounted: ['B-Q'] });
    expect(v.findings.find((x: any) => x.rule === 'report-not-counted').message).toContain('không còn trong danh sách đơn vị năm 2025');
    expectRowsSumToTotals(v);
  });

  it('a returned report counts until replaced; the unit sees why; coverage and prose say so', async () => {
    expect((await putUnits([{ code: 'B-S', name: 'Chi bộ S', parent: 'B', kind: 'chi-bo-co-so' }])).status).toBe(200);
    await ok('B-S', rep('B-S', 2025, { org: ORG_GOOD, com: ORG_GOOD, members: [2, 18, 0, 0] }));
    const ret = await api('POST', '/api/v1/status/2025/B-S/return', { body: { reason: 'Số đảng viên chưa khớp danh sách' } });
    expect(ret.status).toBe(200);
    const unitKey = await newKey('B-S', 'unit');
    const own = await api('GET', '/api/v1/reports/2025/B-S', { key: unitKey });
    expect(own.body).toMatchObject({ status: 'returned', reason: 'Số đảng viên chưa khớp danh sách' });
    const v = await view('B');
    expect(v.subjects.member.total).toBe(320);
    expect(v.coverage).toMatchObject({ expected: 3, submitted: 3, returned: ['B-S'] });
    expect(v.narrative).toContain('01 đơn vị có báo cáo bị trả lại: Chi bộ S (số liệu vẫn tính cho đến khi đơn vị gửi lại)');
    expect(v.units.find((u: any) => u.unit === 'B-S')).toMatchObject({ status: 'returned', reason: 'Số đảng viên chưa khớp danh sách' });
  });
});

describe('the level above decides organisation and committee ratings (HD 43)', () => {
  it('a decision is versioned, audited, used by the totals, and shown beside the proposal', async () => {
    await putUnits([
      { code: 'G', name: 'Khối G', parent: null, kind: 'khoi' },
      { code: 'G-1', name: 'Chi bộ G1', parent: 'G', kind: 'chi-bo-co-so' },
      { code: 'G-2', name: 'Chi bộ G2', parent: 'G', kind: 'chi-bo-co-so' },
    ]);
    await ok('G-1', rep('G-1', 2025, { org: ORG_EXC, com: ORG_EXC, members: [2, 18, 0, 0] }));
    await ok('G-2', rep('G-2', 2025, { org: ORG_GOOD, com: ORG_GOOD, members: [1, 9, 0, 0] }));
    const reviewer = await newKey('G', 'reviewer');
    const unitKey = await newKey('G-1', 'unit');
    const ownReviewer = await newKey('G-1', 'reviewer');
    const body = { tallies: { organization: row(ORG_GOOD) }, note: 'Quyết định số 12-QĐ/ĐUK' };
    expect((await api('PUT', '/api/v1/decisions/2025/G-1', { key: unitKey, body })).status).toBe(403);
    expect((await api('PUT', '/api/v1/decisions/2025/G-1', { key: ownReviewer, body })).status).toBe(403); // only the level above
    const badTotal = await api('PUT', '/api/v1/decisions/2025/G-1', { key: reviewer, body: { tallies: { organization: row([1, 1, 0, 0]) } } });
    expect(badTotal.status).toBe(422);
    expect(badTotal.body.errors[0]).toMatchObject({ code: 'decision.total', path: ['tallies', 'organization', 'total'] });
    const d1 = await api('PUT', '/api/v1/decisions/2025/G-1', { key: reviewer, body });
    expect(d1.status, JSON.stringify(d1.body)).toBe(200);
    expect(d1.body.version).toBe(1);
    const d2 = await api('PUT', '/api/v1/decisions/2025/G-1', { key: reviewer, body: { tallies: { committee: row([0, 0, 1, 0]) } } });
    expect(d2.body).toMatchObject({ version: 2, tallies: { organization: { levels: { good: 1 } }, committee: { levels: { complete: 1 } } } });

    const v = await view('G');
    // proposals were 1 excellent + 1 good organisation; the decision makes G-1's good
    expect(v.subjects.organization.levels).toEqual({ excellent: 0, good: 2, complete: 0, incomplete: 0 });
    expect(v.subjects.committee.levels).toEqual({ excellent: 0, good: 1, complete: 1, incomplete: 0 });
    expect(v.subjects.member.total).toBe(30); // members are never decided here
    const g1 = v.units.find((u: any) => u.unit === 'G-1');
    expect(g1.proposal.organization.levels.excellent).toBe(1);
    expect(g1.decision.organization.levels.good).toBe(1);
    expect(g1.tallies.organization.levels.good).toBe(1);
    expectRowsSumToTotals(v);
    // the unit sees the decisions about its rows, with their history
    const seen = await api('GET', '/api/v1/decisions/2025/G-1', { key: unitKey });
    expect(seen.body).toMatchObject({ version: 2, note: null, history: [{ version: 1 }, { version: 2 }] });
    const audit = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'decisions.put' AND target = '2025/G-1'").first<{ n: number }>();
    expect(audit?.n).toBe(2);
    // its own new version keeps the decision: the proposal changes, the decided rows do not
    await ok('G-1', rep('G-1', 2025, { org: ORG_EXC, com: ORG_EXC, members: [2, 18, 0, 0] }));
    expect((await view('G')).subjects.organization.levels.excellent).toBe(0);
  });

  it('the cap exception of QĐ 366 (≤ 25%, with a reason) lifts the unit’s cap and is shown with its reason', async () => {
    const keys = await seedSample();
    await ok('KM-04', report('KM-04', 2025));
    const before = await view('KM');
    expect(before.findings.filter((f: any) => f.unit === 'KM-04' && f.rule === 'excellent-cap').map((f: any) => f.group ?? '-').sort()).toEqual(['-', 'staff']);
    const tooHigh = await api('PUT', '/api/v1/decisions/2025/KM-04', { key: keys.reviewer, body: { capException: { ratio: 0.3, reason: 'Đơn vị tiêu biểu' } } });
    expect(tooHigh.status).toBe(422);
    const granted = await api('PUT', '/api/v1/decisions/2025/KM-04', { key: keys.reviewer, body: { capException: { ratio: 0.25, reason: 'Đơn vị được tặng Cờ thi đua của Chính phủ' } } });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const after = await view('KM');
    const km04 = after.findings.filter((f: any) => f.unit === 'KM-04' && f.rule === 'excellent-cap');
    // 45 of 187 = 24,06% ≤ 25%: the unit-level warning goes; the staff group (33 of 123 = 26,83%) stays
    expect(km04.filter((f: any) => f.severity === 'warning').map((f: any) => f.group)).toEqual(['staff']);
    expect(km04.find((f: any) => f.severity === 'info').message).toContain('Cờ thi đua của Chính phủ');
    expect(after.units.find((u: any) => u.unit === 'KM-04').capException).toMatchObject({ ratio: 0.25 });
    // a new version is checked under the exception: only the staff group still needs a justification
    const resend = rawReport('KM-04', 2025);
    resend.justifications = { 'member.staff.excellent-cap': 'Nhiều đảng viên tiêu biểu trong khối chuyên môn.' };
    expect((await put('KM-04', resend, 2025, keys.unitKeys['KM-04'])).status).toBe(200);
  });
});

describe('lineage: last year compared on the same grassroots units (2025 reorganisation)', () => {
  it('merges, a split and a transfer give the change computed by hand, on a stated base', async () => {
    // 2024: the old bloc OLD with A, B, C, D
    await putUnits([
      { code: 'OLD', name: 'Khối cũ', parent: null, kind: 'khoi', to: 2024 },
      { code: 'OLD-A', name: 'Chi bộ A', parent: 'OLD', kind: 'chi-bo-co-so', to: 2024 },
      { code: 'OLD-B', name: 'Chi bộ B', parent: 'OLD', kind: 'chi-bo-co-so', to: 2024 },
      { code: 'OLD-C', name: 'Chi bộ C', parent: 'OLD', kind: 'chi-bo-co-so', to: 2024 },
      { code: 'L-D', name: 'Chi bộ D', parent: 'OLD', kind: 'chi-bo-co-so' },
    ]);
    await ok('OLD-A', rep('OLD-A', 2024, { org: ORG_GOOD, members: [2, 16, 2, 0] }), 2024);
    await ok('OLD-B', rep('OLD-B', 2024, { org: ORG_GOOD, members: [3, 27, 0, 0] }), 2024);
    await ok('OLD-C', rep('OLD-C', 2024, { org: ORG_GOOD, members: [4, 30, 6, 0] }), 2024);
    await ok('L-D', rep('L-D', 2024, { org: ORG_GOOD, members: [1, 9, 0, 0] }), 2024);
    // 2025: a new parent; M = A + B (merge), C split into S1 (takes C's report) and S2, D transferred (same code)
    const res = await putUnits([
      { code: 'NEW', name: 'Đảng bộ các cơ quan Đảng tỉnh', parent: null, kind: 'khoi', from: 2025 },
      { code: 'L-M', name: 'Chi bộ M', parent: 'NEW', kind: 'chi-bo-co-so', from: 2025, predecessors: ['OLD-A', 'OLD-B'] },
      { code: 'L-S1', name: 'Chi bộ S1', parent: 'NEW', kind: 'chi-bo-co-so', from: 2025, predecessors: ['OLD-C'] },
      { code: 'L-S2', name: 'Chi bộ S2', parent: 'NEW', kind: 'chi-bo-co-so', from: 2025 },
      { code: 'L-D', name: 'Chi bộ D', parent: 'NEW', kind: 'chi-bo-co-so' },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // a predecessor's report goes to one successor only
    const twice = await putUnits([{ code: 'L-S2', name: 'Chi bộ S2', parent: 'NEW', kind: 'chi-bo-co-so', from: 2025, predecessors: ['OLD-C'] }]);
    expect(twice.status).toBe(422);
    expect(twice.body.errors[0].code).toBe('unit.predecessor-claimed');
    await ok('L-M', rep('L-M', 2025, { org: ORG_GOOD, members: [5, 40, 5, 0] }));
    // part way through the round the base is the units sent so far: M against A + B (20 + 30), not all of 2024
    const partial = await view('NEW');
    expect(partial.subjects.member.previous.total).toBe(50);
    expect(partial.previousBase).toMatchObject({ units: 1, reports: 2, missing: [] });
    await ok('L-S1', rep('L-S1', 2025, { org: ORG_GOOD, members: [2, 20, 3, 0] }));
    await ok('L-S2', rep('L-S2', 2025, { org: ORG_GOOD, members: [1, 14, 0, 0] }));
    await ok('L-D', rep('L-D', 2025, { org: ORG_GOOD, members: [1, 8, 1, 0] }));
    const v = await view('NEW');
    // by hand: 2024 base = A + B + C + D = 100 members, 92 good or better (92,00%);
    // 2025 = 50 + 25 + 15 + 10 = 100 members, 91 good or better (91,00%): change −1,00
    expect(v.subjects.member.previous.total).toBe(100);
    expect(v.subjects.member.previous.percent.goodOrBetter).toBe(92);
    expect(v.subjects.member.percent.goodOrBetter).toBe(91);
    expect(v.subjects.member.change.goodOrBetter).toBe(-1);
    expect(v.subjects.organization.previous.total).toBe(4);
    expect(v.previousBase).toEqual({ year: 2024, units: 3, reports: 4, missing: ['L-S2'], missingCount: 1 });
    expect(v.narrative).toContain('so với năm 2024 tính trên cùng 03 đơn vị (04 báo cáo năm 2024); 01 đơn vị không có số liệu năm 2024 để so sánh: Chi bộ S2.');
  });
});

describe('locks, approvals and the register are atomic', () => {
  const E: UnitInput[] = [
    { code: 'E', name: 'Khối E', parent: null, kind: 'khoi' },
    { code: 'E9', name: 'Khối E9', parent: null, kind: 'khoi' },
    ...Array.from({ length: 8 }, (_, i) => ({ code: `E-0${i + 1}`, name: `Chi bộ E${i + 1}`, parent: 'E', kind: 'chi-bo-co-so' as const })),
  ];

  it('a lock racing 48 writes: no write commits after the lock (the guard is inside each write)', async () => {
    await putUnits(E);
    const writes = Array.from({ length: 48 }, (_, i) => {
      const unit = `E-0${(i % 8) + 1}`;
      return put(unit, rep(unit, 2025, { org: ORG_GOOD, members: [1, 9 + i, 0, 0] }));
    });
    const lock = api('POST', '/api/v1/periods/2025/E/lock', { body: { force: true, reason: 'Hết hạn' } });
    const results = await Promise.all([...writes.slice(0, 24), lock, ...writes.slice(24)]);
    expect(results[24]!.status).toBe(200);
    const rows = await env.DB.prepare("SELECT id, action FROM audit WHERE action IN ('reports.put', 'periods.lock') AND (target LIKE '2025/E-%' OR target = '2025/E') ORDER BY id").all<{ id: number; action: string }>();
    const lockAt = rows.results.findIndex((r) => r.action === 'periods.lock');
    expect(rows.results.slice(lockAt + 1).filter((r) => r.action === 'reports.put')).toEqual([]);
    const accepted = results.filter((r, i) => i !== 24 && r.status === 200).length;
    const refused = results.filter((r, i) => i !== 24 && r.status === 409);
    expect(accepted + refused.length).toBe(48);
    expect(accepted).toBe(lockAt);
    for (const r of refused) expect(['report.locked', 'report.busy', 'report.stale']).toContain(r.body.errors[0].code);
  });

  it('a locked year freezes the register’s effect on it; other changes go through', async () => {
    const before = await api('GET', '/api/v1/units/E');
    const moved = await putUnits([{ code: 'E-02', name: 'Chi bộ E2', parent: 'E9', kind: 'chi-bo-co-so' }]);
    expect(moved.status).toBe(409);
    expect(moved.body.errors[0].code).toBe('register.locked');
    expect(moved.body.errors[0].message).toContain('E năm 2025');
    expect((await putUnits([{ code: 'E-03', name: 'Chi bộ E3', parent: 'E', kind: 'chi-bo-co-so', to: 2024 }])).status).toBe(409);
    expect((await putUnits([{ code: 'E-09', name: 'Chi bộ E9', parent: 'E', kind: 'chi-bo-co-so' }])).status).toBe(409);
    expect((await putUnits([{ code: 'E-04', name: 'Chi bộ E4', parent: 'E', kind: 'chi-bo-co-so', predecessors: ['E-05'] }])).status).toBe(409);
    expect((await api('GET', '/api/v1/units/E')).body).toEqual(before.body); // nothing changed
    expect((await putUnits([{ code: 'E-04', name: 'Chi bộ E4 (tên mới)', parent: 'E', kind: 'chi-bo-co-so' }])).status).toBe(200);
    expect((await putUnits([{ code: 'E-10', name: 'Chi bộ E10', parent: 'E', kind: 'chi-bo-co-so', from: 2026 }])).status).toBe(200);
    // decisions and approvals are frozen too
    expect((await api('PUT', '/api/v1/decisions/2025/E-01', { body: { tallies: { organization: row(ORG_EXC) } } })).status).toBe(409);
    expect((await api('POST', '/api/v1/status/2025/E-01/approve', { body: {} })).status).toBe(409);
  });

  it('approve racing a new version: never both accepted, and an approved report is never replaced', async () => {
    await putUnits([{ code: 'F', name: 'Khối F', parent: null, kind: 'khoi' }, { code: 'F-01', name: 'Chi bộ F1', parent: 'F', kind: 'chi-bo-co-so' }]);
    let version = (await ok('F-01', rep('F-01', 2025, { org: ORG_GOOD, members: [1, 9, 0, 0] }))).version;
    for (let round = 0; round < 10; round++) {
      const [approve, write] = await Promise.all([
        api('POST', '/api/v1/status/2025/F-01/approve', { body: { version } }),
        put('F-01', rep('F-01', 2025, { org: ORG_GOOD, members: [1, 10 + round, 0, 0] })),
      ]);
      expect(approve.status === 200 && write.status === 200, `round ${round}`).toBe(false);
      const now = await api('GET', '/api/v1/reports/2025/F-01');
      if (approve.status === 200) {
        expect(now.body).toMatchObject({ status: 'approved', version });
        expect((await api('POST', '/api/v1/status/2025/F-01/return', { body: { reason: 'Vòng sau' } })).status).toBe(200);
      } else {
        expect(write.status).toBe(200);
        version = write.body.version;
        expect(now.body).toMatchObject({ status: 'submitted', version });
      }
    }
  });

  it('the checklist lists what is open; unlock needs a reason and is audited', async () => {
    expect((await api('POST', '/api/v1/periods/2025/E-01/lock', { body: {} })).body.errors[0].message).toMatch(/Chi bộ E1 \(E-01\): chưa duyệt/);
    const list = await api('GET', '/api/v1/periods/2025/E');
    expect(list.body).toMatchObject({ locked: true, lockedBy: 'E' });
    expect(list.body.open.map((o: any) => o.state)).toContain('submitted');
    // a unit reads whether its own year is locked (its page says "đã khóa" even when it sent nothing), but cannot lock
    const unitKey = await newKey('E-02', 'unit');
    expect((await api('GET', '/api/v1/periods/2025/E-02', { key: unitKey })).body).toMatchObject({ locked: true, lockedBy: 'E' });
    expect((await api('POST', '/api/v1/periods/2025/E-02/lock', { key: unitKey, body: { force: true, reason: 'thử' } })).status).toBe(403);
    const noReason = await api('POST', '/api/v1/periods/2025/E/unlock', { body: {} });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0]).toMatchObject({ code: 'period.unlock-reason', path: ['reason'] });
    expect((await api('POST', '/api/v1/periods/2025/E/unlock', { body: { reason: 'Đơn vị E-03 xin sửa số liệu' } })).status).toBe(200);
    const row = await env.DB.prepare("SELECT detail FROM audit WHERE action = 'periods.unlock' AND target = '2025/E'").first<{ detail: string }>();
    expect(row?.detail).toContain('E-03 xin sửa');
  });
});

describe('scope and input safety', () => {
  it('an admin cannot move a sibling, or another bloc, into its subtree: 403 and nothing changed', async () => {
    const keys = await seedSample();
    await putUnits([{ code: 'KX', name: 'Khối khác', parent: null, kind: 'khoi' }]);
    const km01Admin = await newKey('KM-01', 'admin');
    const kmAdmin = await newKey('KM', 'admin');
    const sibling = await putUnits([{ code: 'KM-02', name: 'Đảng bộ KM-02', parent: 'KM-01', kind: 'dang-bo-co-so' }], km01Admin);
    expect(sibling.status).toBe(403);
    const otherBloc = await putUnits([{ code: 'KX', name: 'Khối khác', parent: 'KM', kind: 'khoi' }], kmAdmin);
    expect(otherBloc.status).toBe(403);
    expect((await api('GET', '/api/v1/units/KM-02')).body.parent).toBe('KM');
    expect((await api('GET', '/api/v1/units/KX')).body.parent).toBe(null);
    expect((await api('GET', '/api/v1/reports/2025/KM-02', { key: km01Admin })).status).toBe(403);
    void keys;
  });

  it('a unit code in the path is decoded once; bad encodings → 400; look-alike codes are refused', async () => {
    const twice = await api('PUT', '/api/v1/reports/2025/KM%252D01', { body: report('KM-01', 2025) });
    expect(twice.status).toBe(400);
    expect((await api('GET', '/api/v1/reports/2025/KM-01')).status).toBe(404); // nothing written to KM-01
    const broken = await api('GET', '/api/v1/units/%C0%AF');
    expect(broken.status).toBe(400);
    expect(broken.body.ok).toBe(false);
    const cyrillic = await putUnits([{ code: '\u041a\u041c-99', name: 'Giả mạo', parent: 'KM', kind: 'chi-bo-co-so' }]);
    expect(cyrillic.status).toBe(422);
    // loại hình is one of the known kinds of organisation: a stray value would print as a raw code in every breakdown
    const badType = await putUnits([{ code: 'KM-97', name: 'Chi bộ 97', parent: 'KM', kind: 'chi-bo-co-so', type: 'doanh-nghiep' as never }]);
    expect(badType.status).toBe(422);
    expect(badType.body.errors[0].path).toEqual(['units', 0, 'type']);
    const fullwidth = await putUnits([{ code: '\uff2b\uff2d\uff0d\uff19\uff18', name: 'Chi bộ 98', parent: 'KM', kind: 'chi-bo-co-so' }]);
    expect(fullwidth.status).toBe(200);
    expect((await api('GET', '/api/v1/units/KM-98')).body.code).toBe('KM-98');
  });

  it('policy follows the hierarchy: a level below may only tighten it, and the strictest applies', async () => {
    const kmAdmin = await newKey('KM', 'admin');
    const km03Admin = await newKey('KM-03', 'admin');
    // the child set a loose policy first (nothing above yet), then the bloc tightened it
    expect((await api('PUT', '/api/v1/policy/2026/KM-03', { key: km03Admin, body: { capRatio: 1, groupSplitRequired: false } })).status).toBe(200);
    expect((await api('PUT', '/api/v1/policy/2026/KM', { key: kmAdmin, body: { capRatio: 0.1, groupSplitRequired: true } })).status).toBe(200);
    const looser = await api('PUT', '/api/v1/policy/2026/KM-03', { key: km03Admin, body: { capRatio: 1, groupSplitRequired: false } });
    expect(looser.status).toBe(422);
    expect(looser.body.errors.map((e: any) => e.path[0]).sort()).toEqual(['capRatio', 'groupSplitRequired']);
    expect((await api('PUT', '/api/v1/policy/2026/KM-03', { key: km03Admin, body: { capRatio: 0.05 } })).status).toBe(200);
    const inForce = await api('GET', '/api/v1/policy/2026/KM-03', { key: km03Admin });
    expect(inForce.body.policy).toMatchObject({ capRatio: 0.05, groupSplitRequired: true });
    expect(inForce.body.from).toMatchObject({ capRatio: 'KM-03', groupSplitRequired: 'KM' });
    // 31 of 200 = 15,5% excellent, no groups: both the cap and the missing split are warnings under the bloc's policy
    const r: UnitReport = {
      unit: 'KM-03',
      year: 2026,
      tallies: { organization: row(ORG_GOOD), committee: row(ORG_GOOD), branch: row([0, 2, 0, 0]), member: row([31, 169, 0, 0]) },
    };
    const res = await put('KM-03', r, 2026);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => e.code)).toEqual(['report.unjustified', 'report.unjustified']);
    expect(res.body.errors.map((e: any) => e.path[1]).sort()).toEqual(['member.excellent-cap', 'member.group-split']);
    const v = await api('GET', '/api/v1/consolidated/2026/KM');
    expect(v.body.policy.from).toMatchObject({ capRatio: 'KM' });
  });

  it('a warning needs a justification on every channel; a subject-level one covers its group-level warnings', async () => {
    // (the exception granted above is withdrawn: a decision may clear it)
    expect((await api('PUT', '/api/v1/decisions/2025/KM-04', { body: { capException: null } })).status).toBe(200);
    const raw = rawReport('KM-04', 2025);
    const none = await put('KM-04', raw);
    expect(none.status).toBe(422);
    expect(none.body.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['justifications.member.excellent-cap', 'justifications.member.staff.excellent-cap']);
    expect(none.body.errors[0].message).toContain('Xuất sắc');
    const blank = await put('KM-04', { ...raw, justifications: { 'member.excellent-cap': '   ' } });
    expect(blank.status).toBe(422);
    const covered = await put('KM-04', { ...raw, justifications: { 'member.excellent-cap': 'Đơn vị tiêu biểu của Khối.' } });
    expect(covered.status, JSON.stringify(covered.body)).toBe(200);
  });
});
