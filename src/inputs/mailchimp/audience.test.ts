import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InputFileSummary } from '../../analysis/audit-result.js';
import { detectCsvAdapter } from '../adapters.js';
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, RowReject } from '../canonical-records.js';
import { matchCsvHeader } from '../header-match.js';
import { readInputFile, type FileSink } from '../read-input-file.js';
import { parseTimestampIn } from '../values/zoned-time.js';
import { describeMailchimpAudience, mailchimpAudienceAdapter, mailchimpAudienceLayout } from './audience.js';

const DIR = fileURLToPath(new URL('../../../fixtures/vendors/mailchimp/', import.meta.url));
const SUBSCRIBED = `${DIR}subscribed_members_export_abc123.csv`;
const UNSUBSCRIBED = `${DIR}unsubscribed_members_export_abc123.csv`;
const CLEANED = `${DIR}cleaned_members_export_abc123.csv`;

class Collect implements FileSink {
  contacts: ContactRecord[] = [];
  rejects: RowReject[] = [];
  summaries: CampaignSummaryRow[] = [];
  events: DeliveryEvent[] = [];
  beginFile(_summary: InputFileSummary) {}
  addContact(contact: ContactRecord) {
    this.contacts.push(contact);
  }
  addSummary(entry: CampaignSummaryRow) {
    this.summaries.push(entry);
  }
  addEvent(event: DeliveryEvent) {
    this.events.push(event);
  }
  reject(reject: RowReject) {
    this.rejects.push(reject);
  }
}

/** Header names as Mailchimp writes them (without the CSV quoting). */
const headerOf = (file: string) => readFileSync(file, 'utf8').split('\n')[0]!.split(',').map((h) => h.replace(/^"|"$/g, ''));

// The system block of each kind of file, after the merge fields (two of them named UNSUB_*).
const MERGE = ['Email Address', 'First Name', 'UNSUB_CAMPAIGN_ID', 'UNSUB_REASON'];
const SYSTEM = ['MEMBER_RATING', 'OPTIN_TIME', 'CONFIRM_TIME', 'CC', 'REGION'];
const TAIL = ['LEID', 'EUID', 'NOTES', 'TAGS'];
const SUBSCRIBED_HEADER = [...MERGE, ...SYSTEM, 'LAST_CHANGED', ...TAIL];
const UNSUBSCRIBED_HEADER = [...MERGE, ...SYSTEM, 'UNSUB_TIME', 'UNSUB_CAMPAIGN_TITLE', 'UNSUB_CAMPAIGN_ID', 'UNSUB_REASON', 'UNSUB_REASON_OTHER', ...TAIL];
const CLEANED_HEADER = [...MERGE, ...SYSTEM, 'CLEAN_TIME', 'CLEAN_CAMPAIGN_TITLE', 'CLEAN_CAMPAIGN_ID', ...TAIL];

describe('recognising a Mailchimp member export', () => {
  it('by Email Address and MEMBER_RATING, as results or as contacts', () => {
    for (const file of [SUBSCRIBED, UNSUBSCRIBED, CLEANED]) {
      for (const role of ['results', 'contacts'] as const) {
        const { adapter, match } = detectCsvAdapter(headerOf(file), file, role, 1);
        expect(adapter.format).toBe('mailchimp-audience');
        expect(match.matched).toBe(6);
      }
    }
    expect(matchCsvHeader(['Email Address', 'First Name'], mailchimpAudienceAdapter).missing).toEqual(['member_rating']);
  });
});

