import type { Finding, MemberGroup, Subject, UnitReportDraft, UnratedReason } from '../model';
import { LEVELS, MEMBER_GROUPS, UNRATED_REASONS } from '../model';
import { GROUP_LABEL, LEVEL_LABEL, REASON_LABEL, SUBJECT_LABEL } from '../rules/labels';
import { msg } from '../rules/messages';
import type { ListCounts } from './lists';
import type { CellMap } from './reader';

interface Compared {
  path: string;
  what: string;
  summary: number | null | undefined;
  list: number;
  listCell: string | undefined;
}

/** What a list counts for a subject, field by field, beside what Biểu 01 says. */
function compared(subject: Subject, report: UnitReportDraft, list: ListCounts): Compared[] {
  const t = report.tallies[subject];
  const label = SUBJECT_LABEL[subject].vi;
  const base = `tallies.${subject}`;
  const listUnrated = UNRATED_REASONS.reduce((n, r) => n + (list.unrated[r] ?? 0), 0);
  const rated = LEVELS.reduce((n, l) => n + list.levels[l], 0);
  const out: Compared[] = [
    { path: `${base}.total`, what: `${label} – Tổng số`, summary: t?.total, list: rated + listUnrated, listCell: list.columnRange.name },
  ];
  for (const l of LEVELS) out.push({ path: `${base}.levels.${l}`, what: `${label} – ${LEVEL_LABEL[l].short}`, summary: t?.levels[l], list: list.levels[l], listCell: list.columnRange.level });
  for (const r of UNRATED_REASONS) {
    out.push({ path: `${base}.unrated.${r}`, what: `${label} – Không xếp loại (${REASON_LABEL[r].vi})`, summary: t?.unrated[r as UnratedReason] ?? 0, list: list.unrated[r] ?? 0, listCell: list.columnRange.level });
  }
  const groups = subject === 'member' ? (t as { groups?: Partial<Record<MemberGroup, Record<string, number | null | undefined>>> } | undefined)?.groups : undefined;
  if (subject === 'member' && groups && list.columnRange.group) {
    for (const g of MEMBER_GROUPS) {
      for (const l of LEVELS) {
        out.push({ path: `${base}.groups.${g}.${l}`, what: `${label}, nhóm ${GROUP_LABEL[g].vi} – ${LEVEL_LABEL[l].short}`, summary: groups[g]?.[l] ?? 0, list: list.groups[g][l], listCell: list.columnRange.group });
      }
    }
  }
  return out;
}

const SUBJECT_OF: Record<ListCounts['def']['id'], Subject> = { bieu02: 'member', bieu03: 'branch' };

/**
 * Biểu 01 against the lists that came with it: every difference is a finding at the Biểu 01 cell and one at
 * the list's column, so both places are marked.
 */
export function crossCheck(report: UnitReportDraft, cells: CellMap, lists: ListCounts[], prefix: string): Finding[] {
  const out: Finding[] = [];
  for (const list of lists) {
    const subject = SUBJECT_OF[list.def.id];
    const listName = list.def.id === 'bieu02' ? 'danh sách đảng viên (Biểu 02)' : 'danh sách chi bộ (Biểu 03)';
    for (const c of compared(subject, report, list)) {
      if (typeof c.summary !== 'number' || c.summary === c.list) continue;
      const texts = msg.lists.differs(c.what, c.summary, c.list, listName);
      const common = { rule: 'cross-template' as const, severity: 'error' as const, subject, path: c.path.split('.'), left: c.summary, right: c.list, ...texts };
      out.push({ code: `${prefix}.cross-template.${subject}`, ...common, cell: cells[c.path], ...(c.listCell ? { cells: [c.listCell] } : {}) });
      if (c.listCell) out.push({ code: `${prefix}.cross-template.${list.def.id}`, ...common, cell: c.listCell, ...(cells[c.path] ? { cells: [cells[c.path] as string] } : {}) });
    }
  }
  return out;
}

/** The writes that make Biểu 01 say what the lists count ("Điền từ danh sách"): cell → value. */
export function fillFromLists(report: UnitReportDraft, cells: CellMap, lists: ListCounts[]): { cell: string; value: number | null }[] {
  const out: { cell: string; value: number | null }[] = [];
  for (const list of lists) {
    for (const c of compared(SUBJECT_OF[list.def.id], report, list)) {
      const cell = cells[c.path];
      // unrated cells show blank for none, as staff fill them
      if (cell && c.summary !== c.list) out.push({ cell, value: c.path.includes('.unrated.') && c.list === 0 ? null : c.list });
    }
  }
  return out;
}
