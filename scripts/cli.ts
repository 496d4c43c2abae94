/**
 * xeploai — the command line for IT staff, on the same shared reader, rules and consolidation as the add-in
 * and the Worker. Shipped bundled (scripts/build-cli.ts → build/cli, run by npm's `prepare`): it starts without
 * compiling TypeScript, and the writer (exceljs) and the Word report (docx) load only when something is written.
 *   xeploai check <tệp.xlsx> [--year NĂM] [--unit MÃ] [--json] [--en]
 *   xeploai consolidate --year NĂM [--unit MÃ] … <thư-mục | tệp.xlsx…>   (folders read recursively, in parallel)
 *   xeploai template --year NĂM --unit MÃ [--name "…"] [--parent "…"] [--place "…"] -o tệp.xlsx
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Worker } from 'node:worker_threads';
import { checkXlsx, type FileCheck } from '../shared/xlsx/check';
import { readForConsolidation, type ReadResult } from './cli-read';
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

type Lang = 'vi' | 'en';
let lang: Lang = process.argv.includes('--en') ? 'en' : 'vi';
const L = (vi: string, en: string) => (lang === 'en' ? en : vi);

interface Command {
  summary: [string, string];
  usage: string;
  details: [string, string];
  examples: string[];
  options: NonNullable<ParseArgsConfig['options']>;
  positionals: boolean;
  run: (values: Record<string, string | boolean | undefined>, positionals: string[]) => Promise<void>;
}

const COMMON = { en: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

const COMMANDS: Record<string, Command> = {
  check: {
    summary: ['Kiểm tra một tệp Biểu 01 (.xlsx) theo các quy định', 'Check one Biểu 01 file (.xlsx) against the rules'],
    usage: 'xeploai check <tệp.xlsx> [--year NĂM] [--unit MÃ] [--json] [--en]',
    details: [
      'Đọc tệp, đối chiếu với các quy định và in từng phát hiện kèm ô, đơn vị và tệp.\n  --year, --unit  năm và mã đơn vị phải khớp với biểu\n  --json          in kết quả dạng JSON\n  --en            in bằng tiếng Anh\nMã thoát: 0 không có lỗi, 1 có lỗi, 2 không đọc được tệp hoặc sai tùy chọn.',
      'Reads the file, checks it against the rules and prints each finding with its cell, unit and file.\n  --year, --unit  the year and unit code the form must have\n  --json          print the result as JSON\n  --en            print in English\nExit code: 0 no errors, 1 errors, 2 file unreadable or wrong option.',
    ],
    examples: ['xeploai check bieu01-KM-04-2025.xlsx', 'xeploai check bieu01-KM-04-2025.xlsx --year 2025 --unit KM-04 --en'],
    options: { year: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' }, ...COMMON },
    positionals: true,
    run: check,
  },
  consolidate: {
    summary: ['Tổng hợp các biểu của các đơn vị trong thư mục (hoặc danh sách tệp)', 'Consolidate the units\' forms in a folder (or a list of files)'],
    usage: 'xeploai consolidate --year NĂM [--unit MÃ] [--name "Tên"] [--parent "Cấp ủy cấp trên"] [--kind khoi] [--units danh-sach.json] [--json] [--docx báo-cáo.docx] [--threads N] [--en] <thư-mục | tệp.xlsx…>',
    details: [
      'Đọc mọi tệp .xlsx trong thư mục (kể cả thư mục con), song song khi có nhiều tệp, bỏ qua tệp có lỗi (và nói rõ), tính tổng hợp của năm NĂM; tệp của năm NĂM − 1 cho mức thay đổi.\n  --unit, --name, --parent, --kind  đơn vị tổng hợp, tên, cấp ủy cấp trên, loại\n  --units    danh sách đơn vị (như thân của PUT /api/v1/units): tên, đơn vị chưa gửi\n  --docx     ghi báo cáo Word\n  --json     in bảng tổng hợp dạng JSON\n  --threads  số luồng đọc tệp (mặc định: một luồng dưới 200 tệp, từ 200 tệp mỗi lõi một luồng)\nMã thoát: 0 mọi tệp hợp lệ, 1 có tệp bị bỏ qua, 2 sai tùy chọn.',
      'Reads every .xlsx file in the folder (and its subfolders), in parallel when there are many, leaves out files with errors (and says so), and consolidates year YEAR; files of YEAR − 1 give the change.\n  --unit, --name, --parent, --kind  the consolidating unit, its name, superior and kind\n  --units    the unit register (the body of PUT /api/v1/units): names, units that did not send\n  --docx     write the Word report\n  --json     print the consolidated view as JSON\n  --threads  threads reading the files (default: one below 200 files, from 200 one per core)\nExit code: 0 all files valid, 1 some files left out, 2 wrong option.',
    ],
    examples: ['xeploai consolidate --year 2025 --unit KM bao-cao/', 'xeploai consolidate --year 2025 --unit KM --units don-vi.json --docx bao-cao-2025.docx bao-cao/2024 bao-cao/2025'],
    options: {
      year: { type: 'string' },
      unit: { type: 'string' },
      json: { type: 'boolean' },
      docx: { type: 'string' },
      name: { type: 'string' },
      parent: { type: 'string' },
      kind: { type: 'string' },
      units: { type: 'string' },
      threads: { type: 'string' },
      ...COMMON,
    },
    positionals: true,
    run: consolidate,
  },
  template: {
    summary: ['Tạo Biểu 01 trống cho một đơn vị và năm', 'Write a blank Biểu 01 for a unit and year'],
    usage: 'xeploai template --year NĂM --unit MÃ [--name "Tên đơn vị"] [--parent "Tên cấp trên"] [--kind chi-bo-co-so] [--place "Địa danh"] -o <tệp.xlsx> [--en]',
    details: [
      'Ghi tệp .xlsx Biểu 01 trống, có sẵn năm, mã và tên đơn vị, để đơn vị điền và gửi lại.\n  --kind  loại đơn vị (dang-bo-co-so, chi-bo-co-so, …): chi bộ cơ sở ký "T/M CHI BỘ", đảng bộ "T/M ĐẢNG ỦY"',
      'Writes a blank Biểu 01 .xlsx with the year, unit code and name filled in, for the unit to fill and send back.\n  --kind  the unit kind (dang-bo-co-so, chi-bo-co-so, …): a chi bộ cơ sở signs "T/M CHI BỘ", a đảng bộ "T/M ĐẢNG ỦY"',
    ],
    examples: ['xeploai template --year 2025 --unit KM-09 --name "Chi bộ Sở Ngoại vụ" --parent "Đảng ủy Khối các cơ quan tỉnh" --kind chi-bo-co-so -o bieu01-KM-09-2025.xlsx'],
    options: { year: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' }, parent: { type: 'string' }, kind: { type: 'string' }, place: { type: 'string' }, o: { type: 'string', short: 'o' }, out: { type: 'string' }, ...COMMON },
    positionals: false,
    run: template,
  },
};

function help(name?: string): string {
  if (name) {
    const c = COMMANDS[name]!;
    return `xeploai ${name} — ${L(...c.summary)}\n\n${L('Cách dùng', 'Usage')}:\n  ${c.usage}\n\n${L(...c.details)}\n\n${L('Ví dụ', 'Examples')}:\n${c.examples.map((e) => `  ${e}`).join('\n')}`;
  }
  return [
    L('xeploai — kiểm tra, tổng hợp và tạo biểu mẫu kết quả đánh giá, xếp loại.', 'xeploai — check, consolidate and write the yearly rating forms.'),
    '',
    `${L('Lệnh', 'Commands')}:`,
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(12)} ${L(...c.summary)}`),
    '',
    L('Xem hướng dẫn từng lệnh: xeploai <lệnh> --help. Thêm --en để in bằng tiếng Anh.', 'Help on a command: xeploai <command> --help. Add --en for English.'),
    '',
    `${L('Ví dụ', 'Examples')}:`,
    ...Object.values(COMMANDS).map((c) => `  ${c.examples[0]}`),
  ].join('\n');
}

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function need(values: Record<string, unknown>, name: string, command: string): string {
  const v = values[name];
  if (typeof v === 'string' && v.trim()) return v;
  fail(L(`Thiếu tùy chọn --${name}. Xem: xeploai ${command} --help`, `Missing option --${name}. See: xeploai ${command} --help`));
}

function yearOf(values: Record<string, unknown>, command: string): number {
  const raw = need(values, 'year', command);
  const year = Number(raw);
  if (!Number.isInteger(year) || year < 2018 || year > 2100) fail(L(`Năm "${raw}" không hợp lệ (từ 2018).`, `Year "${raw}" is not valid (2018 or later).`));
  return year;
}

const SEVERITY = { error: ['LỖI', 'ERROR'], warning: ['CẢNH BÁO', 'WARNING'], info: ['THÔNG TIN', 'INFO'] } as const;

/** One finding a line (its hint and justification below): severity, cell, the unit and the file, the message. */
function printFindings(findings: Finding[], source: (f: Finding) => { unit?: string; file?: string }) {
  for (const f of findings) {
    const where = f.cell ?? f.path.join('.');
    const { unit, file } = source(f);
    const who = [unit, file].filter(Boolean).join(' · ');
    const text = lang === 'en' ? f.messageEn : f.message;
    const hint = lang === 'en' ? f.hintEn : f.hint;
    const pad = ' '.repeat(28);
    console.log(`${L(SEVERITY[f.severity][0], SEVERITY[f.severity][1]).padEnd(10)} ${where.padEnd(16)} ${who ? `${who}: ` : ''}${text}${hint ? `\n${pad}→ ${hint}` : ''}${f.justification ? `\n${pad}${L('Giải trình', 'Justification')}: ${f.justification}` : ''}`);
  }
}

