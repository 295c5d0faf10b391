import type { InputFileSummary } from '../analysis/audit-result.js';
import { readCsvFile } from './csv/read-csv-file.js';
import type { InputRole, RecordSink, RowMapper } from './input-layout.js';
import { detectLayout } from './layouts.js';

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

/**
 * Streams one CSV file into the sink: detects its layout from the header, maps each row
 * to canonical records or a reject, and counts every row so that read = used + rejected.
 */
export async function readInputFile(
  file: string,
  role: InputRole,
  sink: FileSink,
  onProgress?: (progress: ReadProgress) => void,
): Promise<InputFileSummary> {
  let summary: InputFileSummary | undefined;
  let mapRow: RowMapper | undefined;
  let width = 0;
  let rows = 0;
  const stats = await readCsvFile(
    file,
    {
      header(header) {
        const { layout, columns } = detectLayout(header.names, role, file, header.line);
        width = header.names.length;
        const used = Object.fromEntries(Object.entries(columns).map(([field, i]) => [field, header.names[i]!]));
        const usedIndexes = new Set(Object.values(columns));
        summary = {
          file,
          role,
          layout: layout.name,
          encoding: header.encoding,
          delimiter: header.delimiter,
          header: header.names,
          columns: { used, other: header.names.filter((_, i) => !usedIndexes.has(i)) },
          rowsRead: 0,
          rowsUsed: 0,
          rowsRejected: 0,
          blankLines: 0,
        };
        sink.beginFile(summary);
        mapRow = layout.bind(columns, { file, header: header.names });
      },
      record(record) {
        rows++;
        if (record.fields.length !== width) {
          sink.reject({
            file,
            line: record.line,
            reason: `expected ${width} fields as in the header, found ${record.fields.length}`,
            fields: record.fields,
          });
          return;
        }
        mapRow!(record.fields, record.line, sink);
      },
    },
    {
      onProgress: onProgress ? (bytesRead, totalBytes) => onProgress({ file, bytesRead, totalBytes, rows }) : undefined,
    },
  );
  if (!summary) throw new Error(`${file}: no header was read`);
  summary.blankLines = stats.blankLines;
  if (summary.rowsRead !== stats.records) {
    throw new Error(`${file}: ${stats.records} rows read but ${summary.rowsRead} accounted for`);
  }
  return summary;
}
