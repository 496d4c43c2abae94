/**
 * The task pane and the ribbon commands, in one shared runtime: the commands and the pane share the findings
 * and the justifications. Thin: state and rules come from addin/state.ts and shared/, Excel access from
 * addin/excel/workbook.ts.
 *
 * The shared runtime loads this page hidden when a ribbon button is clicked before the pane was ever opened, so
 * every command shows its outcome itself: the pane is opened (showAsTaskpane) on an error or when there are
 * findings to act on, at the tab the command belongs to; Kiểm tra activates its results sheet, Lấy tổng hợp and
 * Chèn biểu mẫu the sheet they wrote. `event.completed()` is always called, also after a network timeout.
 */
import { reportingYearAt, type Finding } from '../../shared';
import { apiClient, ApiCallError, type ApiClient } from '../api-client';
import { COMMAND_IDS, type CommandId } from '../command-ids';
import { fillFromRoster, insertTemplate, loadJustifications, pull, saveJustifications, submit, validate, WorkbookError } from '../excel/workbook';
import { templateFor } from '../register';
import { unjustifiedLabels } from '../state';
import { DOCX_TYPE, saveFile } from '../ui/download';
import { renderFindings as renderFindings_ } from '../ui/findings-view';
import { STRINGS, type Lang } from '../strings';

type Tab = 'check' | 'consolidate' | 'settings';
type Action = CommandId | 'fill' | 'docx';
/** The tab whose status line an action writes to. */
const TAB_OF: Record<Action, Tab> = { validate: 'check', submit: 'check', fill: 'check', insertTemplate: 'check', pull: 'consolidate', docx: 'consolidate' };
const STATUS_OF: Record<Tab, string> = { check: 'status', consolidate: 'status2', settings: 'status3' };
/** Roles whose keys may pull the consolidated tables (GET /api/v1/consolidated needs reviewer). */
const PULL_ROLES = new Set(['reviewer', 'admin']);

/* ---- 1. Ribbon commands: registered first, before any DOM work, so that a failing page never leaves the ribbon dead. */
let uiReady: (ok: boolean) => void = () => undefined;
const ready = new Promise<boolean>((resolve) => (uiReady = resolve));

function registerCommands() {
  if (typeof Office === 'undefined' || !Office.actions?.associate) return;
  for (const id of COMMAND_IDS) {
    Office.actions.associate(id, async (event: Office.AddinCommands.Event) => {
      try {
        await ready;
        await command(id);
      } catch {
        /* command() reports its own failures */
      } finally {
        event.completed();
      }
    });
  }
}
registerCommands();

/* ---- 2. Settings: per user, in the add-in's own storage (partitioned in Excel on the web), never in the workbook. */
interface Settings {
  server: string;
  key: string;
  lang: Lang;
  year: number;
  unit: string;
  unitName: string;
}

const STORE = 'xeploai.settings';
/** Office.context.partitionKey in Excel on the web (the pane is a third-party iframe there): without it the storage is not kept. */
function storeKey(): string {
  let partition: string | undefined;
  try {
    partition = Office.context?.partitionKey;
  } catch {
    /* outside Office */
  }
  return partition ? `${partition}${STORE}` : STORE;
}

function defaults(): Settings {
  return { server: location.origin, key: '', lang: 'vi', year: reportingYearAt(new Date()), unit: '', unitName: '' };
}

function loadSettings(): Settings {
  try {
    return { ...defaults(), ...(JSON.parse(localStorage.getItem(storeKey()) ?? '{}') as Partial<Settings>) };
  } catch {
    return defaults();
  }
}

/** False when the browser refuses storage (blocked third-party storage, private mode, quota). */
function saveSettings(): boolean {
  try {
    localStorage.setItem(storeKey(), JSON.stringify(settings));
    return true;
  } catch {
    return false;
  }
}

let settings = defaults();
let role: string | null = null;
let findings: Finding[] = [];
let checked = false;
const typed: Record<string, string> = {};
const t = () => STRINGS[settings.lang];
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function translate() {
  document.documentElement.lang = settings.lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const v = t()[el.dataset.t as keyof ReturnType<typeof t>];
    if (typeof v === 'string') el.textContent = v;
  }
  $('pull-for').textContent = t().pullFor(settings.unit, settings.year);
}

function say(id: string, text: string, error = false) {
  const el = $(id);
  el.textContent = text;
  el.className = error ? 'error' : '';
}

function showTab(tab: Tab) {
  for (const other of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
    other.setAttribute('aria-selected', String(other.dataset.tab === tab));
    $(`tab-${other.dataset.tab}`).hidden = other.dataset.tab !== tab;
  }
}

/** Opens the pane (a no-op when it is open) at the given tab. */
async function showPane(tab: Tab) {
  showTab(tab);
  try {
    await Office.addin.showAsTaskpane();
  } catch {
    /* not in a shared runtime: the pane is the page itself */
  }
}

