import { basename, extname } from 'node:path';
import type { InputFileSummary } from '../analysis/audit-result.js';
import { InputError } from '../errors.js';
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, RowReject } from './canonical-records.js';
import { detectCsvAdapter, detectJsonAdapter } from './adapters.js';
import { headerKey } from './header-match.js';
import { readCsvFile } from './csv/read-csv-file.js';
import type { BindContext, CsvRowMapper, FormatName, InputRole, JsonRecordMapper, ReadSettings, RecordSink, RowOutcome } from './input-adapter.js';
import { readJsonRecords, sniffJsonFile } from './json/read-json-records.js';

/** A sink that also hears which files are read, to reconcile their rows. */
export interface FileSink extends RecordSink {
  beginFile(summary: InputFileSummary): void;
}

export interface ReadProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface ReadInputOptions extends ReadSettings {
  /** Force a format instead of detecting it (--format). */
  format?: FormatName;
  onProgress?: (progress: ReadProgress) => void;
}

/**
 * Streams one input file (CSV or JSON) into the sink: recognises its format, maps each
 * row or record to canonical records or a reject, and counts every row so that
 * read = used + rejected.
 */
export async function readInputFile(file: string, role: InputRole, sink: FileSink, options: ReadInputOptions): Promise<InputFileSummary> {
  const isJson = await sniffJsonFile(file);
  const clip = new ClippingSink(sink);
  const summary = isJson ? await readJson(file, role, clip, options) : await readCsv(file, role, clip, options);
  if (clip.clipped > 0) {
    summary.notes.push(
      `${clip.clipped.toLocaleString('en-US')} bounce status or diagnostic text(s) longer than ${MAX_BOUNCE_TEXT_CHARS.toLocaleString('en-US')} characters were cut to their first ${MAX_BOUNCE_TEXT_CHARS.toLocaleString('en-US')} (an SMTP reply line is at most 512)`,
    );
  }
  if (summary.rowsRead !== summary.rowsUsed + summary.rowsRejected) {
    throw new Error(`${file}: ${summary.rowsRead} rows read but ${summary.rowsUsed + summary.rowsRejected} accounted for`);
  }
  return summary;
}

/**
 * Longest bounce status or diagnostic text passed on. SMTP reply lines are at most 512
 * octets (RFC 5321 4.5.3.1.5); anything far longer is not a server reply, and the bounce
 * classifier's cost grows with the square of the text's length.
 */
export const MAX_BOUNCE_TEXT_CHARS = 2_000;

/** Passes records on, cutting overlong status and diagnostic texts and counting them. */
class ClippingSink implements FileSink {
  clipped = 0;

  constructor(private readonly sink: FileSink) {}

  beginFile(summary: InputFileSummary): void {
    this.sink.beginFile(summary);
  }

  addEvent(event: DeliveryEvent, file: string): void {
    const { status, diagnostic } = event;
    if ((status !== undefined && status.length > MAX_BOUNCE_TEXT_CHARS) || (diagnostic !== undefined && diagnostic.length > MAX_BOUNCE_TEXT_CHARS)) {
      this.clipped++;
      event = { ...event };
      if (status !== undefined) event.status = status.slice(0, MAX_BOUNCE_TEXT_CHARS);
      if (diagnostic !== undefined) event.diagnostic = diagnostic.slice(0, MAX_BOUNCE_TEXT_CHARS);
    }
    this.sink.addEvent(event, file);
  }

  addSummary(entry: CampaignSummaryRow): void {
    this.sink.addSummary(entry);
  }

  addContact(contact: ContactRecord, file: string): void {
    this.sink.addContact(contact, file);
  }

  reject(reject: RowReject): void {
    this.sink.reject(reject);
  }
}

/**
 * Stops on a header that names a column deliv reads twice (`email`, and `Email` further
 * on): which of the two holds the data cannot be known.
 */
