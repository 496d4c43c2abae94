/**
 * The task pane and the ribbon commands, in one shared runtime: the commands and the pane share the findings
 * and the justifications. Thin: state and rules come from addin/state.ts and shared/, Excel access from
 * addin/excel/workbook.ts.
 */
import type { Finding } from '../../shared';
import { apiClient, ApiCallError, type ApiClient } from '../api-client';
import { COMMAND_IDS, type CommandId } from '../command-ids';
import { fillFromRoster, insertTemplate, pull, submit, validate } from '../excel/workbook';
import { templateFor } from '../register';
import { DOCX_TYPE, saveFile } from '../ui/download';
import { renderFindings as renderFindings_ } from '../ui/findings-view';
import { STRINGS, type Lang } from '../strings';

interface Settings {
  server: string;
  key: string;
  lang: Lang;
  year: number;
  unit: string;
  unitName: string;
}

const STORE = 'xeploai.settings';
// per user, in the add-in's storage: never in the workbook, which gets emailed
function loadSettings(): Settings {
  const fallback: Settings = { server: location.origin, key: '', lang: 'vi', year: new Date().getFullYear() - 1, unit: '', unitName: '' };
  try {
    return { ...fallback, ...(JSON.parse(localStorage.getItem(STORE) ?? '{}') as Partial<Settings>) };
  } catch {
    return fallback;
  }
}

let settings = loadSettings();
let findings: Finding[] = [];
const typed: Record<string, string> = {};
const t = () => STRINGS[settings.lang];
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function translate() {
  document.documentElement.lang = settings.lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) {
    const v = t()[el.dataset.t as keyof ReturnType<typeof t>];
    if (typeof v === 'string') el.textContent = v;
  }
}

function say(id: string, text: string, error = false) {
  const el = $(id);
  el.textContent = text;
  el.className = error ? 'error' : '';
}

function errorText(e: unknown): string {
  if (e instanceof ApiCallError) return e.errors.map((x) => (x.hint ? `${x.message} ${x.hint}` : x.message)).join(' ');
  return e instanceof Error ? e.message : String(e);
}

async function selectCell(cell: string) {
  const [sheet, addr] = cell.split('!');
  if (!sheet || !addr) return;
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(addr.split(':')[0]).select();
    await ctx.sync();
  });
}

function renderFindings() {
  renderFindings_($('findings'), findings, { lang: settings.lang, typed, onSelect: (cell) => void selectCell(cell) });
}

const api = () => {
  if (!settings.server || !settings.key) throw new Error(t().needSettings);
  return apiClient({ baseUrl: settings.server, key: settings.key, lang: settings.lang });
};

/** Every action: the same code from the pane's buttons and from the ribbon. */
const actions: Record<CommandId | 'fill' | 'docx', () => Promise<string>> = {
  validate: () =>
    Excel.run(async (ctx) => {
      const res = await validate(ctx, {}, settings.lang);
      findings = res.findings;
      renderFindings();
      return t().checkedAt(findings.length);
    }),
  submit: () =>
    Excel.run(async (ctx) => {
      // the server settings are needed only once the report may be sent: errors and justifications come first
      const lazy = { putReport: (...args: Parameters<ApiClient['putReport']>) => api().putReport(...args) } as ApiClient;
      const res = await submit(ctx, lazy, typed, { server: settings.server });
      findings = res.findings;
      renderFindings();
      if (res.ok) return t().sent(res.receipt.version, new Date(res.receipt.receivedAt).toLocaleString(settings.lang === 'vi' ? 'vi-VN' : 'en-GB'));
      if ('error' in res) throw res.error;
      const gate = res.blocked;
      if (gate.ok) return '';
      throw new Error(gate.errors ? t().blockedErrors(gate.errors) : t().blockedJustify(gate.unjustified));
    }),
  pull: () =>
    Excel.run(async (ctx) => {
      const view = await pull(ctx, api(), settings.year, settings.unit);
      return t().pulled(`Tổng hợp ${view.unit} ${view.year}`);
    }),
  insertTemplate: async () => {
    // the unit, its name, kind and superior from the register (via the key), else as typed; never a placeholder code
    const opts = await templateFor(settings.server && settings.key ? api() : null, { year: settings.year, unit: settings.unit, unitName: settings.unitName });
    if (!opts) throw new Error(t().needUnit);
    return Excel.run(async (ctx) => t().inserted(await insertTemplate(ctx, opts)));
  },
  fill: () => Excel.run(async (ctx) => t().filled(await fillFromRoster(ctx))),
  docx: async () => {
    saveFile(`bao-cao-${settings.unit}-${settings.year}.docx`, await api().consolidatedDocx(settings.year, settings.unit), DOCX_TYPE);
    return '';
  },
};

async function run(action: keyof typeof actions, statusId = 'status') {
  say(statusId, t().working);
  try {
    say(statusId, await actions[action]());
  } catch (e) {
    say(statusId, errorText(e), true);
  }
}

function bind() {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
        other.setAttribute('aria-selected', String(other === tab));
        $(`tab-${other.dataset.tab}`).hidden = other !== tab;
      }
    });
  }
  $('btn-validate').addEventListener('click', () => run('validate'));
  $('btn-submit').addEventListener('click', () => run('submit'));
  $('btn-fill').addEventListener('click', () => run('fill'));
  $('btn-pull').addEventListener('click', () => (readForm(), run('pull', 'status2')));
  $('btn-insert').addEventListener('click', () => (readForm(), run('insertTemplate', 'status2')));
  $('btn-docx').addEventListener('click', () => (readForm(), run('docx', 'status2')));
  $('btn-save').addEventListener('click', () => {
    readForm();
    say('status3', t().saved);
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

/** The unit defaults to the key's own (asked of the server once the key is saved). */
async function defaultUnit() {
  if (settings.unit || !settings.server || !settings.key) return;
  try {
    const me = await api().me();
    if (me.unit) {
      settings.unit = me.unit;
      localStorage.setItem(STORE, JSON.stringify(settings));
      $<HTMLInputElement>('in-unit').value = me.unit;
    }
  } catch {
    /* offline: the unit can be typed */
  }
}

function readForm() {
  settings = {
    server: $<HTMLInputElement>('in-server').value.trim(),
    key: $<HTMLInputElement>('in-key').value.trim(),
    lang: $<HTMLSelectElement>('in-lang').value === 'en' ? 'en' : 'vi',
    year: Number($<HTMLInputElement>('in-year').value) || settings.year,
    unit: $<HTMLInputElement>('in-unit').value.trim(),
    unitName: $<HTMLInputElement>('in-unit-name').value.trim(),
  };
  localStorage.setItem(STORE, JSON.stringify(settings));
  translate();
  renderFindings();
  void defaultUnit();
}

Office.onReady((info) => {
  translate();
  if (info.host !== Office.HostType.Excel) {
    // outside Office (a browser, a test): say where this belongs
    $('outside').hidden = false;
    return;
  }
  $('app').hidden = false;
  bind();
  renderFindings();
  void defaultUnit();
  // ribbon commands: every one reports in the pane and always completes its event
  for (const id of COMMAND_IDS) {
    Office.actions.associate(id, async (event: Office.AddinCommands.Event) => {
      try {
        if (id === 'submit') await Office.addin.showAsTaskpane();
        await run(id);
      } finally {
        event.completed();
      }
    });
  }
});

/** For tests: the commands this page registers (the manifest test compares them with <FunctionName>). */
export const REGISTERED_COMMANDS = COMMAND_IDS;
