import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Finding } from '../model';
import { msg, type Texts } from '../rules/messages';
import { a1, parseA1, type Grid } from '../templates/grid';
import { evaluate, shiftFormula } from './formula';
import { sniff } from './sniff';
import { inflateParts, listZip, PART_LIMIT, PartTooLarge, streamParts, type ZipEntry } from './zip';

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

/** "AB12" → out = [12, 28], by character codes, no allocation (the hot path: one call per stored cell). */
function refInto(ref: string, out: number[]): boolean {
  let col = 0;
  let i = 0;
  let ch = ref.charCodeAt(0);
  if (ch === 36) ch = ref.charCodeAt(++i);
  for (; i < ref.length; ch = ref.charCodeAt(++i)) {
    if (ch >= 65 && ch <= 90) col = col * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) col = col * 26 + ch - 96;
    else break;
  }
  if (ch === 36) ch = ref.charCodeAt(++i);
  let row = 0;
  for (; i < ref.length; ch = ref.charCodeAt(++i)) {
    if (ch >= 48 && ch <= 57) row = row * 10 + ch - 48;
    else return false;
  }
  if (col === 0 || row === 0) return false;
  out[0] = row;
  out[1] = col;
  return true;
}

const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** Feeds UTF-8 chunks to a fresh non-validating tokenizer; returns the sink for streamParts. */
function xmlSink(handlers: { open: (name: string, attrs: Record<string, string>) => void; close?: (name: string) => void; text?: (t: string) => void }) {
  const parser = new SaxesParser({ xmlns: false, position: false });
  // prefixed element names (<x:c>) only when the root element has one: the common case skips the stripping
  let prefixed: boolean | null = null;
  const { open, close } = handlers;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    prefixed ??= tag.name.includes(':');
    open(prefixed ? local(tag.name) : tag.name, tag.attributes as Record<string, string>);
  });
  if (close) parser.on('closetag', (tag) => close(prefixed ? local(tag.name) : tag.name));
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
  /** Whether the file saved a result for it. */
  cached: boolean;
}

/** A sheet's grid as it is built while its XML streams in (shared strings and styles already known). */
interface SheetBuild {
  values: unknown[][];
  formulas: boolean[][];
  formats: (string | undefined)[][];
  rows: number[];
  /** "row,col" → the formula of that cell (formula cells only). */
  formulaCells: Map<string, RawFormula & { row: number; col: number }>;
  merges: string[];
  uncached: boolean;
}

