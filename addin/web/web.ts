/**
 * The web page for units without the add-in, and the bloc's own screens: the same reader, rules and
 * consolidation as the add-in, on an .xlsx read in the browser by the shared file reader (exceljs only writes). Same origin as the API; the key
 * stays in this browser and is checked on sign-in (GET /api/v1/me): the page then offers what its role may do.
 */
import { hasErrors, UnitReport, type Finding, type Role } from '../../shared';
import { checkXlsx, type FileCheck } from '../../shared/xlsx/check';
import { ApiCallError } from '../api-client';
import { submitGate, justificationsFor, unjustifiedLabels } from '../state';
import type { Lang } from '../strings';
import { templateFor } from '../register';
import { renderFindings } from '../ui/findings-view';
import { applyRegister, downloadRegister, downloadRegisterBlank, issueKeys, listKeys, readRegisterFile, savePolicy, showPolicy } from './admin';
import { $, download, loadWriter, say, val } from './dom';
import { showMine } from './mine';
import { downloadDocx, downloadReport, showReport } from './report';
import { api, can, errorText, lastYear, session, t } from './session';

const typed: Record<string, string> = {};
let checked: FileCheck | null = null;

function translate() {
  document.documentElement.lang = session.lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const v = t()[el.dataset.t as keyof ReturnType<typeof t>];
    if (typeof v === 'string') el.textContent = v;
  }
}

// ---------- Đăng nhập ----------

/** Tabs by the least role that may use them (no key: checking a file and the blank template still work). */
function applyRole() {
  const role: Role | null = session.who?.role ?? null;
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
    const need = tab.dataset.role as Role | 'none' | undefined;
    tab.hidden = !(need === 'none' || (need && role && can(need)));
  }
  const selected = document.querySelector<HTMLButtonElement>('[data-tab][aria-selected="true"]');
  if (!selected || selected.hidden) selectTab(document.querySelector<HTMLButtonElement>('[data-tab="submit"]')!);
  $('btn-signout').hidden = !session.key;
  // default the unit fields to the key's unit
  for (const id of ['m-unit', 'r-unit', 'g-unit', 'k-unit', 'p-unit']) {
    const input = $<HTMLInputElement>(id);
    if (session.who?.unit && !input.value) input.value = session.who.unit;
  }
}

function whoText(): string {
  const w = session.who;
  if (!w) return t().signedOut;
  const role = t().roleName[w.role];
  return w.unit ? `${w.name} (${w.unit}) — ${role}` : `${t().rootAdmin} — ${role}`;
}

/** What one key saw is not left for the next: every screen's results are cleared on sign-in and sign-out. */
function clearScreens() {
  // the workbook the last key loaded, its findings and typed justifications: never sent under the next key
  checked = null;
  for (const k of Object.keys(typed)) delete typed[k];
  for (const id of ['file', 'reg-file']) $<HTMLInputElement>(id).value = '';
  $('findings').textContent = '';
  $<HTMLButtonElement>('btn-send').disabled = true;
  // the unit fields go back to the next key's own unit (applyRole fills them)
  for (const id of ['m-unit', 'r-unit', 'g-unit', 'k-unit', 'p-unit']) $<HTMLInputElement>(id).value = '';
  for (const id of ['mine', 'report', 'reg-preview', 'k-issued', 'k-list', 'p-form', 'p-exceptions']) $(id).textContent = '';
  for (const id of ['mine-status', 'report-status', 'reg-status', 'k-status', 'p-status', 'send-status', 'file-status']) say(id, '');
  for (const id of ['btn-xlsx', 'btn-docx', 'btn-reg-apply']) $<HTMLButtonElement>(id).disabled = true;
  $<HTMLButtonElement>('btn-policy-save').hidden = true;
}

async function signIn(key: string) {
  clearScreens();
  const previous = session.key;
  session.key = key;
  say('who', t().checking);
  try {
    const me = await api().me();
    const name = me.unit ? (await api().request<{ name: string }>('GET', `/api/v1/units/${encodeURIComponent(me.unit)}`)).name : '';
    session.who = { keyId: me.keyId, unit: me.unit, role: me.role as Role, name };
    localStorage.setItem('xeploai.key', key);
    say('who', whoText());
  } catch (e) {
    // a wrong or revoked key is said at once and not kept
    session.key = e instanceof ApiCallError && e.status === 401 ? '' : previous;
    session.who = null;
    if (!session.key) localStorage.removeItem('xeploai.key');
    say('who', e instanceof ApiCallError && e.status === 401 ? t().badKey : errorText(e), true);
  }
  applyRole();
}

function signOut() {
  clearScreens();
  session.key = '';
  session.who = null;
  localStorage.removeItem('xeploai.key');
  $<HTMLInputElement>('key').value = '';
  say('who', t().signedOut);
  applyRole();
}

// ---------- Nộp biểu mẫu ----------

function showFindings(findings: Finding[]) {
  renderFindings($('findings'), findings, { lang: session.lang, typed });
  $<HTMLButtonElement>('btn-send').disabled = !checked?.report || hasErrors(findings);
}

