/**
 * A workbook stand-in for the tests: the subset of the Excel JavaScript API the adapters use (worksheets, ranges
 * and RangeAreas with values/formulas/formats, special cells, settings, protection, charts, page layout,
 * load/sync), backed by a real .xlsx held by exceljs. It runs in Node (the adapter tests) and in Chromium (the
 * pane tests). Loads resolve at sync, as in Excel, and it refuses what Excel refuses, with Excel's error codes,
 * at the sync that carries the request:
 *   - a property read before it was loaded and synced (PropertyNotLoaded);
 *   - a request or response over 5 MB, the limit of Excel on the web (the JSON of the values loaded or written in
 *     one sync is counted, non-ASCII escaped), and a read of more than 5,000,000 cells (RequestPayloadSizeLimitExceeded);
 *   - an address over 8,192 characters in getRange/getRanges (InvalidArgument);
 *   - on a protected sheet: any format change unless formatting is allowed, a value written to a locked cell;
 *     under workbook-structure protection: adding, deleting or renaming a sheet (AccessDenied);
 *   - getItem of a sheet that does not exist (ItemNotFound); a second sheet of the same name;
 *   - numberFormat given as anything but a 2-D array of the range's shape; an undocumented zoom (InvalidArgument).
 * getUsedRange honours a stray cell far away (its range reaches it, as Excel's does). Settings are kept per
 * workbook in memory, as Excel keeps them in the document's web-extension part, never in a sheet.
 */
import type ExcelJS from 'exceljs';

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const CELL_READ_LIMIT = 5_000_000;
export const ADDRESS_LIMIT = 8192;

export class RichApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

