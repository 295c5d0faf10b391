import { open, stat, type FileHandle } from 'node:fs/promises';
import { InputError } from '../errors.js';

/** An InputError for a file system failure, with a short reason instead of a stack. */
export function cannotRead(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  let reason: string;
  if (code === 'ENOENT') reason = 'no such file';
  else if (code === 'EISDIR') reason = 'is a directory';
  else if (code === 'EACCES' || code === 'EPERM') reason = 'permission denied';
  else if (code === 'ENOTDIR') reason = 'a part of the path is not a directory';
  else reason = error instanceof Error ? error.message : String(error);
  return new InputError({ file }, `cannot read the file: ${reason}`);
}

const EXPECTED = {
  CSV: {
    zip: ['the file is a zip archive (an Excel workbook?), not CSV text', 'a CSV export (in Excel, save as "CSV UTF-8")'],
    gzip: ['the file is gzip-compressed, not CSV text', 'the CSV file itself (gunzip it first)'],
  },
  JSON: {
    zip: ['the file is a zip archive, not JSON text', 'the JSON file itself (unzip it first)'],
    gzip: ['the file is gzip-compressed, not JSON text', 'the JSON file itself (gunzip it first)'],
  },
} as const;

/**
 * Fails early on files that would otherwise decode to garbage: zip archives (an Excel
 * workbook saved as .csv) and gzip (Firehose writes .json.gz). UTF-16 text with a BOM is
 * read (see text-encoding.ts).
 */
export function rejectForeignBytes(file: string, first: Buffer, kind: keyof typeof EXPECTED): void {
  const b0 = first[0];
  const b1 = first[1];
  const expected = EXPECTED[kind];
  if (b0 === 0x50 && b1 === 0x4b && first[2] === 0x03 && first[3] === 0x04) throw new InputError({ file }, expected.zip[0], expected.zip[1]);
  if (b0 === 0x1f && b1 === 0x8b) throw new InputError({ file }, expected.gzip[0], expected.gzip[1]);
}

/**
 * The size of an input file, checked up front: a stream would only fail on its first read,
 * and a directory would not fail at all until then.
 */
export async function inputFileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return info.size;
  } catch (error) {
    throw cannotRead(file, error);
  }
}

/**
 * A file's bytes in chunks of `chunkBytes`, streamed: a read error becomes deliv's "cannot
 * read" error naming the file, and the file is closed however the caller stops.
 *
 * With `reuse`, every chunk is the same buffer, overwritten by the next read: for callers that
 * are done with a chunk when they ask for the next (decoders copy what they keep). A fresh
 * megabyte per chunk would otherwise pile up outside the heap until a collection frees it.
 */
export async function* fileChunks(file: string, chunkBytes: number, { reuse = false } = {}): AsyncGenerator<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw cannotRead(file, error);
  }
  try {
    let shared: Buffer | undefined;
    for (;;) {
      const buffer = reuse ? (shared ??= Buffer.allocUnsafe(chunkBytes)) : Buffer.allocUnsafe(chunkBytes);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, chunkBytes, null));
      } catch (error) {
        throw cannotRead(file, error);
      }
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
