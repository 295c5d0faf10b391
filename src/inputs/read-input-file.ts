import { basename, extname } from 'node:path';
import type { InputFileSummary } from '../analysis/audit-result.js';
import { InputError } from '../errors.js';
import { detectCsvAdapter, detectJsonAdapter } from './adapters.js';
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
  const summary = isJson ? await readJson(file, role, sink, options) : await readCsv(file, role, sink, options);
  if (summary.rowsRead !== summary.rowsUsed + summary.rowsRejected) {
    throw new Error(`${file}: ${summary.rowsRead} rows read but ${summary.rowsUsed + summary.rowsRejected} accounted for`);
  }
  return summary;
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
  const stats = await readCsvFile(
    file,
    {
      header(header) {
        const { adapter, match } = detectCsvAdapter(header.names, file, role, header.line, options.format);
        width = header.names.length;
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
        summary.notes.push(...(adapter.describe?.(match, context) ?? []));
        mapRow = adapter.bind(match, context);
      },
      record(record) {
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
