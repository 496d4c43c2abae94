import { eachCell, eachRow, type Grid } from './grid';

const VOTE_ROWS = 300;

/**
 * Old Vietnamese encodings, as data: text typed in a TCVN3 (ABC) font such as .VnTime, or in a VNI font,
 * is stored as Latin-1 characters that only the font shows as Vietnamese. The reader converts it with these
 * fixed tables before matching labels (and says so). Detection is conservative: only text with no character
 * beyond Latin-1 and with characters that no Unicode Vietnamese text uses.
 */

/** TCVN3 (ABC): one character per Vietnamese letter. Upper-case fonts (.VnTimeH) reuse the lower-case codes. */
const TCVN3: Record<string, string> = {
  '¨': 'ă', '©': 'â', 'ª': 'ê', '«': 'ô', '¬': 'ơ', '\u00ad': 'ư', '®': 'đ',
  '¡': 'Ă', '¢': 'Â', '£': 'Ê', '¤': 'Ô', '¥': 'Ơ', '¦': 'Ư', '§': 'Đ',
  'µ': 'à', '¶': 'ả', '·': 'ã', '¸': 'á', '¹': 'ạ',
  '»': 'ằ', '¼': 'ẳ', '½': 'ẵ', '¾': 'ắ', 'Æ': 'ặ',
  'Ç': 'ầ', 'È': 'ẩ', 'É': 'ẫ', 'Ê': 'ấ', 'Ë': 'ậ',
  'Ì': 'è', 'Î': 'ẻ', 'Ï': 'ẽ', 'Ð': 'é', 'Ñ': 'ẹ',
  'Ò': 'ề', 'Ó': 'ể', 'Ô': 'ễ', 'Õ': 'ế', 'Ö': 'ệ',
  '×': 'ì', 'Ø': 'ỉ', 'Ü': 'ĩ', 'Ý': 'í', 'Þ': 'ị',
  'ß': 'ò', 'á': 'ỏ', 'â': 'õ', 'ã': 'ó', 'ä': 'ọ',
  'å': 'ồ', 'æ': 'ổ', 'ç': 'ỗ', 'è': 'ố', 'é': 'ộ',
  'ê': 'ờ', 'ë': 'ở', 'ì': 'ỡ', 'í': 'ớ', 'î': 'ợ',
  'ï': 'ù', 'ñ': 'ủ', 'ò': 'ũ', 'ó': 'ú', 'ô': 'ụ',
  'õ': 'ừ', 'ö': 'ử', '÷': 'ữ', 'ø': 'ứ', 'ù': 'ự',
  'ú': 'ỳ', 'û': 'ỷ', 'ü': 'ỹ', 'ý': 'ý', 'þ': 'ỵ',
};

/** VNI: a vowel followed by mark characters; a few letters are single characters. */
const VNI_TONE: Record<string, string> = { ù: '\u0301', ø: '\u0300', û: '\u0309', õ: '\u0303', ï: '\u0323' };
const VNI_CIRCUMFLEX: Record<string, string> = { â: '', á: '\u0301', à: '\u0300', å: '\u0309', ã: '\u0303', ä: '\u0323' };
const VNI_BREVE: Record<string, string> = { ê: '', é: '\u0301', è: '\u0300', ú: '\u0309', ü: '\u0303', ë: '\u0323' };
const VNI_SINGLE: Record<string, string> = { ô: 'ơ', ö: 'ư', ñ: 'đ', æ: 'ỉ', ó: 'ĩ', ò: 'ị', î: 'ỵ', í: 'í', ì: 'ì' };

const BEYOND_LATIN1 = /[\u0100-\uffff]/;
const LATIN1_HIGH = /[\u0080-\u00ff]/;
/** Characters TCVN3 uses for Vietnamese letters that no Unicode Vietnamese text contains, next to a letter. */
const TCVN3_SIGN = /[a-zA-Z][¨ª¬\u00ad®µ¶·¸¹»¼½¾]|[¨ª¬\u00ad®µ¶·¸¹»¼½¾§¡¢£¤¥¦][a-zA-Z]/;
/** VNI: a vowel followed by a tone character that is no Vietnamese letter, or đ typed as ñ. */
const VNI_SIGN = /[aeiouyAEIOUY][øûïØÛÏ]|[ñÑ][aeiouAEIOU]/;

