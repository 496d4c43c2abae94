import type { Consolidated, OrgType, PolicyInput, TypeFigures, UnitKind, UnitRow } from '../model';
import { OrgType as OrgTypeSchema, SUBJECTS } from '../model';
import { findRulebook, rulebookFor } from '../rulebooks';
import { resolvePolicy } from '../rules/engine';
import { subjectFigures } from './figures';
import { narrative } from './narrative';
import { addTallies, emptySums } from './sums';

/**
 * Kinds of organisation (loại hình) as blocs report them, in the order their tables print them. The register's
 * `type` is one of these keys (the register refuses others; an older stored value prints as given, after these).
 */
const ORG_TYPE_LABEL: Record<OrgType, string> = {
  'co-quan-dang-doan-the': 'Cơ quan Đảng, MTTQ và đoàn thể',
  'co-quan-nha-nuoc': 'Cơ quan nhà nước',
  'don-vi-su-nghiep': 'Đơn vị sự nghiệp',
  'doanh-nghiep-nha-nuoc': 'Doanh nghiệp nhà nước',
  'doanh-nghiep-ngoai-nha-nuoc': 'Doanh nghiệp ngoài nhà nước',
  'luc-luong-vu-trang': 'Lực lượng vũ trang',
  khac: 'Loại hình khác',
};
export const ORG_TYPES: { type: OrgType; label: string }[] = OrgTypeSchema.options.map((type) => ({ type, label: ORG_TYPE_LABEL[type] }));
export const UNTYPED_LABEL = 'Chưa xác định loại hình';

/**
 * The four subjects by kind of organisation, from the unit rows' tallies (with the level above's decisions
 * applied) and their types. Units that have not reported count in no row; the rows sum to the totals
 * whenever the totals are the sum of the unit rows.
 */
export function byTypeOf(units: UnitRow[], types: Record<string, string | null | undefined> = {}): TypeFigures[] {
  const groups = new Map<string | null, { sums: ReturnType<typeof emptySums>; units: number }>();
  for (const u of units) {
    const t = u.tallies;
    if (!t) continue;
    const type = (u.type ?? types[u.unit] ?? null) || null;
    const g = groups.get(type) ?? { sums: emptySums(), units: 0 };
    addTallies(g.sums, t);
    g.units++;
    groups.set(type, g);
  }
  const known: string[] = ORG_TYPES.map((o) => o.type);
  const order = [...groups.keys()].sort((a, b) => {
    const rank = (x: string | null) => (x === null ? 1e6 : known.includes(x) ? known.indexOf(x) : 1e3);
    return rank(a) - rank(b) || String(a).localeCompare(String(b));
  });
  return order.map((type) => {
    const g = groups.get(type)!;
    const subjects = {} as TypeFigures['subjects'];
    for (const s of SUBJECTS) subjects[s] = subjectFigures(g.sums[s]);
    return { type, label: type === null ? UNTYPED_LABEL : (ORG_TYPES.find((o) => o.type === type)?.label ?? type), units: g.units, subjects };
  });
}

export interface ReportHeader {
  unitName?: string;
  /** The superior party committee (the register's parent), null at the top. */
  parentName?: string | null;
  unitKind?: UnitKind;
  /** code → the register's `type`, for unit rows that do not carry it. */
  types?: Record<string, string | null | undefined>;
}

/** code → name of every unit a view can print: its rows, the units its findings and coverage mention, itself. */
export function unitNamesOf(view: Pick<Consolidated, 'unit' | 'units' | 'unitNames' | 'unitName'>): Record<string, string> {
  return { ...(view.unitNames ?? {}), ...Object.fromEntries(view.units.map((u) => [u.unit, u.name])), ...(view.unitName ? { [view.unit]: view.unitName } : {}) };
}

/**
 * What a printed report needs beyond the figures: the unit's and its superior's names, the regulation's display
 * names, the breakdown by kind of organisation, and the prose with last year's base. The JSON, the sheet and the
 * .docx all take the view from here, so they never disagree.
 */
export function describeConsolidated(view: Consolidated, header: ReportHeader = {}): Consolidated {
  const rulebook = findRulebook(view.year) ?? rulebookFor(view.year);
  const names = unitNamesOf(view);
  return {
    ...view,
    unitName: header.unitName ?? view.unitName,
    parentName: header.parentName !== undefined ? header.parentName : (view.parentName ?? null),
    unitKind: header.unitKind ?? view.unitKind,
    rulebookName: { regulation: rulebook.regulation, guidance: rulebook.guidance },
    byType: byTypeOf(view.units, header.types),
    narrative: narrative(view.subjects, view.year, { coverage: view.coverage, previousBase: view.previousBase, names }),
  };
}

/** The cap ratio in force for a view (for the prose "vượt tỷ lệ 20% quy định"): the policy it applied, else the rulebook's. */
export function capRatioOf(view: Pick<Consolidated, 'year' | 'policy'>, policy?: PolicyInput): number {
  return view.policy?.values.capRatio ?? resolvePolicy(rulebookFor(view.year), policy).capRatio;
}