describe('the status of a member file', () => {
  it('comes from the file-name prefix first', () => {
    // Even a header whose block says otherwise: the name is Mailchimp's own.
    expect(mailchimpAudienceLayout(SUBSCRIBED_HEADER, 'exports/unsubscribed_members_export_1.csv')).toMatchObject({ status: 'unsubscribed', statusFrom: 'file name' });
    expect(mailchimpAudienceLayout(SUBSCRIBED_HEADER, 'Cleaned_members_export_1.csv')).toMatchObject({ status: 'cleaned', statusFrom: 'file name' });
    expect(mailchimpAudienceLayout(SUBSCRIBED_HEADER, 'nonsubscribed_members_export_1.csv')).toMatchObject({ status: 'nonsubscribed', statusFrom: 'file name' });
    expect(mailchimpAudienceLayout(CLEANED_HEADER, 'subscribed_segment_export_1.csv')).toMatchObject({ status: 'subscribed', statusFrom: 'file name' });
  });

  it('else from the system block after REGION', () => {
    expect(mailchimpAudienceLayout(SUBSCRIBED_HEADER, 'audience.csv')).toMatchObject({ status: 'subscribed', statusFrom: 'system columns', statusBlock: { start: 9, end: 10 } });
    expect(mailchimpAudienceLayout(UNSUBSCRIBED_HEADER, 'audience.csv')).toMatchObject({ status: 'unsubscribed', statusFrom: 'system columns', statusBlock: { start: 9, end: 14 } });
    expect(mailchimpAudienceLayout(CLEANED_HEADER, 'audience.csv')).toMatchObject({ status: 'cleaned', statusFrom: 'system columns', statusBlock: { start: 9, end: 12 } });
  });

  it('never from UNSUB_* merge fields outside that block, even UNSUB_TIME', () => {
    const strayMerge = ['Email Address', 'UNSUB_TIME', 'UNSUB_REASON', 'CLEAN_TIME', ...SYSTEM, 'LAST_CHANGED', ...TAIL];
    expect(mailchimpAudienceLayout(strayMerge, 'members.csv')).toMatchObject({ status: 'subscribed', statusFrom: 'system columns' });
    // The code.org-style subscribed fixture, renamed: still subscribed.
    expect(mailchimpAudienceLayout(headerOf(SUBSCRIBED), 'members.csv').status).toBe('subscribed');
    expect(mailchimpAudienceLayout(headerOf(UNSUBSCRIBED), 'members.csv').status).toBe('unsubscribed');
    expect(mailchimpAudienceLayout(headerOf(CLEANED), 'members.csv').status).toBe('cleaned');
  });

  it('prefers the copy of a duplicated name among the system columns', () => {
    const layout = mailchimpAudienceLayout(headerOf(UNSUBSCRIBED), UNSUBSCRIBED);
    // Columns 4-5 (indexes 3-4) are the empty merge fields, 24-25 the system columns.
    expect(layout.column('UNSUB_CAMPAIGN_ID')).toBe(23);
    expect(layout.column('UNSUB_REASON')).toBe(24);
    expect(layout.column('Email Address')).toBe(0);
    expect(layout.column('UNSUB_TIME')).toBe(21);
    // In the subscribed file the only copies are the merge fields.
    expect(mailchimpAudienceLayout(headerOf(SUBSCRIBED), SUBSCRIBED).column('UNSUB_REASON')).toBe(4);
  });

  it('is described for the report', () => {
    expect(describeMailchimpAudience(UNSUBSCRIBED_HEADER, 'x/unsubscribed_members_export_abc123.csv')).toBe(
      'Mailchimp members read as unsubscribed, from its name (unsubscribed_members_export_abc123.csv)',
    );
    expect(describeMailchimpAudience(CLEANED_HEADER, 'members.csv')).toBe('Mailchimp members read as cleaned, from its system columns after REGION (CLEAN_TIME)');
    expect(describeMailchimpAudience(SUBSCRIBED_HEADER, 'members.csv')).toBe('Mailchimp members read as subscribed, from its system columns after REGION (no UNSUB_TIME or CLEAN_TIME there)');
  });
});

describe('mapping members to contacts', () => {
  const bindFor = (header: string[], file: string) =>
    mailchimpAudienceAdapter.bind(matchCsvHeader(header, mailchimpAudienceAdapter), { file, header, timezone: 'UTC', fallbackCampaign: 'x', usedFallbackCampaign: () => {} });
  const fieldsFor = (header: string[], email: string) => header.map((h) => (h === 'Email Address' ? email : h === 'MEMBER_RATING' ? '2' : ''));

  it('flags each status, with no engagement dates', () => {
    const cases = [
      [SUBSCRIBED_HEADER, 'subscribed_members_export_1.csv', { unsubscribed: false, hardBounced: false, optIn: true }],
      [UNSUBSCRIBED_HEADER, 'unsubscribed_members_export_1.csv', { unsubscribed: true, hardBounced: false }],
      [CLEANED_HEADER, 'cleaned_members_export_1.csv', { unsubscribed: false, hardBounced: true }],
      [SUBSCRIBED_HEADER, 'nonsubscribed_members_export_1.csv', { unsubscribed: false, hardBounced: false, optIn: false }],
    ] as const;
    for (const [header, file, flags] of cases) {
      const sink = new Collect();
      const fields = fieldsFor(header, 'Member@Example.com');
      expect(bindFor(header, file)(fields, 2, sink)).toBe('used');
      expect(sink.contacts).toEqual([{ email: 'Member@Example.com', emailKey: 'member@example.com', markedSpam: false, archived: false, ...flags, columns: { header, values: fields } }]);
    }
  });

  it('rejects a row whose address is empty or not an address', () => {
    const sink = new Collect();
    const map = bindFor(SUBSCRIBED_HEADER, 'subscribed_x.csv');
    expect(map(fieldsFor(SUBSCRIBED_HEADER, ''), 2, sink)).toBe('rejected');
    expect(map(fieldsFor(SUBSCRIBED_HEADER, 'gmail.com'), 3, sink)).toBe('rejected');
    expect(sink.rejects.map((r) => [r.line, r.column, r.reason])).toEqual([
      [2, 1, 'empty email; expected an email address such as name@example.com'],
      [3, 1, '"gmail.com" is not an email address; expected an email address such as name@example.com'],
    ]);
  });
});