export type OldEncoding = 'TCVN3' | 'VNI';

/** The encoding a single text shows for certain, or null (Unicode, or not telling). */
export function detectOldEncoding(text: string): OldEncoding | null {
  if (BEYOND_LATIN1.test(text) || !LATIN1_HIGH.test(text)) return null;
  if (TCVN3_SIGN.test(text)) return 'TCVN3';
  if (VNI_SIGN.test(text)) return 'VNI';
  return null;
}

function fromVni(text: string): string {
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    if (/[aeiouy]/i.test(ch) || ((lower === 'ô' || lower === 'ö') && !/[oO]/.test(chars[i - 1] ?? ''))) {
      let base = lower === 'ô' ? 'ơ' : lower === 'ö' ? 'ư' : lower;
      let marks = '';
      let next = (chars[i + 1] ?? '').toLowerCase();
      if (/[aeo]/.test(base) && next in VNI_CIRCUMFLEX) {
        marks += '\u0302' + (VNI_CIRCUMFLEX[next] as string);
        i++;
      } else if (base === 'a' && next in VNI_BREVE) {
        marks += '\u0306' + (VNI_BREVE[next] as string);
        i++;
      }
      next = (chars[i + 1] ?? '').toLowerCase();
      if (next in VNI_TONE) {
        marks += VNI_TONE[next] as string;
        i++;
      }
      base = (base + marks).normalize('NFC');
      out += upper ? base.toUpperCase() : base;
      continue;
    }
    const single = VNI_SINGLE[lower];
    out += single ? (upper ? single.toUpperCase() : single) : ch;
  }
  return out.normalize('NFC');
}

export function toUnicode(text: string, from: OldEncoding): string {
  if (from === 'TCVN3') {
    let out = '';
    for (const ch of text) out += TCVN3[ch] ?? ch;
    return out;
  }
  return fromVni(text);
}

/**
 * The grids with old-encoded text converted (a copy of the rows that change), and what was converted.
 * Only text cells are looked at; numbers are left as they are.
 */
export function convertOldEncodings(grids: Grid[]): { grids: Grid[]; converted: { encoding: OldEncoding; sheet: string; cells: number }[] } {
  const converted: { encoding: OldEncoding; sheet: string; cells: number }[] = [];
  const out = grids.map((g) => {
    // a sheet typed in an old font has it in every label: decide on the cells that tell for certain, then
    // convert every text of that sheet that could be in it (Latin-1 only, with accented characters)
    // (the headers and labels are in the first rows: a long roster is not scanned unless they tell)
    const votes = { TCVN3: 0, VNI: 0 };
    eachRow(
      g,
      (vals) =>
        eachCell(vals, (v) => {
          if (typeof v !== 'string') return;
          const e = detectOldEncoding(v);
          if (e) votes[e]++;
        }),
      VOTE_ROWS,
    );
    if (votes.TCVN3 === 0 && votes.VNI === 0) return g;
    const encoding: OldEncoding = votes.TCVN3 >= votes.VNI ? 'TCVN3' : 'VNI';
    const cache = new Map<string, string>();
    let cells = 0;
    const values = g.values.slice();
    g.values.forEach((vals, r) => {
      let row: unknown[] | null = null;
      vals.forEach((v, c) => {
        if (typeof v !== 'string' || BEYOND_LATIN1.test(v) || !LATIN1_HIGH.test(v)) return;
        let u = cache.get(v);
        if (u === undefined) cache.set(v, (u = toUnicode(v, encoding)));
        if (u === v) return;
        row ??= vals.slice();
        row[c] = u;
        cells++;
      });
      if (row) values[r] = row;
    });
    if (cells === 0) return g;
    converted.push({ encoding, sheet: g.sheet, cells });
    return { ...g, values };
  });
  return { grids: out, converted };
}