function colNum(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function colLetters(n: number): string {
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

interface Bounds {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** "A1", "B2:D5", "A:A", "3:3" → cell bounds (1-based, inclusive), as Excel reads them (whole columns reach row 1,048,576). */
function bounds(address: string): Bounds {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const [a, b = a] = local.replace(/\$/g, '').split(':') as [string, string?];
  const p = (s: string, end: boolean) => {
    const m = /^([A-Z]*)(\d*)$/.exec(s.toUpperCase());
    if (!m || (!m[1] && !m[2])) throw new RichApiError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: ${address}`);
    return { col: m[1] ? colNum(m[1]) : end ? MAX_COL : 1, row: m[2] ? Number(m[2]) : end ? MAX_ROW : 1 };
  };
  const s = p(a, false);
  const e = p(b as string, true);
  return { r1: Math.min(s.row, e.row), c1: Math.min(s.col, e.col), r2: Math.max(s.row, e.row), c2: Math.max(s.col, e.col) };
}

const addr = (b: Bounds) => (b.r1 === b.r2 && b.c1 === b.c2 ? `${colLetters(b.c1)}${b.r1}` : `${colLetters(b.c1)}${b.r1}:${colLetters(b.c2)}${b.r2}`);
const quoted = (name: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);
const argb = (color: string) => `FF${color.replace('#', '').toUpperCase()}`;
/** JSON size as sent over the wire, non-ASCII escaped (\uXXXX). */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? '';
  let n = s.length;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) n += 5;
  return n;
}

export interface StandinLog {
  syncs: number;
  /** Bytes of JSON loaded or written, per sync. */
  payloads: number[];
  fills: { sheet: string; address: string; color: string }[];
  clears: { sheet: string; address: string }[];
  added: string[];
  deleted: string[];
  activated: string[];
  writes: { sheet: string; address: string; kind: 'values' | 'formulas' | 'numberFormat'; value: unknown }[];
  formats: number;
  printAreas: { sheet: string; address: string }[];
  /** Rows after which a printed page ends (horizontalPageBreaks.add, above the range given). */
  pageBreaks: { sheet: string; after: number }[];
}

export interface StandinOptions {
  /** Workbook-structure protection (exceljs does not model it). */
  workbookProtected?: boolean;
}

const SETTINGS = new WeakMap<ExcelJS.Workbook, Map<string, string>>();
const STRUCTURE = new WeakMap<ExcelJS.Workbook, boolean>();
const ACTIVE = new WeakMap<ExcelJS.Workbook, string>();

/** Workbook-structure protection of a workbook held by stand-ins (kept across Excel.run calls). */
export function protectStructure(wb: ExcelJS.Workbook, on = true) {
  STRUCTURE.set(wb, on);
}
/** A worksheet's id as the stand-in gives it (Excel's ids are GUIDs that survive renames). */
export const sheetId = (ws: ExcelJS.Worksheet) => `{${String(ws.id).padStart(8, '0')}-0000-0000-0000-000000000000}`;
export const activeSheet = (wb: ExcelJS.Workbook) => ACTIVE.get(wb);
export const settingsOf = (wb: ExcelJS.Workbook): Map<string, string> => {
  let s = SETTINGS.get(wb);
  if (!s) SETTINGS.set(wb, (s = new Map()));
  return s;
};

/** A value as Range.values gives it. */
function plain(v: any): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return v;
  if (v instanceof Date) return v.toISOString();
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined || v.result === null ? '' : typeof v.result === 'object' && 'error' in v.result ? v.result.error : v.result;
  if ('richText' in v) return v.richText.map((t: { text: string }) => t.text).join('');
  if ('error' in v) return v.error;
  if ('text' in v) return v.text;
  return String(v);
}
const isFormula = (v: any) => !!v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v);

export function createExcelStandin(wb: ExcelJS.Workbook, opts: StandinOptions = {}) {
  if (opts.workbookProtected !== undefined) protectStructure(wb, opts.workbookProtected);
  const log: StandinLog = { syncs: 0, payloads: [], fills: [], clears: [], added: [], deleted: [], activated: [], writes: [], formats: 0, printAreas: [], pageBreaks: [] };
  const stats = log; // the older name
  let pending: (() => void)[] = [];
  let errors: RichApiError[] = [];
  let bytes = 0;
  const settings = settingsOf(wb);
  const structureProtected = () => STRUCTURE.get(wb) === true;

  /** Queue a failure for the next sync (Excel reports errors when the batch runs). */
  const fail = (code: string, message: string) => errors.push(new RichApiError(code, message));

  function sheetOrFail(name: string): ExcelJS.Worksheet | null {
    const ws = wb.getWorksheet(name);
    if (!ws || ws.name !== name) {
      fail('ItemNotFound', `The requested resource doesn't exist: worksheet "${name}".`);
      return null;
    }
    return ws;
  }

  function protectedSheet(ws: ExcelJS.Worksheet) {
    const p = (ws as any).sheetProtection as { sheet?: boolean; formatCells?: boolean } | null;
    return { on: !!p?.sheet, allowFormat: !!p?.formatCells };
  }

  function eachCell(ws: ExcelJS.Worksheet, address: string, f: (cell: ExcelJS.Cell, r: number, c: number) => void) {
    for (const part of address.split(',')) {
      const b = bounds(part.trim());
      // whole rows/columns: only cells that exist (Excel would touch all; the effect is the same)
      if ((b.r2 - b.r1 + 1) * (b.c2 - b.c1 + 1) > 100_000) {
        ws.eachRow({ includeEmpty: true }, (row, rn) => {
          if (rn < b.r1 || rn > b.r2) return;
          row.eachCell({ includeEmpty: true }, (cell, cn) => cn >= b.c1 && cn <= b.c2 && f(cell, rn - b.r1, cn - b.c1));
        });
        continue;
      }
      for (let r = b.r1; r <= b.r2; r++) for (let c = b.c1; c <= b.c2; c++) f(ws.getCell(r, c), r - b.r1, c - b.c1);
    }
  }

  function checkAddress(address: string) {
    if (address.length > ADDRESS_LIMIT) {
      fail('InvalidArgument', `The address is longer than ${ADDRESS_LIMIT} characters (${address.length}).`);
      return false;
    }
    try {
      address.split(',').forEach((p) => bounds(p.trim()));
    } catch (e) {
      errors.push(e as RichApiError);
      return false;
    }
    return true;
  }

  function format(ws: ExcelJS.Worksheet, address: string) {
    const guard = () => {
      log.formats++;
      const p = protectedSheet(ws);
      if (p.on && !p.allowFormat) {
        fail('AccessDenied', `The cell or chart you're trying to change is on a protected sheet ("${ws.name}"): formatting is not allowed.`);
        return false;
      }
      return true;
    };
    // exceljs shares one style object between cells styled alike: copy it before changing a cell's
    const each = (f: (cell: ExcelJS.Cell) => void) => {
      if (!guard()) return;
      eachCell(ws, address, (cell) => {
        cell.style = { ...cell.style };
        f(cell);
      });
    };
    const font = (patch: Partial<ExcelJS.Font>) => each((cell) => (cell.font = { ...cell.font, ...patch }));
    const align = (patch: Partial<ExcelJS.Alignment>) => each((cell) => (cell.alignment = { ...cell.alignment, ...patch }));
    const fill: any = {
      clear() {
        log.clears.push({ sheet: ws.name, address });
        each((cell) => (cell.fill = { type: 'pattern', pattern: 'none' }));
      },
      load() {
        pending.push(() => {
          // one cell's fill (the adapters load fills cell by cell); a mixed range reads null, as in Excel
          const seen = new Set<string>();
          let first: ExcelJS.Cell | null = null;
          eachCell(ws, address, (cell) => {
            first ??= cell;
            seen.add(JSON.stringify(cell.fill ?? null));
          });
          const f = first ? ((first as ExcelJS.Cell).fill as ExcelJS.FillPattern | undefined) : undefined;
          const none = !f || f.pattern === 'none' || !f.pattern;
          const argbColor = (f?.fgColor as { argb?: string } | undefined)?.argb;
          Object.assign(fill, { _loaded: true, _color: seen.size > 1 ? null : none ? '#FFFFFF' : argbColor ? `#${argbColor.slice(2)}` : '#FFFFFF', _pattern: seen.size > 1 ? null : none ? 'None' : 'Solid' });
          bytes += 40;
        });
        return fill;
      },
    };
    Object.defineProperty(fill, 'color', {
      get() {
        if (!fill._loaded) throw new RichApiError('PropertyNotLoaded', 'The property "color" is not available. Load it and call context.sync() first.');
        return fill._color;
      },
      set(c: string) {
        log.fills.push({ sheet: ws.name, address, color: c });
        each((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(c) } }));
      },
    });
    Object.defineProperty(fill, 'pattern', {
      get() {
        if (!fill._loaded) throw new RichApiError('PropertyNotLoaded', 'The property "pattern" is not available.');
        return fill._pattern;
      },
      set(p: string) {
        each((cell) => {
          const f = cell.fill as ExcelJS.FillPattern | undefined;
          cell.fill = { type: 'pattern', pattern: p === 'None' ? 'none' : ((p.charAt(0).toLowerCase() + p.slice(1)) as ExcelJS.FillPatterns), fgColor: f?.fgColor };
        });
      },
    });
    const protection: any = { _loaded: false };
    Object.defineProperty(protection, 'locked', {
      get() {
        if (!protection._loaded) throw new RichApiError('PropertyNotLoaded', 'The property "locked" is not available.');
        return protection._locked;
      },
    });
    const fmt: any = {
      fill,
      protection,
      font: {
        set name(v: string) { font({ name: v }); },
        set size(v: number) { font({ size: v }); },
        set bold(v: boolean) { font({ bold: v }); },
        set italic(v: boolean) { font({ italic: v }); },
        set underline(v: string) { font({ underline: v !== 'None' }); },
      },
      borders: { getItem: () => ({ set style(_v: string) { each((cell) => (cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } })); } }) },
      set horizontalAlignment(v: string) { align({ horizontal: v.toLowerCase() as ExcelJS.Alignment['horizontal'] }); },
      set verticalAlignment(_v: string) { align({ vertical: 'middle' }); },
      set wrapText(v: boolean) { align({ wrapText: v }); },
      set columnWidth(points: number) {
        if (!guard()) return;
        const { c1, c2 } = bounds(address);
        for (let c = c1; c <= c2; c++) ws.getColumn(c).width = points / 6;
      },
      set rowHeight(points: number) {
        if (!guard()) return;
        const { r1, r2 } = bounds(address);
        for (let r = r1; r <= r2; r++) ws.getRow(r).height = points;
      },
      load(props: string) {
        if (props.includes('protection/locked')) {
          pending.push(() => {
            let locked = false;
            eachCell(ws, address, (cell) => (locked ||= (cell.protection as { locked?: boolean } | undefined)?.locked !== false));
            Object.assign(protection, { _loaded: true, _locked: locked });
          });
        }
        return fmt;
      },
    };
    return fmt;
  }

  function specialCells(ws: ExcelJS.Worksheet, within: Bounds, type: string): any {
    const areas: any = { items: [] as { address: string }[] };
    const r: any = { isNullObject: true, areas };
    r.load = () => {
      pending.push(() => {
        const want = type === 'Formulas' ? true : type === 'Constants' ? false : null;
        if (want === null) return fail('InvalidArgument', `Special cell type ${type} is not supported by the stand-in.`);
        // runs of cells per row, then runs stacked over consecutive rows with the same columns
        const rects: Bounds[] = [];
        let open: Bounds[] = [];
        const rows: number[] = [];
        ws.eachRow({ includeEmpty: false }, (_row, rn) => void (rn >= within.r1 && rn <= within.r2 && rows.push(rn)));
        for (const rn of rows) {
          const runs: Bounds[] = [];
          ws.getRow(rn).eachCell({ includeEmpty: false }, (cell, cn) => {
            if (cn < within.c1 || cn > within.c2) return;
            const v = cell.value as any;
            if (v === null || v === '' || (cell.isMerged && cell.master.address !== cell.address)) return;
            if (isFormula(v) !== want) return;
            const last = runs[runs.length - 1];
            if (last && last.c2 === cn - 1) last.c2 = cn;
            else runs.push({ r1: rn, r2: rn, c1: cn, c2: cn });
          });
          const next: Bounds[] = [];
          for (const run of runs) {
            const above = open.find((o) => o.r2 === rn - 1 && o.c1 === run.c1 && o.c2 === run.c2);
            if (above) {
              above.r2 = rn;
              next.push(above);
            } else {
              rects.push(run);
              next.push(run);
            }
          }
          open = next;
        }
        areas.items = rects.map((b) => ({ address: `${quoted(ws.name)}!${addr(b)}` }));
        r.isNullObject = rects.length === 0;
        bytes += jsonBytes(areas.items);
      });
      return r;
    };
    return r;
  }

  function range(ws: ExcelJS.Worksheet, address: string): any {
    const ok = checkAddress(address);
    const b = ok ? bounds(address.split(',')[0]!) : { r1: 1, c1: 1, r2: 1, c2: 1 };
    const shape = { rows: b.r2 - b.r1 + 1, cols: b.c2 - b.c1 + 1 };
    const write = (rows: unknown, asFormula: boolean) => {
      if (!ok) return;
      log.writes.push({ sheet: ws.name, address, kind: asFormula ? 'formulas' : 'values', value: rows });
      bytes += jsonBytes(rows);
      const p = protectedSheet(ws);
      const single = !Array.isArray(rows);
      if (!single && ((rows as unknown[][]).length !== shape.rows || (rows as unknown[][]).some((r) => !Array.isArray(r) || r.length !== shape.cols))) {
        return fail('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${address}.`);
      }
      eachCell(ws, address, (cell, r, c) => {
        const v = single ? rows : (rows as unknown[][])[r]?.[c];
        if (v === undefined) return;
        if (p.on && (cell.protection as { locked?: boolean } | undefined)?.locked !== false) {
          return fail('AccessDenied', `The cell ${cell.address} is locked on the protected sheet "${ws.name}".`);
        }
        if (asFormula && typeof v === 'string' && v.startsWith('=')) cell.value = { formula: v.slice(1) } as ExcelJS.CellFormulaValue;
        else cell.value = v === '' ? null : (v as ExcelJS.CellValue);
      });
    };
    const loaded: Record<string, unknown> = {};
    const r: any = {
      address,
      isNullObject: false,
      set values(v: unknown) { write(v, false); },
      set formulas(v: unknown) { write(v, true); },
      set numberFormat(v: unknown) {
        if (!Array.isArray(v) || v.length !== shape.rows || v.some((row) => !Array.isArray(row) || row.length !== shape.cols)) {
          { fail('InvalidArgument', `numberFormat of ${address} must be a ${shape.rows} × ${shape.cols} array.`); return; }
        }
        log.writes.push({ sheet: ws.name, address, kind: 'numberFormat', value: v });
        bytes += jsonBytes(v);
        eachCell(ws, address, (cell, rr, cc) => (cell.numFmt = String((v as unknown[][])[rr]![cc])));
      },
      format: format(ws, address),
      merge: () => {
        if (protectedSheet(ws).on) return fail('AccessDenied', `Cannot merge cells on the protected sheet "${ws.name}".`);
        ws.mergeCells(address);
      },
      select: () => undefined,
      clear: (_applyTo?: string) => {
        if (protectedSheet(ws).on) return fail('AccessDenied', `Cannot clear cells on the protected sheet "${ws.name}".`);
        eachCell(ws, address, (cell) => {
          cell.value = null;
          cell.style = {};
        });
      },
      getSpecialCellsOrNullObject: (type: string) => specialCells(ws, b, type),
      load: (props: string | string[]) => {
        const list = Array.isArray(props) ? props : props.split(',').map((p) => p.trim());
        pending.push(() => {
          const cells = shape.rows * shape.cols;
          if (cells > CELL_READ_LIMIT) return fail('RequestPayloadSizeLimitExceeded', `A read of ${cells} cells is over Excel's limit of ${CELL_READ_LIMIT}.`);
          for (const p of list) {
            if (p === 'values' || p === 'formulas') {
              const out: unknown[][] = [];
              for (let rr = b.r1; rr <= b.r2; rr++) {
                const row: unknown[] = [];
                for (let cc = b.c1; cc <= b.c2; cc++) {
                  const cell = ws.getCell(rr, cc);
                  const slave = cell.isMerged && cell.master.address !== cell.address;
                  const v = cell.value as any;
                  row.push(slave ? '' : p === 'formulas' && isFormula(v) ? `=${v.formula ?? v.sharedFormula}` : plain(v));
                }
                out.push(row);
              }
              loaded[p] = out;
              bytes += jsonBytes(out);
            } else if (p === 'numberFormat') {
              // Excel's Range.numberFormat: "General" where none was set
              const out: string[][] = [];
              for (let rr = b.r1; rr <= b.r2; rr++) {
                const row: string[] = [];
                for (let cc = b.c1; cc <= b.c2; cc++) row.push(ws.getCell(rr, cc).numFmt || 'General');
                out.push(row);
              }
              loaded.numberFormat = out;
              bytes += jsonBytes(out);
            } else if (p === 'rowIndex') loaded.rowIndex = b.r1 - 1;
            else if (p === 'columnIndex') loaded.columnIndex = b.c1 - 1;
            else if (p === 'rowCount') loaded.rowCount = shape.rows;
            else if (p === 'columnCount') loaded.columnCount = shape.cols;
          }
        });
        return r;
      },
    };
    for (const p of ['values', 'formulas', 'numberFormat', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'] as const) {
      const setter = Object.getOwnPropertyDescriptor(r, p)?.set;
      Object.defineProperty(r, p, {
        get() {
          if (!(p in loaded)) throw new RichApiError('PropertyNotLoaded', `The property "${p}" is not available. Load it and call context.sync() first.`);
          return loaded[p];
        },
        set: setter,
      });
    }
    return r;
  }

  /** Excel's used range (values only): from the first to the last cell holding a value, however far apart. */
  function usedRange(ws: ExcelJS.Worksheet): any {
    let r1 = Infinity, c1 = Infinity, r2 = 0, c2 = 0;
    ws.eachRow({ includeEmpty: false }, (row, rn) =>
      row.eachCell({ includeEmpty: false }, (cell, cn) => {
        if (cell.value === null || cell.value === '' || (cell.isMerged && cell.master.address !== cell.address)) return;
        r1 = Math.min(r1, rn); r2 = Math.max(r2, rn); c1 = Math.min(c1, cn); c2 = Math.max(c2, cn);
      }),
    );
    if (!r2) return { isNullObject: true, load() { return this; } };
    return range(ws, addr({ r1, c1, r2, c2 }));
  }

  function worksheet(ws: ExcelJS.Worksheet): any {
    const self: any = {
      get name() { return ws.name; },
      get id() { return sheetId(ws); },
      get visibility() { return ws.state === 'veryHidden' ? 'VeryHidden' : ws.state === 'hidden' ? 'Hidden' : 'Visible'; },
      get protection() {
        const p = protectedSheet(ws);
        return { protected: p.on, options: { allowFormatCells: p.allowFormat } };
      },
      isNullObject: false,
      load: () => self,
      getUsedRangeOrNullObject: () => usedRange(ws),
      getRange: (a?: string) => range(ws, a ?? `A1:${colLetters(MAX_COL)}${MAX_ROW}`),
      getRanges: (a: string) => range(ws, a),
      getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => range(ws, addr({ r1: r + 1, c1: c + 1, r2: r + rows, c2: c + cols })),
      charts: { add: () => ({ title: {}, setPosition: () => undefined }) },
      horizontalPageBreaks: {
        add(a: string) {
          if (!checkAddress(a)) return;
          const row = Number(/\d+/.exec(a)![0]);
          log.pageBreaks.push({ sheet: ws.name, after: row - 1 });
          ws.getRow(row - 1).addPageBreak();
        },
      },
      pageLayout: {
        set orientation(v: string) { ws.pageSetup.orientation = v.toLowerCase() as 'landscape' | 'portrait'; },
        set paperSize(_v: string) { ws.pageSetup.paperSize = 9; },
        set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
          const ok = (n: unknown) => n === undefined || (Number.isInteger(n) && (n as number) >= 0);
          if (!ok(v.horizontalFitToPages) || !ok(v.verticalFitToPages) || (v.scale !== undefined && (v.scale < 10 || v.scale > 400))) { fail('InvalidArgument', 'Invalid zoom options.'); return; }
          Object.assign(ws.pageSetup, { fitToPage: true, fitToWidth: v.horizontalFitToPages ?? 1, fitToHeight: v.verticalFitToPages ?? 0 });
        },
        setPrintArea(a: string) {
          if (!checkAddress(a)) return;
          log.printAreas.push({ sheet: ws.name, address: a });
          ws.pageSetup.printArea = a;
        },
      },
      delete: () => {
        if (structureProtected()) return fail('AccessDenied', 'The workbook structure is protected: a sheet cannot be deleted.');
        log.deleted.push(ws.name);
        wb.removeWorksheet(ws.id);
      },
      activate: () => {
        log.activated.push(ws.name);
        ACTIVE.set(wb, ws.name);
      },
    };
    return self;
  }

  const missing = (name: string): any => {
    sheetOrFail(name);
    // further calls on a missing sheet are queued in Excel and fail with the batch
    const dead: any = new Proxy(() => dead, { get: (_t, k) => (k === 'then' ? undefined : dead), set: () => true, apply: () => dead });
    return dead;
  };

  const worksheets: any = {
    _items: null as any[] | null,
    get items() {
      if (!worksheets._items) throw new RichApiError('PropertyNotLoaded', 'The property "items" is not available. Load it and call context.sync() first.');
      return worksheets._items;
    },
    load() {
      pending.push(() => {
        worksheets._items = wb.worksheets.map(worksheet);
        bytes += jsonBytes(wb.worksheets.map((w) => ({ id: w.id, name: w.name, visibility: w.state })));
      });
      return worksheets;
    },
    getItem: (name: string) => {
      const ws = wb.getWorksheet(name);
      return ws && ws.name === name ? worksheet(ws) : missing(name);
    },
    getItemOrNullObject: (name: string) => {
      const ws = wb.getWorksheet(name);
      return ws && ws.name === name ? worksheet(ws) : { isNullObject: true, load() { return this; } };
    },
    add: (name: string) => {
      if (structureProtected()) {
        fail('AccessDenied', 'The workbook structure is protected: a sheet cannot be added.');
        return missing(name);
      }
      if (wb.worksheets.some((w) => w.name.toLowerCase() === name.toLowerCase())) {
        fail('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
        return missing(name);
      }
      log.added.push(name);
      return worksheet(wb.addWorksheet(name));
    },
  };

  const protection: any = {
    load() {
      pending.push(() => (protection._loaded = true));
      return protection;
    },
    get protected() {
      if (!protection._loaded) throw new RichApiError('PropertyNotLoaded', 'The property "protected" is not available.');
      return structureProtected();
    },
  };

  const settingsApi = {
    getItemOrNullObject: (key: string) => {
      const item: any = { isNullObject: true, value: undefined };
      item.load = () => {
        pending.push(() => {
          if (settings.has(key)) Object.assign(item, { isNullObject: false, value: settings.get(key) });
          bytes += jsonBytes(item.value ?? null);
        });
        return item;
      };
      return item;
    },
    add: (key: string, value: string) => {
      bytes += jsonBytes(value);
      settings.set(key, String(value));
    },
  };

  const context = {
    workbook: { worksheets, settings: settingsApi, protection },
    async sync() {
      log.syncs++;
      const run = pending;
      pending = [];
      for (const f of run) f();
      log.payloads.push(bytes);
      const size = bytes;
      bytes = 0;
      const errs = errors;
      errors = [];
      if (size > PAYLOAD_LIMIT) throw new RichApiError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${size} bytes > ${PAYLOAD_LIMIT}).`);
      if (errs.length) throw errs[0];
    },
  };
  return { context: context as unknown as Excel.RequestContext, stats, log };
}