async function readFile(file: File) {
  try {
    checked = checkXlsx(new Uint8Array(await file.arrayBuffer()));
  } catch {
    checked = null;
  }
  if (!checked || checked.unreadable) {
    // an unreadable file is an error with its reason, never "no errors"; sending stays disabled
    const findings = checked?.findings ?? [];
    checked = null;
    say('file-status', findings[0] ? `${t().notXlsx(file.name)} ${findings[0].message}` : t().notXlsx(file.name), true);
    showFindings(findings);
    return;
  }
  say('file-status', t().readFile(file.name, checked.report?.unit ?? '', checked.report?.year ?? 0));
  showFindings(checked.findings);
  say('send-status', '');
}

async function send() {
  if (!checked?.report) return;
  if (!session.who) return say('send-status', t().signInFirst, true);
  const gate = submitGate(checked.findings, typed);
  if (!gate.ok) {
    say('send-status', gate.errors ? t().blockedErrors(gate.errors) : t().blockedJustify(unjustifiedLabels(checked.findings, gate.unjustified, session.lang)), true);
    return;
  }
  const parsed = UnitReport.safeParse({ ...checked.report, justifications: justificationsFor(checked.findings, typed) });
  if (!parsed.success) return say('send-status', t().blockedErrors(1), true);
  const r = parsed.data;
  try {
    const receipt = await api().putReport(r.year, r.unit, r);
    say('send-status', t().sent(receipt.version, new Date(receipt.receivedAt).toLocaleString(session.lang === 'vi' ? 'vi-VN' : 'en-GB')));
  } catch (e) {
    say('send-status', errorText(e), true);
  }
}

/**
 * A blank Biểu 01. Signed in, the unit, its name, its kind and its superior come from the register (via the key);
 * otherwise from the fields, and a unit code is required.
 */
async function downloadBlank() {
  const opts = await templateFor(session.key ? api() : null, { year: Number(val('b-year')), unit: val('b-unit'), unitName: val('b-name') });
  $<HTMLInputElement>('b-unit').value = opts.unit;
  $<HTMLInputElement>('b-name').value = opts.unitName;
  say('blank-status', '');
  download(`bieu01-${opts.unit ? `${opts.unit}-` : ''}${opts.year}.xlsx`, await (await loadWriter()).bieu01Xlsx(opts));
}

// ---------- wiring ----------

function selectTab(tab: HTMLButtonElement) {
  for (const other of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
    other.setAttribute('aria-selected', String(other === tab));
    other.tabIndex = other === tab ? 0 : -1;
    $(`tab-${other.dataset.tab}`).hidden = other !== tab;
  }
}

function on(id: string, fn: () => unknown) {
  $(id).addEventListener('click', () => void fn());
}

function init() {
  translate();
  for (const id of ['r-year', 'b-year', 'm-year', 'p-year', 'k-year']) $<HTMLInputElement>(id).value = String(lastYear());
  $<HTMLSelectElement>('lang').value = session.lang;
  $<HTMLInputElement>('key').value = '';
  say('who', t().signedOut);
  $('lang').addEventListener('change', () => {
    session.lang = ($<HTMLSelectElement>('lang').value === 'en' ? 'en' : 'vi') as Lang;
    localStorage.setItem('xeploai.lang', session.lang);
    translate();
    say('who', whoText());
    if (checked) showFindings(checked.findings);
  });
  $('signin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const k = $<HTMLInputElement>('key').value.trim();
    if (!k) return say('who', t().needKey, true);
    void signIn(k);
  });
  on('btn-signout', signOut);
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[data-tab]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => selectTab(tab));
    // arrow keys move between the visible tabs (WAI-ARIA tabs pattern)
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const visible = tabs.filter((x) => !x.hidden);
      const next = visible[(visible.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : visible.length - 1)) % visible.length]!;
      selectTab(next);
      next.focus();
    });
  }
  const file = $<HTMLInputElement>('file');
  file.addEventListener('change', () => file.files?.[0] && void readFile(file.files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => (e.preventDefault(), drop.classList.add('over')));
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer?.files[0];
    if (f) void readFile(f);
  });
  on('btn-send', send);
  on('btn-mine', showMine);
  on('btn-report', showReport);
  on('btn-xlsx', downloadReport);
  on('btn-docx', downloadDocx);
  on('btn-blank', downloadBlank);
  on('btn-reg-blank', downloadRegisterBlank);
  on('btn-reg-download', downloadRegister);
  on('btn-reg-apply', applyRegister);
  const reg = $<HTMLInputElement>('reg-file');
  reg.addEventListener('change', () => reg.files?.[0] && void readRegisterFile(reg.files[0]));
  on('btn-k-issue', issueKeys);
  on('btn-k-list', listKeys);
  $('k-revoked').addEventListener('change', () => void listKeys());
  on('btn-policy', showPolicy);
  on('btn-policy-save', savePolicy);
  applyRole();
  // a key kept from an earlier visit is checked again: a revoked key says so
  if (session.key) {
    $<HTMLInputElement>('key').value = session.key;
    void signIn(session.key);
  }
}

init();
