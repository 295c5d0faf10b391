import { basename, extname } from 'node:path';
import { DelivError, InputError } from '../errors.js';
import { detectCsvAdapter, detectJsonAdapter, rankCsvAdapters, adapters } from './adapters.js';
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, EventType, RowReject } from './canonical-records.js';
import { readCsvFile } from './csv/read-csv-file.js';
import type { BindContext, CsvRowMapper, FormatName, JsonAdapter, JsonRecordMapper, ReadSettings, RecordSink, RowOutcome } from './input-adapter.js';
import { readJsonRecords, sniffJsonFile } from './json/read-json-records.js';

/** How deliv reads one file, before anyone audits it (`deliv inspect`). */
export interface FileInspection {
  file: string;
  container: 'csv' | 'json';
  encoding?: string;
  delimiter?: string;
  shape?: string;
  /** The format deliv recognised (or was told with --format); null when none fits. */
  format: FormatName | null;
  formatTitle: string | null;
  /** Why the file is not recognised, or where reading stopped. */
  problem: string | null;
  header: string[];
  /** Field -> the header column it is read from. */
  mapping: Record<string, string>;
  /** Field -> time-zone abbreviation found in its header. */
  zones: Record<string, string>;
  /** Columns deliv does not read (kept as pass-through for contact exports). */
  otherColumns: string[];
  /** How the file is read, in sentences (time zones, list types, ...). */
  notes: string[];
  /** How every format fits: what each lacks. */
  candidates: { format: FormatName; title: string; missing: string[]; matched: number; fits: boolean }[];
  rows: { read: number; used: number; rejected: number; ignored: Record<string, number> };
  records: { events: Partial<Record<EventType, number>>; contacts: number; campaignSummaries: number; campaigns: string[] };
  rejects: RowReject[];
  /** With --rows: every record as parsed (CSV fields after decoding; JSON values), before mapping. */
  parsedRows?: unknown[];
}

const REJECTS_SHOWN = 50;

/** Reads a file the way `deliv audit` would and reports what it saw, recognised or not. */
export async function inspectFile(file: string, settings: ReadSettings & { format?: FormatName; rows?: boolean }): Promise<FileInspection> {
  const isJson = await sniffJsonFile(file);
  const inspection: FileInspection = {
    file,
    container: isJson ? 'json' : 'csv',
    format: null,
    formatTitle: null,
    problem: null,
    header: [],
    mapping: {},
    zones: {},
    otherColumns: [],
    notes: [],
    candidates: [],
    rows: { read: 0, used: 0, rejected: 0, ignored: {} },
    records: { events: {}, contacts: 0, campaignSummaries: 0, campaigns: [] },
    rejects: [],
    ...(settings.rows ? { parsedRows: [] } : {}),
  };
  const campaigns = new Set<string>();
  const sink: RecordSink = {
    addEvent(event: DeliveryEvent) {
      inspection.records.events[event.event] = (inspection.records.events[event.event] ?? 0) + 1;
      campaigns.add(event.campaign);
    },
    addSummary(entry: CampaignSummaryRow) {
      inspection.records.campaignSummaries++;
      campaigns.add(entry.summary.campaign);
    },
    addContact(_contact: ContactRecord) {
      inspection.records.contacts++;
    },
    reject(reject: RowReject) {
      if (inspection.rejects.length < REJECTS_SHOWN) inspection.rejects.push(reject);
    },
  };
  const context: BindContext = {
    ...settings,
    file,
    fallbackCampaign: basename(file, extname(file)),
    usedFallbackCampaign() {},
  };
  const count = (outcome: RowOutcome) => {
    inspection.rows.read++;
    if (outcome === 'used') inspection.rows.used++;
    else if (outcome === 'rejected') inspection.rows.rejected++;
    else {
      inspection.rows.used++;
      inspection.rows.ignored[outcome.ignored] = (inspection.rows.ignored[outcome.ignored] ?? 0) + 1;
    }
  };
  try {
    if (isJson) await inspectJson(file, inspection, settings, context, sink, count);
    else await inspectCsv(file, inspection, settings, context, sink, count);
  } catch (error) {
    if (!(error instanceof DelivError)) throw error;
    inspection.problem = error.message;
  }
  inspection.records.campaigns = [...campaigns].sort();
  return inspection;
}

