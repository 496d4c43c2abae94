import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Finding } from '../model';
import { msg, type Texts } from '../rules/messages';
import { a1, parseA1, type Grid } from '../templates/grid';
import { evaluate, shiftFormula } from './formula';
import { sniff } from './sniff';
import { listZip, PART_LIMIT, PartTooLarge, streamParts, type ZipEntry } from './zip';

/**
 * The .xlsx file reader: bytes in, one Grid per worksheet out, as Excel's own batched read gives it (stored
 * cells only, formulas by their saved result — 0 included —, shared and inline strings, the number format of
 * each value, sheet visibility and order, merged ranges). The zip is inflated as a stream and the XML
 * tokenised as it comes: no workbook model, nothing held but the cells that exist.
 */
export interface WorkbookRead {
  grids: Grid[];
  /** What kept the file (or a part of it) from being read: errors, each saying what to do. */
  findings: Finding[];
  /** True when nothing could be read: the file is not a workbook this reader can open. */
  unreadable: boolean;
}

const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'm/d/yyyy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yyyy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

function fileFinding(code: string, texts: Texts, cell?: string): Finding {
  return { code: `file.${code}`, rule: 'template-structure', severity: 'error', path: [], ...(cell ? { cell } : {}), ...texts };
}

/** "AB12" → row 12, column 28, by character codes (the hot path: one call per stored cell). */
function cellRef(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  let ch = ref.charCodeAt(0);
  if (ch === 36) ch = ref.charCodeAt(++i); // $
  for (; i < ref.length; ch = ref.charCodeAt(++i)) {
    if (ch >= 65 && ch <= 90) col = col * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) col = col * 26 + ch - 96;
    else break;
  }
  if (ch === 36) ch = ref.charCodeAt(++i);
  let row = 0;
  for (; i < ref.length; ch = ref.charCodeAt(++i)) {
    if (ch >= 48 && ch <= 57) row = row * 10 + ch - 48;
    else return null;
  }
  return col > 0 && row > 0 ? { row, col } : null;
}

const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** Feeds UTF-8 chunks to a fresh non-validating tokenizer; returns the sink for streamParts. */
function xmlSink(handlers: { open: (name: string, attrs: Record<string, string>) => void; close?: (name: string) => void; text?: (t: string) => void }) {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(local(tag.name), tag.attributes as Record<string, string>));
  if (handlers.close) parser.on('closetag', (tag) => handlers.close!(local(tag.name)));
  if (handlers.text) parser.on('text', handlers.text);
  if (handlers.text) parser.on('cdata', handlers.text);
  parser.on('error', (e) => {
    throw e;
  });
  const decoder = new TextDecoder('utf-8');
  return (chunk: Uint8Array, final: boolean) => {
    const s = decoder.decode(chunk, { stream: !final });
    if (s) parser.write(s);
    if (final) parser.close();
  };
}

/** A cell as stored, before the shared strings and styles (which may come later in the zip) are known. */
interface RawCell {
  row: number;
  col: number;
  /** t attribute: s (shared string index), str, inlineStr, b, e, n, d. */
  type: string;
  value: string | null;
  style: number;
  formula?: { text: string; shared?: string; master?: boolean };
}

interface RawSheet {
  cells: RawCell[];
  merges: string[];
}

function sheetSink(out: RawSheet) {
  let cell: RawCell | null = null;
  let capture: 'v' | 'f' | 't' | null = null;
  let buf = '';
  let inIs = false;
  let inRph = false;
  let rowNo = 0;
  let colNo = 0;
  let fAttrs: Record<string, string> | null = null;
  return xmlSink({
    open(name, attrs) {
      switch (name) {
        case 'row':
          rowNo = attrs.r ? Number(attrs.r) : rowNo + 1;
          colNo = 0;
          break;
        case 'c': {
          const ref = attrs.r ? cellRef(attrs.r) : null;
          if (ref) {
            rowNo = ref.row;
            colNo = ref.col;
          } else colNo++;
          cell = { row: rowNo, col: colNo, type: attrs.t ?? 'n', value: null, style: attrs.s ? Number(attrs.s) : 0 };
          break;
        }
        case 'v':
          capture = 'v';
          buf = '';
          break;
        case 'f':
          capture = 'f';
          buf = '';
          fAttrs = attrs;
          break;
        case 'is':
          inIs = true;
          buf = '';
          break;
        case 'rPh':
          inRph = true;
          break;
        case 't':
          if (inIs && !inRph) capture = 't';
          break;
        case 'mergeCell':
          if (attrs.ref) out.merges.push(attrs.ref);
          break;
      }
    },
    text(t) {
      if (capture) buf += t;
    },
    close(name) {
      switch (name) {
        case 'v':
          if (cell) cell.value = buf;
          capture = null;
          break;
        case 'f':
          if (cell) {
            const shared = fAttrs?.t === 'shared' ? fAttrs.si : undefined;
            cell.formula = { text: buf, ...(shared !== undefined ? { shared, master: buf.length > 0 } : {}) };
          }
          capture = null;
          break;
        case 't':
          if (capture === 't') capture = null;
          break;
        case 'rPh':
          inRph = false;
          break;
        case 'is':
          inIs = false;
          if (cell) cell.value = buf;
          break;
        case 'c':
          if (cell && (cell.value !== null || cell.formula || cell.style)) out.cells.push(cell);
          cell = null;
          break;
      }
    },
  });
}

