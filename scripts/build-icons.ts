/** Writes the ribbon icons (PNG, every size the manifest declares) from a small drawing, with no image library. */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
export function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// a red sheet with four bars (the four levels) and a check mark
const RED: [number, number, number, number] = [183, 28, 28, 255];
const WHITE: [number, number, number, number] = [255, 255, 255, 255];
const GOLD: [number, number, number, number] = [255, 202, 40, 255];
const CLEAR: [number, number, number, number] = [0, 0, 0, 0];
function icon(size: number) {
  return png(size, (x, y) => {
    const u = x / size;
    const v = y / size;
    if (u < 0.08 || u > 0.92 || v < 0.08 || v > 0.92) return CLEAR;
    const bars = [0.55, 0.35, 0.62, 0.78];
    for (let i = 0; i < 4; i++) {
      const x0 = 0.18 + i * 0.17;
      if (u >= x0 && u < x0 + 0.11 && v > (bars[i] as number) && v < 0.84) return i === 1 ? GOLD : WHITE;
    }
    return RED;
  });
}
const OUT = new URL('../addin/assets/', import.meta.url).pathname;
for (const size of [16, 32, 64, 80, 128]) writeFileSync(`${OUT}icon-${size}.png`, icon(size));
console.log('icons written to addin/assets/');
