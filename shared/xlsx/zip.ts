import { Unzip, UnzipInflate, unzipSync } from 'fflate';

/** Largest part of a workbook inflated (uncompressed bytes): a Biểu 01 sheet is a few kilobytes. */
export const PART_LIMIT = 50 * 1024 * 1024;

export interface ZipEntry {
  name: string;
  /** Uncompressed size as the zip's central directory declares it. */
  size: number;
}

/** The entries of a zip from its central directory, nothing inflated. Throws on a damaged zip. */
export function listZip(data: Uint8Array): ZipEntry[] {
  const out: ZipEntry[] = [];
  unzipSync(data, {
    filter: (f) => {
      out.push({ name: f.name, size: f.originalSize });
      return false;
    },
  });
  return out;
}

export class PartTooLarge extends Error {
  constructor(
    readonly part: string,
    readonly size: number,
  ) {
    super('part too large');
  }
}

/**
 * Inflate the wanted parts of a zip as a stream: each part's chunks go to its sink as they come, so a sheet's
 * XML is never held whole. A part that inflates past the limit (whatever its header declared) is stopped.
 */
export function streamParts(data: Uint8Array, sinkFor: (name: string) => ((chunk: Uint8Array, final: boolean) => void) | null, limit = PART_LIMIT): void {
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  let failure: unknown = null;
  unzip.onfile = (file) => {
    if (failure) return;
    const sink = sinkFor(file.name);
    if (!sink) return;
    let seen = 0;
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = err;
        return;
      }
      seen += chunk.length;
      if (seen > limit) {
        failure = new PartTooLarge(file.name, seen);
        file.terminate();
        return;
      }
      try {
        sink(chunk, final);
      } catch (e) {
        failure = e;
        file.terminate();
      }
    };
    file.start();
  };
  // pushed in small slices (deflate inflates at most ~1000×): a runaway part is stopped after a few MB
  const step = 1 << 15;
  for (let i = 0; i < data.length && !failure; i += step) unzip.push(data.subarray(i, Math.min(data.length, i + step)), i + step >= data.length);
  if (failure) throw failure;
}

/**
 * The wanted parts inflated whole, each into a buffer of the size its header declares (the caller has refused
 * declared sizes over the limit), one call to its sink. A part that inflates past its declared size is cut
 * there, so its XML does not parse: the caller then reads the file again with streamParts.
 */
export function inflateParts(data: Uint8Array, sinkFor: (name: string) => ((chunk: Uint8Array, final: boolean) => void) | null, limit = PART_LIMIT): void {
  const sinks = new Map<string, (chunk: Uint8Array, final: boolean) => void>();
  const parts = unzipSync(data, {
    filter: (f) => {
      if (f.originalSize > limit) throw new PartTooLarge(f.name, f.originalSize);
      const sink = sinkFor(f.name);
      if (sink) sinks.set(f.name, sink);
      return !!sink;
    },
  });
  for (const [name, bytes] of Object.entries(parts)) sinks.get(name)!(bytes, true);
}
