import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from './spreadsheet-safe.js';

/**
 * Rows per chunk: a chunk's text (about 100 bytes a row) stays under V8's largest young-generation
 * object (128 KiB), so it dies young instead of waiting in the old generation for a full collection.
 */
const BATCH = 1000;

/**
 * CSV text in chunks (header first), every cell made spreadsheet-safe. Chunked so that a
 * million-row file is never one string in memory.
 */
export function* csvChunks(header: readonly string[], rows: Iterable<readonly string[]>): Generator<string> {
  yield encode([header]);
  let batch: (readonly string[])[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH) {
      yield encode(batch);
      batch = [];
    }
  }
  if (batch.length) yield encode(batch);
}

/**
 * RFC 4180 text for a batch: a cell is quoted (quotes doubled) when it holds a comma, a quote
 * or a line break. Written by hand rather than through csv-stringify: one string per batch and
 * no per-cell objects, which matters at a million rows (the same bytes; a test pins them).
 */
function encode(rows: readonly (readonly string[])[]): string {
  const lines: string[] = [];
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) {
      const cell = spreadsheetSafe(row[i]!);
      if (i > 0) line += ',';
      line += NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
    }
    lines.push(line, '\n');
  }
  // One flat string per chunk (a join), not a chain of thousands of concatenations.
  return lines.join('');
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV line (comma-separated, quoted where needed) for showing an original row. */
export function csvLine(fields: readonly string[]): string {
  return stringify([fields as string[]], { record_delimiter: 'unix' }).replace(/\n$/, '');
}
