import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIEU02, bieu01Sheet, listSheet } from '../../shared';
import { addSheet, workbookBuffer } from '../../shared/xlsx';
import ExcelJS from 'exceljs';
import { loadSample } from '../helpers/sample';
import { rosterFor } from '../helpers/roster';

const hasLibreOffice = spawnSync('which', ['libreoffice']).status === 0;

// .ci/run installs LibreOffice (Debian's libreoffice-calc-nogui); a developer machine without it skips this file.
describe.skipIf(!hasLibreOffice && !process.env.CI)('generated templates open in LibreOffice', () => {
  it('Biểu 01 and Biểu 02 convert to PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xeploai-lo-'));
    try {
      const report = loadSample().input.reports['2025']![0]!;
      const wb = new ExcelJS.Workbook();
      addSheet(wb, bieu01Sheet({ year: 2025, unit: report.unit, unitName: 'Đảng bộ Sở Tài chính', parentName: 'Đảng ủy Khối các cơ quan tỉnh Mẫu', report }));
      addSheet(wb, listSheet(BIEU02, { year: 2025, unit: report.unit, unitName: 'Đảng bộ Sở Tài chính', rows: rosterFor(report, { scores: true }) }));
      writeFileSync(join(dir, 'bieu.xlsx'), await workbookBuffer(wb));
      execFileSync('libreoffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'bieu.xlsx')], { timeout: 120_000 });
      expect(existsSync(join(dir, 'bieu.pdf'))).toBe(true);
      expect(statSync(join(dir, 'bieu.pdf')).size).toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
