/**
 * Streams a CSV file from disk through the tokenizer: detects the encoding (UTF-8 with or
 * without BOM, UTF-16 LE/BE with BOM, else Windows-1252) and the delimiter, hands the header and then each data record to a visitor, and counts.
 * Memory stays at about one chunk whatever the file size.
 */

import { InputError } from '../../errors.js';
import { fileChunks, inputFileSize } from '../input-file-checks.js';
import { chunkDecoder, NulGuard, sniffCsvEncoding, type TextEncodingName } from '../text-encoding.js';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer.js';
import { DelimiterSniffer, type CsvDelimiter } from './delimiter-sniffer.js';

export type { CsvDelimiter } from './delimiter-sniffer.js';

/** The first non-blank record of a file, naming its columns, and how the file was read. */
export interface CsvHeader {
  /** The header fields as written (BOM removed). */
  names: string[];
  /** 1-based line of the header record. */
  line: number;
  delimiter: CsvDelimiter;
  encoding: TextEncodingName;
  /** Set when the encoding is a guess worth telling the user (not valid UTF-8: Windows-1252). */
  note?: string;
}

/** Counts for a file that was read to the end. */
export interface CsvFileStats {
  /** Bytes read from disk. */
  bytes: number;
  /** Physical lines, counting a last line without a line break. */
  lines: number;
  /** Data records after the header passed to the visitor. */
  records: number;
  /** Empty lines plus records whose fields are all empty (such as `,,,`). */
  blankLines: number;
}

/** Receives the header once, then every non-blank data record in file order. */
export interface CsvVisitor {
  header(header: CsvHeader): void;
  record(record: CsvRecord): void;
}

/** Options of {@link readCsvFile}. */
export interface ReadCsvFileOptions {
  /** Called after each chunk read from disk. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

const CHUNK_BYTES = 1 << 20;
/**
 * Bytes decoded at a time. The text of a chunk must stay under V8's largest young-generation
 * object (128 KiB): larger strings go straight to the old generation, where each would wait
 * for a full collection, and a 300 MB file would leave 300 MB of dead text behind it.
 */
const TEXT_CHUNK_BYTES = 112 * 1024;
const BOM = 0xfeff;

/**
 * Reads `file` as CSV text and calls `visitor` for the header and each data record.
 * Throws InputError for an unreadable, empty or malformed file; errors thrown by the
 * visitor propagate unchanged after the file is closed.
 */
export async function readCsvFile(
  file: string,
  visitor: CsvVisitor,
  options: ReadCsvFileOptions = {},
): Promise<CsvFileStats> {
  const { onProgress } = options;
  const totalBytes = await inputFileSize(file);

  // A first pass settles the encoding before any row is parsed (see sniffCsvEncoding).
  const sniffedEncoding = await sniffCsvEncoding(file, CHUNK_BYTES);
  const { encoding } = sniffedEncoding;
  // The decoder keeps a BOM in the text so that it is dropped here, and only at the start.
  const decoder = chunkDecoder(encoding);
  const nulGuard = new NulGuard(file);
  const sniffer = new DelimiterSniffer();
  let started = false;
  let tokenizer: CsvTokenizer | undefined;
  let tokenizerDelimiter: CsvDelimiter = ',';
  let sniffed = '';
  let header: CsvHeader | undefined;
  let records = 0;
  let blankRecords = 0;
  let bytes = 0;

  const onRecord = (record: CsvRecord): void => {
    if (allEmpty(record.fields)) {
      blankRecords++;
      return;
    }
    if (header === undefined) {
      header = { names: record.fields, line: record.line, delimiter: tokenizerDelimiter, encoding };
      if (sniffedEncoding.note !== undefined) header.note = sniffedEncoding.note;
      visitor.header(header);
      return;
    }
    records++;
    visitor.record(record);
  };

  const startTokenizer = (): CsvTokenizer => {
    tokenizerDelimiter = sniffer.delimiter;
    const created = new CsvTokenizer({ delimiter: tokenizerDelimiter, file });
    created.write(sniffed, onRecord);
    sniffed = '';
    return created;
  };

  const feed = (text: string): void => {
    if (!started) {
      if (text.length === 0) return;
      started = true;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
      // A UTF-8 BOM on a file read as Windows-1252 (a bad byte further on).
      else if (encoding === 'windows-1252' && text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
    }
    nulGuard.scan(text);
    if (tokenizer !== undefined) {
      tokenizer.write(text, onRecord);
      return;
    }
    // Hold the text back until the first line is complete and the delimiter is known.
    sniffed += text;
    // A first line longer than a chunk is sniffed from its start: the text held back stays bounded.
    if (sniffer.scan(text) || sniffed.length >= CHUNK_BYTES) tokenizer = startTokenizer();
  };

  for await (const chunk of fileChunks(file, CHUNK_BYTES, { reuse: true })) {
    bytes += chunk.length;
    for (let at = 0; at < chunk.length; at += TEXT_CHUNK_BYTES) feed(decoder.write(chunk.subarray(at, at + TEXT_CHUNK_BYTES)));
    onProgress?.(bytes, totalBytes);
  }
  feed(decoder.end());
  tokenizer ??= startTokenizer();
  tokenizer.end(onRecord);

  if (header === undefined) {
    throw new InputError({ file }, 'the file is empty', 'a header line naming the columns');
  }
  return { bytes, lines: tokenizer.linesRead, records, blankLines: tokenizer.blankLines + blankRecords };
}

/** True when every field is the empty string. */
function allEmpty(fields: readonly string[]): boolean {
  for (const field of fields) if (field.length !== 0) return false;
  return true;
}