function sharedStringsSink(out: string[]) {
  let inSi = false;
  let inT = false;
  let inRph = false;
  let buf = '';
  return xmlSink({
    open(name) {
      if (name === 'si') {
        inSi = true;
        buf = '';
      } else if (name === 't' && inSi && !inRph) inT = true;
      else if (name === 'rPh') inRph = true;
    },
    text(t) {
      if (inT) buf += t;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inRph = false;
      else if (name === 'si') {
        out.push(buf);
        inSi = false;
      }
    },
  });
}

function stylesSink(out: { formats: Map<number, string>; xf: number[] }) {
  let inCellXfs = false;
  return xmlSink({
    open(name, attrs) {
      if (name === 'numFmt' && attrs.numFmtId !== undefined) out.formats.set(Number(attrs.numFmtId), attrs.formatCode ?? 'General');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) out.xf.push(Number(attrs.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
}

interface SheetRef {
  name: string;
  rid: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

function workbookSink(out: SheetRef[]) {
  return xmlSink({
    open(name, attrs) {
      if (name !== 'sheet') return;
      const rid = Object.entries(attrs).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1] ?? attrs.id ?? '';
      const state = attrs.state === 'hidden' || attrs.state === 'veryHidden' ? attrs.state : 'visible';
      out.push({ name: attrs.name ?? '', rid, state });
    },
  });
}

function relsSink(out: Map<string, { target: string; type: string }>) {
  return xmlSink({
    open(name, attrs) {
      if (name === 'Relationship' && attrs.Id) out.set(attrs.Id, { target: attrs.Target ?? '', type: attrs.Type ?? '' });
    },
  });
}

/** A relationship target resolved against the folder of its source part. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

const norm = (name: string) => name.replace(/^\//, '').toLowerCase();

/** The cell's value as Excel's Range.values shows it. */
function plainValue(c: RawCell, strings: string[]): unknown {
  const v = c.value;
  if (v === null) return '';
  switch (c.type) {
    case 's':
      return strings[Number(v)] ?? '';
    case 'str':
    case 'inlineStr':
    case 'd':
      return v;
    case 'b':
      return v === '1' || v.toLowerCase() === 'true';
    case 'e':
      return v;
    default: {
      if (v === '') return '';
      const n = Number(v);
      return Number.isNaN(n) ? v : n;
    }
  }
}

function buildGrid(ref: SheetRef, raw: RawSheet, strings: string[], formatOf: (style: number) => string | undefined): Grid {
  const values: unknown[][] = [];
  const formulas: boolean[][] = [];
  const formats: (string | undefined)[][] = [];
  const rowSet = new Set<number>();
  const texts = new Map<string, string>();
  const masters = new Map<string, { row: number; col: number; text: string }>();
  let uncached = false;
  for (const c of raw.cells) {
    const r = c.row - 1;
    const col = c.col - 1;
    if (r < 0 || col < 0) continue;
    const val = plainValue(c, strings);
    if (val === '' && !c.formula) {
      // a styled blank cell: nothing stored
      continue;
    }
    (values[r] ??= [])[col] = val;
    rowSet.add(r);
    const fmt = formatOf(c.style);
    if (fmt) (formats[r] ??= [])[col] = fmt;
    if (c.formula) {
      (formulas[r] ??= [])[col] = true;
      if (c.formula.shared !== undefined && c.formula.master) masters.set(c.formula.shared, { row: c.row, col: c.col, text: c.formula.text });
      if (c.value === null) uncached = true;
    }
  }
  const noValue: Record<string, string> = {};
  if (uncached) {
    // formulas without a saved result: the file was written by a program. Evaluate the simple ones (and the
    // formulas they use, whose saved results cannot be trusted either); the others are reported by cell.
    for (const c of raw.cells) {
      if (!c.formula) continue;
      let text = c.formula.text;
      if (c.formula.shared !== undefined && !c.formula.master) {
        const m = masters.get(c.formula.shared);
        text = m ? (shiftFormula(m.text, c.row - m.row, c.col - m.col) ?? '') : '';
      }
      texts.set(`${c.row},${c.col}`, text);
    }
    const done = new Map<string, number | null>();
    const visiting = new Set<string>();
    const byKey = new Map(raw.cells.filter((c) => c.formula).map((c) => [`${c.row},${c.col}`, c]));
    const valueOf = (row: number, col: number, inSum: boolean): number | null => {
      const key = `${row},${col}`;
      if (texts.has(key)) {
        const v = evalCell(key);
        if (v !== null) return v;
        const cached = values[row - 1]?.[col - 1];
        return typeof cached === 'number' && byKey.get(key)?.value !== null ? cached : null;
      }
      const v = values[row - 1]?.[col - 1];
      if (v === undefined || v === '') return 0;
      if (typeof v === 'number') return v;
      if (typeof v === 'boolean') return inSum ? 0 : Number(v);
      if (typeof v === 'string' && v.startsWith('#')) return null;
      if (inSum) return 0;
      const n = Number(String(v).trim());
      return Number.isFinite(n) && String(v).trim() !== '' ? n : null;
    };
    const evalCell = (key: string): number | null => {
      if (done.has(key)) return done.get(key) as number | null;
      if (visiting.has(key)) return null;
      visiting.add(key);
      const v = evaluate(texts.get(key) ?? '', (ref, inSum) => valueOf(ref.row, ref.col, inSum));
      visiting.delete(key);
      done.set(key, v);
      return v;
    };
    for (const [key, c] of byKey) {
      const v = evalCell(key);
      if (v !== null) (values[c.row - 1] as unknown[])[c.col - 1] = Math.round(v * 1e9) / 1e9;
      else if (c.value === null) noValue[a1(c.row, c.col)] = texts.get(key) || c.formula!.text;
    }
  }
  // a merged range's value lives in its top-left cell only, as in Excel's Range.values
  for (const m of raw.merges) {
    const [from, to] = m.split(':');
    const a = from ? parseA1(from) : null;
    const b = to ? parseA1(to) : null;
    if (!a || !b) continue;
    for (const r of rowSet) {
      if (r + 1 < a.row || r + 1 > b.row) continue;
      const row = values[r] as unknown[];
      for (let c = a.col; c <= b.col && c <= row.length; c++) {
        if (r + 1 === a.row && c === a.col) continue;
        if (row[c - 1] !== undefined) row[c - 1] = '';
      }
    }
  }
  const rowIndex = [...rowSet].sort((x, y) => x - y);
  const grid: Grid = { sheet: ref.name, origin: { row: 1, col: 1 }, values, formulas, formats, visibility: ref.state, merges: raw.merges, rowIndex };
  if (Object.keys(noValue).length > 0) grid.noValue = noValue;
  return grid;
}

/** Read an .xlsx file's worksheets. Never throws: a file that cannot be read is a finding saying what to do. */
export function readXlsx(data: Uint8Array): WorkbookRead {
  const unreadable = (code: string, texts: Texts): WorkbookRead => ({ grids: [], findings: [fileFinding(code, texts)], unreadable: true });
  const kind = sniff(data);
  switch (kind) {
    case 'empty':
      return unreadable('empty', msg.file.empty());
    case 'xls':
      return unreadable('old-xls', msg.file.oldXls());
    case 'encrypted':
      return unreadable('encrypted', msg.file.encrypted());
    case 'xml2003':
      return unreadable('xml-2003', msg.file.xml2003());
    case 'html':
      return unreadable('html', msg.file.html());
    case 'csv':
      return unreadable('csv', msg.file.csv());
    case 'ole2':
    case 'unknown':
      return unreadable('not-spreadsheet', msg.file.notSpreadsheet());
    case 'zip':
      break;
  }
  let entries: ZipEntry[];
  try {
    entries = listZip(data);
  } catch {
    return unreadable('not-spreadsheet', msg.file.notSpreadsheet());
  }
  const byName = new Map(entries.map((e) => [norm(e.name), e]));
  if (byName.has('mimetype') && (byName.has('content.xml') || [...byName.keys()].some((n) => n.startsWith('meta-inf/')))) {
    return unreadable('ods', msg.file.ods());
  }
  if (byName.has('word/document.xml')) return unreadable('not-spreadsheet', msg.file.otherOffice('văn bản Word'));
  if (byName.has('ppt/presentation.xml')) return unreadable('not-spreadsheet', msg.file.otherOffice('bản trình chiếu PowerPoint'));
  const wbName = [...byName.keys()].find((n) => /^[^/]+\/workbook\d*\.xml$/.test(n)) ?? 'xl/workbook.xml';
  if (!byName.has(wbName)) return unreadable('not-spreadsheet', msg.file.notSpreadsheet());
  const folder = wbName.slice(0, wbName.lastIndexOf('/') + 1);

  const wanted = (n: string) => n === wbName || n === norm(relsOf(wbName)) || (n.startsWith(folder) && /^(worksheets\/[^/]+\.xml|sharedstrings\d*\.xml|styles\d*\.xml)$/.test(n.slice(folder.length)));
  for (const [n, e] of byName) {
    if (wanted(n) && e.size > PART_LIMIT) {
      return unreadable('too-large', msg.file.tooLarge(e.name, Math.ceil(e.size / 1048576), PART_LIMIT / 1048576));
    }
  }
  const sheetsRaw = new Map<string, RawSheet>();
  const sheetRefs: SheetRef[] = [];
  const rels = new Map<string, { target: string; type: string }>();
  const stringsByPart = new Map<string, string[]>();
  const stylesByPart = new Map<string, { formats: Map<number, string>; xf: number[] }>();
  try {
    streamParts(data, (name) => {
      const n = norm(name);
      if (!wanted(n)) return null;
      if (n === wbName) return workbookSink(sheetRefs);
      if (n === norm(relsOf(wbName))) return relsSink(rels);
      const rest = n.slice(folder.length);
      if (rest.startsWith('worksheets/')) {
        const raw: RawSheet = { cells: [], merges: [] };
        sheetsRaw.set(n, raw);
        return sheetSink(raw);
      }
      if (rest.startsWith('sharedstrings')) {
        const s: string[] = [];
        stringsByPart.set(n, s);
        return sharedStringsSink(s);
      }
      const st = { formats: new Map<number, string>(), xf: [] as number[] };
      stylesByPart.set(n, st);
      return stylesSink(st);
    });
  } catch (e) {
    if (e instanceof PartTooLarge) return unreadable('too-large', msg.file.tooLarge(e.part, Math.ceil(e.size / 1048576), PART_LIMIT / 1048576));
    return unreadable('not-spreadsheet', msg.file.notSpreadsheet());
  }
  const relOfType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix));
  const ssRel = relOfType('/sharedStrings');
  const stRel = relOfType('/styles');
  const strings = (ssRel ? stringsByPart.get(norm(resolvePart(wbName, ssRel.target))) : undefined) ?? [...stringsByPart.values()][0] ?? [];
  const styles = (stRel ? stylesByPart.get(norm(resolvePart(wbName, stRel.target))) : undefined) ?? [...stylesByPart.values()][0];
  const formatCache = new Map<number, string | undefined>();
  const formatOf = (style: number): string | undefined => {
    if (!styles || style === 0) return undefined;
    if (formatCache.has(style)) return formatCache.get(style);
    const id = styles.xf[style] ?? 0;
    const code = styles.formats.get(id) ?? BUILTIN_FORMATS[id];
    const out = code && code !== 'General' ? code : undefined;
    formatCache.set(style, out);
    return out;
  };
  const grids: Grid[] = [];
  for (const ref of sheetRefs) {
    const rel = rels.get(ref.rid);
    if (!rel || !rel.type.endsWith('/worksheet')) continue;
    const raw = sheetsRaw.get(norm(resolvePart(wbName, rel.target)));
    if (!raw) continue;
    grids.push(buildGrid(ref, raw, strings, formatOf));
  }
  if (grids.length === 0) return unreadable('no-sheets', msg.file.noSheets());
  return { grids, findings: [], unreadable: false };
}
