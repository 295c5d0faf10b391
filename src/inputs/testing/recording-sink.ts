/** A sink for adapter tests: records every canonical record, reject and file it is given. */
import type { InputFileSummary } from '../../analysis/audit-result.js';
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, RowReject } from '../canonical-records.js';
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
