import type { ScaledNumber } from './percent';

export type ParsedNumber =
  | { ok: true; value: number; scaled: ScaledNumber; percent: boolean }
  | { ok: false; reason: 'blank' | 'not-a-number' | 'error-value' };

const ERROR_VALUE = /^#(REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;

function scaledFromDigits(sign: string, intPart: string, decPart: string, percent: boolean): ParsedNumber {
  const digits = (intPart + decPart).replace(/^0+(?=\d)/, '') || '0';
  const mantissa = BigInt(digits) * (sign === '-' ? -1n : 1n);
  const value = Number(sign + (intPart || '0') + (decPart ? '.' + decPart : ''));
  return { ok: true, value, scaled: { mantissa, decimals: decPart.length }, percent };
}

function groupsOfThree(s: string, sep: string): boolean {
  const parts = s.split(sep);
  return /^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/**
 * A number as staff type it, in Vietnamese or English habits: "1.234" (thousands), "12,5", "12.5",
 * "1.234,5", "1,234,567", " 7 ", "12,5%", "-3". Excel numbers pass through with their own precision.
 * Error values (#REF!) and blanks are told apart from text that is not a number.
 */
export function parseNumber(input: unknown): ParsedNumber {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: 'not-a-number' };
    // most cells are whole numbers: the same result without the text round trip (-0 reads as 0)
    if (Number.isSafeInteger(input)) return { ok: true, value: input || 0, scaled: { mantissa: BigInt(input), decimals: 0 }, percent: false };
    // A real number: '.' is its decimal point, whatever the digits after it.
    const text = String(input).includes('e') ? input.toFixed(12).replace(/\.?0+$/, '') : String(input);
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    return m ? scaledFromDigits(m[1] ?? '', m[2] ?? '0', m[3] ?? '', false) : { ok: false, reason: 'not-a-number' };
  }
  if (input === null || input === undefined) return { ok: false, reason: 'blank' };
  if (typeof input !== 'string') return { ok: false, reason: 'not-a-number' };
  let s = input.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (s === '') return { ok: false, reason: 'blank' };
  if (ERROR_VALUE.test(s)) return { ok: false, reason: 'error-value' };
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  let sign = '';
  if (s.startsWith('-') || s.startsWith('+') || s.startsWith('\u2212')) {
    sign = s.startsWith('+') ? '' : '-';
    s = s.slice(1).trim();
  }
  // "1 234 567": spaces as thousands separators
  if (/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(s)) s = s.replace(/ /g, '');
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s) || /^[.,]|[.,]$/.test(s)) return { ok: false, reason: 'not-a-number' };

  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  if (dots > 0 && commas > 0) {
    const decSep = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const thouSep = decSep === '.' ? ',' : '.';
    const at = s.lastIndexOf(decSep);
    const intPart = s.slice(0, at);
    const decPart = s.slice(at + 1);
    if (intPart.includes(decSep) || !groupsOfThree(intPart, thouSep)) return { ok: false, reason: 'not-a-number' };
    return scaledFromDigits(sign, intPart.split(thouSep).join(''), decPart, percent);
  }
  const sep = dots > 0 ? '.' : commas > 0 ? ',' : '';
  const count = dots + commas;
  if (sep === '') return scaledFromDigits(sign, s, '', percent);
  if (count > 1) {
    // "1.234.567" or "1,234,567": only thousands
    if (!groupsOfThree(s, sep)) return { ok: false, reason: 'not-a-number' };
    return scaledFromDigits(sign, s.split(sep).join(''), '', percent);
  }
  const [intPart = '', decPart = ''] = s.split(sep);
  // One dot followed by exactly three digits is the Vietnamese thousands separator ("1.234"), except in a
  // percentage or after a leading zero ("0.125"). One comma is always the Vietnamese decimal comma.
  if (sep === '.' && !percent && decPart.length === 3 && /^[1-9]\d{0,2}$/.test(intPart)) {
    return scaledFromDigits(sign, intPart + decPart, '', percent);
  }
  return scaledFromDigits(sign, intPart, decPart, percent);
}
