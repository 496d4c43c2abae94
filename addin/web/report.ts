/**
 * Tổng hợp and the reviewer's round: the consolidated view (tables, chart, findings, prose, .xlsx), each unit's
 * status with approve / return (a reason is required), the units still missing or returned with an export for
 * reminders, lock and unlock with the checklist of what is open, and the audit trail of the subtree for the year.
 */
import {
  consolidatedSheet,
  consolidatedSheetName,
  formatChangeSigned,
  formatInt,
  formatPercent,
  LEVEL_LABEL,
  LEVELS,
  reminderSheet,
  SUBJECT_LABEL,
  SUBJECTS,
  type AuditEntry,
  type AuditView,
  type Consolidated,
  type StatusView,
} from '../../shared';
import { DOCX_TYPE, saveFile } from '../ui/download';
import { renderFindings } from '../ui/findings-view';
import { $, ask, button, downloadSheets, el, heading, say, table, val } from './dom';
import { api, can, dateTime, enc, errorText, req, session, t } from './session';

interface OpenItem {
  unit: string;
  name: string;
  state: 'missing' | 'returned' | 'submitted' | 'stale';
}
interface PeriodView {
  unit: string;
  year: number;
  locked: boolean;
  lockedBy: string | null;
  open: OpenItem[];
}

let view: Consolidated | null = null;
let status: StatusView | null = null;
let period: PeriodView | null = null;

/** A bar chart of the member levels, as SVG (no library, no CDN). */
function chart(v: Consolidated) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 400 180');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t().chartTitle);
  const m = v.subjects.member;
  const max = Math.max(1, ...LEVELS.map((l) => m.levels[l]));
  LEVELS.forEach((l, i) => {
    const h = (m.levels[l] / max) * 120;
    const rect = document.createElementNS(NS, 'rect');
    Object.entries({ x: 30 + i * 90, y: 140 - h, width: 60, height: h, class: 'bar' }).forEach(([k, val]) => rect.setAttribute(k, String(val)));
    const label = document.createElementNS(NS, 'text');
    Object.entries({ x: 60 + i * 90, y: 158, 'text-anchor': 'middle' }).forEach(([k, val]) => label.setAttribute(k, String(val)));
    label.textContent = LEVEL_LABEL[l].short;
    const value = document.createElementNS(NS, 'text');
    Object.entries({ x: 60 + i * 90, y: 134 - h, 'text-anchor': 'middle' }).forEach(([k, val]) => value.setAttribute(k, String(val)));
    value.textContent = `${formatInt(m.levels[l])} (${formatPercent(m.percent[l], { trim: true })}%)`;
    svg.append(rect, label, value);
  });
  return svg;
}

function unitRows(v: Consolidated) {
  return v.units.map((u) => {
    const st = status?.children.find((c) => c.unit === u.unit);
    const state = st?.status ?? u.status;
    const reason = st?.reason ?? u.reason ?? null;
    const cellState = el('span', {}, el('span', { class: `status-${state}`, text: t().status[state] ?? state }), st?.stale ? el('span', { class: 'muted', text: ` (${t().stale})` }) : null, reason ? el('div', { class: 'reason', text: reason }) : null);
    const actions = el('span', { class: 'row-actions' });
    // approve / return: a reviewer of a unit above, for a unit that sends its own report and has sent it
    if (can('reviewer') && u.version !== null && !status?.locked && u.unit !== v.unit) {
      if (state === 'submitted') actions.append(button(t().approve, () => void decide(u.unit, u.name, 'approve')));
      if (state === 'submitted' || state === 'approved') actions.append(button(t().giveBack, () => void decide(u.unit, u.name, 'return')));
    }
    return [u.unit, u.name, cellState, u.version === null ? '' : String(u.version), u.tallies ? formatInt(u.tallies.member.total) : '', ...LEVELS.map((l) => (u.tallies ? formatInt(u.tallies.member.levels[l]) : '')), String(st?.warnings ?? ''), actions];
  });
}

