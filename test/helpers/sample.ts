import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { UnitInput, UnitReport } from '../../shared';

/** The team's sample bloc (../shared/data/sample-khoi beside the checkout). */
export const SAMPLE_DIR = fileURLToPath(new URL('../../../shared/data/sample-khoi/', import.meta.url));

export interface SampleInput {
  root: string;
  units: UnitInput[];
  reports: Record<string, UnitReport[]>;
}

export function loadSample(): { input: SampleInput; expected: any } {
  const input = JSON.parse(readFileSync(SAMPLE_DIR + 'input.json', 'utf8')) as SampleInput;
  const expected = JSON.parse(readFileSync(SAMPLE_DIR + 'expected.json', 'utf8'));
  return { input, expected };
}