function readOne(file: string, period?: { year: number; unit?: string }): FileCheck {
  let data: Uint8Array;
  try {
    data = readFileSync(file);
  } catch {
    fail(L(`Không mở được tệp ${file}.`, `Cannot open the file ${file}.`));
  }
  return checkXlsx(data, period ? { period } : {});
}

async function check(values: Record<string, string | boolean | undefined>, positionals: string[]) {
  const file = positionals[0] ?? fail(L('Thiếu tệp cần kiểm tra. Xem: xeploai check --help', 'Missing the file to check. See: xeploai check --help'));
  if (positionals.length > 1) fail(L(`Lệnh check kiểm tra một tệp, nhận được ${positionals.length}. Để đọc nhiều tệp: xeploai consolidate.`, `check takes one file, got ${positionals.length}. For many files: xeploai consolidate.`));
  const year = values.year === undefined ? undefined : yearOf(values, 'check');
  const res = readOne(file, year ? { year, unit: values.unit as string | undefined } : undefined);
  if (values.json) console.log(JSON.stringify({ file, sheet: res.sheet ?? null, report: res.report, findings: res.findings }, null, 2));
  else {
    const r = res.report;
    const name = basename(file);
    console.log(
      `${name}: ${
        res.unreadable
          ? L('không đọc được tệp', 'the file cannot be read')
          : r
            ? L(`đơn vị ${r.unit || '?'}, năm ${r.year || '?'}, trang "${res.sheet}"`, `unit ${r.unit || '?'}, year ${r.year || '?'}, sheet "${res.sheet}"`)
            : L('không có Biểu 01', 'no Biểu 01')
      }`,
    );
    printFindings(res.findings, (f) => ({ unit: f.unit ?? (r?.unit || undefined), file: name }));
    const n = (s: Finding['severity']) => res.findings.filter((f) => f.severity === s).length;
    console.log(L(`${n('error')} lỗi, ${n('warning')} cảnh báo, ${n('info')} thông tin.`, `${n('error')} errors, ${n('warning')} warnings, ${n('info')} notes.`));
  }
  // an unreadable file is never a pass: exit 2, as for a file that cannot be opened
  process.exit(res.unreadable ? 2 : hasErrors(res.findings) ? 1 : 0);
}