function errorText(e: unknown): string {
  if (e instanceof ApiCallError) return e.errors.map((x) => (x.hint ? `${x.message} ${x.hint}` : x.message)).join(' ');
  if (e instanceof WorkbookError) return e.code === 'workbook-protected' ? t().workbookProtected : t().noTemplate;
  return e instanceof Error ? e.message : String(e);
}

async function selectCell(cell: string) {
  const at = cell.lastIndexOf('!');
  if (at <= 0) return;
  const sheet = cell.slice(0, at);
  const addr = cell.slice(at + 1);
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(addr.split(':')[0]).select();
    await ctx.sync();
  });
}

/** Justifications typed are kept in the workbook (document settings), a moment after the last keystroke. */
let keepTimer: ReturnType<typeof setTimeout> | undefined;
function keepJustifications() {
  clearTimeout(keepTimer);
  keepTimer = setTimeout(() => {
    Excel.run((ctx) => saveJustifications(ctx, typed)).catch(() => say('status', t().keptFailed, true));
  }, 500);
}

function renderFindings() {
  renderFindings_($('findings'), findings, { lang: settings.lang, typed, checked, onSelect: (cell) => void selectCell(cell), onType: keepJustifications });
}

const api = (): ApiClient => {
  if (!settings.server || !settings.key) throw new Error(t().needSettings);
  return apiClient({ baseUrl: settings.server, key: settings.key, lang: settings.lang });
};

interface Outcome {
  text: string;
  /** Something the user has to act on (findings, a refusal): the pane opens for a ribbon command. */
  attention: boolean;
  notes?: string[];
}

const actNeeded = (list: Finding[]) => list.some((f) => f.severity === 'error' || f.severity === 'warning');

/** Every action: the same code from the pane's buttons and from the ribbon. */
const actions: Record<Action, (ribbon: boolean) => Promise<Outcome>> = {
  validate: (ribbon) =>
    Excel.run(async (ctx) => {
      const res = await validate(ctx, {}, settings.lang, { activate: ribbon });
      for (const [k, v] of Object.entries(res.justifications)) if (!(k in typed)) typed[k] = v;
      findings = res.findings;
      checked = true;
      renderFindings();
      const notes = [...(res.protectedSheets.length ? [t().protectedSheets(res.protectedSheets)] : []), ...(res.noResultsSheet ? [t().noResultsSheet] : [])];
      return { text: t().checkedAt(findings.length), attention: actNeeded(findings) || notes.length > 0, notes };
    }),
  submit: () =>
    Excel.run(async (ctx) => {
      // the server settings are needed only once the report may be sent: errors and justifications come first
      const lazy = { putReport: (...args: Parameters<ApiClient['putReport']>) => api().putReport(...args) } as ApiClient;
      const res = await submit(ctx, lazy, typed, { server: settings.server });
      findings = res.findings;
      checked = true;
      renderFindings();
      if (res.ok) return { text: t().sent(res.receipt.version, new Date(res.receipt.receivedAt).toLocaleString(settings.lang === 'vi' ? 'vi-VN' : 'en-GB')), attention: true };
      if ('error' in res) throw res.error;
      const gate = res.blocked;
      if ('noTemplate' in gate) throw new Error(t().blockedNoTemplate);
      if (gate.ok) throw new Error(t().blockedNoTemplate);
      throw new Error(gate.errors ? t().blockedErrors(gate.errors) : t().blockedJustify(unjustifiedLabels(findings, gate.unjustified, settings.lang)));
    }),
  pull: async () => {
    if (role !== null && !PULL_ROLES.has(role)) throw new Error(t().rolePull);
    const client = api();
    return Excel.run(async (ctx) => {
      const res = await pull(ctx, client, settings.year, settings.unit);
      return { text: t().pulled(res.sheet, res.kept), attention: false };
    });
  },
  insertTemplate: async () => {
    // the unit, its name, kind and superior from the register (via the key), else as typed; never a placeholder code
    const opts = await templateFor(settings.server && settings.key ? api() : null, { year: settings.year, unit: settings.unit, unitName: settings.unitName });
    return Excel.run(async (ctx) => ({ text: t().inserted(await insertTemplate(ctx, opts)), attention: false }));
  },
  /** Tải báo cáo .docx: the year's report, generated by the Worker from the same view as the sheet. */
  docx: async () => {
    if (role !== null && !PULL_ROLES.has(role)) throw new Error(t().rolePull);
    const file = `bao-cao-${settings.unit}-${settings.year}.docx`;
    saveFile(file, await api().consolidatedDocx(settings.year, settings.unit), DOCX_TYPE);
    return { text: t().docxSaved(file), attention: false };
  },
  fill: () =>
    Excel.run(async (ctx) => {
      const res = await fillFromRoster(ctx);
      return { text: t().filled(res.written, res.locked), attention: res.locked.length > 0 };
    }),
};

/** Why some findings are not marked in the workbook (protection): one line each, under the status. */
function showNotes(notes: string[]) {
  const box = $('notes');
  box.textContent = '';
  for (const n of notes) {
    const p = document.createElement('p');
    p.className = 'note';
    p.textContent = n;
    box.appendChild(p);
  }
}

