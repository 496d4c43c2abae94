import { Hono } from 'hono';
import { UnitsInput, type UnitInput } from '../../shared';
import { authorizeUnit, principal, requireRole } from '../auth';
import { audit } from '../db/audit';
import { childrenOf, getUnit, predecessorStatements, rebuildClosure, refreshStale, registerSnapshot, upsertUnits, type RegisterEntry, type UnitRowDb } from '../db/units';
import { lockedYearsNote } from '../db/periods';
import type { AppEnv } from '../env';
import { ApiError, envelope, errorItem, guardError, type ErrorItem } from '../errors';
import { descendantsOf, registerOf, registerUnits } from '../db/page';
import { nowIso, parseBody, unitParam } from '../http';

const view = (u: UnitRowDb) => ({ code: u.code, name: u.name, parent: u.parent, kind: u.kind, type: u.type, from: u.from_year, to: u.to_year });

/**
 * Everything wrong with a register change, over the register as it would become: duplicates, unknown
 * parents, cycles, scope, lineage.
 * Scope: a unit that exists may only be changed by an admin whose subtree holds it both before and after
 * the change (so no admin can pull a sibling, or another bloc, under itself); a new unit must land inside it;
 * an admin may rename its own unit but not move it.
 */
function registerErrors(units: UnitInput[], snapshot: Awaited<ReturnType<typeof registerSnapshot>>, scope: string | null): ErrorItem[] {
  const existing = snapshot.units;
  const errors: ErrorItem[] = [];
  const seen = new Set<string>();
  units.forEach((u, i) => {
    if (seen.has(u.code)) errors.push(errorItem('unit.duplicate', { unit: u.code }, ['units', i, 'code']));
    seen.add(u.code);
  });
  const after = new Map(existing);
  for (const u of units) after.set(u.code, { parent: u.parent, from: u.from ?? null, to: u.to ?? null });
  /** The chain above `code` in a register; null if it has a cycle. */
  const holds = (reg: Map<string, RegisterEntry>, code: string): boolean | null => {
    let inScope = scope === null || code === scope;
    const chain = [code];
    let at = reg.get(code)?.parent ?? null;
    while (at !== null) {
      if (at === scope) inScope = true;
      if (chain.includes(at)) return null;
      chain.push(at);
      at = reg.get(at)?.parent ?? null;
    }
    return inScope;
  };
  units.forEach((u, i) => {
    if (u.parent !== null && !after.has(u.parent)) {
      errors.push(errorItem('unit.unknown-parent', { unit: u.code, parent: u.parent }, ['units', i, 'parent']));
      return;
    }
    const inAfter = holds(after, u.code);
    if (inAfter === null) {
      const chain = [u.code];
      let at = u.parent;
      while (at !== null && !chain.includes(at)) {
        chain.push(at);
        at = after.get(at)?.parent ?? null;
      }
      errors.push(errorItem('unit.cycle', { unit: u.code, cycle: [...chain, at].join(' → ') }, ['units', i, 'parent']));
      return;
    }
    const before = existing.get(u.code);
    const inBefore = before ? holds(existing, u.code) : true;
    const movesOwnUnit = scope !== null && u.code === scope && before !== undefined && before.parent !== u.parent;
    if (!inAfter || !inBefore || movesOwnUnit) errors.push(errorItem('unit.out-of-scope', { unit: u.code }, ['units', i]));
  });
  // lineage: known codes, not itself, each predecessor's report to one successor only
  const claimedBy = new Map<string, string>();
  for (const [unit, preds] of snapshot.predecessors) if (!seen.has(unit)) for (const p of preds) claimedBy.set(p, unit);
  units.forEach((u, i) => {
    (u.predecessors ?? []).forEach((p, j) => {
      const path = ['units', i, 'predecessors', j];
      if (p === u.code) errors.push(errorItem('unit.predecessor-self', { unit: u.code }, path));
      else if (!after.has(p)) errors.push(errorItem('unit.predecessor-unknown', { unit: u.code, predecessor: p }, path));
      else if (claimedBy.has(p) && claimedBy.get(p) !== u.code) errors.push(errorItem('unit.predecessor-claimed', { predecessor: p, other: claimedBy.get(p)! }, path));
      else claimedBy.set(p, u.code);
    });
  });
  return errors;
}

const FIELDS = ['name', 'parent', 'kind', 'type', 'from', 'to', 'predecessors'] as const;

/** The fields a register row changes (predecessors only when given: absent keeps the list). */
function changedFields(before: UnitInput, after: UnitInput): { field: (typeof FIELDS)[number]; before: unknown; after: unknown }[] {
  const norm = (u: UnitInput, f: (typeof FIELDS)[number]): unknown => {
    if (f === 'predecessors') return [...(u.predecessors ?? [])].sort().join(',');
    return u[f] ?? null;
  };
  return FIELDS.filter((f) => !(f === 'predecessors' && after.predecessors === undefined))
    .filter((f) => norm(before, f) !== norm(after, f))
    .map((f) => ({ field: f, before: f === 'predecessors' ? (before.predecessors ?? []) : (before[f] ?? null), after: f === 'predecessors' ? (after.predecessors ?? []) : (after[f] ?? null) }));
}

