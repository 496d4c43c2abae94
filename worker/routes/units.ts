import { Hono } from 'hono';
import { UnitsInput, type UnitInput } from '../../shared';
import { authorizeUnit, principal, requireRole } from '../auth';
import { audit } from '../db/audit';
import { allParents, childrenOf, getUnit, rebuildClosure, upsertUnits, type UnitRowDb } from '../db/units';
import type { AppEnv } from '../env';
import { ApiError, errorItem, type ErrorItem } from '../errors';
import { nowIso, parseBody, unitParam } from '../http';

const view = (u: UnitRowDb) => ({ code: u.code, name: u.name, parent: u.parent, kind: u.kind, type: u.type, from: u.from_year, to: u.to_year });

/** Unknown parents, cycles and units outside the admin's subtree, over the register as it would become. */
function hierarchyErrors(units: UnitInput[], existing: Map<string, string | null>, scope: string | null): ErrorItem[] {
  const errors: ErrorItem[] = [];
  const seen = new Set<string>();
  units.forEach((u, i) => {
    if (seen.has(u.code)) errors.push(errorItem('unit.duplicate', { unit: u.code }, ['units', i, 'code']));
    seen.add(u.code);
  });
  const parents = new Map(existing);
  for (const u of units) parents.set(u.code, u.parent);
  units.forEach((u, i) => {
    if (u.parent !== null && !parents.has(u.parent)) {
      errors.push(errorItem('unit.unknown-parent', { unit: u.code, parent: u.parent }, ['units', i, 'parent']));
      return;
    }
    const chain = [u.code];
    let at = u.parent;
    let inScope = scope === null || u.code === scope;
    while (at !== null && at !== undefined) {
      if (at === scope) inScope = true;
      if (chain.includes(at)) {
        errors.push(errorItem('unit.cycle', { unit: u.code, cycle: [...chain, at].join(' → ') }, ['units', i, 'parent']));
        return;
      }
      chain.push(at);
      at = parents.get(at) ?? null;
    }
    // an admin may rename its own unit but not move it
    const movesOwnUnit = scope !== null && u.code === scope && existing.get(scope) !== u.parent;
    if (!inScope || movesOwnUnit) errors.push(errorItem('unit.out-of-scope', { unit: u.code }, ['units', i]));
  });
  return errors;
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
    const errors = hierarchyErrors(body.units, await allParents(c.env.DB), p.unit);
    if (errors.length) throw new ApiError(422, errors);
    const now = nowIso();
    await c.env.DB.batch([
      ...upsertUnits(c.env.DB, parentsFirst(body.units), now),
      ...rebuildClosure(c.env.DB),
      audit(c.env.DB, p.keyId, 'units.put', body.units.length === 1 ? (body.units[0] as UnitInput).code : `${body.units.length} units`, { codes: body.units.map((u) => u.code).slice(0, 100) }, now),
    ]);
    return c.json({ ok: true, count: body.units.length });
  })
  .get('/:unit', async (c) => {
    const code = unitParam(c);
    const { ctx } = await authorizeUnit(c, code, 0, 'unit');
    const [parent, children] = await Promise.all([ctx.unit.parent ? getUnit(c.env.DB, ctx.unit.parent) : null, childrenOf(c.env.DB, code)]);
    return c.json({ ...view(ctx.unit), parentName: parent?.name ?? null, children: children.map(view) });
  });
