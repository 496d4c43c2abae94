import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bieu01Sheet, checkGrids, type Grid } from '../../shared';
import { addSheet, bieu01Workbook, checkXlsx, readXlsx, sniff, workbookBuffer } from '../../shared/xlsx';
import { workbookToGrids } from '../helpers/exceljs-grid';
import { baseReport } from '../helpers/reports';

const FIELD = new URL('../fixtures/field-cases/', import.meta.url).pathname;

/** A real .xlsx built from raw sheet XML (what scripts and other tools write), zipped with fflate. */
function rawXlsx(sheets: { name: string; xml: string; state?: string }[], extra: { strings?: string[]; styles?: string } = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
        .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/sharedStrings.xml': strToU8(`<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${(extra.strings ?? []).map((s) => `<si>${s}</si>`).join('')}</sst>`),
    'xl/styles.xml': strToU8(extra.styles ?? '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/></cellXfs></styleSheet>'),
  };
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${s.xml}</sheetData>${s.xml.includes('<mergeCell') ? '' : ''}</worksheet>`)));
  return zipSync(files);
}

describe('the .xlsx file reader (shared/xlsx)', () => {
  it('gives the grid exceljs gives for our generated Biểu 01, but with formula results of 0 kept as 0 (as Excel shows them)', async () => {
    const wb = bieu01Workbook({ year: 2025, unit: 'KM-01', unitName: 'x', report: baseReport() });
    const mine = readXlsx(await workbookBuffer(wb)).grids[0]!;
    const theirs = workbookToGrids(wb)[0]!;
    let zeros = 0;
    theirs.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const got = mine.values[r]?.[c] ?? '';
        if (v === '' && got === 0 && mine.formulas?.[r]?.[c]) zeros++;
        else expect(got, `R${r + 1}C${c + 1}`).toEqual(v);
      }),
    );
    // the "rated" formulas of the blank group rows: exceljs dropped their saved 0
    expect(zeros).toBeGreaterThan(0);
    expect(mine.visibility).toBe('visible');
    expect(mine.merges?.length).toBeGreaterThan(5);
    expect(mine.formats?.[14]?.[9]).toBe('0.00');
  });

  it('reads shared strings (rich text, phonetic runs left out), inline strings, booleans, errors, cached 0 and number formats', () => {
    const data = rawXlsx(
      [
        {
          name: 'S',
          xml:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>Tổng </t></r><r><t>số</t></r></is></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#REF!</v></c></row>' +
            '<row r="2"><c r="A2"><f>B2-B2</f><v>0</v></c><c r="B2" s="1"><v>6.1</v></c><c r="C2" t="str"><f>"x"</f><v>x</v></c></row>',
        },
      ],
      {
        strings: ['<t>Đảng viên</t>', '<r><t>Hoàn thành </t></r><r><t>tốt</t></r><rPh><t>ignored</t></rPh>'],
        styles: '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" formatCode="0.00"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>',
      },
    );
    const [g] = readXlsx(data).grids;
    expect(g!.values[0]).toEqual(['Đảng viên', 'Hoàn thành tốt', 'Tổng số', true, '#REF!']);
    expect(g!.values[1]).toEqual([0, 6.1, 'x']);
    expect(g!.formulas?.[1]?.[0]).toBe(true);
    expect(g!.formats?.[1]?.[1]).toBe('0.00');
  });

  it('reads SpreadsheetML written with a namespace prefix (<x:c>), as some tools write it', () => {
    const files: Record<string, Uint8Array> = {
      'xl/workbook.xml': strToU8('<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r"><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8('<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>Tổng số</x:t></x:is></x:c><x:c r="C2"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>'),
    };
    const [g] = readXlsx(zipSync(files)).grids;
    expect(g!.sheet).toBe('S');
    expect(g!.values[1]).toEqual([undefined, 'Tổng số', 7].map((v) => v));
  });

  it('keeps sheet order and visibility, and blanks the covered cells of merged ranges', () => {
    const data = rawXlsx([
      { name: 'Năm 2023', state: 'hidden', xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>' },
      { name: 'Biểu 01', xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells><sheetData>' },
      { name: 'Cũ', state: 'veryHidden', xml: '' },
    ]);
    const grids = readXlsx(data).grids;
    expect(grids.map((g) => [g.sheet, g.visibility])).toEqual([
      ['Năm 2023', 'hidden'],
      ['Biểu 01', 'visible'],
      ['Cũ', 'veryHidden'],
    ]);
    expect(grids[1]!.values[0]).toEqual(['a', '']);
  });

  it('visits only stored cells: a stray cell at the last row and column costs nothing and changes nothing', () => {
    const clean = readFileSync(FIELD + 'f08-stray-cell-last-row.xlsx');
    const res = readXlsx(clean);
    const g = res.grids[0]!;
    expect(g.values.length).toBe(1_048_576);
    expect(g.rowIndex!.length).toBeLessThan(40);
    const stray = rawXlsx([{ name: 'X', xml: '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>' }]);
    const s = readXlsx(stray).grids[0]!;
    expect(s.rowIndex).toEqual([1_048_575]);
    expect(checkGrids([s]).findings.map((f) => f.code)).toEqual(['template.no-template']);
  });

  it('evaluates the simple formulas of a file saved without results (SUM ranges, + of cells, shared formulas) and reports the others by cell', () => {
    const head =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã đơn vị: KM-01</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>BIỂU 01 NĂM 2025</t></is></c></row>' +
      '<row r="4"><c r="B4" t="inlineStr"><is><t>Nội dung</t></is></c><c r="C4" t="inlineStr"><is><t>Tổng số</t></is></c><c r="D4" t="inlineStr"><is><t>Hoàn thành xuất sắc nhiệm vụ</t></is></c><c r="E4" t="inlineStr"><is><t>Hoàn thành tốt nhiệm vụ</t></is></c><c r="F4" t="inlineStr"><is><t>Hoàn thành nhiệm vụ</t></is></c><c r="G4" t="inlineStr"><is><t>Không hoàn thành nhiệm vụ</t></is></c></row>';
    const row = (r: number, label: string, total: string, counts: number[]) =>
      `<row r="${r}"><c r="B${r}" t="inlineStr"><is><t>${label}</t></is></c>${total}${counts.map((n, i) => `<c r="${'DEFG'[i]}${r}"><v>${n}</v></c>`).join('')}</row>`;
    const xml =
      head +
      row(5, 'Tập thể cấp ủy cơ sở', '<c r="C5"><f t="shared" ref="C5:C7" si="0">SUM(D5:G5)</f></c>', [0, 1, 0, 0]) +
      row(6, 'Tổ chức cơ sở đảng', '<c r="C6"><f t="shared" si="0"/></c>', [0, 1, 0, 0]) +
      row(7, 'Chi bộ trực thuộc đảng ủy cơ sở', '<c r="C7"><f t="shared" si="0"/></c>', [1, 4, 0, 0]) +
      row(8, 'Đảng viên', '<c r="C8"><f>IF(D8&gt;0,D8+E8+F8+G8,0)</f></c>', [9, 44, 3, 1]);
    const res = checkXlsx(rawXlsx([{ name: 'Biểu 01', xml }]));
    const t = res.report!.tallies;
    expect([t.committee?.total, t.organization?.total, t.branch?.total]).toEqual([1, 1, 5]);
    const at = res.findings.filter((f) => f.cell === 'Biểu 01!C8');
    expect(at.map((f) => f.code)).toEqual(['template.formula-no-value']);
    expect(at[0]!.message).toContain('IF(D8>0');
    expect(at[0]!.hint).toMatch(/lưu lại/);
    expect(res.findings.some((f) => f.rule === 'missing-value' && f.cell === 'Biểu 01!C8')).toBe(false);
  });

  it('refuses a part whose declared size is over the limit before inflating it, and stops a part that inflates past it', () => {
    // 60 MiB of well-formed XML (the root, then blanks): ~60 KB compressed
    const big = new Uint8Array(60 * 1024 * 1024).fill(32);
    big.set(strToU8('<worksheet><sheetData>'));
    const honest = zipSync(
      {
        'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="Biểu 01" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        'xl/worksheets/sheet1.xml': big,
      },
      { level: 1 },
    );
    const r1 = readXlsx(honest);
    expect(r1.unreadable).toBe(true);
    expect(r1.findings[0]!.code).toBe('file.too-large');
    expect(r1.findings[0]!.message).toMatch(/vượt giới hạn 50 MB/);
    // the same zip with the sizes in its headers rewritten as 1 KB: stopped by the count of what was inflated
    const lying = honest.slice();
    const view = new DataView(lying.buffer);
    for (let i = 0; i + 4 < lying.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50 && view.getUint32(i + 22, true) === big.length) view.setUint32(i + 22, 1024, true);
      if (sig === 0x02014b50 && view.getUint32(i + 24, true) === big.length) view.setUint32(i + 24, 1024, true);
    }
    const r2 = readXlsx(lying);
    expect(r2.unreadable).toBe(true);
    expect(r2.findings[0]!.code).toBe('file.too-large');
  });

  const ole2 = (stream: string) => {
    const b = new Uint8Array(2048);
    b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 0; i < stream.length; i++) b[1024 + i * 2] = stream.charCodeAt(i);
    return b;
  };
  const kinds: [string, Uint8Array, string, RegExp][] = [
    ['Excel 97–2003 (the field case)', new Uint8Array(readFileSync(FIELD + 'f11-excel-97-2003.xls')), 'file.old-xls', /97–2003.*Lưu thành \.xlsx/],
    ['Excel 97–2003 (another)', ole2('Workbook'), 'file.old-xls', /\.xls/],
    ['a password-protected .xlsx (OLE2 with EncryptionInfo)', ole2('EncryptionInfo'), 'file.encrypted', /mật khẩu: gỡ mật khẩu rồi gửi lại/],
    ['.ods', zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>'), 'META-INF/manifest.xml': strToU8('<x/>') }), 'file.ods', /\.ods.*Lưu thành \.xlsx/],
    ['CSV named .xlsx', strToU8('TT;Nội dung;Tổng số\n1;Đảng viên;60\n'), 'file.csv', /CSV/],
    ['HTML named .xlsx', strToU8('<html><body><table><tr><td>1</td></tr></table></body></html>'), 'file.html', /HTML/],
    ['a Word document', zipSync({ 'word/document.xml': strToU8('<w/>') }), 'file.not-spreadsheet', /Word/],
    ['an empty file', new Uint8Array(0), 'file.empty', /rỗng/],
    ['random bytes', new Uint8Array([1, 2, 3, 0, 255, 7, 8]), 'file.not-spreadsheet', /không phải bảng tính/],
    ['a damaged zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'file.not-spreadsheet', /hỏng/],
  ];
  for (const [what, bytes, code, text] of kinds) {
    it(`an unreadable file is an error saying what to do, never "no problems": ${what}`, () => {
      const res = checkXlsx(bytes);
      expect(res.unreadable).toBe(true);
      expect(res.report).toBeNull();
      expect(res.findings).toHaveLength(1);
      expect(res.findings[0]).toMatchObject({ code, severity: 'error' });
      expect(res.findings[0]!.message).toMatch(text);
      expect(`${res.findings[0]!.message} ${res.findings[0]!.hint}`).not.toMatch(/https?:|Error|undefined|fflate|saxes|zip/i);
    });
  }

  it('recognises by content, not by name', () => {
    expect(sniff(new Uint8Array(readFileSync(FIELD + 'f02-formula-no-cache.xlsx')))).toBe('zip');
    expect(sniff(new Uint8Array(readFileSync(FIELD + 'f11-excel-97-2003.xls')))).toBe('xls');
  });

  it('reads an exceljs-written roster of 10,000 members with every row', async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, bieu01Sheet({ year: 2025, unit: 'KM-01', unitName: 'x', report: baseReport() }));
    const ws = wb.addWorksheet('Biểu 02');
    ws.addRow(['STT', 'Họ và tên', 'Chức vụ', 'Mức xếp loại']);
    for (let i = 0; i < 10_000; i++) ws.addRow([i + 1, `Người ${i}`, 'Chuyên viên', i % 2 ? 'HTTNV' : 'Không HTNV']);
    const grids: Grid[] = readXlsx(await workbookBuffer(wb)).grids;
    const res = checkGrids(grids);
    const roster = res.lists[0]!;
    expect(roster.rows).toBe(10_000);
    expect(roster.levels).toEqual({ excellent: 0, good: 5000, complete: 0, incomplete: 5000 });
    expect(roster.groups.staff.good).toBe(5000);
  });
});
