import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HighlightColor,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Consolidated } from '../model';
import { reportContent, type Para, type ReportContent, type ReportOptions, type ReportTable } from './content';

/**
 * The year's report as a Word document, laid out as party documents are (Nghị định 30/2020 and Hướng dẫn
 * 36-HD/VPTW): A4 portrait, margins 20/15/20/30 mm, Times New Roman 14, page numbers at the top from page 2;
 * the appendix tables on landscape pages. Pure: bytes out, no file I/O; runs in Node, workerd and browsers.
 */

const FONT = 'Times New Roman';
const MM = 56.7; // twips per millimetre
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM), header: Math.round(10 * MM), footer: Math.round(10 * MM) };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const size = (pt: number) => pt * 2;

function runs(para: Para, base: { size?: number; bold?: boolean; italic?: boolean } = {}): TextRun[] {
  return para.map(
    (s) =>
      new TextRun({
        text: s.text,
        font: FONT,
        size: size(base.size ?? 14),
        bold: s.bold ?? base.bold,
        italics: s.italic ?? (s.fill ? true : base.italic),
        highlight: s.fill ? HighlightColor.YELLOW : undefined,
      }),
  );
}

const line = (text: string, o: { size?: number; bold?: boolean; italic?: boolean; underline?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number } = {}) =>
  new Paragraph({
    alignment: o.align ?? AlignmentType.CENTER,
    spacing: { after: o.after ?? 0 },
    children: [new TextRun({ text, font: FONT, size: size(o.size ?? 14), bold: o.bold, italics: o.italic, underline: o.underline ? {} : undefined })],
  });

/** A body paragraph: justified, first-line indent 1 cm, 6 pt after, line spacing 1.15. */
const body = (para: Para) =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: Math.round(10 * MM) }, spacing: { after: 120, line: 276 }, children: runs(para) });

function headerBlock(c: ReportContent): Table {
  const left = [
    line(c.header.superior || '…', { size: 14 }),
    line(c.header.issuer, { size: 14, bold: true }),
    line('*', { size: 14 }),
    line(c.header.number, { size: 14 }),
  ];
  const right = [line(c.header.party, { size: 15, bold: true, underline: true }), line(''), line(c.header.placeDate, { size: 14, italic: true })];
  const width = A4.width - MARGIN.left - MARGIN.right;
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [Math.round(width * 0.45), width - Math.round(width * 0.45)],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [new TableCell({ children: left, borders: NO_BORDERS }), new TableCell({ children: right, borders: NO_BORDERS })] })],
  });
}

function signatureBlock(c: ReportContent): Table {
  const width = A4.width - MARGIN.left - MARGIN.right;
  const left = [
    new Paragraph({ children: [new TextRun({ text: 'Nơi nhận:', font: FONT, size: size(12), bold: true, italics: true, underline: {} })] }),
    ...c.recipients.map((r) => new Paragraph({ children: runs(r, { size: 11 }) })),
  ];
  const right = [
    line(c.signature.onBehalf, { bold: true }),
    line(c.signature.title, { bold: true }),
    line(c.signature.note, { italic: true }),
    line(''),
    line(''),
    line(''),
    new Paragraph({ alignment: AlignmentType.CENTER, children: runs(c.signature.name, { bold: true }) }),
  ];
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [Math.round(width * 0.5), width - Math.round(width * 0.5)],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [new TableCell({ children: left, borders: NO_BORDERS }), new TableCell({ children: right, borders: NO_BORDERS })] })],
  });
}

function dataTable(t: ReportTable, width: number): Table {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const cols = t.widths.map((w) => Math.floor((w / total) * width));
  const cell = (text: string, o: { bold?: boolean; italic?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; span?: number; rowSpan?: number; shade?: boolean }) =>
    new TableCell({
      columnSpan: o.span,
      rowSpan: o.rowSpan,
      verticalAlign: VerticalAlignTable.CENTER,
      shading: o.shade ? { fill: 'F2F2F2' } : undefined,
      margins: { left: 40, right: 40, top: 20, bottom: 20 },
      children: [new Paragraph({ alignment: o.align ?? AlignmentType.CENTER, children: [new TextRun({ text, font: FONT, size: size(11), bold: o.bold, italics: o.italic })] })],
    });
  const head = t.head.map((r) => new TableRow({ tableHeader: true, cantSplit: true, children: r.map((h) => cell(h.text, { bold: true, span: h.span, rowSpan: h.rowSpan, shade: true })) }));
  const rows = t.rows.map((r) => {
    if (r.group) {
      return new TableRow({ cantSplit: true, children: [cell(r.cells[0] ?? '', { bold: true, italic: true, align: AlignmentType.LEFT, span: t.widths.length })] });
    }
    return new TableRow({
      cantSplit: true,
      children: r.cells.map((v, i) => cell(v, { bold: r.bold, align: t.textColumns.includes(i) ? AlignmentType.LEFT : i === 0 ? AlignmentType.CENTER : AlignmentType.RIGHT })),
    });
  });
  return new Table({ width: { size: width, type: WidthType.DXA }, columnWidths: cols, layout: TableLayoutType.FIXED, rows: [...head, ...rows] });
}

export function reportDocument(view: Consolidated, opts: ReportOptions = {}): Document {
  const c = reportContent(view, opts);
  const pageNumber = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: size(13) })] })] });
  const main: ISectionOptions = {
    properties: { titlePage: true, page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: MARGIN } },
    headers: { default: pageNumber, first: new Header({ children: [] }) },
    children: [
      headerBlock(c),
      new Paragraph({ spacing: { before: 240 }, children: [] }),
      line(c.title[0]!, { size: 15, bold: true }),
      line(c.title[1]!, { size: 14, bold: true }),
      line('-----', { after: 240 }),
      ...c.opening.map(body),
      ...c.sections.flatMap((s) => [
        new Paragraph({ spacing: { before: 120, after: 120 }, indent: { firstLine: Math.round(10 * MM) }, children: [new TextRun({ text: s.heading, font: FONT, size: size(14), bold: true })] }),
        ...s.paragraphs.map(body),
      ]),
      new Paragraph({ spacing: { after: 240 }, children: [] }),
      signatureBlock(c),
    ],
  };
  const landscapeWidth = A4.height - Math.round(15 * MM) * 2;
  const appendix: ISectionOptions = {
    properties: {
      page: {
        size: { ...A4, orientation: PageOrientation.LANDSCAPE },
        margin: { top: Math.round(15 * MM), bottom: Math.round(15 * MM), left: Math.round(15 * MM), right: Math.round(15 * MM), header: MARGIN.header, footer: MARGIN.footer },
      },
    },
    headers: { default: pageNumber },
    children: [
      ...c.appendixTitle.split('\n').map((t, i) => line(t, { bold: i === 0, italic: i > 0, after: i > 0 ? 200 : 0 })),
      ...c.tables.flatMap((t, i) => [
        new Paragraph({ spacing: { before: i === 0 ? 120 : 360, after: 120 }, keepNext: true, children: [new TextRun({ text: t.title, font: FONT, size: size(13), bold: true })] }),
        dataTable(t, landscapeWidth),
      ]),
    ],
  };
  return new Document({
    creator: 'Xếp loại',
    title: `${c.title[0]} ${c.title[1]}`,
    styles: { default: { document: { run: { font: FONT, size: size(14) } } } },
    sections: [main, appendix],
  });
}

/** The report's .docx bytes. */
export async function reportDocx(view: Consolidated, opts: ReportOptions = {}): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(reportDocument(view, opts)));
}
