import { Hono } from 'hono';
import { consolidateSums, findRulebook, sumsFromRows, type UnitRow } from '../../shared';
import { authorizeUnit } from '../auth';
import { consolidatedData } from '../db/consolidated';
import { statusOf } from '../db/units';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { unitParam, yearParam } from '../http';

export const consolidated = new Hono<AppEnv>().get('/:year/:unit', async (c) => {
  const year = yearParam(c);
  const code = unitParam(c);
  const { ctx } = await authorizeUnit(c, code, year, 'reviewer');
  if (!findRulebook(year)) throw ApiError.of(422, 'report.unsupported-year', { year }, ['year']);
  const data = await consolidatedData(c.env.DB, code, year);
  // one row per direct child: a reporting unit with its own status, or a consolidating unit with its sums
  const units: UnitRow[] = data.children.map((ch) => {
    const rows = data.childSums.get(ch.code);
    return { unit: ch.code, name: ch.name, status: statusOf(ch), version: ch.is_leaf ? ch.version : null, tallies: rows ? sumsFromRows(rows) : null };
  });
  return c.json(
    consolidateSums({
      unit: code,
      unitName: ctx.unit.name,
      year,
      current: sumsFromRows(data.current),
      previous: data.previous.length ? sumsFromRows(data.previous) : null,
      coverage: { expected: data.coverage.expected, submitted: data.coverage.expected - data.coverage.missing.length, missing: data.coverage.missing },
      units,
      unitFindings: data.warnings,
      policy: ctx.policy?.policy,
    }),
  );
});
