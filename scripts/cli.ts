/**
 * xeploai — the command line for IT staff, on the same shared reader, rules and consolidation as the add-in
 * and the Worker.
 *   xeploai check <file.xlsx> [--year Y] [--unit CODE] [--json] [--en]
 *   xeploai consolidate --year Y [--unit CODE] [--units register.json] [--json] [--docx out.docx] <files.xlsx…>   (files of year Y − 1 give the change)
 *   xeploai template --year Y --unit CODE [--name "…"] [--parent "…"] [--place "…"] -o file.xlsx
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { bieu01Workbook, checkXlsx, workbookBuffer } from '../shared/xlsx';
import {
  consolidateReports,
  describeConsolidated,
  formatChangeSigned,
  formatInt,
  formatPercent,
  hasErrors,
  LEVEL_LABEL,
  LEVELS,
  SUBJECT_LABEL,
  SUBJECTS,
  UnitInput,
  UnitKind,
  UnitReport,
  type Finding,
} from '../shared';

const USAGE = `Cách dùng:
  xeploai check <tệp.xlsx> [--year NĂM] [--unit MÃ] [--json] [--en]
  xeploai consolidate --year NĂM [--unit MÃ] [--name "Tên"] [--parent "Cấp ủy cấp trên"] [--kind khoi] [--units danh-sach.json] [--json] [--docx báo-cáo.docx] <tệp.xlsx…>
  xeploai template --year NĂM --unit MÃ [--name "Tên đơn vị"] [--parent "Tên cấp trên"] [--place "Địa danh"] -o <tệp.xlsx>`;

const SEVERITY = { error: 'LỖI', warning: 'CẢNH BÁO', info: 'THÔNG TIN' } as const;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function printFindings(findings: Finding[], en: boolean) {
  for (const f of findings) {
    const where = f.cell ?? f.path.join('.');
    const text = en ? f.messageEn : f.message;
    const hint = en ? f.hintEn : f.hint;
    console.log(`${(en ? f.severity.toUpperCase() : SEVERITY[f.severity]).padEnd(10)} ${where.padEnd(16)} ${text}${hint ? `\n${' '.repeat(28)}→ ${hint}` : ''}${f.justification ? `\n${' '.repeat(28)}Giải trình: ${f.justification}` : ''}`);
  }
}

/** Read and check one file; an unreadable file (not a workbook, old format, password, too large) is an error finding. */
function readFile(file: string, period?: { year: number; unit?: string }) {
  let data: Uint8Array;
  try {
    data = readFileSync(file);
  } catch {
    fail(`Không mở được tệp ${file}.`);
  }
  return checkXlsx(data, period ? { period } : {});
}

