import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, RowReject } from './canonical-records.js';

/** The layouts deliv recognises from a CSV header. */
export type LayoutName = 'event_log' | 'campaign_summary' | 'contacts';

/** Result files are positional arguments; contact exports come with --contacts. */
export type InputRole = 'results' | 'contacts';

/** Where adapters send what they read: the audit accumulator implements it. */
export interface RecordSink {
  addEvent(event: DeliveryEvent, file: string): void;
  addSummary(entry: CampaignSummaryRow): void;
  addContact(contact: ContactRecord, file: string): void;
  reject(reject: RowReject): void;
}

/** Field name -> index of the header column it is read from. */
export type ColumnMap = Readonly<Record<string, number>>;

/** Maps one data row onto canonical records (or a reject) and hands them to the sink. */
export type RowMapper = (fields: readonly string[], line: number, sink: RecordSink) => void;

/**
 * A CSV layout: the fields it reads (matched against the header by normalised name) and
 * how rows become canonical records. To add a layout, write one and list it in
 * `layouts.ts`; detection and reading need no other change.
 */
export interface CsvLayout {
  name: LayoutName;
  role: InputRole;
  /** Human name used in messages: "event log". */
  title: string;
  required: readonly string[];
  optional: readonly string[];
  bind(columns: ColumnMap, context: { file: string; header: readonly string[] }): RowMapper;
}
