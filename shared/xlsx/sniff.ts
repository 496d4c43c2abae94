/** What a file is, by its content (never by its name). */
export type FileKind = 'zip' | 'empty' | 'xls' | 'encrypted' | 'ole2' | 'xml2003' | 'html' | 'csv' | 'unknown';

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(data: Uint8Array, sig: number[]): boolean {
  return data.length >= sig.length && sig.every((b, i) => data[i] === b);
}

/** Whether the UTF-16LE spelling of a stream name occurs in an OLE2 file's directory. */
function hasUtf16(data: Uint8Array, name: string): boolean {
  const pat = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) pat[i * 2] = name.charCodeAt(i);
  outer: for (let i = 0; i + pat.length <= data.length; i++) {
    if (data[i] !== pat[0]) continue;
    for (let j = 1; j < pat.length; j++) if (data[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

export function sniff(data: Uint8Array): FileKind {
  if (data.length === 0) return 'empty';
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || startsWith(data, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(data, OLE2)) {
    // an encrypted .xlsx is an OLE2 file holding EncryptionInfo + EncryptedPackage
    if (hasUtf16(data, 'EncryptionInfo') || hasUtf16(data, 'EncryptedPackage')) return 'encrypted';
    if (hasUtf16(data, 'Workbook') || hasUtf16(data, 'Book')) return 'xls';
    return 'ole2';
  }
  const head = new TextDecoder('utf-8').decode(data.subarray(0, 4096)).replace(/^\uFEFF/, '');
  const lower = head.toLowerCase();
  if (/^\s*<\?xml/.test(lower) && lower.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xml2003';
  if (/<(!doctype html|html|table|body|meta)[\s>]/.test(lower)) return 'html';
  // text: no control bytes besides tab and line ends
  const sample = data.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32)) control++;
  if (control === 0 && /[,;\t]/.test(head) && /\n|\r/.test(head + '\n')) return 'csv';
  return 'unknown';
}
