import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { BIEU02, bieu01Sheet, consolidatedSheet, consolidatedSheetName, LEVELS, listSheet, SUBJECTS, type Subject } from '../../shared';
import { reportDocx } from '../../shared/report';
import { addSheet, workbookBuffer } from '../../shared/xlsx';
import { loadSample } from '../helpers/sample';
import { rosterFor } from '../helpers/roster';
import { sampleView } from '../helpers/report-view';

const hasLibreOffice = spawnSync('which', ['libreoffice']).status === 0;
const hasPoppler = spawnSync('which', ['pdftotext']).status === 0;
const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));

/** A LibreOffice profile set to Vietnamese (vi-VN), so that the sheet prints "97,82" and "6.102" as a Vietnamese Excel does. */
function viProfile(dir: string): string {
  mkdirSync(join(dir, 'profile', 'user'), { recursive: true });
  writeFileSync(
    join(dir, 'profile', 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
</oor:items>`,
  );
  return `-env:UserInstallation=file://${dir}/profile`;
}

function toPdf(dir: string, files: string[]) {
  execFileSync('libreoffice', ['--headless', viProfile(dir), '--convert-to', 'pdf', '--outdir', dir, ...files.map((f) => join(dir, f))], { timeout: 120_000 });
}

/** The text of each page of a PDF, as printed (pdftotext -layout keeps a table row on one line). */
function pages(pdf: string): string[] {
  const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  return Array.from({ length: n }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
}

/** The running text (reading order, page numbers dropped, lines joined): where the prose paragraphs are read. */
function runningText(pdf: string): string {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => !/^\s*\d+\s*$/.test(l))
    .join(' ')
    .replace(/\f/g, ' ')
    .replace(/\s+/g, ' ');
}

// Vietnamese number style, written here independently of shared/format
const int = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const p2 = (p: number | null) => (p === null ? '-' : p.toFixed(2).replace('.', ','));
const pTrim = (p: number) => p2(p).replace(/0+$/, '').replace(/,$/, '');
const signed = (p: number | null) => (p === null ? '-' : `${p > 0 ? '+' : ''}${p2(p)}`);
const lead0 = (n: number) => (n < 10 ? `0${n}` : int(n));
const TABLE_LABEL: Record<Subject, string> = { committee: 'Tập thể cấp ủy', organization: 'Tổ chức cơ sở đảng', branch: 'Chi bộ trực thuộc', member: 'Đảng viên' };
const PROSE_TITLE: Record<Subject, string> = { committee: 'Tập thể cấp ủy cơ sở', organization: 'Tổ chức cơ sở đảng', branch: 'Chi bộ trực thuộc đảng ủy cơ sở', member: 'Đảng viên' };
const CHANGE_KEYS = ['rated', 'unrated', 'goodOrBetter', 'excellentOfGoodOrBetter', 'excellent', 'good', 'complete', 'incomplete'] as const;

/** Numbers of a printed table row after its label ("8 8 100,00 0 1 12,50 …"). */
function numbersAfter(line: string, label: string): string[] {
  return line.slice(line.indexOf(label) + label.length).match(/[+-]?\d[\d.]*(,\d+)?|(?<=\s)-(?=\s|$)/g) ?? [];
}

/** The row of Biểu 1 expected from expected.json: Tổng số, được XL (SL, %), không XL, 4 × (SL, %), tốt trở lên %. */
function biểu1Row(f: any): string[] {
  return [int(f.total), int(f.rated), p2(f.percent.rated), int(f.unrated), ...LEVELS.flatMap((l) => [int(f.levels[l]), p2(f.percent[l])]), p2(f.percent.goodOrBetter)];
}

/** The first line of the pages from `from` on that contains `label` after the line containing `after`. */
function lineAfter(text: string, after: string, label: string | RegExp): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes(after));
  expect(start, `"${after}" printed`).toBeGreaterThanOrEqual(0);
  const hit = lines.slice(start + 1).find((l) => (typeof label === 'string' ? l.includes(label) : label.test(l)));
  expect(hit, `a line "${label}" after "${after}"`).toBeDefined();
  return hit!;
}

