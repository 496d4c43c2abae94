import { consolidateReports, describeConsolidated, type Consolidated } from '../../shared';
import { loadSample } from './sample';
import { SAMPLE_TYPES } from './sample-types';

export { SAMPLE_TYPES };

/** The sample bloc's consolidated view for a year, with the register's names, kinds and types. */
export function sampleView(year: number, opts: { drop?: string[]; parentName?: string | null } = {}): Consolidated {
  const { input } = loadSample();
  const root = input.units.find((u) => u.code === input.root)!;
  const expected = input.units.filter((u) => u.parent === root.code && (u.from ?? 0) <= year && (u.to ?? 9999) >= year).map((u) => ({ code: u.code, name: u.name }));
  const reports = input.reports[String(year)]!.filter((r) => !opts.drop?.includes(r.unit));
  const view = consolidateReports({ unit: root.code, unitName: root.name, year, reports, previousReports: input.reports[String(year - 1)], expected });
  return describeConsolidated(view, { unitName: root.name, parentName: opts.parentName === undefined ? 'Tỉnh ủy Mẫu' : opts.parentName, unitKind: root.kind, types: SAMPLE_TYPES });
}
