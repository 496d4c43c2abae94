/**
 * Reading a workbook through Office.js within Excel's limits, with a bounded number of syncs:
 *   sync 1  the sheets (id, name, visibility, protection), workbook protection, the add-in's settings;
 *   sync 2  where each sheet holds data: the areas of its constants and of its formulas
 *           (`getSpecialCellsOrNullObject`, so a stray cell at row 1,048,576 is one small area, not a million rows,
 *           and the formula cells are known without loading `formulas`);
 *   sync 3… the values of those areas in row blocks of at most CELLS_PER_SYNC cells per sync, so that no
 *           request comes near the 5 MB payload limit of Excel on the web (one sync up to 50,000 cells; a roster
 *           of 40,000 rows × 7 columns takes 6).
 * No template logic here: every sheet the add-in did not write itself goes to the shared reader as Grids.
 */
import { msg, type Finding, type Grid } from '../../shared';
import { JUSTIFY_KEY, MARKS_KEY, OWNED_KEY, RECEIPT_KEY, RESULTS_SHEET } from './keys';
import { addressOf, parseRange, type Rect } from './refs';

/** Cells read per sync: ~1–2 MB of JSON for typical cells, far under Excel on the web's 5 MB. */
export const CELLS_PER_SYNC = 50_000;
/** Number formats are read for this many rows from the top of each area (the reader looks for Biểu 01 there). */
const FORMAT_ROWS = 300;
/** More than this in one workbook is not read at all (a finding says so): 40 syncs' worth. */
export const MAX_CELLS = 2_000_000;
/** Areas closer than this (rows / columns) are read as one rectangle. */
const ROW_GAP = 200;
const COL_GAP = 30;

export interface SheetMeta {
  id: string;
  name: string;
  visible: boolean;
  /** Sheet protection is on and formatting cells is not allowed: no marks there. */
  noFormat: boolean;
  protected: boolean;
}

/** The sheets the add-in wrote itself (the results sheet, pulled consolidated sheets), by id: renaming keeps them ours. */
export interface Owned {
  ids: string[];
}

export interface Meta {
  sheets: SheetMeta[];
  workbookProtected: boolean;
  owned: Owned;
  settings: { marks: unknown; receipt: unknown; justifications: Record<string, string> };
}

function parseSetting(item: Excel.Setting): unknown {
  if (item.isNullObject) return null;
  try {
    return typeof item.value === 'string' ? JSON.parse(item.value) : item.value;
  } catch {
    return null;
  }
}

/** Sync 1. */
export async function loadMeta(context: Excel.RequestContext): Promise<Meta> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/id,items/name,items/visibility,items/protection/protected,items/protection/options');
  const protection = context.workbook.protection;
  protection.load('protected');
  const items = [MARKS_KEY, RECEIPT_KEY, OWNED_KEY, JUSTIFY_KEY].map((k) => {
    const s = context.workbook.settings.getItemOrNullObject(k);
    s.load('value');
    return s;
  });
  await context.sync();
  const [marks, receipt, owned, justifications] = items.map(parseSetting);
  const ownedIds = Array.isArray((owned as Owned | null)?.ids) ? (owned as Owned).ids.map(String) : [];
  return {
    sheets: sheets.items.map((ws) => {
      const prot = ws.protection;
      const isProtected = !!prot?.protected;
      return { id: String(ws.id), name: ws.name, visible: ws.visibility === 'Visible' || ws.visibility === undefined, protected: isProtected, noFormat: isProtected && !prot.options?.allowFormatCells };
    }),
    workbookProtected: !!protection.protected,
    owned: { ids: ownedIds },
    settings: { marks, receipt, justifications: justifications && typeof justifications === 'object' ? (justifications as Record<string, string>) : {} },
  };
}

/** The sheets that can hold what the user typed: all but the add-in's own. */
export function userSheets(meta: Meta): SheetMeta[] {
  const owned = new Set(meta.owned.ids);
  return meta.sheets.filter((s) => !owned.has(s.id) && s.name !== RESULTS_SHEET);
}

interface Cluster extends Rect {
  sheet: string;
  formulas: Rect[];
}

/** Rectangles close to each other, merged: first into row bands, then within a band into column groups. */
export function clusters(rects: { rect: Rect; formula: boolean }[]): (Rect & { formulas: Rect[] })[] {
  const sorted = [...rects].sort((a, b) => a.rect.r1 - b.rect.r1);
  const bands: { r2: number; items: typeof rects }[] = [];
  for (const x of sorted) {
    const band = bands[bands.length - 1];
    if (band && x.rect.r1 <= band.r2 + ROW_GAP) {
      band.items.push(x);
      band.r2 = Math.max(band.r2, x.rect.r2);
    } else bands.push({ r2: x.rect.r2, items: [x] });
  }
  const out: (Rect & { formulas: Rect[] })[] = [];
  for (const band of bands) {
    const byCol = [...band.items].sort((a, b) => a.rect.c1 - b.rect.c1);
    let cur: (Rect & { formulas: Rect[] }) | null = null;
    for (const x of byCol) {
      if (cur && x.rect.c1 <= cur.c2 + COL_GAP) {
        cur.r1 = Math.min(cur.r1, x.rect.r1);
        cur.r2 = Math.max(cur.r2, x.rect.r2);
        cur.c2 = Math.max(cur.c2, x.rect.c2);
      } else {
        cur = { ...x.rect, formulas: [] };
        out.push(cur);
      }
      if (x.formula) cur.formulas.push(x.rect);
    }
  }
  return out;
}

const cellsIn = (r: Rect) => (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1);

