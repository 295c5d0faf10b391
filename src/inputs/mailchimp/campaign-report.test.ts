import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InputFileSummary } from '../../analysis/audit-result.js';
import { InputError } from '../../errors.js';
import { detectCsvAdapter } from '../adapters.js';
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, RowReject } from '../canonical-records.js';
import { matchCsvHeader } from '../header-match.js';
import type { ReadSettings } from '../input-adapter.js';
import { readInputFile, type FileSink } from '../read-input-file.js';
import { mailchimpReportAdapter, parseSendDate } from './campaign-report.js';

const FIXTURE = fileURLToPath(new URL('../../../fixtures/vendors/mailchimp/campaign_reports.csv', import.meta.url));

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

const utc = (iso: string) => Date.parse(iso);

/** An old-style report: `List`, analytics columns with their web `Bounce Rate`. */
const OLD_HEADER = ['Title', 'Subject', 'List', 'Send Date', 'Total Recipients', 'Successful Deliveries', 'Soft Bounces', 'Hard Bounces', 'Total Bounces', 'Unique Opens', 'Open Rate', 'Unique Clicks', 'Click Rate', 'Unsubscribes', 'Abuse Complaints', 'Unique Id', 'Analytics ROI', 'Visits', 'Bounce Rate'];

function mapRows(header: string[], rows: string[][], settings: ReadSettings = { timezone: 'UTC' }) {
  const sink = new Collect();
  const map = mailchimpReportAdapter.bind(matchCsvHeader(header, mailchimpReportAdapter), { ...settings, file: 'campaigns.csv', header, fallbackCampaign: 'campaigns', usedFallbackCampaign: () => {} });
  const outcomes = rows.map((fields, i) => map(fields, i + 2, sink));
  return { sink, outcomes };
}

describe('the Send Date of a Mailchimp report', () => {
  it('reads `Mon DD, YYYY hh:mm am` in the given zone', () => {
    expect(parseSendDate('Apr 21, 2026 10:00 am', 'UTC')).toBe(utc('2026-04-21T10:00:00Z'));
    expect(parseSendDate('Jul 14, 2026 04:00 pm', 'UTC')).toBe(utc('2026-07-14T16:00:00Z'));
    expect(parseSendDate('Jun 09, 2018 09:30 pm', 'UTC')).toBe(utc('2018-06-09T21:30:00Z'));
    expect(parseSendDate('Jan 05, 2026 12:15 am', 'UTC')).toBe(utc('2026-01-05T00:15:00Z'));
    expect(parseSendDate('Jan 05, 2026 12:15 PM', 'UTC')).toBe(utc('2026-01-05T12:15:00Z'));
    // New York: EDT (UTC-4) in September, EST (UTC-5) in January.
    expect(parseSendDate('Sep 22, 2026 09:30 am', 'America/New_York')).toBe(utc('2026-09-22T13:30:00Z'));
    expect(parseSendDate('January 5, 2026 09:30 am', 'America/New_York')).toBe(utc('2026-01-05T14:30:00Z'));
  });

  it('also takes ISO dates, and refuses what is no date', () => {
    expect(parseSendDate('', 'UTC')).toBeUndefined();
    expect(parseSendDate('2026-04-21 10:00:00', 'America/New_York')).toBe(utc('2026-04-21T14:00:00Z'));
    expect(parseSendDate('Apr 21, 2026 13:00', 'UTC')).toBe(utc('2026-04-21T13:00:00Z'));
    for (const bad of ['Apr 31, 2026 10:00 am', 'Foo 21, 2026 10:00 am', 'Apr 21, 2026 13:00 pm', 'Apr 21, 2026 10:60 am', 'yesterday']) {
      expect(parseSendDate(bad, 'UTC'), bad).toBeNaN();
    }
  });
});

describe('recognising a Mailchimp campaign report', () => {
  it('with an Audience or a List column; rates and web analytics are not read', () => {
    const match = matchCsvHeader(OLD_HEADER, mailchimpReportAdapter);
    expect(match.missing).toEqual([]);
    expect(match.columns).toEqual({ campaign: 0, sent: 4, delivered: 5, complaints: 14, hard_bounces: 7, soft_bounces: 6, unique_opens: 9, unique_clicks: 11, unsubscribes: 13, sent_at: 3 });
    expect(detectCsvAdapter(OLD_HEADER, 'campaigns.csv', 'results', 1).adapter.format).toBe('mailchimp-report');
    // Not a contact format.
    expect(() => detectCsvAdapter(OLD_HEADER, 'campaigns.csv', 'contacts', 1)).toThrow(InputError);
  });
});

