import { describe, expect, it } from 'vitest';
import {
  expectedTypedPercent,
  formatChangeSigned,
  formatChangeVi,
  formatInt,
  formatPercent,
  parseNumber,
  percentChange,
  percentOf,
  typedPercentMatches,
  type ParsedNumber,
} from '../../shared';

const value = (p: ParsedNumber) => (p.ok ? p.value : p.reason);

describe('vi-VN formatting', () => {
  it('thousands with dots', () => {
    expect(formatInt(6102)).toBe('6.102');
    expect(formatInt(5_500_000)).toBe('5.500.000');
    expect(formatInt(999)).toBe('999');
    expect(formatInt(0)).toBe('0');
    expect(formatInt(-1234)).toBe('-1.234');
  });
  it('percentages with a decimal comma: 2 decimals in tables, trimmed in prose', () => {
    expect(formatPercent(94.37)).toBe('94,37');
    expect(formatPercent(80)).toBe('80,00');
    expect(formatPercent(80, { trim: true })).toBe('80');
    expect(formatPercent(0.3, { trim: true })).toBe('0,3');
    expect(formatPercent(1234.5)).toBe('1.234,50');
    expect(formatPercent(null)).toBe('-');
  });
  it('changes in percentage points', () => {
    expect(formatChangeVi(1.19)).toBe('tăng 1,19%');
    expect(formatChangeVi(-0.3)).toBe('giảm 0,3%');
    expect(formatChangeVi(0)).toBe('không thay đổi');
    expect(formatChangeSigned(-0.93)).toBe('-0,93');
    expect(formatChangeSigned(12.5)).toBe('+12,50');
    expect(formatChangeSigned(null)).toBe('-');
  });
});

describe('percentages from integers', () => {
  it('half up to 2 decimals, null on a zero base', () => {
    expect(percentOf(8, 51)).toBe(15.69); // 15,686… — never both 15,67 and 15,68
    expect(percentOf(13, 67)).toBe(19.4);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 6)).toBe(16.67);
    expect(percentOf(1, 400)).toBe(0.25);
    expect(percentOf(1, 800)).toBe(0.13); // 0,125 → half up
    expect(percentOf(0, 0)).toBeNull();
  });
  it('change from the rounded percentages, without float drift', () => {
    expect(percentChange(97.82, 96.63)).toBe(1.19);
    expect(percentChange(0.07, 0.06)).toBe(0.01);
    expect(percentChange(null, 3)).toBeNull();
  });
});

describe('parsing typed numbers', () => {
  it.each([
    ['1.234', 1234],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    [' 7 ', 7],
    ['1 234', 1234],
    ['0.125', 0.125],
    ['-3', -3],
    ['\u00a042\u00a0', 42],
  ])('"%s" → %s', (text, want) => {
    expect(value(parseNumber(text))).toBe(want);
  });
  it('percentages keep their typed precision', () => {
    const p = parseNumber('12,5%');
    expect(p).toMatchObject({ ok: true, value: 12.5, percent: true, scaled: { mantissa: 125n, decimals: 1 } });
    expect(parseNumber('19.40%')).toMatchObject({ ok: true, value: 19.4, scaled: { mantissa: 1940n, decimals: 2 } });
    expect(parseNumber('1.234%')).toMatchObject({ ok: true, value: 1.234 });
  });
  it('Excel numbers pass through with their own decimals', () => {
    expect(parseNumber(1.234)).toMatchObject({ ok: true, value: 1.234, scaled: { mantissa: 1234n, decimals: 3 } });
    expect(parseNumber(62)).toMatchObject({ ok: true, value: 62, scaled: { decimals: 0 } });
    expect(parseNumber(1e-7)).toMatchObject({ ok: true, value: 1e-7 });
  });
  it('tells blanks, error values and text apart', () => {
    expect(value(parseNumber(''))).toBe('blank');
    expect(value(parseNumber('   '))).toBe('blank');
    expect(value(parseNumber(null))).toBe('blank');
    expect(value(parseNumber('#REF!'))).toBe('error-value');
    expect(value(parseNumber('#DIV/0!'))).toBe('error-value');
    expect(value(parseNumber('mười'))).toBe('not-a-number');
    expect(value(parseNumber('12..5'))).toBe('not-a-number');
    expect(value(parseNumber('1.23.4'))).toBe('not-a-number');
    expect(value(parseNumber(true))).toBe('not-a-number');
    expect(value(parseNumber(Number.NaN))).toBe('not-a-number');
  });
});

describe('typed percentages against counts', () => {
  const typed = (s: string) => {
    const p = parseNumber(s);
    if (!p.ok) throw new Error(s);
    return p.scaled;
  };
  it('accepts the precision they were typed with', () => {
    expect(typedPercentMatches(typed('19,4'), 13, 67)).toBe(true); // 19,40
    expect(typedPercentMatches(typed('19,40'), 13, 67)).toBe(true);
    expect(typedPercentMatches(typed('19'), 13, 67)).toBe(true);
    expect(typedPercentMatches(typed('15,69'), 8, 51)).toBe(true);
  });
  it('accepts truncation unless the policy says half up only', () => {
    expect(typedPercentMatches(typed('15,68'), 8, 51)).toBe(true);
    expect(typedPercentMatches(typed('15,68'), 8, 51, 'half-up')).toBe(false);
    expect(typedPercentMatches(typed('15,67'), 8, 51)).toBe(false);
  });
  it('rejects 80% for 9/10', () => {
    expect(typedPercentMatches(typed('80'), 9, 10)).toBe(false);
    expect(expectedTypedPercent(9, 10, 0)).toBe(90);
  });
  it('zero base: only 0 matches', () => {
    expect(typedPercentMatches(typed('0'), 0, 0)).toBe(true);
    expect(typedPercentMatches(typed('100'), 0, 0)).toBe(false);
  });
});
