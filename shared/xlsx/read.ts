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

/** The t attribute of a cell, as a small code. */
const TYPE: Record<string, number> = { n: 0, s: 1, str: 2, inlineStr: 3, b: 4, e: 5, d: 6 };

interface RawFormula {
  text: string;
  shared?: string;
  master?: boolean;
}

/**
 * The stored cells of a sheet, column-wise (one array per field, no object per cell), before the shared
 * strings and styles (which may come later in the zip) are known.
 */
interface RawSheet {
  rows: number[];
  cols: number[];
  types: number[];
  /** The <v> value (a number for numbers and shared-string indexes), the inline string, or null (a formula without a saved result). */
  values: (string | number | null)[];
  styles: number[];
  /** Index into the arrays → the cell's formula. */
  formulas: Map<number, RawFormula>;
  merges: string[];
}

function sheetSink(out: RawSheet) {
  let inCell = false;
  let cType = 0;
  let cValue: string | null = null;
  let cStyle = 0;
  let cFormula: RawFormula | null = null;
  let capture = 0; // 0 none, 1 v, 2 f, 3 t (inline string)
  let buf = '';
  let inIs = false;
  let inRph = false;
  let rowNo = 0;
  let colNo = 0;
  let fShared: string | undefined;
  // the hot path (one call per tag): one-letter tags told apart by their character code
  return xmlSink({
    open(name, attrs) {
      if (name.length === 1) {
        const ch = name.charCodeAt(0);
        if (ch === 99 /* c */) {
          const ref = attrs.r ? cellRef(attrs.r) : null;
          if (ref) {
            rowNo = ref.row;
            colNo = ref.col;
          } else colNo++;
          inCell = true;
          const t = attrs.t;
          cType = t === undefined ? 0 : (TYPE[t] ?? 0);
          cValue = null;
          cStyle = attrs.s ? Number(attrs.s) : 0;
          cFormula = null;
        } else if (ch === 118 /* v */) {
          capture = 1;
          buf = '';
        } else if (ch === 102 /* f */) {
          capture = 2;
          buf = '';
          fShared = attrs.t === 'shared' ? attrs.si : undefined;
        } else if (ch === 116 /* t */) {
          if (inIs && !inRph) capture = 3;
        }
        return;
      }
      if (name === 'row') {
        rowNo = attrs.r ? Number(attrs.r) : rowNo + 1;
        colNo = 0;
      } else if (name === 'is') {
        inIs = true;
        buf = '';
      } else if (name === 'rPh') inRph = true;
      else if (name === 'mergeCell' && attrs.ref) out.merges.push(attrs.ref);
    },
    text(t) {
      if (capture) buf += t;
    },
    close(name) {
      if (name.length === 1) {
        const ch = name.charCodeAt(0);
        if (ch === 118 /* v */) {
          if (inCell) cValue = buf;
          capture = 0;
        } else if (ch === 99 /* c */) {
          if (inCell && (cValue !== null || cFormula)) {
            if (cFormula) out.formulas.set(out.rows.length, cFormula);
            out.rows.push(rowNo);
            out.cols.push(colNo);
            out.types.push(cType);
            // shared-string indexes and numbers kept as numbers (no string per cell)
            if (cValue !== null && (cType === 1 || cType === 0) && cValue !== '') {
              const num = Number(cValue);
              out.values.push(Number.isNaN(num) ? cValue : num);
            } else out.values.push(cValue);
            out.styles.push(cStyle);
          }
          inCell = false;
        } else if (ch === 102 /* f */) {
          if (inCell) cFormula = fShared !== undefined ? { text: buf, shared: fShared, master: buf.length > 0 } : { text: buf };
          capture = 0;
        } else if (ch === 116 /* t */) {
          if (capture === 3) capture = 0;
        }
        return;
      }
      if (name === 'rPh') inRph = false;
      else if (name === 'is') {
        inIs = false;
        if (inCell) cValue = buf;
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
function plainValue(type: number, v: string | number | null, strings: string[]): unknown {
  if (v === null) return '';
  if (typeof v === 'number') return type === 1 ? (strings[v] ?? '') : v;
  switch (type) {
    case 1:
      return strings[Number(v)] ?? '';
    case 2:
    case 3:
    case 5:
    case 6:
      return v;
    case 4:
      return v === '1' || v.toLowerCase() === 'true';
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
  const masters = new Map<string, { row: number; col: number; text: string }>();
  let uncached = false;
  const n = raw.rows.length;
  for (let i = 0; i < n; i++) {
    const r = (raw.rows[i] as number) - 1;
    const col = (raw.cols[i] as number) - 1;
    if (r < 0 || col < 0) continue;
    const v = raw.values[i] as string | number | null;
    const f = raw.formulas.get(i);
    const val = plainValue(raw.types[i] as number, v, strings);
    if (val === '' && !f) continue;
    let row = values[r];
    if (row === undefined) {
      row = values[r] = [];
      rowSet.add(r);
    }
    row[col] = val;
    const style = raw.styles[i] as number;
    if (style !== 0) {
      const fmt = formatOf(style);
      if (fmt) (formats[r] ??= [])[col] = fmt;
    }
    if (f) {
      (formulas[r] ??= [])[col] = true;
      if (f.shared !== undefined && f.master) masters.set(f.shared, { row: r + 1, col: col + 1, text: f.text });
      if (v === null) uncached = true;
    }
  }
  const noValue: Record<string, string> = {};
  if (uncached) {
    // formulas without a saved result: the file was written by a program. Evaluate the simple ones (and the
    // formulas they use, whose saved results cannot be trusted either); the others are reported by cell.
    const texts = new Map<string, string>();
    const byKey = new Map<string, number>();
    for (const [i, f] of raw.formulas) {
      const row = raw.rows[i] as number;
      const col = raw.cols[i] as number;
      let text = f.text;
      if (f.shared !== undefined && !f.master) {
        const m = masters.get(f.shared);
        text = m ? (shiftFormula(m.text, row - m.row, col - m.col) ?? '') : '';
      }
      texts.set(`${row},${col}`, text);
      byKey.set(`${row},${col}`, i);
    }
    const done = new Map<string, number | null>();
    const visiting = new Set<string>();
    const valueOf = (row: number, col: number, inSum: boolean): number | null => {
      const key = `${row},${col}`;
      if (texts.has(key)) {
        const v = evalCell(key);
        if (v !== null) return v;
        const cached = values[row - 1]?.[col - 1];
        return typeof cached === 'number' && raw.values[byKey.get(key) as number] !== null ? cached : null;
      }
      const v = values[row - 1]?.[col - 1];
      if (v === undefined || v === '') return 0;
      if (typeof v === 'number') return v;
      if (typeof v === 'boolean') return inSum ? 0 : Number(v);
      if (typeof v === 'string' && v.startsWith('#')) return null;
      if (inSum) return 0;
      const num = Number(String(v).trim());
      return Number.isFinite(num) && String(v).trim() !== '' ? num : null;
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
    for (const [key, i] of byKey) {
      const row = raw.rows[i] as number;
      const col = raw.cols[i] as number;
      const v = evalCell(key);
      if (v !== null) (values[row - 1] as unknown[])[col - 1] = Math.round(v * 1e9) / 1e9;
      else if (raw.values[i] === null) noValue[a1(row, col)] = texts.get(key) || (raw.formulas.get(i) as RawFormula).text;
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
        const raw: RawSheet = { rows: [], cols: [], types: [], values: [], styles: [], formulas: new Map(), merges: [] };
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