function rejectAmbiguousColumns(file: string, line: number, names: readonly string[], keys: readonly string[], used: readonly number[]): void {
  for (const index of used) {
    const key = keys[index]!;
    const other = keys.indexOf(key, index + 1);
    if (other < 0) continue;
    throw new InputError(
      { file, line, column: other + 1 },
      `columns ${index + 1} and ${other + 1} are both named ${JSON.stringify(names[other]!.trim())}`,
      'each column deliv reads named once (rename or remove one of them)',
    );
  }
}

/**
 * True when a record is the header again (the same names, compared as headers are); a
 * record with the header's names in another order means the exports joined together
 * differ in their columns, and their rows cannot be read with the first header.
 */
function isRepeatedHeader(file: string, fields: readonly string[], line: number, keys: readonly string[], headerLine: number): boolean {
  const found = fields.map((field) => headerKey(field).key);
  if (found.every((key, i) => key === keys[i])) return true;
  const sorted = (list: readonly string[]) => [...list].sort().join('\u0000');
  if (sorted(found) !== sorted(keys)) return false;
  throw new InputError(
    { file, line },
    `the header repeats with its columns in another order`,
    `the column order of the header on line ${headerLine} (exports joined together? read each export as its own file)`,
  );
}

/** `3`, `3 and 7`, `3, 7 and 9`, or the first ten and a count. */
function listNumbers(numbers: readonly number[]): string {
  const shown = numbers.slice(0, 10).map(String);
  if (numbers.length > 10) return `${shown.join(', ')} and ${numbers.length - 10} more`;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}`;
}

/** A file summary before any row is read. */
export function newFileSummary(file: string, role: InputRole, settings: ReadSettings): InputFileSummary {
  return {
    file,
    role,
    format: 'empty',
    formatTitle: 'empty file',
    layout: 'event_log',
    container: 'csv',
    encoding: 'utf-8',
    delimiter: '',
    shape: '',
    header: [],
    columns: { used: {}, other: [] },
    rowsRead: 0,
    rowsUsed: 0,
    rowsRejected: 0,
    rowsIgnored: {},
    blankLines: 0,
    campaignFrom: null,
    campaignFromFileName: 0,
    bouncesOnly: false,
    timezone: settings.timezone,
    notes: [],
  };
}

function bindContext(file: string, summary: InputFileSummary, settings: ReadSettings): BindContext {
  return {
    ...settings,
    file,
    fallbackCampaign: basename(file, extname(file)),
    usedFallbackCampaign: () => void summary.campaignFromFileName++,
  };
}

function count(summary: InputFileSummary, outcome: RowOutcome): void {
  summary.rowsRead++;
  if (outcome === 'used') summary.rowsUsed++;
  else if (outcome === 'rejected') summary.rowsRejected++;
  else {
    summary.rowsUsed++;
    summary.rowsIgnored[outcome.ignored] = (summary.rowsIgnored[outcome.ignored] ?? 0) + 1;
  }
}

async function readCsv(file: string, role: InputRole, sink: FileSink, options: ReadInputOptions): Promise<InputFileSummary> {
  const summary = newFileSummary(file, role, options);
  let mapRow: CsvRowMapper | undefined;
  let width = 0;
  let headerLine = 0;
  let headerNames: ReadonlySet<string> = new Set();
  let headerKeys: string[] = [];
  const repeatedHeaders: number[] = [];
  const stats = await readCsvFile(
    file,
    {
      header(header) {
        const { adapter, match } = detectCsvAdapter(header.names, file, role, header.line, options.format);
        width = header.names.length;
        headerLine = header.line;
        headerNames = new Set(header.names);
        headerKeys = header.names.map((name) => headerKey(name).key);
        rejectAmbiguousColumns(file, header.line, header.names, headerKeys, Object.values(match.columns));
        const usedIndexes = new Set(Object.values(match.columns));
        Object.assign(summary, {
          format: adapter.format,
          formatTitle: adapter.title,
          layout: adapter.layout,
          container: 'csv',
          encoding: header.encoding,
          delimiter: header.delimiter,
          header: header.names,
          columns: {
            used: Object.fromEntries(Object.entries(match.columns).map(([field, i]) => [field, header.names[i]!])),
            other: header.names.filter((_, i) => !usedIndexes.has(i)),
          },
          campaignFrom: adapter.campaignFrom ?? null,
          bouncesOnly: adapter.bouncesOnly ?? false,
        } satisfies Partial<InputFileSummary>);
        sink.beginFile(summary);
        const context = { ...bindContext(file, summary, options), header: header.names };
        if (header.note !== undefined) summary.notes.push(header.note);
        const unnamed = headerKeys.flatMap((key, i) => (key === '' ? [i + 1] : []));
        if (unnamed.length > 0) {
          summary.notes.push(`${unnamed.length === 1 ? 'column' : 'columns'} ${listNumbers(unnamed)} of the header (line ${header.line}) ${unnamed.length === 1 ? 'has' : 'have'} no name; deliv reads nothing from ${unnamed.length === 1 ? 'it' : 'them'}`);
        }
        summary.notes.push(...(adapter.describe?.(match, context) ?? []));
        mapRow = adapter.bind(match, context);
      },
      record(record) {
        // Exports joined together repeat their header: not a row of data.
        if (record.fields.length === width && headerNames.has(record.fields[0]!) && isRepeatedHeader(file, record.fields, record.line, headerKeys, headerLine)) {
          repeatedHeaders.push(record.line);
          count(summary, { ignored: 'repeated header line' });
          return;
        }
        if (record.fields.length !== width) {
          sink.reject({ file, line: record.line, reason: `expected ${width} fields as in the header, found ${record.fields.length}`, fields: record.fields });
          count(summary, 'rejected');
          return;
        }
        count(summary, mapRow!(record.fields, record.line, sink));
      },
    },
    { onProgress: options.onProgress ? (bytesRead, totalBytes) => options.onProgress!({ file, bytesRead, totalBytes, rows: summary.rowsRead }) : undefined },
  );
  summary.blankLines = stats.blankLines;
  if (stats.records === 0) summary.notes.push(`no rows after the header (line ${headerLine}): nothing to audit in this file`);
  if (repeatedHeaders.length > 0) {
    summary.notes.push(`the header of line ${headerLine} repeats at ${repeatedHeaders.length === 1 ? 'line' : 'lines'} ${listNumbers(repeatedHeaders)} (exports joined together?); read as header lines, not rows`);
  }
  return summary;
}

async function readJson(file: string, role: InputRole, sink: FileSink, options: ReadInputOptions): Promise<InputFileSummary> {
  const summary = newFileSummary(file, role, options);
  summary.container = 'json';
  let mapRecord: JsonRecordMapper | undefined;
  const stats = await readJsonRecords(
    file,
    {
      first(records) {
        if (records.length === 0 && !options.format) return;
        const adapter = detectJsonAdapter(
          records.map((r) => r.value),
          file,
          role,
          options.format,
        );
        Object.assign(summary, {
          format: adapter.format,
          formatTitle: adapter.title,
          layout: adapter.layout,
          campaignFrom: adapter.campaignFrom ?? null,
          bouncesOnly: adapter.bouncesOnly ?? false,
        } satisfies Partial<InputFileSummary>);
        sink.beginFile(summary);
        mapRecord = adapter.bind(bindContext(file, summary, options));
      },
      record(record) {
        if (!mapRecord) throw new InputError({ file, line: record.line }, 'a record arrived before the format was known');
        count(summary, mapRecord(record.value, record.line, sink));
      },
    },
    { onProgress: options.onProgress ? (bytesRead, totalBytes) => options.onProgress!({ file, bytesRead, totalBytes, rows: summary.rowsRead }) : undefined },
  );
  summary.shape = stats.shape;
  summary.encoding = stats.encoding ?? 'utf-8';
  if (summary.format === 'empty') sink.beginFile(summary);
  return summary;
}