/** A finding for a sheet too large to read within Excel's limits: said, never skipped silently. */
function tooLarge(sheet: string, rect: Rect, cells: number): Finding {
  const where = `${sheet}!${addressOf(rect)}`;
  return {
    code: 'addin.too-large',
    rule: 'unreadable-cell',
    severity: 'info',
    path: [],
    cell: where.length <= 80 ? where : undefined,
    message: `Trang "${sheet}" có vùng dữ liệu quá lớn (${cells.toLocaleString('vi-VN')} ô) nên không được đọc.`,
    hint: 'Nếu Biểu 01 hoặc danh sách nằm ở trang này, hãy chép sang một trang riêng rồi kiểm tra lại.',
    messageEn: `Sheet "${sheet}" holds too large an area (${cells} cells) and was not read.`,
    hintEn: 'If Biểu 01 or a list is on this sheet, copy it to a sheet of its own and check again.',
  };
}

export interface ReadResult {
  grids: Grid[];
  findings: Finding[];
  syncs: number;
}

/** Syncs 2…: the grids of the given sheets (one per cluster of data), read in bounded blocks. */
export async function readSheets(context: Excel.RequestContext, sheets: SheetMeta[]): Promise<ReadResult> {
  let syncs = 0;
  const findings: Finding[] = [];
  if (sheets.length === 0) return { grids: [], findings, syncs };
  const specials = sheets.map((s) => {
    const whole = context.workbook.worksheets.getItem(s.name).getRange();
    const consts = whole.getSpecialCellsOrNullObject('Constants' as Excel.SpecialCellType);
    const forms = whole.getSpecialCellsOrNullObject('Formulas' as Excel.SpecialCellType);
    consts.load('areas/items/address');
    forms.load('areas/items/address');
    return { s, consts, forms };
  });
  await context.sync();
  syncs++;
  const todo: Cluster[] = [];
  let total = 0;
  for (const { s, consts, forms } of specials) {
    const rects: { rect: Rect; formula: boolean }[] = [];
    for (const [areas, formula] of [[consts, false], [forms, true]] as const) {
      if (areas.isNullObject) continue;
      for (const a of areas.areas.items) {
        const rect = parseRange(a.address);
        if (rect) rects.push({ rect, formula });
      }
    }
    for (const c of clusters(rects)) {
      const n = cellsIn(c);
      if (total + n > MAX_CELLS) {
        findings.push(tooLarge(s.name, c, n));
        continue;
      }
      total += n;
      todo.push({ ...c, sheet: s.name });
    }
  }
  // blocks of whole rows, packed into syncs of at most CELLS_PER_SYNC cells
  const visible = new Map(sheets.map((s) => [s.name, s.visible]));
  const grids: Grid[] = todo.map((c) => ({
    sheet: c.sheet,
    origin: { row: c.r1, col: c.c1 },
    values: [],
    formulas: Array.from({ length: c.r2 - c.r1 + 1 }, () => new Array<boolean>(c.c2 - c.c1 + 1).fill(false)),
    // as the file reader: visibility (a hidden sheet is never read silently) and number formats
    visibility: visible.get(c.sheet) === false ? ('hidden' as const) : ('visible' as const),
    formats: [],
  }));
  todo.forEach((c, i) => {
    const f = grids[i]!.formulas!;
    for (const r of c.formulas) for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) f[row - c.r1]![col - c.c1] = true;
  });
  type Block = { grid: number; r1: number; rows: number; range: Excel.Range; formats?: Excel.Range };
  let budget = 0;
  let batch: Block[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await context.sync();
    syncs++;
    for (const b of batch) {
      const g = grids[b.grid]!;
      const at = b.r1 - g.origin.row;
      (b.range.values as unknown[][]).forEach((row, k) => (g.values[at + k] = row));
      (b.formats?.numberFormat as string[][] | undefined)?.forEach((row, k) => (g.formats![at + k] = row));
    }
    batch = [];
    budget = 0;
  };
  // whole rows, packed: each sync is filled up to CELLS_PER_SYNC before the next starts
  for (let i = 0; i < todo.length; i++) {
    const c = todo[i]!;
    const width = c.c2 - c.c1 + 1;
    for (let r = c.r1; r <= c.r2; ) {
      let rows = Math.min(c.r2 - r + 1, Math.floor((CELLS_PER_SYNC - budget) / width));
      if (rows < 1) {
        if (budget > 0) {
          await flush();
          continue;
        }
        rows = 1; // a single row wider than a sync's budget: still one row at a time
      }
      const range = context.workbook.worksheets.getItem(c.sheet).getRangeByIndexes(r - 1, c.c1 - 1, rows, width);
      range.load('values');
      // number formats (a typed percentage is checked at the precision it shows) where Biểu 01 can be: the
      // first FORMAT_ROWS rows of each area only, so a long roster costs no extra payload
      const fRows = Math.min(rows, c.r1 + FORMAT_ROWS - r);
      let formats: Excel.Range | undefined;
      if (fRows > 0) {
        formats = context.workbook.worksheets.getItem(c.sheet).getRangeByIndexes(r - 1, c.c1 - 1, fRows, width);
        formats.load('numberFormat');
      }
      batch.push({ grid: i, r1: r, rows, range, ...(formats ? { formats } : {}) });
      budget += rows * width;
      r += rows;
    }
  }
  await flush();
  return { grids, findings, syncs };
}

/** "No Biểu 01 found", when the shared reader had nothing to say (no sheet with data at all). */
export function noTemplateFinding(sheet?: string): Finding {
  return { code: 'template.no-template', rule: 'template-structure', severity: 'error', path: [], ...(sheet ? { cell: `${sheet}!A1` } : {}), ...msg.reader.noTemplate() };
}
