/**
 * The web page for units without the add-in: the same reader, rules and consolidation as the add-in, on an
 * .xlsx read in the browser by the shared file reader (exceljs only writes). Same origin as the API; the key stays in this browser.
 */
import {
  formatChangeSigned,
  formatInt,
  formatPercent,
  hasErrors,
  LEVEL_LABEL,
  LEVELS,
  SUBJECT_LABEL,
  SUBJECTS,
  UnitReport,
  type Consolidated,
  type Finding,
  type StatusView,
} from '../../shared';
import { apiClient, ApiCallError } from '../api-client';
import { submitGate, justificationsFor, unjustifiedLabels } from '../state';
import { STRINGS, type Lang } from '../strings';
import { templateFor } from '../register';
import { DOCX_TYPE, saveFile } from '../ui/download';
import { renderFindings } from '../ui/findings-view';
import { checkXlsx, type FileCheck } from '../../shared/xlsx/check';

/** The writer (exceljs) is its own bundle (web/writer.js), fetched the first time a download is asked for. */
type Writer = typeof import('../../shared/xlsx/workbook');
const WRITER_URL = '/web/writer.js';
let writer: Promise<Writer> | null = null;
const loadWriter = (): Promise<Writer> => (writer ??= import(/* the separate bundle, not bundled here */ WRITER_URL) as Promise<Writer>);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let lang: Lang = (localStorage.getItem('xeploai.lang') as Lang) || 'vi';
let key = localStorage.getItem('xeploai.key') ?? '';
const t = () => STRINGS[lang];
const api = () => apiClient({ baseUrl: location.origin, key, lang });
const typed: Record<string, string> = {};
let checked: FileCheck | null = null;
let view: Consolidated | null = null;

function say(id: string, text: string, error = false) {
  const el = $(id);
  el.textContent = text;
  el.className = error ? 'error' : '';
}
const errorText = (e: unknown) => (e instanceof ApiCallError ? e.errors.map((x) => (x.hint ? `${x.message} ${x.hint}` : x.message)).join(' ') : e instanceof Error ? e.message : String(e));

function translate() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const v = t()[el.dataset.t as keyof ReturnType<typeof t>];
    if (typeof v === 'string') el.textContent = v;
  }
}