describe('fixtures/vendors/mailchimp member files (EXPECTED.md)', async () => {
  const read = async (file: string) => {
    const sink = new Collect();
    const summary = await readInputFile(file, 'contacts', sink, { timezone: 'UTC' });
    return { sink, summary };
  };
  const subscribed = await read(SUBSCRIBED);
  const unsubscribed = await read(UNSUBSCRIBED);
  const cleaned = await read(CLEANED);

  it('reads 15 rows of each file, all used, keeping duplicate columns', () => {
    for (const { summary, sink } of [subscribed, unsubscribed, cleaned]) {
      expect(summary).toMatchObject({ format: 'mailchimp-audience', rowsRead: 15, rowsUsed: 15, rowsRejected: 0 });
      expect(sink.contacts).toHaveLength(15);
      expect(sink.rejects).toEqual([]);
    }
    const adele = unsubscribed.sink.contacts.find((c) => c.emailKey === 'adele.g@example.org')!;
    expect(adele.columns.header).toHaveLength(30);
    expect(adele.columns.header.filter((h) => h === 'UNSUB_REASON')).toHaveLength(2);
    expect([adele.columns.values[4], adele.columns.values[24]]).toEqual(['', 'I no longer want to receive these emails']);
  });

  it('flags 15 unsubscribed and 15 cleaned (hard-bounced), none complained; 45 distinct addresses', () => {
    const all = [subscribed, unsubscribed, cleaned].flatMap((r) => r.sink.contacts);
    expect(new Set(all.map((c) => c.emailKey)).size).toBe(45);
    expect(subscribed.sink.contacts.every((c) => !c.unsubscribed && !c.hardBounced && c.optIn === true)).toBe(true);
    expect(unsubscribed.sink.contacts.every((c) => c.unsubscribed && !c.hardBounced)).toBe(true);
    expect(cleaned.sink.contacts.every((c) => c.hardBounced && !c.unsubscribed)).toBe(true);
    expect(all.some((c) => c.markedSpam || c.archived)).toBe(false);
    expect(all.some((c) => c.lastSeen ?? c.lastHeardFrom ?? c.lastOpenedEmail ?? c.lastClickedEmail)).toBe(false);
  });

  it('finds the status times in the system columns, read in --timezone', () => {
    const at = (file: string, header: string[], contacts: ContactRecord[], email: string, column: string, zone: string) => {
      const index = mailchimpAudienceLayout(header, file).column(column)!;
      return new Date(parseTimestampIn(contacts.find((c) => c.emailKey === email)!.columns.values[index]!, zone)!).toISOString();
    };
    const unsub = [UNSUBSCRIBED, unsubscribed.summary.header, unsubscribed.sink.contacts] as const;
    const clean = [CLEANED, cleaned.summary.header, cleaned.sink.contacts] as const;
    expect(at(...unsub, 'adele.g@example.org', 'UNSUB_TIME', 'UTC')).toBe('2026-09-23T08:14:02.000Z');
    expect(at(...unsub, 'adele.g@example.org', 'UNSUB_TIME', 'America/New_York')).toBe('2026-09-23T12:14:02.000Z');
    expect(at(...clean, 'p.quinn@example.net', 'CLEAN_TIME', 'UTC')).toBe('2026-04-21T10:04:12.000Z');
    expect(at(...clean, 'e.kim@example.org', 'CLEAN_TIME', 'UTC')).toBe('2026-09-29T09:31:05.000Z');
  });

  it('counts the unsubscribe attributions and reasons from the system copies', () => {
    const layout = mailchimpAudienceLayout(unsubscribed.summary.header, UNSUBSCRIBED);
    const tally = (column: string) => {
      const index = layout.column(column)!;
      const counts: Record<string, number> = {};
      for (const c of unsubscribed.sink.contacts) counts[c.columns.values[index]!] = (counts[c.columns.values[index]!] ?? 0) + 1;
      return counts;
    };
    expect(tally('UNSUB_CAMPAIGN_TITLE')).toEqual({ 'Spring Roundup': 5, 'Summer Webinar': 6, 'Autumn Offer': 4 });
    expect(tally('UNSUB_REASON')).toEqual({
      'I no longer want to receive these emails': 9,
      'I never signed up for this mailing list': 2,
      Other: 2,
      'The emails are spam and should be reported': 1,
      'The emails are inappropriate': 1,
    });
    const cleanLayout = mailchimpAudienceLayout(cleaned.summary.header, CLEANED);
    const titles: Record<string, number> = {};
    for (const c of cleaned.sink.contacts) {
      const title = c.columns.values[cleanLayout.column('CLEAN_CAMPAIGN_TITLE')!]!;
      titles[title] = (titles[title] ?? 0) + 1;
    }
    expect(titles).toEqual({ 'Spring Roundup': 6, 'Summer Webinar': 5, 'Autumn Offer': 4 });
  });
});
