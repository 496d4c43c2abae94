import { describe, expect, it } from 'vitest';
import { bieu01Sheet, checkGrids, detectOldEncoding, toUnicode, type Grid, type SheetSpec } from '../../shared';
import { baseReport } from '../helpers/reports';

/** Unicode → TCVN3 (ABC) as a .VnTime / .VnTimeH font stores it: upper-case letters with marks use the lower-case codes. */
const TCVN3_OF: Record<string, string> = {};
'ă¨ â© êª ô« ơ¬ ư\u00ad đ® Ă¡ Â¢ Ê£ Ô¤ Ơ¥ Ư¦ Đ§ àµ ả¶ ã· á¸ ạ¹ ằ» ẳ¼ ẵ½ ắ¾ ặÆ ầÇ ẩÈ ẫÉ ấÊ ậË èÌ ẻÎ ẽÏ éÐ ẹÑ ềÒ ểÓ ễÔ ếÕ ệÖ ì× ỉØ ĩÜ íÝ ịÞ òß ỏá õâ óã ọä ồå ổæ ỗç ốè ộé ờê ởë ỡì ớí ợî ùï ủñ ũò úó ụô ừõ ửö ữ÷ ứø ựù ỳú ỷû ỹü ýý ỵþ'
  .split(' ')
  .forEach((pair) => (TCVN3_OF[[...pair][0]!] = [...pair][1]!));
const toTcvn3 = (s: string) => [...s.normalize('NFC')].map((ch) => TCVN3_OF[ch] ?? TCVN3_OF[ch.toLowerCase()] ?? ch).join('');

/** Unicode → VNI (Windows): the vowel, then its mark characters. */
function toVni(s: string): string {
  const tone: Record<string, string> = { '\u0301': 'ù', '\u0300': 'ø', '\u0309': 'û', '\u0303': 'õ', '\u0323': 'ï' };
  const circ: Record<string, string> = { '': 'â', '\u0301': 'á', '\u0300': 'à', '\u0309': 'å', '\u0303': 'ã', '\u0323': 'ä' };
  const breve: Record<string, string> = { '': 'ê', '\u0301': 'é', '\u0300': 'è', '\u0309': 'ú', '\u0303': 'ü', '\u0323': 'ë' };
  const iSingle: Record<string, string> = { '\u0301': 'í', '\u0300': 'ì', '\u0309': 'æ', '\u0303': 'ó', '\u0323': 'ò' };
  let out = '';
  for (const m of s.normalize('NFD').matchAll(/(.)([\u0300-\u036f]*)/gsu)) {
    const [_, base, marks] = m as unknown as [string, string, string];
    const up = base !== base.toLowerCase();
    const b = base.toLowerCase();
    const t = [...marks].find((c) => c in tone) ?? '';
    let enc: string;
    if (b === 'đ') enc = 'ñ';
    else if (marks.includes('\u031b')) enc = (b === 'o' ? 'ô' : 'ö') + (t ? tone[t] : '');
    else if (marks.includes('\u0302')) enc = b + circ[t];
    else if (marks.includes('\u0306')) enc = b + breve[t];
    else if (b === 'i' && t) enc = iSingle[t]!;
    else if (b === 'y' && t === '\u0323') enc = 'î';
    else enc = b + (t ? tone[t] : marks);
    out += up ? enc.toUpperCase() : enc;
  }
  return out;
}

function gridOf(spec: SheetSpec, text: (s: string) => string): Grid {
  const values: unknown[][] = [];
  let cols = 0;
  for (const c of spec.cells) cols = Math.max(cols, c.col);
  for (const c of spec.cells) {
    while (values.length < c.row) values.push(new Array(cols).fill(''));
    const v = c.formula !== undefined ? c.result : c.value;
    values[c.row - 1]![c.col - 1] = typeof v === 'string' ? text(v) : (v ?? '');
  }
  return { sheet: spec.name, origin: { row: 1, col: 1 }, values };
}

describe('old Vietnamese encodings (TCVN3 .VnTime, VNI) are converted with fixed tables before labels are matched', () => {
  const words = ['Đảng viên', 'Hoàn thành xuất sắc nhiệm vụ', 'Không hoàn thành nhiệm vụ', 'Tổ chức cơ sở đảng', 'Quản lý cấp phòng và tương đương', 'Không giữ chức vụ', 'Lãnh đạo cơ quan, đơn vị', 'Số được đánh giá, xếp loại', 'Chi bộ trực thuộc', 'Miễn', 'Đình chỉ', 'Khác', 'Mới', 'Tỷ lệ %', 'Ghi chú'];
  it('decodes every label of the template from both encodings', () => {
    for (const w of words) {
      // a single text may not tell ("Chi bé trùc thuéc" is also Unicode letters): never the wrong one
      expect([null, 'TCVN3'], w).toContain(detectOldEncoding(toTcvn3(w)));
      expect([null, 'VNI'], w).toContain(detectOldEncoding(toVni(w)));
      expect(toUnicode(toTcvn3(w), 'TCVN3').toLowerCase()).toBe(w.toLowerCase());
      expect(toUnicode(toVni(w), 'VNI'), toVni(w)).toBe(w);
    }
  });

  it('leaves Unicode text alone (including words with Latin-1 letters only: "Khác", "Hoàn thành")', () => {
    for (const w of [...words, 'Khác', 'Hoàn thành', 'Mã đơn vị: KM-07', 'Nguyễn Văn Ánh', 'Café']) expect(detectOldEncoding(w)).toBeNull();
  });

  for (const [name, encode] of [
    ['TCVN3', toTcvn3],
    ['VNI', toVni],
  ] as const) {
    it(`a Biểu 01 typed in ${name} reads to the same tallies, and an info finding says it was converted`, () => {
      const r = baseReport(2025);
      const spec = bieu01Sheet({ year: 2025, unit: 'KM-01', unitName: 'Đảng bộ Sở Mẫu', report: r });
      const plain = checkGrids([gridOf(spec, (s) => s)], { period: { year: 2025 } });
      const old = checkGrids([gridOf(spec, (s) => (/Mã đơn vị/.test(s) ? s : encode(s)))], { period: { year: 2025 } });
      expect(old.report).toEqual(plain.report);
      const info = old.findings.filter((f) => f.code.startsWith('template.old-encoding'));
      expect(info).toHaveLength(1);
      expect(info[0]!.severity).toBe('info');
      expect(info[0]!.message).toMatch(new RegExp(`bảng mã cũ \\(${name}`));
      expect(old.findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual(plain.findings.filter((f) => f.severity !== 'info').map((f) => f.code));
    });
  }
});