function download(name: string, data: ArrayBuffer | Uint8Array) {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------- Nộp biểu mẫu ----------

function showFindings(findings: Finding[]) {
  renderFindings($('findings'), findings, { lang, typed });
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
  const gate = submitGate(checked.findings, typed);
  if (!gate.ok) {
    say('send-status', gate.errors ? t().blockedErrors(gate.errors) : t().blockedJustify(unjustifiedLabels(checked.findings, gate.unjustified, lang)), true);
    return;
  }
  const parsed = UnitReport.safeParse({ ...checked.report, justifications: justificationsFor(checked.findings, typed) });
  if (!parsed.success) return say('send-status', t().blockedErrors(1), true);
  const r = parsed.data;
  try {
    const receipt = await api().putReport(r.year, r.unit, r);
    say('send-status', t().sent(receipt.version, new Date(receipt.receivedAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')));
  } catch (e) {
    say('send-status', errorText(e), true);
  }
}

// ---------- Tổng hợp ----------

function cell(tag: 'td' | 'th', text: string, cls?: string) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

function table(head: string[], rows: (string | HTMLElement)[][]) {
  const wrap = document.createElement('div');
  wrap.className = 'scroll';
  const tb = document.createElement('table');
  const tr = document.createElement('tr');
  for (const h of head) tr.appendChild(cell('th', h));
  tb.appendChild(tr);
  for (const r of rows) {
    const row = document.createElement('tr');
    r.forEach((v, i) => {
      if (typeof v === 'string') row.appendChild(cell('td', v, i === 0 || !/^[-+]?[\d.,]*$/.test(v) ? 'text' : undefined));
      else {
        const td = document.createElement('td');
        td.appendChild(v);
        row.appendChild(td);
      }
    });
    tb.appendChild(row);
  }
  wrap.appendChild(tb);
  return wrap;
}

function heading(text: string) {
  const h = document.createElement('h2');
  h.textContent = text;
  return h;
}

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

function renderReport(v: Consolidated, status: StatusView | null) {
  const box = $('report');
  box.textContent = '';
  const cov = document.createElement('p');
  cov.id = 'coverage';
  cov.textContent = `${t().coverage(v.coverage.submitted, v.coverage.expected)}${v.coverage.missing.length ? ` — ${t().missingUnits}: ${v.coverage.missing.join(', ')}` : ''}`;
  box.append(cov, heading(t().subjectsTitle));
  const pct = (p: number | null) => formatPercent(p);
  box.appendChild(
    table(
      ['', 'Tổng số', 'Được xếp loại', ...LEVELS.flatMap((l) => [LEVEL_LABEL[l].short, '%']), 'Tốt trở lên', '%', 'XS/tốt trở lên %'],
      SUBJECTS.map((s) => {
        const f = v.subjects[s];
        return [SUBJECT_LABEL[s].vi, formatInt(f.total), formatInt(f.rated), ...LEVELS.flatMap((l) => [formatInt(f.levels[l]), pct(f.percent[l])]), formatInt(f.goodOrBetter), pct(f.percent.goodOrBetter), pct(f.percent.excellentOfGoodOrBetter)];
      }),
    ),
  );
  box.appendChild(heading(t().changeTitle));
  box.appendChild(
    table(
      ['', 'Tốt trở lên', ...LEVELS.map((l) => LEVEL_LABEL[l].short)],
      SUBJECTS.map((s) => [SUBJECT_LABEL[s].vi, formatChangeSigned(v.subjects[s].change?.goodOrBetter ?? null), ...LEVELS.map((l) => formatChangeSigned(v.subjects[s].change?.[l] ?? null))]),
    ),
  );
  box.appendChild(chart(v));
  box.appendChild(heading(t().unitsTitle));
  const rows = v.units.map((u) => {
    const st = status?.children.find((c) => c.unit === u.unit);
    const span = document.createElement('span');
    span.className = `status-${u.status}`;
    span.textContent = t().status[u.status] ?? u.status;
    const actions = document.createElement('span');
    if (st && u.version !== null && (u.status === 'submitted' || u.status === 'approved')) {
      const ok = document.createElement('button');
      ok.textContent = t().approve;
      ok.disabled = u.status === 'approved';
      ok.addEventListener('click', () => void decide(u.unit, 'approve'));
      const back = document.createElement('button');
      back.textContent = t().giveBack;
      back.addEventListener('click', () => void decide(u.unit, 'return'));
      actions.append(ok, ' ', back);
    }
    return [u.unit, u.name, span, u.version === null ? '' : String(u.version), u.tallies ? formatInt(u.tallies.member.total) : '', ...LEVELS.map((l) => (u.tallies ? formatInt(u.tallies.member.levels[l]) : '')), String(st?.warnings ?? ''), actions];
  });
  box.appendChild(table(['Mã', 'Đơn vị', 'Trạng thái', 'Phiên bản', 'Đảng viên', ...LEVELS.map((l) => LEVEL_LABEL[l].short), 'Cảnh báo', ''], rows));
  box.appendChild(heading(t().findingsTitle));
  const fbox = document.createElement('div');
  fbox.id = 'report-findings';
  renderFindings(fbox, v.findings, { lang, typed: {} });
  for (const area of fbox.querySelectorAll('textarea')) area.replaceWith(Object.assign(document.createElement('p'), { className: 'hint', textContent: (area as HTMLTextAreaElement).value }));
  box.appendChild(fbox);
  box.appendChild(heading(t().proseTitle));
  const prose = document.createElement('div');
  prose.className = 'prose';
  prose.id = 'narrative';
  for (const p of v.narrative.split('\n\n')) prose.appendChild(Object.assign(document.createElement('p'), { textContent: p }));
  box.appendChild(prose);
}

async function showReport() {
  const year = Number($<HTMLInputElement>('r-year').value);
  const unit = $<HTMLInputElement>('r-unit').value.trim();
  say('report-status', t().working);
  try {
    const [v, st] = await Promise.all([api().consolidated(year, unit), api().status(year, unit).catch(() => null)]);
    view = v;
    renderReport(v, st);
    $<HTMLButtonElement>('btn-xlsx').disabled = false;
    $<HTMLButtonElement>('btn-docx').disabled = false;
    say('report-status', '');
  } catch (e) {
    say('report-status', errorText(e), true);
  }
}

async function decide(unit: string, what: 'approve' | 'return') {
  if (!view) return;
  try {
    if (what === 'approve') await api().approve(view.year, unit);
    else {
      const reason = prompt(t().giveBackReason) ?? '';
      if (!reason.trim()) return;
      await api().giveBack(view.year, unit, reason);
    }
    await showReport();
  } catch (e) {
    say('report-status', errorText(e), true);
  }
}

async function downloadReport() {
  if (!view) return;
  download(`tong-hop-${view.unit}-${view.year}.xlsx`, await (await loadWriter()).consolidatedXlsx(view));
}

/** The year's report as Word: generated by the Worker from the same view (shared/report), so the page's bundle stays small. */
async function downloadDocx() {
  if (!view) return;
  say('report-status', t().working);
  try {
    saveFile(`bao-cao-${view.unit}-${view.year}.docx`, await api().consolidatedDocx(view.year, view.unit), DOCX_TYPE);
    say('report-status', '');
  } catch (e) {
    say('report-status', errorText(e), true);
  }
}

/**
 * A blank Biểu 01. Signed in, the unit, its name, its kind and its superior come from the register (via the key);
 * otherwise from the fields, and a unit code is required.
 */
async function downloadBlank() {
  const opts = await templateFor(key ? api() : null, {
    year: Number($<HTMLInputElement>('b-year').value),
    unit: $<HTMLInputElement>('b-unit').value.trim(),
    unitName: $<HTMLInputElement>('b-name').value.trim(),
  });
  $<HTMLInputElement>('b-unit').value = opts.unit;
  $<HTMLInputElement>('b-name').value = opts.unitName;
  say('blank-status', '');
  download(`bieu01-${opts.unit ? `${opts.unit}-` : ''}${opts.year}.xlsx`, await (await loadWriter()).bieu01Xlsx(opts));
}

// ---------- wiring ----------

function init() {
  translate();
  const lastYear = new Date().getFullYear() - 1;
  for (const id of ['r-year', 'b-year']) $<HTMLInputElement>(id).value = String(lastYear);
  $<HTMLSelectElement>('lang').value = lang;
  $<HTMLInputElement>('key').value = key;
  say('who', key ? t().signedIn : t().signedOut);
  $('lang').addEventListener('change', () => {
    lang = $<HTMLSelectElement>('lang').value === 'en' ? 'en' : 'vi';
    localStorage.setItem('xeploai.lang', lang);
    translate();
    if (checked) showFindings(checked.findings);
  });
  $('btn-signin').addEventListener('click', () => {
    key = $<HTMLInputElement>('key').value.trim();
    localStorage.setItem('xeploai.key', key);
    say('who', t().signedIn);
  });
  $('btn-signout').addEventListener('click', () => {
    key = '';
    localStorage.removeItem('xeploai.key');
    $<HTMLInputElement>('key').value = '';
    say('who', t().signedOut);
  });
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
        other.setAttribute('aria-selected', String(other === tab));
        $(`tab-${other.dataset.tab}`).hidden = other !== tab;
      }
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
  $('btn-send').addEventListener('click', () => void send());
  $('btn-report').addEventListener('click', () => void showReport());
  $('btn-xlsx').addEventListener('click', () => void downloadReport());
  $('btn-docx').addEventListener('click', () => void downloadDocx());
  $('btn-blank').addEventListener('click', () => void downloadBlank());
}

init();
