import { Hono } from 'hono';
import { consolidateSums, findRulebook, type UnitRow } from '../../shared';
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
  const units: UnitRow[] = data.children.map((ch) => ({
    unit: ch.code,
    name: ch.name,
    status: statusOf(ch),
    version: ch.is_leaf ? ch.version : null,
    tallies: data.childSums.get(ch.code) ?? null,
  }));
  // a unit with no children that year reports for itself: its coverage is its own report
  const leaf = data.children.length === 0;
  const expected = leaf ? 1 : data.children.reduce((n, ch) => n + ch.expected, 0);
  const missing = leaf ? (ctx.status ? [] : [code]) : data.children.flatMap((ch) => ch.missing);
  return c.json(
    consolidateSums({
      unit: code,
      unitName: ctx.unit.name,
      year,
      current: data.current,
      previous: data.previous,
      coverage: { expected, submitted: expected - missing.length, missing },
      units,
      unitFindings: data.warnings,
      policy: ctx.policy?.policy,
    }),
  );
});