function renderReport(v: Consolidated) {
  const box = $('report');
  box.textContent = '';
  const cov = el('p', { id: 'coverage', text: `${t().coverage(v.coverage.submitted, v.coverage.expected)}${v.coverage.missing.length ? ` — ${t().missingUnits}: ${v.coverage.missing.join(', ')}` : ''}` });
  box.append(cov, heading(t().subjectsTitle));
  const pct = (p: number | null) => formatPercent(p);
  // the tables' own words follow the language switch like the rest of the page
  const en = session.lang === 'en';
  const H = (vi: string, english: string) => (en ? english : vi);
  const lv = (l: (typeof LEVELS)[number]) => (en ? LEVEL_LABEL[l].en : LEVEL_LABEL[l].short);
  const subj = (s: (typeof SUBJECTS)[number]) => (en ? SUBJECT_LABEL[s].en : SUBJECT_LABEL[s].vi);
  box.append(
    table(
      ['', H('Tổng số', 'Total'), H('Được xếp loại', 'Rated'), ...LEVELS.flatMap((l) => [lv(l), '%']), H('Tốt trở lên', 'Good or better'), '%', H('XS/tốt trở lên %', 'Excellent / good or better %')],
      SUBJECTS.map((s) => {
        const f = v.subjects[s];
        return [subj(s), formatInt(f.total), formatInt(f.rated), ...LEVELS.flatMap((l) => [formatInt(f.levels[l]), pct(f.percent[l])]), formatInt(f.goodOrBetter), pct(f.percent.goodOrBetter), pct(f.percent.excellentOfGoodOrBetter)];
      }),
    ),
  );
  box.append(heading(t().changeTitle));
  box.append(
    table(
      ['', H('Tốt trở lên', 'Good or better'), ...LEVELS.map(lv)],
      SUBJECTS.map((s) => [subj(s), formatChangeSigned(v.subjects[s].change?.goodOrBetter ?? null), ...LEVELS.map((l) => formatChangeSigned(v.subjects[s].change?.[l] ?? null))]),
    ),
  );
  box.append(chart(v));
  box.append(heading(t().unitsTitle));
  box.append(table([H('Mã', 'Code'), H('Đơn vị', 'Unit'), H('Trạng thái', 'Status'), H('Phiên bản', 'Version'), H('Đảng viên', 'Members'), ...LEVELS.map(lv), H('Cảnh báo', 'Warnings'), ''], unitRows(v), { id: 'units-table' }));
  box.append(el('div', { id: 'round' }));
  box.append(heading(t().findingsTitle));
  const fbox = el('div', { id: 'report-findings' });
  renderFindings(fbox, v.findings, { lang: session.lang, typed: {} });
  for (const area of fbox.querySelectorAll('textarea')) area.replaceWith(el('p', { class: 'hint', text: (area as HTMLTextAreaElement).value }));
  box.append(fbox);
  box.append(heading(t().proseTitle));
  const prose = el('div', { class: 'prose', id: 'narrative' });
  for (const p of v.narrative.split('\n\n')) prose.append(el('p', { text: p }));
  box.append(prose);
  box.append(el('div', { id: 'audit' }));
}

/** What is still open, the reminder export, and the lock with its checklist. */
function renderRound() {
  const box = $('round');
  if (!box || !view || !period) return;
  box.textContent = '';
  const tx = t();
  box.append(heading(tx.roundTitle));
  const remind = period.open.filter((o) => o.state !== 'submitted');
  const reasonOf = (unit: string) => status?.children.find((c) => c.unit === unit)?.reason ?? '';
  if (remind.length) {
    box.append(
      el('p', { id: 'remind-summary', text: tx.remindSummary(remind.filter((o) => o.state === 'missing' || o.state === 'stale').length, remind.filter((o) => o.state === 'returned').length) }),
      table([tx.unit, tx.unitName, tx.stateCol], remind.map((o) => [o.unit, o.name, `${tx.openState[o.state]}${o.state === 'returned' && reasonOf(o.unit) ? `: ${reasonOf(o.unit)}` : ''}`]), { id: 'remind-list' }),
      el('div', { class: 'actions' }, button(tx.exportReminders, () => void exportReminders(), { id: 'btn-remind' })),
    );
  } else box.append(el('p', { class: 'ok', id: 'remind-summary', text: tx.nothingMissing }));
  const lockLine = el('p', { id: 'lock-state', class: period.locked ? 'state state-locked' : 'state', text: period.locked ? tx.lockedBy(period.lockedBy ?? '') : tx.notLocked(period.open.length) });
  const actions = el('div', { class: 'actions' });
  if (can('reviewer')) {
    if (!period.locked) actions.append(button(tx.lock, () => void lock(), { id: 'btn-lock', primary: true }));
    else if (period.lockedBy === view.unit) actions.append(button(tx.unlock, () => void unlock(), { id: 'btn-unlock' }));
  }
  box.append(lockLine, actions);
}

function actionText(e: AuditEntry): string {
  const tx = t();
  const d = (e.detail ?? {}) as Record<string, unknown>;
  const reason = typeof d.reason === 'string' ? d.reason : '';
  switch (e.action) {
    case 'reports.put':
      return tx.audit.put(Number(d.version ?? 0));
    case 'status.approve':
      return tx.audit.approve(Number(d.version ?? 0));
    case 'status.return':
      return tx.audit.giveBack(Number(d.version ?? 0), reason);
    case 'periods.lock':
      return d.force ? tx.audit.lockForced(Array.isArray(d.open) ? d.open.length : 0, reason) : tx.audit.lock;
    case 'periods.unlock':
      return tx.audit.unlock(reason);
    case 'decisions.put':
      return tx.audit.decision(Number(d.version ?? 0));
    case 'policy.put':
      return tx.audit.policy;
    case 'keys.create':
      return tx.audit.keyCreate(String(d.unit ?? ''), tx.roleName[d.role as 'unit'] ?? String(d.role ?? ''));
    case 'keys.revoke':
      return tx.audit.keyRevoke(String(d.unit ?? ''));
    case 'units.put':
      return tx.audit.register(Array.isArray(d.codes) ? d.codes.length : 0);
    default:
      return e.action;
  }
}

