import ExcelJS from 'exceljs';
import { apiClient } from '../../../addin/api-client';
import { pull, validate } from '../../../addin/excel/workbook';
import { createExcelStandin } from './excel-standin';

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
    const view = await pull(context, apiClient({ baseUrl: location.origin, key: args.key ?? '' }), args.year, args.unit ?? '');
    result = { unit: view.unit, coverage: view.coverage };
  }
  return { syncs: stats.syncs, result, xlsx: toBase64(new Uint8Array(await wb.xlsx.writeBuffer())) };
}

(window as unknown as { standin: typeof standin }).standin = standin;
document.documentElement.dataset.ready = 'yes';

/**
 * For the task pane test: an `Office` and `Excel` that run the pane's real code over a workbook held by the
 * stand-in (what Excel would be). `window.loadWorkbook(b64)` sets the workbook; syncs are counted per run.
 */
const w = window as unknown as Record<string, unknown>;
let current: ExcelJS.Workbook | null = null;
const runs: number[] = [];
w.loadWorkbook = async (b64: string) => {
  current = new ExcelJS.Workbook();
  await current.xlsx.load(toBytes(b64).buffer as ArrayBuffer);
};
w.syncsPerRun = () => runs;
w.savedWorkbook = async () => (current ? toBase64(new Uint8Array(await current.xlsx.writeBuffer())) : '');
w.Excel = {
  run: async <T>(cb: (ctx: Excel.RequestContext) => Promise<T>) => {
    if (!current) throw new Error('no workbook');
    const { context, stats } = createExcelStandin(current);
    const out = await cb(context);
    runs.push(stats.syncs);
    return out;
  },
};
w.Office = {
  HostType: { Excel: 'Excel' },
  onReady: (cb?: (info: { host: string }) => void) => {
    setTimeout(() => cb?.({ host: 'Excel' }), 0);
    return Promise.resolve({ host: 'Excel' });
  },
  actions: { associate: () => undefined },
  addin: { showAsTaskpane: async () => undefined },
};