describe('mapping report rows to campaign summaries', () => {
  const rowOf = (values: Partial<Record<string, string>>) => OLD_HEADER.map((h) => values[h] ?? '0');
  const base = { Title: 'Big Sale', 'Send Date': 'Nov 03, 2025 08:05 am', 'Total Recipients': '1,750', 'Successful Deliveries': '1,700', 'Soft Bounces': '20', 'Hard Bounces': '30', 'Unique Opens': '400', 'Open Rate': '23.53%', 'Unique Clicks': '50', 'Click Rate': '2.94%', Unsubscribes: '3', 'Abuse Complaints': '2', 'Bounce Rate': '61.20%', 'Unique Id': 'abc123' };

  it('maps the counts (with thousands separators) and ignores every % column', () => {
    const fields = rowOf(base);
    const { sink, outcomes } = mapRows(OLD_HEADER, [fields], { timezone: 'Europe/London' });
    expect(outcomes).toEqual(['used']);
    expect(sink.summaries).toEqual([
      {
        summary: { campaign: 'Big Sale', sent: 1750, delivered: 1700, complaints: 2, hardBounces: 30, softBounces: 20, uniqueOpens: 400, uniqueClicks: 50, unsubscribes: 3, sentAt: utc('2025-11-03T08:05:00Z') },
        file: 'campaigns.csv',
        line: 2,
        // The row as read: the Send Date as Mailchimp wrote it.
        fields,
        known: { opens: true, clicks: true, hardBounces: true, softBounces: true, unsubscribes: true, spamTraps: false },
      },
    ]);
  });

  it('names the campaign by --campaign-key when given', () => {
    const { sink } = mapRows(OLD_HEADER, [rowOf(base)], { timezone: 'UTC', campaignKey: 'unique id' });
    expect(sink.summaries[0]!.summary.campaign).toBe('abc123');
    expect(() => mapRows(OLD_HEADER, [], { timezone: 'UTC', campaignKey: 'campaign_name' })).toThrow(/--campaign-key campaign_name names no column of this Mailchimp campaign report/);
  });

  it('marks absent optional columns unknown', () => {
    const header = ['Title', 'Total Recipients', 'Successful Deliveries', 'Abuse Complaints'];
    const { sink } = mapRows(header, [['Lean', '10', '9', '0']]);
    expect(sink.summaries[0]).toMatchObject({
      summary: { campaign: 'Lean', sent: 10, delivered: 9, complaints: 0 },
      known: { opens: false, clicks: false, hardBounces: false, softBounces: false, unsubscribes: false, spamTraps: false },
    });
    expect(sink.summaries[0]!.summary.sentAt).toBeUndefined();
  });

  it('rejects impossible totals and bad values as a generic summary would, with the row as read', () => {
    const rows = [
      rowOf({ ...base, 'Successful Deliveries': '1,800' }),
      rowOf({ ...base, 'Unique Opens': '1,701' }),
      rowOf({ ...base, 'Send Date': 'Apr 31, 2026 10:00 am' }),
      rowOf({ ...base, Title: '' }),
      rowOf({ ...base, 'Abuse Complaints': '1.5' }),
    ];
    const { sink, outcomes } = mapRows(OLD_HEADER, rows);
    expect(outcomes).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(sink.rejects.map((r) => [r.line, r.column, r.reason])).toEqual([
      [2, 6, 'delivered (1800) is more than sent (1750); expected delivered <= sent'],
      [3, 10, 'Unique Opens (1701) is more than delivered (1700); expected unique_opens <= delivered'],
      [4, 4, 'Send Date "Apr 31, 2026 10:00 am" is not a date; expected a Mailchimp send date such as "Apr 21, 2026 10:00 am", or an ISO 8601 date or date-time (2024-05-01, 2024-05-01T13:45:00Z, 2024-05-01 13:45+02:00) or a Unix time in seconds or milliseconds'],
      [5, 1, 'empty campaign; expected the campaign name'],
      [6, 15, 'Abuse Complaints "1.5" is not a count; expected a whole number of 0 or more, such as 1750 or 1,750'],
    ]);
    expect(sink.rejects.map((r) => r.fields)).toEqual(rows);
  });
});

describe('fixtures/vendors/mailchimp/campaign_reports.csv (EXPECTED.md)', async () => {
  const read = async (timezone: string) => {
    const sink = new Collect();
    const summary = await readInputFile(FIXTURE, 'results', sink, { timezone });
    return { sink, summary };
  };
  const inUtc = await read('UTC');
  const inNewYork = await read('America/New_York');
  const known = { opens: true, clicks: true, hardBounces: true, softBounces: true, unsubscribes: true, spamTraps: false };

  it('reads three campaigns', () => {
    expect(inUtc.summary).toMatchObject({ format: 'mailchimp-report', layout: 'campaign_summary', rowsRead: 3, rowsUsed: 3, rowsRejected: 0 });
    expect(inUtc.summary.columns.used).toEqual({
      campaign: 'Title',
      sent: 'Total Recipients',
      delivered: 'Successful Deliveries',
      complaints: 'Abuse Complaints',
      hard_bounces: 'Hard Bounces',
      soft_bounces: 'Soft Bounces',
      unique_opens: 'Unique Opens',
      unique_clicks: 'Unique Clicks',
      unsubscribes: 'Unsubscribes',
      sent_at: 'Send Date',
    });
    expect(inUtc.sink.summaries.map((s) => [s.summary, s.known])).toEqual([
      [{ campaign: 'Spring Roundup', sent: 45, delivered: 37, complaints: 1, hardBounces: 6, softBounces: 2, uniqueOpens: 15, uniqueClicks: 4, unsubscribes: 5, sentAt: utc('2026-04-21T10:00:00Z') }, known],
      [{ campaign: 'Summer Webinar', sent: 34, delivered: 28, complaints: 0, hardBounces: 5, softBounces: 1, uniqueOpens: 11, uniqueClicks: 3, unsubscribes: 6, sentAt: utc('2026-07-14T16:00:00Z') }, known],
      [{ campaign: 'Autumn Offer', sent: 23, delivered: 18, complaints: 0, hardBounces: 2, softBounces: 3, uniqueOpens: 5, uniqueClicks: 1, unsubscribes: 4, sentAt: utc('2026-09-22T09:30:00Z') }, known],
    ]);
  });

  it('reads the naive Send Date in --timezone', () => {
    // New York is on EDT (UTC-4) on all three dates.
    expect(inNewYork.sink.summaries.map((s) => new Date(s.summary.sentAt!).toISOString())).toEqual(['2026-04-21T14:00:00.000Z', '2026-07-14T20:00:00.000Z', '2026-09-22T13:30:00.000Z']);
  });
});