/** The unit an entry is about: "2025/KM-01" → KM-01; a key's unit rather than its id; nothing for a register change (its text says how many). */
function targetText(e: AuditEntry): string {
  const d = (e.detail ?? {}) as Record<string, unknown>;
  if (e.action.startsWith('keys.')) return String(d.unit ?? '');
  if (e.action === 'units.put') return '';
  return e.target.replace(/^\d{4}\//, '');
}

function renderAudit(a: AuditView) {
  const box = $('audit');
  if (!box) return;
  box.textContent = '';
  box.append(heading(t().auditTitle));
  if (!a.entries.length) return box.append(el('p', { class: 'muted', text: t().auditEmpty }));
  box.append(
    table(
      [t().time, t().actor, t().action, t().target],
      a.entries.map((e) => [dateTime(e.at), e.actor ? `${e.actor.unit} (${t().roleName[e.actor.role]})` : e.keyId === 'bootstrap' ? t().rootAdmin : e.keyId, actionText(e), targetText(e)]),
      { id: 'audit-table' },
    ),
  );
  if (a.more) box.append(el('p', { class: 'muted', text: t().auditMore }));
}

export async function showReport() {
  const year = Number(val('r-year'));
  const unit = val('r-unit') || session.who?.unit || '';
  say('report-status', t().working);
  try {
    const base = `${year}/${enc(unit)}`;
    const [v, st, pe, au] = await Promise.all([
      api().consolidated(year, unit),
      api().status(year, unit).catch(() => null),
      req<PeriodView>('GET', `/api/v1/periods/${base}`).catch(() => null),
      req<AuditView>('GET', `/api/v1/audit/${base}`).catch(() => null),
    ]);
    view = v;
    status = st;
    period = pe;
    renderReport(v);
    renderRound();
    if (au) renderAudit(au);
    $<HTMLButtonElement>('btn-xlsx').disabled = false;
    $<HTMLButtonElement>('btn-docx').disabled = false;
    say('report-status', '');
  } catch (e) {
    say('report-status', errorText(e), true);
  }
}

async function decide(unit: string, name: string, what: 'approve' | 'return') {
  if (!view) return;
  try {
    if (what === 'approve') await api().approve(view.year, unit);
    else {
      const reason = await ask({ title: t().giveBackTitle(name, unit), text: t().giveBackText, reason: t().giveBackReason, ok: t().giveBack });
      if (reason === null) return;
      await api().giveBack(view.year, unit, reason);
    }
    await showReport();
  } catch (e) {
    say('report-status', errorText(e), true);
  }
}

async function lock() {
  if (!view || !period) return;
  const tx = t();
  const open = period.open;
  const reason = await ask({
    title: tx.lockTitle(view.unit, view.year),
    text: open.length ? tx.lockOpenText(open.length) : tx.lockText,
    list: open.map((o) => `${o.unit} — ${o.name}: ${tx.openState[o.state]}`),
    reason: open.length ? tx.lockReason : undefined,
    ok: tx.lock,
  });
  if (reason === null) return;
  try {
    await req('POST', `/api/v1/periods/${view.year}/${enc(view.unit)}/lock`, open.length ? { force: true, reason } : {});
    await showReport();
    say('report-status', tx.lockedNow);
  } catch (e) {
    say('report-status', errorText(e), true);
  }
}

async function unlock() {
  if (!view) return;
  const reason = await ask({ title: t().unlockTitle(view.unit, view.year), text: t().unlockText, reason: t().unlockReason, ok: t().unlock });
  if (reason === null) return;
  try {
    await req('POST', `/api/v1/periods/${view.year}/${enc(view.unit)}/unlock`, { reason });
    await showReport();
    say('report-status', t().unlockedNow);
  } catch (e) {
    say('report-status', errorText(e), true);
  }
}

async function exportReminders() {
  if (!view || !period) return;
  const items = period.open
    .filter((o) => o.state !== 'submitted')
    .map((o) => ({ unit: o.unit, name: o.name, state: t().openState[o.state], reason: status?.children.find((c) => c.unit === o.unit)?.reason ?? '' }));
  await downloadSheets(`nhac-viec-${view.unit}-${view.year}.xlsx`, [reminderSheet(items, { unit: view.unit, year: view.year })]);
}

export async function downloadReport() {
  if (!view) return;
  await downloadSheets(`tong-hop-${view.unit}-${view.year}.xlsx`, [{ ...consolidatedSheet(view), name: consolidatedSheetName(view.unit, view.year) }]);
}

/** The year's report as Word: generated by the Worker from the same view (shared/report), so the page's bundle stays small. */
export async function downloadDocx() {
  if (!view) return;
  say('report-status', t().working);
  try {
    saveFile(`bao-cao-${view.unit}-${view.year}.docx`, await api().consolidatedDocx(view.year, view.unit), DOCX_TYPE);
    say('report-status', '');
  } catch (e) {
    say('report-status', errorText(e), true);
  }
}
