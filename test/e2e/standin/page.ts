import ExcelJS from 'exceljs';
import { apiClient } from '../../../addin/api-client';
import { pull, validate } from '../../../addin/excel/workbook';
import { activeSheet, createExcelStandin, protectStructure, settingsOf } from './excel-standin';

const toBytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
function toBase64(bytes: Uint8Array) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Runs one of the add-in's commands over an .xlsx (base64) and returns the saved workbook and the sync count. */
async function standin(b64: string, action: 'validate' | 'pull', args: { year: number; unit?: string; key?: string }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(toBytes(b64).buffer as ArrayBuffer);
  const { context, stats } = createExcelStandin(wb);
  let result: unknown;
  if (action === 'validate') {
    const res = await validate(context, { period: { year: args.year } });
    result = res.findings.map((f) => ({ rule: f.rule, cell: f.cell, severity: f.severity }));
  } else {
    const res = await pull(context, apiClient({ baseUrl: location.origin, key: args.key ?? '' }), args.year, args.unit ?? '');
    result = { unit: res.view.unit, coverage: res.view.coverage, sheet: res.sheet };
  }
  return { syncs: stats.syncs, payloads: stats.payloads, result, xlsx: toBase64(new Uint8Array(await wb.xlsx.writeBuffer())) };
}

(window as unknown as { standin: typeof standin }).standin = standin;
document.documentElement.dataset.ready = 'yes';

/**
 * For the task pane test: an `Office` and `Excel` that run the pane's real code over a workbook held by the
 * stand-in (what Excel would be). `window.loadWorkbook(b64)` sets the workbook; syncs are counted per run.
 * The shared runtime is played too: the page starts as a hidden pane; `Office.addin.showAsTaskpane()` shows it
 * (counted); `Office.actions.associate` keeps the ribbon handlers, which `window.ribbon(id)` calls with an event
 * whose `completed()` is counted; `window.officeEvents()` tells whether the commands were registered before
 * the page touched its DOM.
 */
const w = window as unknown as Record<string, unknown>;
let current: ExcelJS.Workbook | null = null;
const runs: number[] = [];
const handlers = new Map<string, (event: { completed: () => void }) => Promise<void> | void>();
const events: { associate?: string; domTouched?: boolean; onReady?: boolean }[] = [];
const pane = { visible: false, shown: 0 };
w.loadWorkbook = async (b64: string, opts: { workbookProtected?: boolean; protect?: { sheet: string; formatCells?: boolean }[] } = {}) => {
  current = new ExcelJS.Workbook();
  await current.xlsx.load(toBytes(b64).buffer as ArrayBuffer);
  protectStructure(current, !!opts.workbookProtected);
  for (const p of opts.protect ?? []) await current.getWorksheet(p.sheet)!.protect('', { formatCells: !!p.formatCells });
};
w.syncsPerRun = () => runs;
w.workbookSetting = (key: string) => (current ? (settingsOf(current).get(key) ?? null) : null);
let active = 0;
let maxActive = 0;
w.maxConcurrentRuns = () => maxActive;
w.activeSheet = () => (current ? activeSheet(current) : undefined);
w.pane = () => ({ ...pane });
w.officeEvents = () => events;
w.sheetNames = () => current?.worksheets.map((s) => s.name) ?? [];
w.cellFill = (sheet: string, address: string) => {
  const f = current?.getWorksheet(sheet)?.getCell(address).fill as ExcelJS.FillPattern | undefined;
  return f && f.pattern !== 'none' ? (f.fgColor as { argb?: string } | undefined)?.argb ?? null : null;
};
w.savedWorkbook = async () => (current ? toBase64(new Uint8Array(await current.xlsx.writeBuffer())) : '');
/** Clicks a ribbon button: the handler the page registered, with an event; resolves with the times completed() was called. */
w.ribbon = async (id: string) => {
  const h = handlers.get(id);
  if (!h) throw new Error(`no handler registered for ${id}`);
  let completed = 0;
  await h({ completed: () => void completed++ });
  return { completed };
};
w.Excel = {
  run: async <T>(cb: (ctx: Excel.RequestContext) => Promise<T>) => {
    if (!current) throw new Error('no workbook');
    const { context, stats } = createExcelStandin(current);
    maxActive = Math.max(maxActive, ++active);
    try {
      return await cb(context);
    } finally {
      active--;
      runs.push(stats.syncs);
    }
  },
};
w.Office = {
  HostType: { Excel: 'Excel' },
  context: { partitionKey: 'standin-partition:' },
  onReady: (cb?: (info: { host: string }) => void) => {
    setTimeout(() => {
      events.push({ onReady: true });
      cb?.({ host: 'Excel' });
    }, 0);
    return Promise.resolve({ host: 'Excel' });
  },
  actions: {
    associate: (id: string, handler: (event: { completed: () => void }) => Promise<void>) => {
      // the page's buttons get their labels from translate(), its app shows in onReady: either means DOM work came first
      events.push({ associate: id, domTouched: !!document.getElementById('btn-validate')?.textContent || !document.getElementById('app')?.hidden });
      handlers.set(id, handler);
    },
  },
  addin: {
    showAsTaskpane: async () => {
      pane.shown++;
      pane.visible = true;
    },
  },
};
