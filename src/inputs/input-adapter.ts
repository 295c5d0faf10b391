/**
 * How deliv reads a source: one adapter per vendor format, all behind this interface and
 * collected in `adapters.ts`. An adapter recognises its files (from a CSV header or the
 * first JSON records) and maps each row or record onto canonical records.
 *
 * To add a source: write `inputs/<source>/<format>.ts` exporting an adapter, add it to
 * the registry in `adapters.ts` (the compiler insists), and give it a sample in
 * `fixtures/vendors/`; the contract test checks it recognises its sample and no other's.
 */
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, RowReject } from './canonical-records.js';

export const FORMAT_NAMES = [
  'generic-events',
  'generic-summary',
  'generic-contacts',
  'intercom-people',
  'mailchimp-audience',
  'mailchimp-report',
  'sendgrid-events',
  'sendgrid-events-csv',
  'sendgrid-suppressions',
  'ses-events',
  'postmark-bounces',
  'mailgun-events',
] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** What a file holds, whatever its source. */
export type Layout = 'event_log' | 'campaign_summary' | 'contacts';
export const LAYOUTS = ['event_log', 'campaign_summary', 'contacts'] as const satisfies readonly Layout[];

/** Result files are positional arguments; contact exports may also come with --contacts. */
export type InputRole = 'results' | 'contacts';
export const INPUT_ROLES = ['results', 'contacts'] as const satisfies readonly InputRole[];

/** Where adapters send what they read: the audit accumulator implements it. */
export interface RecordSink {
  addEvent(event: DeliveryEvent, file: string): void;
  addSummary(entry: CampaignSummaryRow): void;
  addContact(contact: ContactRecord, file: string): void;
  reject(reject: RowReject): void;
}

/**
 * What became of one row or record: `used` (it produced records), `rejected` (it went to
 * the sink's rejects, with its reason) or `ignored` with why (understood, but nothing to
 * count, e.g. a SendGrid group_resubscribe): every row is accounted for.
 */
export type RowOutcome = 'used' | 'rejected' | { ignored: string };

/** Settings that shape how a file is read. */
export interface ReadSettings {
  /** IANA zone for timestamps without a zone of their own where the source gives none. */
  timezone: string;
  /** The field that names the campaign, when the user chose one (--campaign-key). */
  campaignKey?: string;
}

/** What an adapter gets when it is bound to one file. */
export interface BindContext extends ReadSettings {
  file: string;
  /** The campaign name used when a record carries none: the file's base name. */
  fallbackCampaign: string;
  /** Tell the reader how the campaign was found, once per record that used the fallback. */
  usedFallbackCampaign(): void;
}

interface AdapterBase {
  format: FormatName;
  /** Human name: "SendGrid event webhook dump". */
  title: string;
  layout: Layout;
  /** True when the source holds only failures (no sends): its rates cannot be computed. */
  bouncesOnly?: boolean;
  /** How the campaign is found, for the report ("SendGrid category"). */
  campaignFrom?: string;
}

/** A CSV source: header names (normalised) per field; the first listed match wins. */
export interface CsvAdapter extends AdapterBase {
  container: 'csv';
  /** Field -> accepted header names (matched case-, space-, `_`- and `-`-insensitively). */
  required: Readonly<Record<string, readonly string[]>>;
  optional: Readonly<Record<string, readonly string[]>>;
  /** A further check on the file name or header, for formats that share columns. */
  accepts?(header: readonly string[], fileName: string): boolean;
  bind(match: CsvMatch, context: BindContext & { header: readonly string[] }): CsvRowMapper;
  /** Sentences for the report about how this file was read (e.g. which time zone). */
  describe?(match: CsvMatch, context: BindContext & { header: readonly string[] }): string[];
}

export interface CsvMatch {
  /** Field -> column index. */
  columns: Readonly<Record<string, number>>;
  /** Field -> time-zone abbreviation from its header, e.g. `Last seen (PDT)` -> PDT. */
  zones: Readonly<Record<string, string>>;
  missing: string[];
  /** Fields found (required and optional): the better fit scores higher. */
  matched: number;
}

export type CsvRowMapper = (fields: readonly string[], line: number, sink: RecordSink) => RowOutcome;

/** A JSON source (array, JSON lines or a wrapped list of records). */
export interface JsonAdapter extends AdapterBase {
  container: 'json';
  /** Judge the first records: which tell-tale fields are missing, and how many matched. */
  detect(sample: readonly unknown[]): { missing: string[]; matched: number };
  bind(context: BindContext): JsonRecordMapper;
}

export type JsonRecordMapper = (value: unknown, line: number, sink: RecordSink) => RowOutcome;

export type InputAdapter = CsvAdapter | JsonAdapter;
