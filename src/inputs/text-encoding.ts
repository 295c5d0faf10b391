/**
 * How input bytes become text: byte-order marks (UTF-8, UTF-16 LE/BE), a streaming UTF-8
 * check for the Windows-1252 fallback, and a guard against NUL characters in text.
 */

import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../errors.js';
import { fileChunks, rejectForeignBytes } from './input-file-checks.js';

/** The encodings deliv reads, as reported in a file's summary. */
export type TextEncodingName = 'utf-8' | 'utf-8 with BOM' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The encoding a byte-order mark at the start of `first` announces, if any. */
export function bomEncoding(first: Uint8Array): 'utf-8 with BOM' | 'utf-16le' | 'utf-16be' | undefined {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return 'utf-8 with BOM';
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The WHATWG label of a TextDecoder for `encoding`. */
export function decoderLabel(encoding: TextEncodingName): string {
  return encoding === 'utf-8 with BOM' ? 'utf-8' : encoding;
}

/** Decodes a stream of byte chunks split anywhere; keeps a BOM as U+FEFF. */
export interface ChunkDecoder {
  write(chunk: Uint8Array): string;
  /** The text of a sequence cut short by the end of the input (as U+FFFD), or ''. */
  end(): string;
}

/**
 * A streaming decoder for `encoding`. UTF-8 goes through Node's StringDecoder: on the same
 * bytes it gives the same text as TextDecoder (both replace a bad sequence with U+FFFD the
 * WHATWG way), but ASCII comes out as one-byte strings, where TextDecoder's streaming mode
 * makes two-byte ones: half the memory for every field sliced from them, and faster to
 * compare, hash and lower-case.
 */
export function chunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'utf-8' || encoding === 'utf-8 with BOM') {
    const decoder = new StringDecoder('utf8');
    return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() };
  }
  const decoder = new TextDecoder(decoderLabel(encoding), { ignoreBOM: true });
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}

/**
 * Checks UTF-8 validity of bytes fed in chunks split anywhere. `isUtf8` (native) checks each
 * chunk up to its last complete sequence; only on a failure does a byte-by-byte scan find
 * the first bad byte, whose 1-based line is then `badLine`.
 */
export class Utf8Validator {
  private carry: Uint8Array = new Uint8Array(0);
  /** Line feeds in the bytes already validated. */
  private lineFeeds = 0;
  /** Set on the first invalid byte; later writes are ignored. */
  badLine: number | undefined;

  /** Validates more bytes; returns false once an invalid byte has been seen. */
  write(chunk: Uint8Array): boolean {
    if (this.badLine !== undefined) return false;
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(data);
    const whole = data.subarray(0, cut);
    if (!isUtf8(whole)) {
      this.fail(whole, firstInvalidUtf8(whole));
      return false;
    }
    this.lineFeeds += countLineFeeds(whole, whole.length);
    // A copy: the chunk's buffer is reused for the next read.
    this.carry = Uint8Array.from(data.subarray(cut));
    return true;
  }

  /** Ends the input: a sequence cut short by the end of the file is invalid. */
  end(): boolean {
    if (this.badLine !== undefined) return false;
    if (this.carry.length) {
      this.fail(this.carry, 0);
      return false;
    }
    return true;
  }

  private fail(bytes: Uint8Array, at: number): void {
    this.badLine = this.lineFeeds + countLineFeeds(bytes, at) + 1;
  }
}

/** How the bytes of a file are to be decoded, and what to tell the user about it. */
export interface SniffedEncoding {
  encoding: TextEncodingName;
  /** Set when the file is not valid UTF-8 and is read as Windows-1252. */
  note?: string;
}

/**
 * First pass over a CSV file before it is parsed: checks its signature, and unless a UTF-16
 * BOM decides the encoding, validates it as UTF-8 through to the end (a bad byte can sit on
 * the last line). Reading twice keeps the parse a single clean pass: rows reach the audit as
 * they are parsed and cannot be taken back, so the encoding must be known before the first.
 */
export async function sniffCsvEncoding(file: string, chunkBytes: number): Promise<SniffedEncoding> {
  const validator = new Utf8Validator();
  let encoding: TextEncodingName = 'utf-8';
  let first = true;
  for await (const chunk of fileChunks(file, chunkBytes, { reuse: true })) {
    if (first) {
      first = false;
      rejectForeignBytes(file, chunk, 'CSV');
      const bom = bomEncoding(chunk);
      if (bom === 'utf-16le' || bom === 'utf-16be') return { encoding: bom };
      if (bom) encoding = bom;
    }
    if (!validator.write(chunk)) break;
  }
  if (validator.end()) return { encoding };
  return { encoding: 'windows-1252', note: `not valid UTF-8 (first bad byte at line ${validator.badLine}); read as Windows-1252` };
}

/**
 * Refuses NUL characters in decoded text, naming their line and column: in a CSV they mean
 * binary data or UTF-16 text without a byte-order mark, and reading on would only give
 * garbled rows.
 */
export class NulGuard {
  private lineFeeds = 0;
  /** Characters (code points) on the current line so far. */
  private column = 0;

  constructor(private readonly file: string) {}

  /** Scans the next piece of text; throws InputError at the first NUL. */
  scan(text: string): void {
    const nul = text.indexOf('\0');
    const end = nul === -1 ? text.length : nul;
    let lineStart = 0;
    for (let lf = text.indexOf('\n'); lf !== -1 && lf < end; lf = text.indexOf('\n', lf + 1)) {
      this.lineFeeds++;
      lineStart = lf + 1;
      this.column = 0;
    }
    this.column += codePoints(text, lineStart, end);
    if (nul === -1) return;
    throw new InputError(
      { file: this.file, line: this.lineFeeds + 1, column: this.column + 1 },
      'NUL byte in the file',
      'text (binary data, or UTF-16 text without a byte-order mark? In Excel, save as "CSV UTF-8")',
    );
  }
}

function codePoints(text: string, from: number, to: number): number {
  let count = to - from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) count--;
  }
  return count;
}

function countLineFeeds(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}

/** The length of `data` without a multi-byte sequence cut short at its end. */
function completeLength(data: Uint8Array): number {
  const n = data.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = data[n - back]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
  }
  return n;
}

/** The index of the first byte of `bytes` that is not part of valid UTF-8 (the length if none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let more: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) more = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      more = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      more = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= more; k++) {
      const d = bytes[i + k];
      if (d === undefined || d < lo || d > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += more + 1;
  }
  return n;
}
