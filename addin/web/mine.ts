/**
 * The unit's own page: its status for the year (not sent, sent, returned with the reason, approved, locked),
 * the history of its versions (time, sender, counts), any version as .xlsx, two versions side by side with the
 * changed cells marked, and the decisions the level above recorded for its rows.
 */
import { bieu01Sheet, LEVEL_LABEL, LEVELS, SUBJECT_LABEL, SUBJECTS, UNRATED_REASONS, type DecisionRecord, type ReportRecord, type UnitReport } from '../../shared';
import { ApiCallError } from '../api-client';
import { GROUP_LABEL } from '../../shared/rules/labels';
import { $, button, downloadSheets, el, heading, say, table, val } from './dom';
import { dateTime, enc, errorText, req, session, t } from './session';

let current: { year: number; unit: string; record: ReportRecord | null; name: string } | null = null;
const versions = new Map<number, UnitReport>();

async function version(year: number, unit: string, v: number): Promise<UnitReport> {
  const have = versions.get(v);
  if (have) return have;
  const r = await req<ReportRecord>('GET', `/api/v1/reports/${year}/${enc(unit)}?version=${v}`);
  versions.set(v, r.report);
  return r.report;
}

/** The rows of a Biểu 01 as label → cells: subjects and member groups × total, unrated reasons, levels. */
function rowsOf(r: UnitReport): { label: string; cells: (number | null)[] }[] {
  const out: { label: string; cells: (number | null)[] }[] = [];
  for (const s of SUBJECTS) {
    const x = r.tallies[s];
    out.push({ label: SUBJECT_LABEL[s][session.lang], cells: [x.total, ...UNRATED_REASONS.map((u) => x.unrated[u] ?? 0), ...LEVELS.map((l) => x.levels[l])] });
    if (s === 'member') {
      for (const g of ['leader', 'manager', 'staff'] as const) {
        const lv = r.tallies.member.groups?.[g];
        out.push({ label: `— ${GROUP_LABEL[g][session.lang]}`, cells: [null, ...UNRATED_REASONS.map(() => null), ...LEVELS.map((l) => (lv ? lv[l] : null))] });
      }
    }
  }
  return out;
}

const head = () => [t().content, t().total, ...UNRATED_REASONS.map((u) => t().unratedShort[u]), ...LEVELS.map((l) => LEVEL_LABEL[l].short)];

/** Two versions side by side; every cell that differs is marked in both. */
function compareView(a: { v: number; r: UnitReport }, b: { v: number; r: UnitReport }) {
  const ra = rowsOf(a.r);
  const rb = rowsOf(b.r);
  let changed = 0;
  const side = (rows: typeof ra, other: typeof ra, v: number, id: string) => {
    const tb = table(
      head(),
      rows.map((row, i) => [row.label, ...row.cells.map((c, j) => {
        const diff = c !== (other[i]?.cells[j] ?? null);
        return el('span', { class: diff ? 'changed' : undefined, text: c === null ? '' : String(c), title: diff ? t().changedCell : undefined });
      })]),
      { id, caption: t().versionN(v) },
    );
    return tb;
  };
  ra.forEach((row, i) => row.cells.forEach((c, j) => (changed += c !== (rb[i]?.cells[j] ?? null) ? 1 : 0)));
  return el('div', {}, el('p', { id: 'compare-summary', text: t().changedCells(changed, a.v, b.v) }), el('div', { class: 'side' }, side(ra, rb, a.v, 'cmp-left'), side(rb, ra, b.v, 'cmp-right')));
}

function statusLine(rec: ReportRecord | null, lockedBy: string | null): HTMLElement {
  const tx = t();
  // a locked year says so first, whether or not the unit sent (a unit that did not send can no longer send)
  const lock = rec?.lockedBy ?? lockedBy;
  if (lock) return el('p', { class: 'state state-locked', id: 'mine-state', text: tx.stateLocked(lock, rec?.status ? tx.status[rec.status] ?? '' : tx.status.missing ?? '') });
  if (!rec) return el('p', { class: 'state state-missing', id: 'mine-state', text: tx.stateMissing });
  if (rec.stale) return el('p', { class: 'state state-missing', id: 'mine-state', text: tx.stateStale(rec.latest ?? rec.version) });
  if (rec.status === 'returned') return el('p', { class: 'state state-returned', id: 'mine-state' }, el('strong', { text: tx.stateReturned }), ' ', el('span', { id: 'mine-reason', text: rec.reason ?? '' }));
  if (rec.status === 'approved') return el('p', { class: 'state state-approved', id: 'mine-state', text: tx.stateApproved(rec.latest ?? rec.version) });
  return el('p', { class: 'state state-submitted', id: 'mine-state', text: tx.stateSubmitted(rec.latest ?? rec.version, dateTime(rec.receivedAt)) });
}