/** One action at a time: the buttons are disabled while one runs, and ribbon clicks wait their turn. */
let queue: Promise<unknown> = Promise.resolve();
function setBusy(busy: boolean) {
  for (const b of document.querySelectorAll<HTMLButtonElement>('.actions button')) b.disabled = busy;
}

/** Runs an action, writes its outcome to the status line of its tab; true when the user should see the pane. */
function run(action: Action, ribbon = false): Promise<boolean> {
  const next = queue.then(async () => {
    const status = STATUS_OF[tabFor(action)];
    setBusy(true);
    say(status, t().working);
    try {
      const out = await actions[action](ribbon);
      say(status, out.text, false);
      if (TAB_OF[action] === 'check') showNotes(out.notes ?? []);
      return out.attention;
    } catch (e) {
      say(status, errorText(e), true);
      return true;
    } finally {
      setBusy(false);
    }
  });
  queue = next.catch(() => undefined);
  return next;
}

/** A ribbon command: run it, then open the pane at its tab when there is something to see or do. */
async function command(id: CommandId) {
  const attention = await run(id, true);
  // Gửi số liệu always answers in the pane (the receipt, or why not); the others when needed
  if (attention || id === 'submit') await showPane(tabFor(id));
}

/** The tab an action reports on: Lấy tổng hợp on Settings while the key's role does not allow it (or is unknown). */
function tabFor(action: Action): Tab {
  return (action === 'pull' || action === 'docx') && !(role !== null && PULL_ROLES.has(role)) ? 'settings' : TAB_OF[action];
}

/* ---- 3. The page. */
function bind() {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) tab.addEventListener('click', () => showTab(tab.dataset.tab as Tab));
  $('btn-validate').addEventListener('click', () => void run('validate'));
  $('btn-submit').addEventListener('click', () => void run('submit'));
  $('btn-fill').addEventListener('click', () => void run('fill'));
  $('btn-insert').addEventListener('click', () => void run('insertTemplate'));
  $('btn-pull').addEventListener('click', () => void run('pull'));
  $('btn-docx').addEventListener('click', () => void run('docx'));
  $('btn-save').addEventListener('click', () => {
    const saved = readForm();
    say('status3', saved ? t().saved : t().storageFailed, !saved);
  });
  fillForm();
}

function fillForm() {
  $<HTMLInputElement>('in-server').value = settings.server;
  $<HTMLInputElement>('in-key').value = settings.key;
  $<HTMLSelectElement>('in-lang').value = settings.lang;
  $<HTMLInputElement>('in-year').value = String(settings.year);
  $<HTMLInputElement>('in-unit').value = settings.unit;
  $<HTMLInputElement>('in-unit-name').value = settings.unitName;
}

/** Who the key is (GET /api/v1/me): its role decides whether Lấy tổng hợp is offered; its unit is the default. */
async function whoAmI() {
  role = null;
  showRole();
  if (!settings.server || !settings.key) return;
  try {
    const me = await api().me();
    role = me.role;
    if (!settings.unit && me.unit) {
      settings.unit = me.unit;
      saveSettings();
      $<HTMLInputElement>('in-unit').value = me.unit;
      translate();
    }
  } catch {
    /* offline or a wrong key: Lấy tổng hợp stays hidden, the command says why when used */
  }
  showRole();
}

function showRole() {
  const allowed = role !== null && PULL_ROLES.has(role);
  const tab = document.querySelector<HTMLButtonElement>('[data-tab="consolidate"]')!;
  tab.hidden = !allowed;
  if (!allowed && tab.getAttribute('aria-selected') === 'true') showTab('check');
}

function readForm(): boolean {
  settings = {
    server: $<HTMLInputElement>('in-server').value.trim(),
    key: $<HTMLInputElement>('in-key').value.trim(),
    lang: $<HTMLSelectElement>('in-lang').value === 'en' ? 'en' : 'vi',
    year: Number($<HTMLInputElement>('in-year').value) || settings.year,
    unit: $<HTMLInputElement>('in-unit').value.trim(),
    unitName: $<HTMLInputElement>('in-unit-name').value.trim(),
  };
  const saved = saveSettings();
  translate();
  renderFindings();
  void whoAmI();
  return saved;
}

Office.onReady(async (info) => {
  try {
    settings = loadSettings();
    translate();
    if (info.host !== Office.HostType.Excel) {
      // outside Office (a browser, a test): say where this belongs
      $('outside').hidden = false;
      return;
    }
    $('app').hidden = false;
    bind();
    renderFindings();
    void whoAmI();
    try {
      Object.assign(typed, await Excel.run((ctx) => loadJustifications(ctx)));
    } catch {
      /* an older host: the justifications are typed again */
    }
  } finally {
    uiReady(true);
  }
});

/** For tests: the commands this page registers (the manifest test compares them with <FunctionName>). */
export const REGISTERED_COMMANDS = COMMAND_IDS;