/** The lineage rows a request adds and removes (a unit given without `predecessors` keeps its list). */
function lineageChanges(units: UnitInput[], current: Map<string, string[]>): { add: [string, string][]; remove: [string, string][] } {
  const add: [string, string][] = [];
  const remove: [string, string][] = [];
  for (const u of units) {
    if (u.predecessors === undefined) continue;
    const now = new Set(current.get(u.code) ?? []);
    const next = new Set(u.predecessors);
    for (const p of now) if (!next.has(p)) remove.push([u.code, p]);
    for (const p of next) if (!now.has(p)) add.push([u.code, p]);
  }
  return { add, remove };
}

/** Parents before children (a parent may come later in the request; D1 checks the foreign key per row). */
function parentsFirst(units: UnitInput[]): UnitInput[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const depth = new Map<string, number>();
  const depthOf = (u: UnitInput): number => {
    const known = depth.get(u.code);
    if (known !== undefined) return known;
    const parent = u.parent ? byCode.get(u.parent) : undefined;
    const d = parent ? depthOf(parent) + 1 : 0; // hierarchyErrors has ruled out cycles
    depth.set(u.code, d);
    return d;
  };
  return [...units].sort((a, b) => depthOf(a) - depthOf(b));
}

export const units = new Hono<AppEnv>()
  /** Upsert a hierarchy in one call: all or nothing; the closure table is rebuilt in the same batch. */
  .put('/', async (c) => {
    const p = await principal(c);
    requireRole(p, 'admin');
    const body = await parseBody(c, UnitsInput);
    const snapshot = await registerSnapshot(c.env.DB);
    const errors = registerErrors(body.units, snapshot, p.unit);
    // a change outside the key's subtree is a matter of scope (403), whatever else is wrong with it
    if (errors.some((e) => e.code === 'unit.out-of-scope')) throw new ApiError(403, errors.filter((e) => e.code === 'unit.out-of-scope'));
    if (errors.length) throw new ApiError(422, errors);
    const lineage = lineageChanges(body.units, snapshot.predecessors);
    const now = nowIso();
    // one batch: the units, the closure, the lineage, which reports the change made stale, the audit row. The
    // guard triggers refuse it all if it changes a locked year (a move, from/to, kind or lineage).
    try {
      await c.env.DB.batch([
      ...upsertUnits(c.env.DB, parentsFirst(body.units), now),
      ...rebuildClosure(c.env.DB),
      ...predecessorStatements(c.env.DB, lineage.add, lineage.remove),
      refreshStale(c.env.DB),
      audit(c.env.DB, p.keyId, 'units.put', body.units.length === 1 ? (body.units[0] as UnitInput).code : `${body.units.length} units`, { codes: body.units.map((u) => u.code).slice(0, 100) }, now),
      ]);
    } catch (e) {
      const guard = guardError(e, { detail: await lockedYearsNote(c.env.DB, body.units) });
      if (guard) throw guard;
      throw e;
    }
    return c.json({ ok: true, count: body.units.length });
  })
  /** What a PUT of the same body would change and refuse, unit by unit: nothing is written. */
  .post('/preview', async (c) => {
    const db = c.env.DB;
    const p = await principal(c);
    requireRole(p, 'admin');
    const body = await parseBody(c, UnitsInput);
    const snapshot = await registerSnapshot(db);
    const errors = registerErrors(body.units, snapshot, p.unit);
    const stored = await registerUnits(db, body.units.map((u) => u.code));
    const units = body.units.map((u) => {
      const before = stored.get(u.code);
      if (!before) return { code: u.code, state: 'added' as const, changes: [] };
      const changes = changedFields(before, u);
      return { code: u.code, state: changes.length ? ('changed' as const) : ('unchanged' as const), changes };
    });
    const listed = new Set(body.units.map((u) => u.code));
    const tops = body.units.filter((u) => stored.has(u.code) && (u.parent === null || !listed.has(u.parent))).map((u) => u.code);
    const absent = (await descendantsOf(db, tops)).filter((code) => !listed.has(code)).sort();
    const status = errors.some((e) => e.code === 'unit.out-of-scope') ? 403 : errors.length ? 422 : 0;
    return c.json({ ok: true, units, absent, errors: envelope(errors, c.get('lang')).errors, status });
  })
  /** The subtree as the register sheet holds it (parents first), lineage included: the page writes it as .xlsx. */
  .get('/:unit/register', async (c) => {
    const code = unitParam(c);
    await authorizeUnit(c, code, 0, 'reviewer');
    return c.json({ unit: code, units: await registerOf(c.env.DB, code) });
  })
  .get('/:unit', async (c) => {
    const code = unitParam(c);
    const { ctx } = await authorizeUnit(c, code, 0, 'unit');
    const [parent, children] = await Promise.all([ctx.unit.parent ? getUnit(c.env.DB, ctx.unit.parent) : null, childrenOf(c.env.DB, code)]);
    return c.json({ ...view(ctx.unit), parentName: parent?.name ?? null, children: children.map(view) });
  });