async function inspectCsv(
  file: string,
  inspection: FileInspection,
  settings: ReadSettings & { format?: FormatName; rows?: boolean },
  context: BindContext,
  sink: RecordSink,
  count: (o: RowOutcome) => void,
): Promise<void> {
  let mapRow: CsvRowMapper | undefined;
  let width = 0;
  await readCsvFile(file, {
    header(header) {
      inspection.encoding = header.encoding;
      if (header.note !== undefined) inspection.notes.push(header.note);
      inspection.delimiter = header.delimiter;
      inspection.header = header.names;
      width = header.names.length;
      const fileName = basename(file);
      inspection.candidates = rankCsvAdapters(header.names, fileName).map(({ adapter, match, accepted }) => ({
        format: adapter.format,
        title: adapter.title,
        missing: match.missing,
        matched: match.matched,
        fits: accepted,
      }));
      try {
        const { adapter, match } = detectCsvAdapter(header.names, file, 'results', header.line, settings.format);
        inspection.format = adapter.format;
        inspection.formatTitle = adapter.title;
        inspection.mapping = Object.fromEntries(Object.entries(match.columns).map(([f, i]) => [f, header.names[i]!]));
        inspection.zones = { ...match.zones };
        const used = new Set(Object.values(match.columns));
        inspection.otherColumns = header.names.filter((_, i) => !used.has(i));
        const bound = { ...context, header: header.names };
        inspection.notes.push(...(adapter.describe?.(match, bound) ?? []));
        mapRow = adapter.bind(match, bound);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        inspection.problem = error.message;
      }
    },
    record(record) {
      inspection.parsedRows?.push(record.fields);
      if (!mapRow) {
        inspection.rows.read++;
        return;
      }
      if (record.fields.length !== width) {
        sink.reject({ file, line: record.line, reason: `expected ${width} fields as in the header, found ${record.fields.length}`, fields: record.fields });
        count('rejected');
        return;
      }
      count(mapRow(record.fields, record.line, sink));
    },
  });
}

async function inspectJson(
  file: string,
  inspection: FileInspection,
  settings: ReadSettings & { format?: FormatName; rows?: boolean },
  context: BindContext,
  sink: RecordSink,
  count: (o: RowOutcome) => void,
): Promise<void> {
  let mapRecord: JsonRecordMapper | undefined;
  const stats = await readJsonRecords(file, {
    first(records) {
      const sample = records.map((r) => r.value);
      const first = sample[0];
      inspection.header = first && typeof first === 'object' && !Array.isArray(first) ? Object.keys(first) : [];
      inspection.candidates = Object.values(adapters)
        .filter((a): a is JsonAdapter => a.container === 'json')
        .map((a) => {
          const judged = a.detect(sample);
          return { format: a.format, title: a.title, missing: judged.missing, matched: judged.matched, fits: judged.missing.length === 0 };
        });
      if (sample.length === 0 && !settings.format) {
        inspection.problem = 'the file holds no records';
        return;
      }
      try {
        const adapter = detectJsonAdapter(sample, file, 'results', settings.format);
        inspection.format = adapter.format;
        inspection.formatTitle = adapter.title;
        mapRecord = adapter.bind(context);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        inspection.problem = error.message;
      }
    },
    record(record) {
      inspection.parsedRows?.push(record.value);
      if (!mapRecord) {
        inspection.rows.read++;
        return;
      }
      count(mapRecord(record.value, record.line, sink));
    },
  });
  inspection.shape = stats.shape;
}
