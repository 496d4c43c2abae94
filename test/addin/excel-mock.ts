import { OfficeMockObject } from 'office-addin-mock';

/**
 * Excel for the adapter tests: office-addin-mock objects where the adapters load() and read (used ranges,
 * settings), plain recorders where they only write. Every context.sync() is counted and syncs every mock
 * created so far, as Excel resolves every queued load at once.
 */
export interface SheetData {
  name: string;
  values: unknown[][];
  formulas?: unknown[][];
  /** Range.numberFormat ("General" where none); optional. */
  numberFormat?: string[][];
  /** Worksheet.visibility (Office.js spelling); "Visible" when not given. */
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
}

export interface Log {
  syncs: number;
  fills: { sheet: string; address: string; color: string }[];
  clears: { sheet: string; address: string }[];
  added: string[];
  deleted: string[];
  writes: { sheet: string; address: string; formulas?: unknown; values?: unknown; numberFormat?: unknown }[];
  formats: { sheet: string; address: string }[];
  merges: string[];
  charts: { sheet: string; source: string; title?: string }[];
  activated: string[];
  settings: Record<string, string>;
}

function recorder(onSet: (key: string, value: unknown) => void, target: Record<string, unknown> = {}): any {
  return new Proxy(target, {
    get(t, key: string) {
      if (key in t) return t[key];
      // nested format objects (font, fill, borders.getItem(…)) record into the same log
      if (key === 'getItem') return () => recorder(onSet);
      if (key === 'clear') return () => onSet('clear', true);
      return (t[key] = recorder((k, v) => onSet(`${key}.${k}`, v)));
    },
    set(t, key: string, value) {
      onSet(key, value);
      t[key] = value;
      return true;
    },
  });
}

export function excelMock(sheets: SheetData[], settings: Record<string, string> = {}) {
  const log: Log = { syncs: 0, fills: [], clears: [], added: [], deleted: [], writes: [], formats: [], merges: [], charts: [], activated: [], settings: { ...settings } };
  const mocks: OfficeMockObject[] = [];
  const track = <T extends OfficeMockObject>(m: T) => (mocks.push(m), m);
  const live = new Map(sheets.map((s) => [s.name, s]));

  const range = (sheet: string, address: string) =>
    recorder((key, value) => {
      if (key === 'formulas' || key === 'values' || key === 'numberFormat') log.writes.push({ sheet, address, [key]: value });
      else if (key === 'format.fill.color') log.fills.push({ sheet, address, color: String(value) });
      else if (key === 'format.fill.clear') log.clears.push({ sheet, address });
      else log.formats.push({ sheet, address });
    }, { address, merge: () => log.merges.push(`${sheet}!${address}`) } as Record<string, unknown>);

  const worksheet = (name: string): any => ({
    name,
    visibility: live.get(name)?.visibility ?? 'Visible',
    getUsedRangeOrNullObject: () => {
      const s = live.get(name);
      const has = !!s && s.values.length > 0;
      const m = track(new OfficeMockObject({ values: has ? s!.values : [], formulas: has ? (s!.formulas ?? s!.values) : [], numberFormat: has ? (s!.numberFormat ?? s!.values.map((row) => row.map(() => 'General'))) : [], rowIndex: 0, columnIndex: 0 }));
      // isNullObject needs no load in Office.js: a plain property here
      m.isNullObject = !has;
      return m;
    },
    getRanges: (address: string) => range(name, address),
    getRange: (address: string) => range(name, address),
    getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => range(name, `R${r + 1}C${c + 1}:${rows}x${cols}`),
    charts: { add: (_type: string, source: any) => { const chart = { title: { text: '' }, setPosition: () => undefined }; log.charts.push({ sheet: name, source: source.address }); return chart; } },
    pageLayout: {},
    delete: () => {
      log.deleted.push(name);
      live.delete(name);
    },
    activate: () => log.activated.push(name),
  });

  const sheetItemOrNull = (name: string) => {
    const exists = live.has(name);
    return Object.assign(worksheet(name), { isNullObject: !exists });
  };

  const workbook = {
    worksheets: {
      items: [] as any[],
      load(this: { items: any[] }) {
        this.items = [...live.keys()].map(worksheet);
      },
      getItem: worksheet,
      getItemOrNullObject: sheetItemOrNull,
      add: (name: string) => {
        log.added.push(name);
        live.set(name, { name, values: [] });
        return worksheet(name);
      },
    },
    settings: {
      getItemOrNullObject: (key: string) => {
        const has = key in log.settings;
        const m = track(new OfficeMockObject({ value: has ? log.settings[key] : '' }));
        m.isNullObject = !has;
        return m;
      },
      add: (key: string, value: string) => {
        log.settings[key] = value;
      },
    },
  };
  const context = {
    workbook,
    sync: async () => {
      log.syncs++;
      for (const m of mocks) await m.sync();
    },
  } as unknown as Excel.RequestContext;
  return { context, log };
}