async function check(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { year: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' }, en: { type: 'boolean' } } });
  const file = positionals[0] ?? fail(USAGE);
  const year = values.year ? Number(values.year) : undefined;
  const res = readFile(file, year ? { year, unit: values.unit } : undefined);
  if (values.json) console.log(JSON.stringify({ file, report: res.report, findings: res.findings }, null, 2));
  else {
    const r = res.report;
    console.log(`${basename(file)}: ${res.unreadable ? 'không đọc được tệp' : r ? `đơn vị ${r.unit || '?'}, năm ${r.year || '?'}, trang "${res.sheet}"` : 'không có Biểu 01'}`);
    printFindings(res.findings, !!values.en);
    const n = (s: Finding['severity']) => res.findings.filter((f) => f.severity === s).length;
    console.log(`${n('error')} lỗi, ${n('warning')} cảnh báo, ${n('info')} thông tin.`);
  }
  // an unreadable file is never a pass: exit 2, as for a file that cannot be opened
  process.exit(res.unreadable ? 2 : hasErrors(res.findings) ? 1 : 0);
}

async function consolidate(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { year: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' }, docx: { type: 'string' }, name: { type: 'string' }, parent: { type: 'string' }, kind: { type: 'string' }, units: { type: 'string' } },
  });
  const year = Number(values.year ?? fail(USAGE));
  const kind = values.kind === undefined ? undefined : UnitKind.safeParse(values.kind).data;
  if (values.kind !== undefined && !kind) fail(`Loại đơn vị "${values.kind}" không hợp lệ (${UnitKind.options.join(', ')}).`);
  if (positionals.length === 0) fail(USAGE);
  const byYear = new Map<number, UnitReport[]>();
  // one report per unit and year: a resend ("KM-07 (1).xlsx") replaces the older file, and says so
  const fileOf = new Map<UnitReport, { file: string; mtime: number }>();
  let rejected = 0;
  for (const file of positionals) {
    const res = readFile(file);
    const parsed = UnitReport.safeParse(res.report);
    if (hasErrors(res.findings) || !parsed.success) {
      rejected++;
      console.error(`Bỏ qua ${basename(file)}: ${res.unreadable ? (res.findings[0]?.message ?? 'không đọc được tệp') : 'có lỗi'} (chạy "xeploai check ${file}" để xem).`);
      continue;
    }
    const list = byYear.get(parsed.data.year) ?? [];
    const mtime = statSync(file).mtimeMs;
    const same = list.find((r) => r.unit === parsed.data.unit);
    if (same) {
      const prev = fileOf.get(same)!;
      const keepNew = mtime >= prev.mtime;
      const [kept, dropped] = keepNew ? [file, prev.file] : [prev.file, file];
      console.error(`Đơn vị ${parsed.data.unit} năm ${parsed.data.year} có hai tệp: dùng ${basename(kept)} (mới hơn), bỏ ${basename(dropped)}.`);
      if (!keepNew) continue;
      list.splice(list.indexOf(same), 1);
    }
    list.push(parsed.data);
    fileOf.set(parsed.data, { file, mtime });
    byYear.set(parsed.data.year, list);
  }
  const reports = byYear.get(year) ?? [];
  if (reports.length === 0) fail(`Không có biểu hợp lệ nào của năm ${year}.`, 1);
  const unit = values.unit ?? 'TONG-HOP';
  // --units register.json (the body of PUT /api/v1/units): names, kinds, loại hình and who is expected
  let register: UnitInput[] = [];
  if (values.units) {
    try {
      const json = JSON.parse(readFileSync(values.units, 'utf8'));
      register = UnitInput.array().parse(Array.isArray(json) ? json : json.units);
    } catch {
      fail(`${values.units} không phải danh sách đơn vị đọc được (như thân của PUT /api/v1/units).`);
    }
  }
  const self = register.find((u) => u.code === unit);
  const children = register.filter((u) => u.parent === unit && (u.from ?? year) <= year && (u.to ?? year) >= year);
  const unitName = values.name ?? self?.name ?? unit;
  const view = describeConsolidated(
    consolidateReports({ unit, unitName, year, reports, previousReports: byYear.get(year - 1), expected: children.length ? children.map((u) => ({ code: u.code, name: u.name })) : undefined }),
    {
      unitName,
      parentName: values.parent ?? register.find((u) => u.code === self?.parent)?.name ?? null,
      unitKind: kind ?? self?.kind,
      types: Object.fromEntries(children.map((u) => [u.code, u.type])),
    },
  );
  if (values.docx) {
    // loaded only when asked: `check` and `consolidate` start without the Word library
    const { reportDocx } = await import('../shared/report');
    writeFileSync(values.docx, await reportDocx(view));
    console.error(`Đã ghi báo cáo ${values.docx}.`);
  }
  if (values.json) {
    console.log(JSON.stringify(view, null, 2));
    process.exit(rejected ? 1 : 0);
  }
  console.log(`Tổng hợp năm ${year}: ${reports.length} đơn vị${byYear.get(year - 1) ? `, so với ${byYear.get(year - 1)!.length} đơn vị năm ${year - 1}` : ''}.`);
  const head = ['', 'Tổng số', 'Được XL', ...LEVELS.flatMap((l) => [LEVEL_LABEL[l].short, '%']), 'Tốt trở lên %', '± năm trước'];
  const rows = SUBJECTS.map((s) => {
    const f = view.subjects[s];
    return [SUBJECT_LABEL[s].vi, formatInt(f.total), formatInt(f.rated), ...LEVELS.flatMap((l) => [formatInt(f.levels[l]), formatPercent(f.percent[l])]), formatPercent(f.percent.goodOrBetter), formatChangeSigned(f.change?.goodOrBetter ?? null)];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  '));
  console.log('');
  printFindings(view.findings, false);
  console.log(`\n${view.narrative}`);
  process.exit(rejected ? 1 : 0);
}

async function template(args: string[]) {
  const { values } = parseArgs({ args, options: { year: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' }, parent: { type: 'string' }, place: { type: 'string' }, o: { type: 'string', short: 'o' }, out: { type: 'string' } } });
  const year = Number(values.year ?? fail(USAGE));
  const unit = values.unit ?? fail(USAGE);
  const out = values.o ?? values.out ?? fail(USAGE);
  if (!Number.isInteger(year) || year < 2018) fail(`Năm ${values.year} không hợp lệ (từ 2018).`);
  const wb = bieu01Workbook({ year, unit, unitName: values.name ?? unit, parentName: values.parent, place: values.place });
  writeFileSync(out, await workbookBuffer(wb));
  console.log(`Đã tạo ${out}: Biểu 01 năm ${year}, đơn vị ${unit}.`);
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (a: string[]) => Promise<void>> = { check, consolidate, template };
const run = command ? commands[command] : undefined;
if (!run) fail(USAGE);
await run(rest);
