import { describe, expect, it } from 'vitest';
import { checkReport, type Finding } from '../../shared';
import { flatCounts, groupFindings, justificationsFor, submitGate } from '../../addin/state';
import { loadSample } from '../helpers/sample';

const { input } = loadSample();
const km04 = input.reports['2025']!.find((r) => r.unit === 'KM-04')!;
const warnings = checkReport(km04);
const error: Finding = { ...warnings[0]!, severity: 'error', rule: 'total-mismatch', code: 'x' };

describe('task pane logic (no Office)', () => {
  it('errors block sending', () => {
    expect(submitGate([error, ...warnings], {})).toMatchObject({ ok: false, errors: 1 });
  });
  it('each warning needs a justification; a subject-level one covers its groups', () => {
    expect(submitGate(warnings, {})).toEqual({ ok: false, errors: 0, unjustified: ['member.excellent-cap', 'member.staff.excellent-cap'] });
    expect(submitGate(warnings, { 'member.excellent-cap': '   ' })).toMatchObject({ ok: false });
    expect(submitGate(warnings, { 'member.excellent-cap': 'Đơn vị tiêu biểu' })).toEqual({ ok: true });
  });
  it('only the justifications of warnings present are sent, trimmed', () => {
    expect(justificationsFor(warnings, { 'member.excellent-cap': '  Lý do  ', 'branch.excellent-cap': 'không liên quan' })).toEqual({ 'member.excellent-cap': 'Lý do' });
  });
  it('findings grouped by severity with counts, errors first', () => {
    expect(groupFindings([...warnings, error]).map((g) => [g.severity, g.count])).toEqual([
      ['error', 1],
      ['warning', 2],
    ]);
  });
  it('the receipt keeps counts by path (no names), to tell later edits', () => {
    const flat = flatCounts(km04.tallies, 'tallies');
    expect(flat['tallies.member.levels.excellent']).toBe(45);
    expect(flat['tallies.member.groups.staff.excellent']).toBe(33);
    expect(Object.values(flat).every((v) => typeof v === 'number')).toBe(true);
  });
});
