/**
 * Streams a JSON event dump from disk through the record scanner: a JSON array of records,
 * JSON lines, objects written back to back, a wrapper object holding the array, or a mix.
 * Hands a preview of the first records and then every record to a visitor, and counts.
 * Memory stays at about one chunk plus the record being read whatever the file size.
 */

import { open } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { cannotRead, fileChunks, inputFileSize, rejectForeignBytes } from '../input-file-checks.js';
import { bomEncoding, chunkDecoder, type TextEncodingName } from '../text-encoding.js';
import { JsonRecordScanner, type JsonRecord, type JsonShape } from './json-record-scanner.js';

export type { JsonRecord, JsonShape } from './json-record-scanner.js';

/** Counts for a file that was read to the end. */
export interface JsonFileStats {
  /** Bytes read from disk. */
  bytes: number;
  /** Physical lines, counting a last line without a line break. */
  lines: number;
  /** Records passed to the visitor. */
  records: number;
  /** Set when the file is UTF-16 (announced by a BOM) rather than UTF-8. */
  encoding?: 'utf-16le' | 'utf-16be';
  /**
   * How the records were laid out: one top-level array; objects each starting on a new
   * line; objects of which some follow another on the same line (`}{`); one wrapper object
   * holding the array; anything else (several arrays, several wrappers, arrays and objects).
   */
  shape: JsonShape;
  /** The key of the (first) wrapper object's record array, when there was a wrapper. */
  wrapperKey?: string;
}

/** Receives a preview of the first records once, then every record in file order. */
export interface JsonVisitor {
  /**
   * Called once with the first up to {@link PREVIEW_RECORDS} records (fewer, or none, when
   * the file holds fewer) before any `record()` call, for format detection. The same
   * records then go to `record()`.
   */
  first?(records: readonly JsonRecord[]): void;
  record(record: JsonRecord): void;
}

/** Options of {@link readJsonRecords}. */
export interface ReadJsonRecordsOptions {
  /** Called after each chunk read from disk. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Keys under which a top-level object holds the record array; see {@link DEFAULT_WRAPPER_KEYS}. */
  wrapperKeys?: readonly string[];
  /** Bytes per read; 1 MiB unless set (tests use small chunks to split records anywhere). */
  chunkBytes?: number;
}

/** The wrapper keys of Mailgun (`items`), Postmark (`Bounces`, `Messages`), generic (`events`) and AWS (`Records`). */
export const DEFAULT_WRAPPER_KEYS: readonly string[] = ['items', 'Bounces', 'Messages', 'events', 'Records'];

/** How many records `first()` receives at most. */
export const PREVIEW_RECORDS = 20;

const CHUNK_BYTES = 1 << 20;
const SNIFF_BYTES = 1 << 16;
const BOM = 0xfeff;
/** Bytes needed to recognise a file that is not UTF-8 text. */
const SIGNATURE_BYTES = 4;

/**
 * Reads `file` as UTF-8 JSON (or UTF-16 with a BOM) and calls `visitor` for each record. Throws InputError for an
 * unreadable, empty or malformed file; errors thrown by the visitor propagate unchanged
 * after the file is closed.
 */
export async function readJsonRecords(
  file: string,
  visitor: JsonVisitor,
  options: ReadJsonRecordsOptions = {},
): Promise<JsonFileStats> {
  const { onProgress, wrapperKeys = DEFAULT_WRAPPER_KEYS, chunkBytes = CHUNK_BYTES } = options;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) {
    throw new Error(`readJsonRecords: chunkBytes must be a positive integer, not ${chunkBytes}`);
  }
  const totalBytes = await inputFileSize(file);

  // A BOM stays in the text, so that it is dropped here and only at the start.
  // The decoder is chosen once the first bytes are in: a UTF-16 BOM switches it.
  let decoder = chunkDecoder('utf-8');
  let encoding: TextEncodingName = 'utf-8';
  const scanner = new JsonRecordScanner({ file, wrapperKeys });
  let preview: JsonRecord[] | undefined = visitor.first ? [] : undefined;
  let records = 0;
  let bytes = 0;
  let started = false;
  /** The first bytes, held back until there are enough to check the file's signature. */
  let head: Buffer[] | undefined = [];
  let headBytes = 0;

  const showPreview = (): void => {
    const batch = preview!;
    preview = undefined;
    visitor.first!(batch);
    for (const record of batch) visitor.record(record);
  };

  const onRecord = (record: JsonRecord): void => {
    records++;
    if (preview === undefined) {
      visitor.record(record);
      return;
    }
    preview.push(record);
    if (preview.length === PREVIEW_RECORDS) showPreview();
  };

  const feed = (text: string): void => {
    if (!started) {
      if (text.length === 0) return;
      started = true;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    scanner.write(text, onRecord);
  };

  const feedHead = (): void => {
    const first = Buffer.concat(head!);
    head = undefined;
    rejectForeignBytes(file, first, 'JSON');
    encoding = bomEncoding(first) ?? 'utf-8';
    decoder = chunkDecoder(encoding);
    feed(decoder.write(first));
  };

  for await (const chunk of fileChunks(file, chunkBytes)) {
    bytes += chunk.length;
    if (head === undefined) {
      feed(decoder.write(chunk));
    } else {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= SIGNATURE_BYTES) feedHead();
    }
    onProgress?.(bytes, totalBytes);
  }
  if (head !== undefined) feedHead();
  feed(decoder.end());
  scanner.end();

  if (scanner.topLevelValues === 0) {
    throw new InputError({ file }, 'the file is empty', 'JSON records');
  }
  if (preview !== undefined) showPreview();
  const stats: JsonFileStats = { bytes, lines: scanner.linesRead, records, shape: scanner.shape };
  // Assigned in feedHead(), which TypeScript's narrowing does not see.
  const read = encoding as TextEncodingName;
  if (read === 'utf-16le' || read === 'utf-16be') stats.encoding = read;
  const wrapperKey = scanner.wrapperKey;
  if (wrapperKey !== undefined) stats.wrapperKey = wrapperKey;
  return stats;
}

/**
 * True when the first character of `file` other than whitespace (after a UTF-8 or UTF-16 BOM) is
 * `{` or `[`: the file looks like JSON rather than CSV. Throws InputError when the file
 * cannot be read.
 */
export async function sniffJsonFile(file: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw cannotRead(file, error);
  }
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    let position = 0;
    let decoder: InstanceType<typeof TextDecoder> | undefined;
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, position));
      } catch (error) {
        throw cannotRead(file, error);
      }
      if (bytesRead === 0) return false;
      if (position === 0 && bytesRead >= 2) {
        const bom = bomEncoding(buffer);
        if (bom === 'utf-16le' || bom === 'utf-16be') decoder = new TextDecoder(bom);
      }
      if (decoder !== undefined) {
        // UTF-16: decode, then look for the first character other than whitespace.
        const text = decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
        const first = /[^ \t\n\r]/.exec(text);
        if (first) return first[0] === '{' || first[0] === '[';
        position += bytesRead;
        continue;
      }
      let i = 0;
      // The BOM is 3 bytes; a file whose first read is shorter cannot hold one and JSON.
      if (position === 0 && bytesRead >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) i = 3;
      for (; i < bytesRead; i++) {
        const b = buffer[i];
        if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
        return b === 0x7b || b === 0x5b;
      }
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