/** The printed tables: Biểu 1 and Biểu 2 carry every 2025 figure of expected.json, and 2024's percentages. */
function expectTables(text: string, expected: any) {
  const e25 = expected.consolidated['2025'];
  const e24 = expected.consolidated['2024'];
  for (const s of SUBJECTS) {
    const label = TABLE_LABEL[s];
    expect(numbersAfter(lineAfter(text, 'Biểu 1.', label), label), `Biểu 1, ${s}`).toEqual(biểu1Row(e25[s]));
    const lines = text.split('\n');
    const at = lines.findIndex((l, i) => i > lines.findIndex((x) => x.includes('Biểu 2.')) && l.includes(label) && l.includes('Năm 2024'));
    expect(at, `Biểu 2, ${s}`).toBeGreaterThan(0);
    expect(numbersAfter(lines[at]!, 'Năm 2024'), `Biểu 2, ${s}, 2024`).toEqual(CHANGE_KEYS.map((k) => p2(e24[s].percent[k])));
    const now = lines.slice(at + 1).find((l) => l.includes('Năm 2025'))!;
    expect(numbersAfter(now, 'Năm 2025'), `Biểu 2, ${s}, 2025`).toEqual(CHANGE_KEYS.map((k) => p2(e25[s].percent[k])));
    const change = lines.slice(at + 1).find((l) => l.includes('Tăng, giảm'))!;
    expect(numbersAfter(change, 'Tăng, giảm').map((x) => x.replace(/^\+/, '')), `Biểu 2, ${s}, change`).toEqual(CHANGE_KEYS.map((k) => signed(e25[s].change[k]).replace(/^\+/, '')));
  }
}

/** The prose: each subject's figures of expected.json in its own numbered paragraph, zeros as "không có …". */
function expectParagraphs(text: string, expected: any) {
  const e25 = expected.consolidated['2025'];
  SUBJECTS.forEach((s, i) => {
    const start = text.indexOf(`${i + 1}. ${PROSE_TITLE[s]}:`);
    expect(start, `paragraph ${i + 1}`).toBeGreaterThanOrEqual(0);
    const next = i < 3 ? text.indexOf(`${i + 2}. ${PROSE_TITLE[SUBJECTS[i + 1]!]}:`, start) : text.indexOf('Kết quả theo loại hình', start);
    const para = text.slice(start, next > start ? next : undefined);
    const f = e25[s];
    const want = [`là ${lead0(f.total)}`, `đã đánh giá, xếp loại ${lead0(f.rated)}`, `bằng ${pTrim(f.percent.rated)}%`, `trở lên là ${lead0(f.goodOrBetter)}`, `bằng ${pTrim(f.percent.goodOrBetter)}%`];
    if (f.change.goodOrBetter !== 0) want.push(`${f.change.goodOrBetter > 0 ? 'tăng' : 'giảm'} ${pTrim(Math.abs(f.change.goodOrBetter))}% so với năm 2024`);
    if (f.unrated > 0) want.push(`${lead0(f.unratedByReason.new)} `, 'chưa đánh giá, xếp loại');
    if (f.levels.excellent > 0) want.push(`trong đó ${lead0(f.levels.excellent)} `, `đạt ${pTrim(f.percent.excellentOfGoodOrBetter)}%`);
    for (const [l, words] of [['complete', ' hoàn thành nhiệm vụ'], ['incomplete', ' không hoàn thành nhiệm vụ']] as const) {
      if (f.levels[l] > 0) want.push(`${lead0(f.levels[l])} `, `bằng ${pTrim(f.percent[l])}%`);
      else want.push(`không có `, words);
    }
    for (const w of want) expect(para, `paragraph ${i + 1}: "${w}"`).toContain(w);
    // zeros read naturally
    expect(para).not.toMatch(/là 0(?!\d)|(?<![\d,])0 (tập thể|TCCSĐ|chi bộ|đồng chí)|bằng 0%|đạt 0%/);
  });
}

