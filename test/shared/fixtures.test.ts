import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_DIR } from '../helpers/sample';

describe('test/fixtures/sample-khoi', () => {
  for (const file of ['input.json', 'expected.json']) {
    it(`${file} is the same as ../shared/data/sample-khoi/${file}`, () => {
      const copy = readFileSync(new URL(`../fixtures/sample-khoi/${file}`, import.meta.url), 'utf8');
      expect(JSON.parse(copy)).toEqual(JSON.parse(readFileSync(SAMPLE_DIR + file, 'utf8')));
    });
  }
});