function decisionsView(rec: ReportRecord | null, d: DecisionRecord | null): HTMLElement {
  const box = el('div', { id: 'mine-decisions' }, heading(t().decisionsTitle));
  if (!d) {
    box.append(el('p', { class: 'muted', text: t().noDecision }));
    return box;
  }
  const rows: (string | HTMLElement)[][] = [];
  for (const s of ['organization', 'committee', 'branch'] as const) {
    const dec = d.tallies[s];
    if (!dec) continue;
    const prop = rec?.report.tallies[s];
    rows.push([SUBJECT_LABEL[s][session.lang], t().proposal, ...LEVELS.map((l) => (prop ? String(prop.levels[l]) : ''))]);
    // a decided level that differs from the proposal is marked, as changed cells are
    rows.push(['', t().decision, ...LEVELS.map((l) => el('span', { class: prop && prop.levels[l] !== dec.levels[l] ? 'changed' : undefined, text: String(dec.levels[l]) }))]);
  }
  if (rows.length) box.append(table(['', '', ...LEVELS.map((l) => LEVEL_LABEL[l].short)], rows));
  if (d.capException) box.append(el('p', { text: t().capExceptionText(d.capException.ratio * 100, d.capException.reason) }));
  box.append(el('p', { class: 'muted', text: t().decidedAt(d.version, dateTime(d.decidedAt), d.note ?? '') }));
  return box;
}

export async function showMine() {
  const year = Number(val('m-year'));
  const unit = val('m-unit') || session.who?.unit || '';
  const box = $('mine');
  box.textContent = '';
  versions.clear();
  if (!unit) return say('mine-status', t().needUnit, true);
  say('mine-status', t().working);
  try {
    const [rec, dec, info, period] = await Promise.all([
      req<ReportRecord>('GET', `/api/v1/reports/${year}/${enc(unit)}`).catch((e) => (e instanceof ApiCallError && e.status === 404 ? null : Promise.reject(e))),
      req<DecisionRecord>('GET', `/api/v1/decisions/${year}/${enc(unit)}`).catch(() => null),
      req<{ name: string }>('GET', `/api/v1/units/${enc(unit)}`),
      req<{ lockedBy: string | null }>('GET', `/api/v1/periods/${year}/${enc(unit)}`).catch(() => ({ lockedBy: null })),
    ]);
    current = { year, unit, record: rec, name: info.name };
    if (rec) versions.set(rec.version, rec.report);
    box.append(el('h2', { text: `${info.name} (${unit}) — ${t().yearN(year)}` }), statusLine(rec, period.lockedBy));
    if (rec) {
      box.append(heading(t().historyTitle));
      const hist = [...rec.history].reverse();
      box.append(
        table(
          [t().versionCol, t().time, t().sender, t().members, ...LEVELS.map((l) => LEVEL_LABEL[l].short), ''],
          hist.map((h) => [
            String(h.version),
            dateTime(h.receivedAt),
            h.by ? `${h.by.unit} (${t().roleName[h.by.role]})` : t().rootAdmin,
            String(h.counts?.member?.total ?? ''),
            ...LEVELS.map((l) => String(h.counts?.member?.[l] ?? '')),
            button(t().downloadVersion, () => void downloadVersion(h.version), { label: `${t().downloadVersion} ${h.version}` }),
          ]),
          { id: 'mine-history' },
        ),
      );
      if (rec.history.length > 1) {
        const opts = (sel: number) => hist.map((h) => el('option', { value: String(h.version), selected: h.version === sel, text: t().versionN(h.version) }));
        const a = el('select', { id: 'cmp-a', 'aria-label': t().compareA }, ...opts(hist[1]!.version));
        const b = el('select', { id: 'cmp-b', 'aria-label': t().compareB }, ...opts(hist[0]!.version));
        box.append(heading(t().compareTitle), el('div', { class: 'actions' }, a, b, button(t().compare, () => void compare(), { id: 'btn-compare' })), el('div', { id: 'mine-compare' }));
      }
    }
    box.append(decisionsView(rec, dec));
    say('mine-status', '');
  } catch (e) {
    say('mine-status', errorText(e), true);
  }
}

async function compare() {
  if (!current) return;
  const a = Number($<HTMLSelectElement>('cmp-a').value);
  const b = Number($<HTMLSelectElement>('cmp-b').value);
  try {
    const [ra, rb] = await Promise.all([version(current.year, current.unit, a), version(current.year, current.unit, b)]);
    const out = $('mine-compare');
    out.textContent = '';
    out.append(compareView({ v: Math.min(a, b), r: a < b ? ra : rb }, { v: Math.max(a, b), r: a < b ? rb : ra }));
  } catch (e) {
    say('mine-status', errorText(e), true);
  }
}

async function downloadVersion(v: number) {
  if (!current) return;
  try {
    const report = await version(current.year, current.unit, v);
    const spec = bieu01Sheet({ year: current.year, unit: current.unit, unitName: current.name, report });
    await downloadSheets(`bieu01-${current.unit}-${current.year}-v${v}.xlsx`, [spec]);
  } catch (e) {
    say('mine-status', errorText(e), true);
  }
}