// .ci/run installs LibreOffice (Debian's libreoffice-calc-nogui) and poppler-utils; a developer machine without them skips this file.
describe.skipIf((!hasLibreOffice || !hasPoppler) && !process.env.CI)('printed through LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xeploai-lo-'));
  const { expected } = loadSample();
  let docx: string[] = [];
  let xlsx: string[] = [];
  let docxText = '';

  beforeAll(async () => {
    const view = sampleView(2025);
    writeFileSync(join(dir, 'bao-cao.docx'), await reportDocx(view));
    const wb = new ExcelJS.Workbook();
    addSheet(wb, { ...consolidatedSheet(view), name: consolidatedSheetName(view.unit, view.year) });
    writeFileSync(join(dir, 'tong-hop.xlsx'), await workbookBuffer(wb));
    toPdf(dir, ['bao-cao.docx', 'tong-hop.xlsx']);
    docx = pages(join(dir, 'bao-cao.pdf'));
    xlsx = pages(join(dir, 'tong-hop.pdf'));
    docxText = runningText(join(dir, 'bao-cao.pdf'));
    // XEPLOAI_DOCS=1: the pictures of README (docs/*.png), from these very files
    if (process.env.XEPLOAI_DOCS) {
      // the pictures of README: the first printed page of each
      for (const [pdf, png] of [['bao-cao.pdf', 'report-docx-page1'], ['tong-hop.pdf', 'consolidated-xlsx-page1']]) {
        execFileSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', '-singlefile', join(dir, pdf!), join(dir, png!)]);
        copyFileSync(join(dir, `${png}.png`), join(DOCS, `${png}.png`));
      }
    }
  }, 150_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the .docx report: page 1 has the party header, the title, the regulation by its names', () => {
    const p1 = docx[0]!;
    for (const t of ['ĐẢNG BỘ TỈNH MẪU', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'Số …-BC/…', '…, ngày … tháng … năm …', 'BÁO CÁO', 'Quy định 366-QĐ/TW']) expect(p1).toContain(t);
    expect(p1.replace(/\s+/g, ' ')).toMatch(/ĐẢNG ỦY KHỐI CÁC CƠ\s?QUAN TỈNH MẪU/);
    expect(docxText).toContain('Thực hiện Quy định 366-QĐ/TW ngày 30/8/2025 và Hướng dẫn 43-HD/BTCTW ngày 31/10/2025');
    expect(docx.join('')).not.toMatch(/qd366|KM-\d\d/);
  });

  it('the .docx report: every figure of expected.json in its numbered paragraph, zeros as "không có …"', () => {
    expectParagraphs(docxText, expected);
    expect(docxText).toContain('không có TCCSĐ không hoàn thành nhiệm vụ');
    expect(docxText).toContain('không có chi bộ trực thuộc hoàn thành nhiệm vụ (giảm 5% so với năm 2024)');
  });

  it('the .docx report: "Hạn chế" from the findings, places left for the committee, the signature block', () => {
    expect(docxText).toContain('II. HẠN CHẾ');
    expect(docxText).toContain('Việc xếp loại đảng viên hoàn thành xuất sắc nhiệm vụ ở 01 đơn vị (Đảng bộ Công ty Điện lực) vượt tỷ lệ 20% quy định');
    expect(docxText).toContain('có 01 đảng ủy cơ sở (Đảng bộ Sở Y tế) xếp loại chi bộ trực thuộc hoàn thành xuất sắc nhiệm vụ vượt tỷ lệ 20% quy định');
    expect(docxText.match(/\[Phần do cấp ủy viết:/g)?.length).toBe(3);
    const signPage = docx.find((p) => p.includes('T/M BAN THƯỜNG VỤ'))!;
    expect(signPage).toContain('(Ký tên, đóng dấu)');
    expect(signPage).toContain('Nơi nhận:');
  });

  it('the .docx appendix: Biểu 1 and 2 carry every figure of expected.json; Biểu 3 by kind sums to Biểu 1; Biểu 4 one row per unit', () => {
    const appendix = docx.slice(docx.findIndex((p) => p.includes('PHỤ LỤC'))).join('\n');
    expectTables(appendix, expected);
    expectByType(appendix, expected);
    for (const u of loadSample().input.units.filter((x) => x.parent)) expect(appendix, u.name).toContain(u.name);
  });

  it('the .xlsx prints with the party header, the unit’s and the regulation’s names, and no stray data block', () => {
    const p1 = xlsx[0]!;
    for (const t of ['ĐẢNG BỘ TỈNH MẪU', 'ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH MẪU', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'NĂM 2025', 'Đảng ủy Khối các cơ quan tỉnh Mẫu — theo Quy định 366-QĐ/TW ngày 30/8/2025 và Hướng dẫn 43-HD/BTCTW ngày 31/10/2025']) expect(p1).toContain(t);
    expect(xlsx.join('')).not.toMatch(/qd366|\(KM\)/);
    // the member levels print once, labelled, inside the page (no unlabelled block beside the tables)
    const levels = xlsx.join('\n').split('\n').filter((l) => /^\s*Số đảng viên\s+\d/.test(l));
    expect(levels).toHaveLength(1);
    expect(numbersAfter(levels[0]!, 'Số đảng viên')).toEqual(LEVELS.map((l) => int(expected.consolidated['2025'].member.levels[l])));
  });

  it('the .xlsx: Biểu 1 and 2 carry every figure of expected.json, Biểu 3 sums to Biểu 1, and Biểu 4 starts a page', () => {
    const all = xlsx.join('\n');
    expectTables(all, expected);
    expectByType(all, expected);
    const unitsPage = xlsx.find((p) => p.includes('Biểu 4.'))!;
    expect(unitsPage).not.toContain('Biểu 1.');
    expect(unitsPage.trimStart().startsWith('Biểu 4.')).toBe(true);
    // wrapped text fits its rows: every unit name prints whole on its line
    for (const u of loadSample().input.units.filter((x) => x.parent)) expect(unitsPage, u.name).toContain(u.name);
    const last = xlsx[xlsx.length - 1]!;
    expect(last).toContain('T/M BAN THƯỜNG VỤ');
    expect(last).toContain('NGƯỜI LẬP BIỂU');
    // the prose, numbered, as in the report
    expect(all.replace(/\s+/g, ' ')).toContain('4. Đảng viên: tổng số đảng viên là 845 đồng chí');
  });

  it('Biểu 01 and Biểu 02 print with the party header from the register', async () => {
    const report = loadSample().input.reports['2025']![0]!;
    const wb = new ExcelJS.Workbook();
    addSheet(wb, bieu01Sheet({ year: 2025, unit: report.unit, unitName: 'Đảng bộ Sở Tài chính', parentName: 'Đảng ủy Khối các cơ quan tỉnh Mẫu', kind: 'dang-bo-co-so', report }));
    addSheet(wb, listSheet(BIEU02, { year: 2025, unit: report.unit, unitName: 'Đảng bộ Sở Tài chính', rows: rosterFor(report, { scores: true }) }));
    writeFileSync(join(dir, 'bieu.xlsx'), await workbookBuffer(wb));
    toPdf(dir, ['bieu.xlsx']);
    expect(existsSync(join(dir, 'bieu.pdf'))).toBe(true);
    expect(statSync(join(dir, 'bieu.pdf')).size).toBeGreaterThan(10_000);
    if (process.env.XEPLOAI_DOCS) {
      execFileSync('pdftoppm', ['-r', '110', '-png', '-f', '1', '-l', '1', '-singlefile', join(dir, 'bieu.pdf'), join(dir, 'bieu01')]);
      copyFileSync(join(dir, 'bieu01.png'), join(DOCS, 'bieu01-libreoffice.png'));
    }
    const p1 = pages(join(dir, 'bieu.pdf'))[0]!;
    for (const t of ['ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH MẪU', 'ĐẢNG ỦY SỞ TÀI CHÍNH', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'T/M ĐẢNG ỦY', '…, ngày … tháng … năm …']) expect(p1).toContain(t);
    expect(p1).not.toMatch(/bieu01|phiên bản|năm 2026/);
  }, 150_000);
});

/** Biểu 3: each kind's rows, added up, give Biểu 1's (printed) counts. */
function expectByType(text: string, expected: any) {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.includes('Biểu 3.'));
  const to = lines.findIndex((l, i) => i > from && (l.includes('Biểu 4.') || l.includes('Tổng cộng')));
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  for (const s of SUBJECTS) {
    const label = TABLE_LABEL[s];
    const rows = lines.slice(from, to).filter((l) => new RegExp(`^\\s*\\d\\s+${label}\\s`).test(l)).map((l) => numbersAfter(l, label));
    expect(rows.length, `Biểu 3 rows of ${s}`).toBeGreaterThanOrEqual(2);
    const e = expected.consolidated['2025'][s];
    const sumAt = (i: number) => rows.reduce((n, r) => n + Number(r[i]!.replace(/\./g, '')), 0);
    expect(sumAt(0), `Biểu 3 ${s} total`).toBe(e.total);
    LEVELS.forEach((l, j) => expect(sumAt(4 + 2 * j), `Biểu 3 ${s} ${l}`).toBe(e.levels[l]));
  }
}
