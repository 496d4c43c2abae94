import { toHundredths } from './percent';

/** Thousands with dots, as Vietnamese documents print them: 6102 → "6.102". */
export function formatInt(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(n)));
  if (digits.length <= 3) return sign + digits;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '.';
    out += digits[i];
  }
  return sign + out;
}

/**
 * A percentage with a decimal comma. Tables keep 2 decimals ("80,00"); prose drops trailing zeros ("80",
 * "0,3"). `null` (zero base) prints as "-".
 */
export function formatPercent(p: number | null, opts: { trim?: boolean } = {}): string {
  if (p === null) return '-';
  const h = toHundredths(p);
  const sign = h < 0 ? '-' : '';
  const abs = Math.abs(h);
  const int = formatInt(Math.floor(abs / 100));
  let dec = String(abs % 100).padStart(2, '0');
  if (opts.trim) dec = dec.replace(/0+$/, '');
  return sign + int + (dec ? ',' + dec : '');
}

/** A change in percentage points for prose: "tăng 1,19%", "giảm 0,3%", "không thay đổi". */
export function formatChangeVi(points: number): string {
  const h = toHundredths(points);
  if (h === 0) return 'không thay đổi';
  return `${h > 0 ? 'tăng' : 'giảm'} ${formatPercent(Math.abs(h) / 100, { trim: true })}%`;
}

/** A change in percentage points for tables: "+1,19", "-0,93", "0,00"; null → "-". */
export function formatChangeSigned(points: number | null): string {
  if (points === null) return '-';
  const h = toHundredths(points);
  return (h > 0 ? '+' : '') + formatPercent(h / 100);
}
