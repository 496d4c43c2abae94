import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bieu01Workbook, workbookBuffer } from '../../shared/xlsx';
import { SUBJECTS } from '../../shared';
import { loadSample } from '../helpers/sample';
import { buildCli, CLI_OUT } from '../../scripts/build-cli';

const FIELD = join(new URL('../../', import.meta.url).pathname, 'test/fixtures/field-cases/');
const BASE = JSON.parse((await import('node:fs')).readFileSync(join(FIELD, 'expected.json'), 'utf8')).base_tallies;

const ROOT = new URL('../../', import.meta.url).pathname;
const run = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [join(ROOT, 'bin/xeploai.mjs'), ...args], { cwd: ROOT });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr, err: err.stderr };
  }
};

describe('xeploai (command line)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xeploai-cli-'));
  const { input, expected } = loadSample();
  const files: string[] = [];
  beforeAll(async () => {
    for (const year of [2024, 2025]) {
      for (const r of input.reports[String(year)]!) {
        const file = join(dir, `${r.unit}-${year}.xlsx`);
        writeFileSync(file, await workbookBuffer(bieu01Workbook({ year, unit: r.unit, unitName: r.unit, report: r })));
        files.push(file);
      }
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('template writes a blank Biểu 01 that check reads (and finds empty)', async () => {
    const out = join(dir, 'blank.xlsx');
    const t = await run('template', '--year', '2025', '--unit', 'KM-99', '--name', 'Chi bộ Thử', '-o', out);
    expect(t.code).toBe(0);
    const c = await run('check', out);
    expect(c.code).toBe(1);
    expect(c.out).toContain('đơn vị KM-99, năm 2025');
    expect(c.out).toContain('Biểu 01!C15');
  });

  it('template --kind signs as the unit signs: a chi bộ cơ sở "T/M CHI BỘ"; a kind that does not exist is refused', async () => {
    const out = join(dir, 'chi-bo.xlsx');
    const t = await run('template', '--year', '2025', '--unit', 'KM-09', '--name', 'Chi bộ Sở Ngoại vụ', '--parent', 'Đảng ủy Khối các cơ quan tỉnh Mẫu', '--kind', 'chi-bo-co-so', '-o', out);
    expect(t.code).toBe(0);
    const { readXlsx } = await import('../../shared/xlsx');
    const texts = readXlsx(new Uint8Array((await import('node:fs')).readFileSync(out))).grids.flatMap((g) => g.values.flat()).filter((v): v is string => typeof v === 'string');
    expect(texts).toContain('T/M CHI BỘ');
    expect(texts.some((v) => v.includes('T/M ĐẢNG ỦY'))).toBe(false);
    const bad = await run('template', '--year', '2025', '--unit', 'KM-09', '--kind', 'chibo', '-o', join(dir, 'x.xlsx'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Loại đơn vị "chibo" không hợp lệ');
  });

  it('check: findings with their cells; exit 0 without errors, 1 with', async () => {
    const ok = await run('check', join(dir, 'KM-04-2025.xlsx'));
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('CẢNH BÁO   Biểu 01!I15');
    const bad = await run('check', join(ROOT, 'test/fixtures/templates/break-ref-error.xlsx'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('Biểu 01!I15');
    expect(bad.out).toContain('#REF!');
    const json = JSON.parse((await run('check', '--json', join(dir, 'KM-01-2025.xlsx'))).out);
    expect(json.report.tallies.member.total).toBe(150);
    expect(json.sheet).toBe('Biểu 01'); // which sheet was read, as the text output says
  });

  it('consolidate: the figures of expected.json, with the change against the files of last year', async () => {
    const res = await run('consolidate', '--year', '2025', '--unit', 'KM', '--json', ...files);
    expect(res.code).toBe(0);
    const view = JSON.parse(res.out);
    for (const s of SUBJECTS) {
      expect(view.subjects[s].percent).toEqual(expected.consolidated['2025'][s].percent);
      expect(view.subjects[s].change).toEqual(expected.consolidated['2025'][s].change);
    }
    const table = await run('consolidate', '--year', '2025', ...files);
    expect(table.out).toContain('Tổng hợp năm 2025: 12 đơn vị, so với 11 đơn vị năm 2024.');
    expect(table.out).toMatch(/Đảng viên\s+845\s+825/);
    expect(table.out).toContain('807 đồng chí, bằng 97,82%');
  });

  it('an unreadable file is an error with its reason and exit 2, in text and JSON, and is left out of a consolidation', async () => {
    const ods = join(dir, 'bieu.xlsx');
    writeFileSync(ods, zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }));
    const csv = join(dir, 'bang.xlsx');
    writeFileSync(csv, 'TT,Nội dung,Tổng số\n1,Đảng viên,60\n');
    for (const [file, words] of [
      [join(FIELD, 'f11-excel-97-2003.xls'), ['97–2003', 'Lưu thành .xlsx']],
      [ods, ['.ods', 'Lưu thành .xlsx']],
      [csv, ['CSV']],
    ] as const) {
      const t = await run('check', file, '--year', '2024');
      expect(t.code).toBe(2);
      expect(t.out).toContain('LỖI');
      for (const w of words) expect(t.out).toContain(w);
      expect(t.out).not.toMatch(/Error|at .*\.ts|https?:/);
      const j = await run('check', '--json', file);
      expect(j.code).toBe(2);
      const body = JSON.parse(j.out);
      expect(body.report).toBeNull();
      expect(body.findings[0].severity).toBe('error');
    }
    const c = await run('consolidate', '--year', '2025', files.find((f) => f.endsWith('KM-01-2025.xlsx'))!, ods);
    expect(c.code).toBe(1);
    expect(c.err).toContain('Bỏ qua bieu.xlsx');
    expect(c.out).toContain('1 đơn vị');
  });

  it('consolidate: two files of the same unit (a resend "KM-07 (1).xlsx") count once, the newer, and the dropped one is named', async () => {
    const km07 = join(dir, 'KM-07.xlsx');
    copyFileSync(join(FIELD, 'f05-hidden-last-year-sheet.xlsx'), km07);
    const resend = join(dir, 'KM-07 (1).xlsx');
    copyFileSync(join(FIELD, 'f08-stray-cell-last-row.xlsx'), resend);
    const km08 = join(dir, 'KM-08.xlsx');
    writeFileSync(km08, await workbookBuffer(bieu01Workbook({ year: 2024, unit: 'KM-08', unitName: 'KM-08', report: { tallies: BASE } })));
    utimesSync(km07, new Date('2025-01-10'), new Date('2025-01-10'));
    utimesSync(resend, new Date('2025-01-12'), new Date('2025-01-12'));
    const res = await run('consolidate', '--year', '2024', '--json', km07, km08, resend);
    expect(res.code).toBe(0);
    const view = JSON.parse(res.out);
    expect(view.subjects.member.total).toBe(120);
    expect(res.err).toContain('Đơn vị KM-07 năm 2024 có hai tệp: dùng KM-07 (1).xlsx (mới hơn), bỏ KM-07.xlsx.');
    const table = await run('consolidate', '--year', '2024', km07, resend, km08);
    expect(table.out).toContain('Tổng hợp năm 2024: 2 đơn vị');
  });

  it('consolidate --docx: the year\'s report as Word, with the names given and the same prose', async () => {
    const out = join(dir, 'bao-cao.docx');
    const res = await run('consolidate', '--year', '2025', '--unit', 'KM', '--name', 'Đảng ủy Khối các cơ quan tỉnh Mẫu', '--parent', 'Tỉnh ủy Mẫu', '--kind', 'khoi', '--docx', out, '--json', ...files);
    expect(res.code).toBe(0);
    const view = JSON.parse(res.out.slice(0, res.out.lastIndexOf('}') + 1));
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(out)))['word/document.xml']!);
    const paragraphs = xml.split('</w:p>').map((p) => p.replace(/<[^>]+>/g, ''));
    expect(paragraphs.slice(0, 2)).toEqual(['ĐẢNG BỘ TỈNH MẪU', 'ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH MẪU']);
    for (const p of (view.narrative as string).split('\n\n')) expect(paragraphs).toContain(p);
    expect(paragraphs).toContain('T/M BAN THƯỜNG VỤ');
    expect((await run('consolidate', '--year', '2025', '--kind', 'tinh-uy', '--docx', out, ...files)).code).toBe(2);
    // with the register: the units by name, the bloc's own name and kind, the units that did not send
    const reg = await run('consolidate', '--year', '2025', '--unit', 'KM', '--units', join(ROOT, 'test/fixtures/sample-khoi/input.json'), '--docx', out, '--json', ...files.filter((f) => !f.includes('KM-09-2025')));
    expect(reg.code).toBe(0);
    const withNames = JSON.parse(reg.out.slice(0, reg.out.lastIndexOf('}') + 1));
    expect(withNames.coverage).toMatchObject({ expected: 12, submitted: 11, missing: ['KM-09'] });
    const text = strFromU8(unzipSync(new Uint8Array(readFileSync(out)))['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(text).toContain('ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH MẪU');
    expect(text).toContain('01 đơn vị chưa gửi báo cáo: Chi bộ Sở Ngoại vụ');
    expect(text).toContain('Đảng bộ Bệnh viện Đa khoa tỉnh');
    expect(text).not.toMatch(/KM-\d\d/);
  });

  it('--help on the program and on every command: a description and an example, exit 0; in English with --en', async () => {
    const top = await run('--help');
    expect(top.code).toBe(0);
    for (const c of ['check', 'consolidate', 'template']) expect(top.out).toContain(c);
    expect((await run('--help', '--en')).out).toContain('Commands:');
    for (const c of ['check', 'consolidate', 'template']) {
      const h = await run(c, '--help');
      expect(h.code).toBe(0);
      expect(h.out).toContain(`xeploai ${c} — `);
      expect(h.out).toMatch(new RegExp(`Ví dụ:\\n  xeploai ${c} `));
      const en = await run(c, '--help', '--en');
      expect(en.code).toBe(0);
      expect(en.out).toMatch(new RegExp(`Examples:\\n  xeploai ${c} `));
      expect(en.out).not.toMatch(/Cách dùng|Ví dụ/);
    }
  });

  it('an unknown option or command exits 2 naming it (Vietnamese, or English with --en); a missing option is named', async () => {
    for (const c of ['check', 'consolidate', 'template']) {
      const vi = await run(c, '--nam', '2025');
      expect(vi.code).toBe(2);
      expect(vi.err).toContain('Tùy chọn không có: --nam.');
      expect(vi.err).not.toMatch(/Error|at .*\.(ts|mjs)/);
      const en = await run(c, '--nam', '2025', '--en');
      expect(en.code).toBe(2);
      expect(en.err).toContain('Unknown option: --nam.');
    }
    expect((await run('tonghop')).err).toContain('Không có lệnh "tonghop"');
    const noYear = await run('consolidate', dir);
    expect(noYear.code).toBe(2);
    expect(noYear.err).toContain('Thiếu tùy chọn --year');
    expect((await run('template', '--year', '2025', '-o', join(dir, 'x.xlsx'), '--en')).err).toContain('Missing option --unit');
    expect((await run('template', '--year', '2025', '--unit', 'KM-01')).err).toContain('Thiếu tùy chọn -o');
    expect((await run('consolidate', '--year')).err).toContain('Tùy chọn --year cần một giá trị.');
  });

  it('--en switches every line of check; each finding names its unit and file', async () => {
    const en = await run('check', join(dir, 'KM-04-2025.xlsx'), '--en');
    expect(en.code).toBe(0);
    const lines = en.out.trim().split('\n');
    expect(lines[0]).toContain('KM-04-2025.xlsx: unit KM-04, year 2025');
    expect(lines.at(-1)).toMatch(/^\d+ errors, \d+ warnings, \d+ notes\.$/);
    expect(en.out).toMatch(/WARNING\s+Biểu 01!I15\s+KM-04 · KM-04-2025\.xlsx: /);
    expect(en.out).not.toMatch(/LỖI|CẢNH BÁO|đơn vị|năm /);
    const vi = await run('check', join(dir, 'KM-04-2025.xlsx'));
    expect(vi.out).toMatch(/CẢNH BÁO\s+Biểu 01!I15\s+KM-04 · KM-04-2025\.xlsx: /);
  });

  it('consolidate on a folder (read recursively, in worker threads) gives the figures of the file list', async () => {
    const tree = join(dir, 'tree');
    for (const year of [2024, 2025]) mkdirSync(join(tree, String(year), 'sub'), { recursive: true });
    const listed: string[] = [];
    files.forEach((f, i) => {
      const year = f.includes('-2024') ? '2024' : '2025';
      const to = join(tree, year, i % 3 ? '' : 'sub', f.slice(dir.length + 1));
      copyFileSync(f, to);
      listed.push(to);
    });
    writeFileSync(join(tree, '2025', 'ghi-chu.txt'), 'không phải biểu');
    writeFileSync(join(tree, '2025', '~$KM-01-2025.xlsx'), 'tệp khóa của Excel');
    const byFolder = await run('consolidate', '--year', '2025', '--unit', 'KM', '--json', '--threads', '2', tree);
    const byList = await run('consolidate', '--year', '2025', '--unit', 'KM', '--json', ...listed);
    expect(byFolder.code).toBe(0);
    expect(byFolder.err).toBe('');
    // the same view, whatever order the files came in (units listed by code)
    const sorted = (out: string) => {
      const v = JSON.parse(out);
      for (const k of Object.keys(v)) if (Array.isArray(v[k]) && v[k][0]?.unit) v[k].sort((a: { unit: string }, b: { unit: string }) => a.unit.localeCompare(b.unit));
      return v;
    };
    expect(sorted(byFolder.out)).toEqual(sorted(byList.out));
    // one thread (the default below 200 files) gives the same
    expect(sorted((await run('consolidate', '--year', '2025', '--unit', 'KM', '--json', tree)).out)).toEqual(sorted(byList.out));
    expect((await run('consolidate', '--year', '2025', '--threads', '0', tree)).err).toContain('Số luồng "0" không hợp lệ');
    for (const s of SUBJECTS) expect(JSON.parse(byFolder.out).subjects[s].change).toEqual(expected.consolidated['2025'][s].change);
    // English table and the findings with unit and file
    const en = await run('consolidate', '--year', '2025', '--en', join(tree, '2025'), join(tree, '2024'));
    expect(en.out).toContain('Consolidated 2025: 12 units, against 11 units in 2024.');
    expect(en.out).toMatch(/Party members\s+845\s+825/);
    expect((await run('consolidate', '--year', '2025', join(dir, 'khong-co')).then((r) => r.err))).toContain('Không tìm thấy tệp hoặc thư mục');
  });

  it('the CLI bundle (build/cli, built by prepare and npm test) is the build of the current sources', async () => {
    const fresh = await buildCli(mkdtempSync(join(tmpdir(), 'xeploai-cli-build-')));
    const names = readdirSync(fresh).sort();
    expect(readdirSync(CLI_OUT).sort()).toEqual(names);
    for (const n of names) expect(readFileSync(join(CLI_OUT, n), 'utf8'), n).toBe(readFileSync(join(fresh, n), 'utf8'));
    // check and consolidate start without the writer: exceljs and docx are imported only by lazy chunks
    const eager = new Set(['cli.mjs']);
    for (const f of eager) {
      for (const m of readFileSync(join(CLI_OUT, f), 'utf8').matchAll(/import(?:[^;"(]*?from)?"\.\/(chunk-\w+\.mjs)"/g)) eager.add(m[1]!);
    }
    expect(eager.size).toBeGreaterThan(1);
    for (const c of eager) expect(readFileSync(join(CLI_OUT, c), 'utf8'), c).not.toMatch(/from\s*"(exceljs|docx)"/);
    expect(names.some((n) => /from\s*"exceljs"/.test(readFileSync(join(CLI_OUT, n), 'utf8')))).toBe(true);
    rmSync(fresh, { recursive: true, force: true });
  });
});
