/**
 * A workbook stand-in for the browser tests: just the subset of the Excel JavaScript API the adapters use
 * (worksheets, used ranges, ranges and RangeAreas with values/formulas/formats, settings, charts, page layout,
 * load/sync), backed by a real .xlsx opened with exceljs in the page. Loads resolve at sync, as in Excel; every
 * sync is counted. Settings live in a very hidden sheet, so that they are saved with the file.
 */
import type ExcelJS from 'exceljs';

const SETTINGS_SHEET = '_xeploai_settings';

function colNum(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "A1", "B2:D5", "A:A" → cell bounds (1-based, inclusive). */
function bounds(ws: ExcelJS.Worksheet, address: string) {
  const [a, b = a] = address.replace(/\$/g, '').split(':') as [string, string?];
  const p = (s: string, end: boolean) => {
    const m = /^([A-Z]*)(\d*)$/.exec(s.toUpperCase()) as RegExpExecArray;
    return { col: m[1] ? colNum(m[1]) : end ? Math.max(ws.columnCount, 1) : 1, row: m[2] ? Number(m[2]) : end ? Math.max(ws.rowCount, 1) : 1 };
  };
  const s = p(a, false);
  const e = p(b as string, true);
  return { r1: s.row, c1: s.col, r2: e.row, c2: e.col };
}

function argb(color: string) {
  return `FF${color.replace('#', '').toUpperCase()}`;
}

export function createExcelStandin(wb: ExcelJS.Workbook) {
  const stats = { syncs: 0 };
  let pending: (() => void)[] = [];

  function cellsOf(ws: ExcelJS.Worksheet, address: string, f: (cell: ExcelJS.Cell, r: number, c: number) => void) {
    for (const part of address.split(',')) {
      const { r1, c1, r2, c2 } = bounds(ws, part.trim());
      for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) f(ws.getCell(r, c), r - r1, c - c1);
    }
  }

  function format(ws: ExcelJS.Worksheet, address: string) {
    // exceljs shares one style object between cells styled alike: copy it before changing a cell's
    const each = (f: (cell: ExcelJS.Cell) => void) =>
      cellsOf(ws, address, (cell) => {
        cell.style = { ...cell.style };
        f(cell);
      });
    const font = (patch: Partial<ExcelJS.Font>) => each((cell) => (cell.font = { ...cell.font, ...patch }));
    const align = (patch: Partial<ExcelJS.Alignment>) => each((cell) => (cell.alignment = { ...cell.alignment, ...patch }));
    const isColumns = /^[A-Z]+:[A-Z]+$/.test(address);
    return {
      fill: {
        set color(c: string) {
          each((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(c) } }));
        },
        clear() {
          each((cell) => (cell.fill = { type: 'pattern', pattern: 'none' }));
        },
      },
      font: {
        set name(v: string) { font({ name: v }); },
        set size(v: number) { font({ size: v }); },
        set bold(v: boolean) { font({ bold: v }); },
        set italic(v: boolean) { font({ italic: v }); },
        set underline(v: string) { font({ underline: v !== 'None' }); },
      },
      borders: { getItem: () => ({ set style(_v: string) { each((cell) => (cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } })); } }) },
      set horizontalAlignment(v: string) { align({ horizontal: v.toLowerCase() as ExcelJS.Alignment['horizontal'] }); },
      set verticalAlignment(v: string) { align({ vertical: 'middle' }); void v; },
      set wrapText(v: boolean) { align({ wrapText: v }); },
      set columnWidth(points: number) {
        const { c1, c2 } = bounds(ws, address);
        for (let c = c1; c <= c2; c++) ws.getColumn(c).width = points / 6;
        void isColumns;
      },
      set rowHeight(points: number) {
        const { r1, r2 } = bounds(ws, address);
        for (let r = r1; r <= r2; r++) ws.getRow(r).height = points;
      },
    };
  }

  function range(ws: ExcelJS.Worksheet, address: string): any {
    const write = (rows: unknown, asFormula: boolean) => {
      const single = !Array.isArray(rows);
      cellsOf(ws, address, (cell, r, c) => {
        const v = single ? rows : (rows as unknown[][])[r]?.[c];
        if (v === undefined) return;
        if (asFormula && typeof v === 'string' && v.startsWith('=')) cell.value = { formula: v.slice(1) } as ExcelJS.CellFormulaValue;
        else cell.value = v === '' ? null : (v as ExcelJS.CellValue);
      });
    };
    const r: any = {
      address,
      isNullObject: false,
      set values(v: unknown) { write(v, false); },
      set formulas(v: unknown) { write(v, true); },
      set numberFormat(v: unknown) { cellsOf(ws, address, (cell) => (cell.numFmt = String(Array.isArray(v) ? (v as unknown[][])[0]?.[0] : v))); },
      format: format(ws, address),
      merge: () => ws.mergeCells(address),
      select: () => undefined,
      load: () => r,
    };
    return r;
  }

  function usedRange(ws: ExcelJS.Worksheet): any {
    const r: any = { isNullObject: true };
    r.load = () => {
      pending.push(() => {
        let r1 = Infinity, c1 = Infinity, r2 = 0, c2 = 0;
        ws.eachRow({ includeEmpty: false }, (row, rn) =>
          row.eachCell({ includeEmpty: false }, (cell, cn) => {
            if (cell.value === null || cell.value === '' || (cell.isMerged && cell.master.address !== cell.address)) return;
            r1 = Math.min(r1, rn); r2 = Math.max(r2, rn); c1 = Math.min(c1, cn); c2 = Math.max(c2, cn);
          }),
        );
        if (!r2) return;
        const values: unknown[][] = [];
        const formulas: unknown[][] = [];
        for (let rr = r1; rr <= r2; rr++) {
          const vals: unknown[] = [];
          const fs: unknown[] = [];
          for (let cc = c1; cc <= c2; cc++) {
            const cell = ws.getCell(rr, cc);
            const v = cell.value as any;
            const plain = v === null || v === undefined ? '' : typeof v === 'object' ? ('formula' in v ? (v.result ?? '') : 'richText' in v ? v.richText.map((t: { text: string }) => t.text).join('') : 'error' in v ? v.error : String(v)) : v;
            vals.push(cell.isMerged && cell.master.address !== cell.address ? '' : plain);
            fs.push(v && typeof v === 'object' && 'formula' in v ? `=${v.formula}` : plain);
          }
          values.push(vals);
          formulas.push(fs);
        }
        Object.assign(r, { isNullObject: false, values, formulas, rowIndex: r1 - 1, columnIndex: c1 - 1 });
      });
      return r;
    };
    return r;
  }

  function worksheet(ws: ExcelJS.Worksheet): any {
    return {
      get name() { return ws.name; },
      isNullObject: false,
      getUsedRangeOrNullObject: () => usedRange(ws),
      getRange: (a: string) => range(ws, a),
      getRanges: (a: string) => range(ws, a),
      getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => {
        const L = (n: number) => { let s = ''; while (n > 0) { s = String.fromCharCode(65 + ((n - 1) % 26)) + s; n = Math.floor((n - 1) / 26); } return s; };
        return range(ws, `${L(c + 1)}${r + 1}:${L(c + cols)}${r + rows}`);
      },
      charts: { add: () => ({ title: {}, setPosition: () => undefined }) },
      pageLayout: {
        set orientation(v: string) { ws.pageSetup.orientation = v.toLowerCase() as 'landscape' | 'portrait'; },
        set paperSize(_v: string) { ws.pageSetup.paperSize = 9; },
        set zoom(_v: unknown) { ws.pageSetup.fitToPage = true; },
      },
      delete: () => wb.removeWorksheet(ws.id),
      activate: () => undefined,
    };
  }

  function settingsSheet(): ExcelJS.Worksheet {
    let ws = wb.getWorksheet(SETTINGS_SHEET);
    if (!ws) ws = wb.addWorksheet(SETTINGS_SHEET, { state: 'veryHidden' });
    return ws;
  }

  const visible = () => wb.worksheets.filter((w) => w.name !== SETTINGS_SHEET);
  const worksheets: any = {
    items: [] as any[],
    load() {
      pending.push(() => (worksheets.items = visible().map(worksheet)));
      return worksheets;
    },
    getItem: (name: string) => worksheet(wb.getWorksheet(name) as ExcelJS.Worksheet),
    getItemOrNullObject: (name: string) => {
      const ws = wb.getWorksheet(name);
      return ws && name !== SETTINGS_SHEET ? worksheet(ws) : { isNullObject: true };
    },
    add: (name: string) => worksheet(wb.addWorksheet(name)),
  };

  const settings = {
    getItemOrNullObject: (key: string) => {
      const item: any = { isNullObject: true, value: undefined };
      item.load = () => {
        pending.push(() => {
          const ws = wb.getWorksheet(SETTINGS_SHEET);
          ws?.eachRow((row) => {
            if (row.getCell(1).value === key) Object.assign(item, { isNullObject: false, value: row.getCell(2).value });
          });
        });
        return item;
      };
      return item;
    },
    add: (key: string, value: string) => {
      const ws = settingsSheet();
      let done = false;
      ws.eachRow((row) => {
        if (row.getCell(1).value === key) (row.getCell(2).value = value), (done = true);
      });
      if (!done) ws.addRow([key, value]);
    },
  };

  const context = {
    workbook: { worksheets, settings },
    async sync() {
      stats.syncs++;
      const run = pending;
      pending = [];
      for (const f of run) f();
    },
  };
  return { context: context as unknown as Excel.RequestContext, stats };
}
