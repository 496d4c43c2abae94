/** Reading one file for a consolidation: in the CLI's thread or in a worker thread (cli-worker.ts). */
import { readFileSync, statSync } from 'node:fs';
import type { Finding } from '../shared';
import { checkXlsx } from '../shared/xlsx/check';

export interface ReadResult {
  report: unknown;
  findings: Finding[];
  unreadable: boolean;
  mtime: number;
}

/** Read and check one file for a consolidation (also the worker's job). */
export function readForConsolidation(file: string): ReadResult {
  let data: Uint8Array;
  let mtime = 0;
  try {
    data = readFileSync(file);
    mtime = statSync(file).mtimeMs;
  } catch {
    return { report: null, findings: [], unreadable: true, mtime };
  }
  const res = checkXlsx(data);
  return { report: res.report, findings: res.findings, unreadable: res.unreadable, mtime };
}

