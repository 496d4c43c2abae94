/**
 * The simple formulas of the templates, evaluated for files written by scripts that saved no result:
 * numbers, cell references, `SUM(ranges and cells)` and `+`/`−` of those, in parentheses. Anything else is
 * not evaluated (the caller reports the cell as a formula without a saved value).
 */

export type CellRef = { row: number; col: number };

type Token = { t: 'num'; v: number } | { t: 'ref'; row: number; col: number; absRow: boolean; absCol: boolean } | { t: 'op'; v: string } | { t: 'fn'; v: string };

const TOKEN = /\s*(?:(\$?)([A-Za-z]{1,3})(\$?)(\d+)|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)\s*\(|([-+(),;:]))/y;

function colNumber(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c;
}

function tokenize(text: string): Token[] | null {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  const src = text.trim();
  while (i < src.length) {
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) return null;
    i = TOKEN.lastIndex;
    if (m[2] !== undefined) out.push({ t: 'ref', col: colNumber(m[2]), row: Number(m[4]), absCol: m[1] === '$', absRow: m[3] === '$' });
    else if (m[5] !== undefined) out.push({ t: 'num', v: Number(m[5]) });
    else if (m[6] !== undefined) out.push({ t: 'fn', v: m[6].toUpperCase() });
    else out.push({ t: 'op', v: m[7] as string });
    while (src[i] === ' ') i++;
  }
  return out;
}

/** A shared formula moved from its master cell to another: relative references shift by the offset. */
export function shiftFormula(text: string, dRow: number, dCol: number): string | null {
  if (/[!'"[\]]/.test(text)) return null;
  return text.replace(/(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g, (all, ac: string, letters: string, ar: string, row: string) => {
    if (/^(SUM|TRUE|FALSE)$/i.test(letters + row)) return all;
    const col = ac ? colNumber(letters) : colNumber(letters) + dCol;
    const r = ar ? Number(row) : Number(row) + dRow;
    if (col < 1 || r < 1) return '#REF!';
    let s = '';
    for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return `${ac}${s}${ar}${r}`;
  });
}

/** How a referenced cell's value enters the sum: a number, blank (0), or not a number (formula not evaluated). */
export type Lookup = (ref: CellRef, inSumRange: boolean) => number | null;

/** The value of a simple formula, or null when it is not one of the simple forms (or a reference fails). */
export function evaluate(text: string, lookup: Lookup): number | null {
  if (/[!'"[\]]/.test(text)) return null; // other sheets, text, structured references
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return null;
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (v: string) => {
    const t = peek();
    return t?.t === 'op' && t.v === v;
  };
  const fail = Symbol('fail');
  const expr = (): number => {
    let sign = 1;
    if (isOp('+') || isOp('-')) {
      sign = (peek() as { v: string }).v === '-' ? -1 : 1;
      pos++;
    }
    let acc = sign * term();
    while (isOp('+') || isOp('-')) {
      const s = (tokens[pos++] as { v: string }).v === '-' ? -1 : 1;
      acc += s * term();
    }
    return acc;
  };
  const ref = (t: Token | undefined, inSum: boolean): number => {
    if (t?.t !== 'ref') throw fail;
    const v = lookup({ row: t.row, col: t.col }, inSum);
    if (v === null) throw fail;
    return v;
  };
  const term = (): number => {
    const t = tokens[pos++];
    if (!t) throw fail;
    if (t.t === 'num') return t.v;
    if (t.t === 'ref') return ref(t, false);
    if (t.t === 'op' && t.v === '(') {
      const v = expr();
      if (!isOp(')')) throw fail;
      pos++;
      return v;
    }
    if (t.t === 'fn' && t.v === 'SUM') {
      let sum = 0;
      if (isOp(')')) {
        pos++;
        return 0;
      }
      for (;;) {
        const a = peek();
        const b = tokens[pos + 1];
        if (a?.t === 'ref' && b?.t === 'op' && b.v === ':') {
          const c = tokens[pos + 2];
          if (c?.t !== 'ref') throw fail;
          pos += 3;
          const [r0, r1] = [Math.min(a.row, c.row), Math.max(a.row, c.row)];
          const [c0, c1] = [Math.min(a.col, c.col), Math.max(a.col, c.col)];
          if ((r1 - r0 + 1) * (c1 - c0 + 1) > 10_000) throw fail;
          for (let r = r0; r <= r1; r++) for (let col = c0; col <= c1; col++) sum += ref({ t: 'ref', row: r, col, absRow: false, absCol: false }, true);
        } else if (a?.t === 'ref' && (b?.t === 'op' && (b.v === ',' || b.v === ';' || b.v === ')'))) {
          pos++;
          sum += ref(a, true);
        } else sum += expr();
        if (isOp(',') || isOp(';')) {
          pos++;
          continue;
        }
        if (isOp(')')) {
          pos++;
          return sum;
        }
        throw fail;
      }
    }
    throw fail;
  };
  try {
    const v = expr();
    return pos === tokens.length && Number.isFinite(v) ? v : null;
  } catch (e) {
    if (e === fail) return null;
    throw e;
  }
}