function sheetSink(out: SheetBuild, strings: string[], formatOf: (style: number) => string | undefined) {
  let inCell = false;
  let cType = 0;
  let cValue: string | null = null;
  let cStyle = 0;
  let cFormula: { text: string; shared?: string; master?: boolean } | null = null;
  let capture = 0; // 0 none, 1 v, 2 f, 3 t (inline string)
  let buf = '';
  let inIs = false;
  let inRph = false;
  let rowNo = 0;
  let colNo = 0;
  let fShared: string | undefined;
  let lastRow = -1;
  let rowVals: unknown[] | null = null;
  const at = [0, 0];
  const store = () => {
    const r = rowNo - 1;
    const c = colNo - 1;
    if (r < 0 || c < 0) return;
    const val = plainValue(cType, cValue, strings);
    if (val === '' && !cFormula) return; // a styled blank cell: nothing stored
    if (r !== lastRow) {
      rowVals = out.values[r] ?? null;
      if (!rowVals) {
        rowVals = out.values[r] = [];
        out.rows.push(r);
      }
      lastRow = r;
    }
    (rowVals as unknown[])[c] = val;
    if (cStyle !== 0) {
      const fmt = formatOf(cStyle);
      if (fmt) (out.formats[r] ??= [])[c] = fmt;
    }
    if (cFormula) {
      (out.formulas[r] ??= [])[c] = true;
      out.formulaCells.set(`${rowNo},${colNo}`, { ...cFormula, cached: cValue !== null, row: rowNo, col: colNo });
      if (cValue === null) out.uncached = true;
    }
  };
  // the hot path (one call per tag): one-letter tags told apart by their character code
  return xmlSink({
    open(name, attrs) {
      if (name.length === 1) {
        const ch = name.charCodeAt(0);
        if (ch === 99 /* c */) {
          const ref = attrs.r;
          if (ref === undefined || !refInto(ref, at)) colNo++;
          else {
            rowNo = at[0] as number;
            colNo = at[1] as number;
          }
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
          if (inCell && (cValue !== null || cFormula)) store();
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
function plainValue(type: number, v: string | null, strings: string[]): unknown {
  if (v === null) return '';
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

/** The built sheet as a Grid: simple formulas without results evaluated, merged ranges blanked, rows indexed. */
function finishGrid(ref: SheetRef, b: SheetBuild): Grid {
  const { values } = b;
  const noValue: Record<string, string> = {};
  if (b.uncached) {
    // formulas without a saved result: the file was written by a program. Evaluate the simple ones (and the
    // formulas they use, whose saved results cannot be trusted either); the others are reported by cell.
    const masters = new Map<string, { row: number; col: number; text: string }>();
    for (const f of b.formulaCells.values()) if (f.shared !== undefined && f.master) masters.set(f.shared, { row: f.row, col: f.col, text: f.text });
    const texts = new Map<string, string>();
    for (const [key, f] of b.formulaCells) {
      let text = f.text;
      if (f.shared !== undefined && !f.master) {
        const m = masters.get(f.shared);
        text = m ? (shiftFormula(m.text, f.row - m.row, f.col - m.col) ?? '') : '';
      }
      texts.set(key, text);
    }
    const done = new Map<string, number | null>();
    const visiting = new Set<string>();
    const valueOf = (row: number, col: number, inSum: boolean): number | null => {
      const key = `${row},${col}`;
      if (texts.has(key)) {
        const v = evalCell(key);
        if (v !== null) return v;
        const cached = values[row - 1]?.[col - 1];
        return typeof cached === 'number' && b.formulaCells.get(key)?.cached ? cached : null;
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
      const v = evaluate(texts.get(key) ?? '', (r, inSum) => valueOf(r.row, r.col, inSum));
      visiting.delete(key);
      done.set(key, v);
      return v;
    };
    for (const [key, f] of b.formulaCells) {
      const v = evalCell(key);
      if (v !== null) (values[f.row - 1] as unknown[])[f.col - 1] = Math.round(v * 1e9) / 1e9;
      else if (!f.cached) noValue[a1(f.row, f.col)] = texts.get(key) || f.text;
    }
  }
  // a merged range's value lives in its top-left cell only, as in Excel's Range.values
  for (const m of b.merges) {
    const [from, to] = m.split(':');
    const a = from ? parseA1(from) : null;
    const z = to ? parseA1(to) : null;
    if (!a || !z) continue;
    for (const r of b.rows) {
      if (r + 1 < a.row || r + 1 > z.row) continue;
      const row = values[r] as unknown[];
      for (let c = a.col; c <= z.col && c <= row.length; c++) {
        if (r + 1 === a.row && c === a.col) continue;
        if (row[c - 1] !== undefined) row[c - 1] = '';
      }
    }
  }
  const rowIndex = b.rows.sort((x, y) => x - y);
  const grid: Grid = { sheet: ref.name, origin: { row: 1, col: 1 }, values, formulas: b.formulas, formats: b.formats, visibility: ref.state, merges: b.merges, rowIndex };
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
  // small parts inflated whole into buffers of their declared size (no growing buffers, one pass each); a part
  // that does not read that way (damaged, or inflating past what its header declared) is read again as a stream,
  // which stops a part at the limit whatever its header says
  try {
    return readParts(inflateParts);
  } catch {
    // read again below
  }
  try {
    return readParts(streamParts);
  } catch (e) {
    if (e instanceof PartTooLarge) return unreadable('too-large', msg.file.tooLarge(e.part, Math.ceil(e.size / 1048576), PART_LIMIT / 1048576));
    return unreadable('not-spreadsheet', msg.file.notSpreadsheet());
  }

  function readParts(inflate: typeof streamParts): WorkbookRead {
    const sheetRefs: SheetRef[] = [];
    const rels = new Map<string, { target: string; type: string }>();
    const stringsByPart = new Map<string, string[]>();
    const stylesByPart = new Map<string, { formats: Map<number, string>; xf: number[] }>();
    const isSheet = (n: string) => n.startsWith(folder) && n.slice(folder.length).startsWith('worksheets/');
    const builds = new Map<string, SheetBuild>();
    // pass 1: the workbook, its relationships, styles and shared strings (the sheets are not inflated)
    inflate(data, (name) => {
      const n = norm(name);
      if (!wanted(n) || isSheet(n)) return null;
      if (n === wbName) return workbookSink(sheetRefs);
      if (n === norm(relsOf(wbName))) return relsSink(rels);
      if (n.slice(folder.length).startsWith('sharedstrings')) {
        const s: string[] = [];
        stringsByPart.set(n, s);
        return sharedStringsSink(s);
      }
      const st = { formats: new Map<number, string>(), xf: [] as number[] };
      stylesByPart.set(n, st);
      return stylesSink(st);
    });
    const relOfType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix));
    const ssRel = relOfType('/sharedStrings');
    const stRel = relOfType('/styles');
    const strings = (ssRel ? stringsByPart.get(norm(resolvePart(wbName, ssRel.target))) : undefined) ?? [...stringsByPart.values()][0] ?? [];
    const styles = (stRel ? stylesByPart.get(norm(resolvePart(wbName, stRel.target))) : undefined) ?? [...stylesByPart.values()][0];
    // the format of each style, once (an array: one lookup per styled cell)
    const formatByStyle: (string | null)[] = (styles?.xf ?? []).map((id) => {
      const code = styles?.formats.get(id) ?? BUILTIN_FORMATS[id];
      return code && code !== 'General' ? code : null;
    });
    const formatOf = (style: number): string | undefined => formatByStyle[style] ?? undefined;
    // pass 2: the sheets, each cell written into its grid as it streams in
    const sheetParts = new Set(
      sheetRefs
        .map((ref) => rels.get(ref.rid))
        .filter((rel): rel is { target: string; type: string } => !!rel && rel.type.endsWith('/worksheet'))
        .map((rel) => norm(resolvePart(wbName, rel.target))),
    );
    inflate(data, (name) => {
      const n = norm(name);
      if (!sheetParts.has(n) || builds.has(n)) return null;
      const b: SheetBuild = { values: [], formulas: [], formats: [], rows: [], formulaCells: new Map(), merges: [], uncached: false };
      builds.set(n, b);
      return sheetSink(b, strings, formatOf);
    });
    const grids: Grid[] = [];
    for (const ref of sheetRefs) {
      const rel = rels.get(ref.rid);
      if (!rel || !rel.type.endsWith('/worksheet')) continue;
      const b = builds.get(norm(resolvePart(wbName, rel.target)));
      if (!b) continue;
      grids.push(finishGrid(ref, b));
    }
    if (grids.length === 0) return unreadable('no-sheets', msg.file.noSheets());
    return { grids, findings: [], unreadable: false };
  }
}
