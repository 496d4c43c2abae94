import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bieu01Workbook, workbookBuffer } from '../../addin/xlsx';
import { SUBJECTS } from '../../shared';
import { loadSample } from '../helpers/sample';

const ROOT = new URL('../../', import.meta.url).pathname;
const run = async (...args: string[]) => {
  try {
    const { stdout } = await promisify(execFile)('node', [join(ROOT, 'bin/xeploai.mjs'), ...args], { cwd: ROOT });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
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
});