/** The .xlsx files named or under the folders named (recursively), in a stable order; Excel's "~$" lock files left out. */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      fail(L(`Không mở được thư mục ${dir}.`, `Cannot open the folder ${dir}.`));
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.xlsx$/i.test(e.name) && !e.name.startsWith('~$')) out.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      fail(L(`Không tìm thấy tệp hoặc thư mục ${p}.`, `No such file or folder: ${p}.`));
    }
    if (st.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

/**
 * Every file read and checked, in the order given. Many files go to worker threads (one per core), each file
 * to the next free worker; a terminal shows a progress line on stderr.
 */
async function readAll(files: string[], threadsAsked?: number): Promise<ReadResult[]> {
  const results: ReadResult[] = new Array(files.length);
  const tty = process.stderr.isTTY && files.length >= 20;
  let done = 0;
  let shown = 0;
  const progress = () => {
    done++;
    if (!tty) return;
    const now = Date.now();
    if (done < files.length && now - shown < 100) return;
    shown = now;
    process.stderr.write(`\r${L(`Đang đọc ${done}/${files.length} tệp`, `Reading ${done}/${files.length} files`)}…${done === files.length ? '\n' : ''}`);
  };
  // a worker costs its start and a cold compiler (~0.1 s): worth it only for many files (bench:peers measures both)
  const threads = threadsAsked ?? (files.length < 200 ? 1 : Math.min(availableParallelism(), 8));
  const workerUrl = new URL('./cli-worker.mjs', import.meta.url);
  // the bundle has the worker beside it; run from source (tsx), files are read in this thread
  if (threads < 2 || !import.meta.url.endsWith('.mjs')) {
    for (let i = 0; i < files.length; i++) {
      results[i] = readForConsolidation(files[i]!);
      progress();
    }
    return results;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(workerUrl);
      return new Promise<void>((resolve, reject) => {
        const give = () => {
          if (next >= files.length) {
            void worker.terminate();
            resolve();
            return;
          }
          const i = next++;
          worker.postMessage({ i, file: files[i] });
        };
        worker.on('message', (m: { i: number; res: ReadResult }) => {
          results[m.i] = m.res;
          progress();
          give();
        });
        worker.on('error', reject);
        give();
      });
    }),
  );
  return results;
}

