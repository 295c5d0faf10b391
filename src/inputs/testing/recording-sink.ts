/** A sink for adapter tests: records every canonical record, reject and file it is given. */
import type { InputFileSummary } from '../../analysis/audit-result.js';
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, RowReject } from '../canonical-records.js';
import type { JsonAdapter, ReadSettings, RowOutcome } from '../input-adapter.js';
import type { FileSink } from '../read-input-file.js';

export class RecordingSink implements FileSink {
  events: DeliveryEvent[] = [];
  contacts: ContactRecord[] = [];
  summaries: CampaignSummaryRow[] = [];
  rejects: RowReject[] = [];
  files: InputFileSummary[] = [];
  beginFile(summary: InputFileSummary): void {
    this.files.push(summary);
  }
  addEvent(event: DeliveryEvent): void {
    this.events.push(event);
  }
  addSummary(entry: CampaignSummaryRow): void {
    this.summaries.push(entry);
  }
  addContact(contact: ContactRecord): void {
    this.contacts.push(contact);
  }
  reject(reject: RowReject): void {
    this.rejects.push(reject);
  }
}

/** Binds a JSON adapter to a file name for a test: map records, read what they produced. */
export function jsonAdapterReader(
  adapter: JsonAdapter,
  file: string,
  line: number,
  settings: Partial<ReadSettings> = {},
): { map: (value: unknown) => RowOutcome; sink: RecordingSink; fallbacks: () => number } {
  let fallbacks = 0;
  const sink = new RecordingSink();
  const mapper = adapter.bind({
    timezone: 'UTC',
    ...settings,
    file,
    fallbackCampaign: file.replace(/\.[^.]+$/, ''),
    usedFallbackCampaign: () => void fallbacks++,
  });
  return { map: (value) => mapper(value, line, sink), sink, fallbacks: () => fallbacks };
}
