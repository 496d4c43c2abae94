import { Hono } from 'hono';
import { consolidateSums, findRulebook, sumsFromRows, type UnitRow } from '../../shared';
import { requireScope } from '../auth';
import { childSums, subtreeSums, subtreeWarnings } from '../db/consolidated';
import { nearestPolicy } from '../db/policy';
import { childrenStatus, coverage, getUnit, statusOf } from '../db/units';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { unitParam, yearParam } from '../http';

export const consolidated = new Hono<AppEnv>().get('/:year/:unit', async (c) => {
  const db = c.env.DB;
  const year = yearParam(c);
  const code = unitParam(c);
  const unit = await getUnit(db, code);
  if (!unit) throw ApiError.of(404, 'unit.not-found', { unit: code });
  await requireScope(db, c.get('principal'), code, 'reviewer');
  if (!findRulebook(year)) throw ApiError.of(422, 'report.unsupported-year', { year }, ['year']);

  const [current, previous, children, perChild, cov, warnings, policy] = await Promise.all([
    subtreeSums(db, code, year),
    subtreeSums(db, code, year - 1),
    childrenStatus(db, code, year),
    childSums(db, code, year),
    coverage(db, code, year),
    subtreeWarnings(db, code, year),
    nearestPolicy(db, code, year),
  ]);
  // one row per direct child: a reporting unit with its own status, or a consolidating unit with its sums
  const units: UnitRow[] = children.map((ch) => {
    const rows = perChild.get(ch.code);
    return { unit: ch.code, name: ch.name, status: statusOf(ch), version: ch.is_leaf ? ch.version : null, tallies: rows ? sumsFromRows(rows) : null };
  });
  return c.json(
    consolidateSums({
      unit: code,
      unitName: unit.name,
      year,
      current: sumsFromRows(current),
      previous: previous.length ? sumsFromRows(previous) : null,
      coverage: { expected: cov.expected, submitted: cov.expected - cov.missing.length, missing: cov.missing },
      units,
      unitFindings: warnings,
      policy: policy?.policy,
    }),
  );
});
