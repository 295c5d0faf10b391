import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from './spreadsheet-safe.js';

const BATCH = 5000;

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

function encode(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(spreadsheetSafe)),
    { record_delimiter: 'unix' },
  );
}

/** One CSV line (comma-separated, quoted where needed) for showing an original row. */
export function csvLine(fields: readonly string[]): string {
  return stringify([fields as string[]], { record_delimiter: 'unix' }).replace(/\n$/, '');
}