async function consolidate(values: Record<string, string | boolean | undefined>, positionals: string[]) {
  const year = yearOf(values, 'consolidate');
  const kind = values.kind === undefined ? undefined : UnitKind.safeParse(values.kind).data;
  if (values.kind !== undefined && !kind) fail(L(`Loại đơn vị "${values.kind}" không hợp lệ (${UnitKind.options.join(', ')}).`, `Unit kind "${values.kind}" is not valid (${UnitKind.options.join(', ')}).`));
  if (positionals.length === 0) fail(L('Thiếu thư mục hoặc tệp cần tổng hợp. Xem: xeploai consolidate --help', 'Missing the folder or files to consolidate. See: xeploai consolidate --help'));
  const files = collectFiles(positionals);
  if (files.length === 0) fail(L(`Không có tệp .xlsx nào trong ${positionals.join(', ')}.`, `No .xlsx file in ${positionals.join(', ')}.`), 1);
  // --units register.json (the body of PUT /api/v1/units): read first, so that a wrong register fails before the files
  let register: UnitInput[] = [];
  if (typeof values.units === 'string') {
    try {
      const json = JSON.parse(readFileSync(values.units, 'utf8'));
      register = UnitInput.array().parse(Array.isArray(json) ? json : json.units);
    } catch {
      fail(L(`${values.units} không phải danh sách đơn vị đọc được (như thân của PUT /api/v1/units).`, `${values.units} is not a readable unit register (as the body of PUT /api/v1/units).`));
    }
  }
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) fail(L(`Số luồng "${values.threads}" không hợp lệ (1–64).`, `Thread count "${values.threads}" is not valid (1–64).`));
  const read = await readAll(files, threads);
  const byYear = new Map<number, UnitReport[]>();
  // one report per unit and year: a resend ("KM-07 (1).xlsx") replaces the older file, and says so
  const fileOf = new Map<UnitReport, { file: string; mtime: number }>();
  let rejected = 0;
  files.forEach((file, i) => {
    const res = read[i]!;
    const parsed = UnitReport.safeParse(res.report);
    if (hasErrors(res.findings) || res.unreadable || !parsed.success) {
      rejected++;
      const reason = res.unreadable ? (lang === 'en' ? res.findings[0]?.messageEn : res.findings[0]?.message) ?? L('không đọc được tệp', 'the file cannot be read') : L('có lỗi', 'it has errors');
      console.error(L(`Bỏ qua ${basename(file)}: ${reason} (chạy "xeploai check ${file}" để xem).`, `Left out ${basename(file)}: ${reason} (run "xeploai check ${file}" to see).`));
      return;
    }
    const list = byYear.get(parsed.data.year) ?? [];
    const same = list.find((r) => r.unit === parsed.data.unit);
    if (same) {
      const prev = fileOf.get(same)!;
      const keepNew = res.mtime >= prev.mtime;
      const [kept, dropped] = keepNew ? [file, prev.file] : [prev.file, file];
      console.error(
        L(
          `Đơn vị ${parsed.data.unit} năm ${parsed.data.year} có hai tệp: dùng ${basename(kept)} (mới hơn), bỏ ${basename(dropped)}.`,
          `Unit ${parsed.data.unit} has two files for ${parsed.data.year}: using ${basename(kept)} (newer), leaving out ${basename(dropped)}.`,
        ),
      );
      if (!keepNew) return;
      list.splice(list.indexOf(same), 1);
    }
    list.push(parsed.data);
    fileOf.set(parsed.data, { file, mtime: res.mtime });
    byYear.set(parsed.data.year, list);
  });
  const reports = byYear.get(year) ?? [];
  if (reports.length === 0) fail(L(`Không có biểu hợp lệ nào của năm ${year}.`, `No valid form for ${year}.`), 1);
  const unit = (values.unit as string | undefined) ?? 'TONG-HOP';
  const self = register.find((u) => u.code === unit);
  const children = register.filter((u) => u.parent === unit && (u.from ?? year) <= year && (u.to ?? year) >= year);
  const unitName = (values.name as string | undefined) ?? self?.name ?? unit;
  const view = describeConsolidated(
    consolidateReports({ unit, unitName, year, reports, previousReports: byYear.get(year - 1), expected: children.length ? children.map((u) => ({ code: u.code, name: u.name })) : undefined }),
    {
      unitName,
      parentName: (values.parent as string | undefined) ?? register.find((u) => u.code === self?.parent)?.name ?? null,
      unitKind: kind ?? self?.kind,
      types: Object.fromEntries(children.map((u) => [u.code, u.type])),
    },
  );
  if (typeof values.docx === 'string') {
    // loaded only when asked: `check` and `consolidate` start without the Word library
    const { reportDocx } = await import('../shared/report');
    writeFileSync(values.docx, await reportDocx(view));
    console.error(L(`Đã ghi báo cáo ${values.docx}.`, `Wrote the report ${values.docx}.`));
  }
  if (values.json) {
    console.log(JSON.stringify(view, null, 2));
    process.exit(rejected ? 1 : 0);
  }
  const prev = byYear.get(year - 1);
  console.log(
    L(
      `Tổng hợp năm ${year}: ${reports.length} đơn vị${prev ? `, so với ${prev.length} đơn vị năm ${year - 1}` : ''}.`,
      `Consolidated ${year}: ${reports.length} units${prev ? `, against ${prev.length} units in ${year - 1}` : ''}.`,
    ),
  );
  const head = ['', L('Tổng số', 'Total'), L('Được XL', 'Rated'), ...LEVELS.flatMap((l) => [L(LEVEL_LABEL[l].short, LEVEL_LABEL[l].en), '%']), L('Tốt trở lên %', 'Good+ %'), L('± năm trước', '± last year')];
  const rows = SUBJECTS.map((s) => {
    const f = view.subjects[s];
    return [SUBJECT_LABEL[s][lang], formatInt(f.total), formatInt(f.rated), ...LEVELS.flatMap((l) => [formatInt(f.levels[l]), formatPercent(f.percent[l])]), formatPercent(f.percent.goodOrBetter), formatChangeSigned(f.change?.goodOrBetter ?? null)];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  '));
  console.log('');
  const fileByUnit = new Map([...fileOf.entries()].filter(([r]) => r.year === year).map(([r, f]) => [r.unit, basename(f.file)]));
  printFindings(view.findings, (f) => ({ unit: f.unit, file: f.unit ? fileByUnit.get(f.unit) : undefined }));
  // the report's prose is the Vietnamese document itself (as in the .docx)
  console.log(`\n${lang === 'en' ? 'Report text (Vietnamese, as in the report):\n' : ''}${view.narrative}`);
  process.exit(rejected ? 1 : 0);
}

async function template(values: Record<string, string | boolean | undefined>) {
  const year = yearOf(values, 'template');
  const unit = need(values, 'unit', 'template');
  const out = (values.o ?? values.out) as string | undefined;
  if (!out) fail(L('Thiếu tùy chọn -o (tệp cần ghi). Xem: xeploai template --help', 'Missing option -o (the file to write). See: xeploai template --help'));
  const kind = values.kind === undefined ? undefined : UnitKind.safeParse(values.kind).data;
  if (values.kind !== undefined && !kind) fail(L(`Loại đơn vị "${values.kind}" không hợp lệ (${UnitKind.options.join(', ')}).`, `Unit kind "${values.kind}" is not valid (${UnitKind.options.join(', ')}).`));
  // the writer (exceljs) is loaded only here
  const { bieu01Xlsx } = await import('../shared/xlsx/workbook');
  writeFileSync(out, await bieu01Xlsx({ year, unit, unitName: (values.name as string | undefined) ?? unit, parentName: values.parent as string | undefined, kind, place: values.place as string | undefined }));
  console.log(L(`Đã tạo ${out}: Biểu 01 năm ${year}, đơn vị ${unit}.`, `Wrote ${out}: Biểu 01 for ${year}, unit ${unit}.`));
}

export async function main(argv: string[]) {
  lang = argv.includes('--en') ? 'en' : 'vi';
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help' || (name === '--en' && (rest.length === 0 || rest.includes('--help') || rest.includes('-h')))) {
    console.log(help(name === 'help' && rest[0] && COMMANDS[rest[0]] ? rest[0] : undefined));
    process.exit(name ? 0 : 2);
  }
  const command = COMMANDS[name];
  if (!command) fail(L(`Không có lệnh "${name}" (check, consolidate, template). Xem: xeploai --help`, `No command "${name}" (check, consolidate, template). See: xeploai --help`));
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: command.positionals, strict: true });
  } catch (e) {
    const err = e as { code?: string; message: string };
    const opt = /'([^']+)'/.exec(err.message)?.[1] ?? '';
    const msg =
      err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? L(`Tùy chọn không có: ${opt}.`, `Unknown option: ${opt}.`)
        : err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
          ? L(`Lệnh ${name} không nhận "${opt}".`, `${name} does not take "${opt}".`)
          : err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
            ? L(`Tùy chọn ${opt.split(' ')[0]} cần một giá trị.`, `Option ${opt.split(' ')[0]} needs a value.`)
            : L('Tùy chọn không hợp lệ.', 'Invalid options.');
    fail(`${msg} ${L(`Xem: xeploai ${name} --help`, `See: xeploai ${name} --help`)}`);
  }
  if (parsed.values.help) {
    console.log(help(name));
    process.exit(0);
  }
  await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
}

await main(process.argv.slice(2));
