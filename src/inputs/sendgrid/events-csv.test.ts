import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AuditAccumulator } from '../../analysis/audit-accumulator.js';
import type { CampaignResult } from '../../analysis/audit-result.js';
import { finishAudit } from '../../analysis/run-audit.js';
import { defaultPolicies } from '../../policies/index.js';
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, RowReject } from '../canonical-records.js';
import { readCsvFile } from '../csv/read-csv-file.js';
import { matchCsvHeader } from '../header-match.js';
import type { BindContext, RecordSink, RowOutcome } from '../input-adapter.js';
import { readJsonRecords } from '../json/read-json-records.js';
import { newFileSummary } from '../read-input-file.js';
import { categoryValue, eventObject, sendgridEventsCsvAdapter, webhookKey } from './events-csv.js';
import { sendgridEventsAdapter } from './events.js';

const CSV_FIXTURE = fileURLToPath(new URL('../../../fixtures/vendors/sendgrid/events.csv', import.meta.url));
const JSON_FIXTURE = fileURLToPath(new URL('../../../fixtures/vendors/sendgrid/events.json', import.meta.url));

class Collect implements RecordSink {
  events: DeliveryEvent[] = [];
  rejects: RowReject[] = [];
  contacts: ContactRecord[] = [];
  summaries: CampaignSummaryRow[] = [];
  addEvent(event: DeliveryEvent) {
    this.events.push(event);
  }
  addSummary(entry: CampaignSummaryRow) {
    this.summaries.push(entry);
  }
  addContact(contact: ContactRecord) {
    this.contacts.push(contact);
  }
  reject(reject: RowReject) {
    this.rejects.push(reject);
  }
}

function context(file: string, header: readonly string[], extra: Partial<BindContext> = {}): BindContext & { header: readonly string[]; fallbacks: () => number } {
  let fallbacks = 0;
  return {
    file,
    header,
    timezone: 'UTC',
    fallbackCampaign: 'events',
    usedFallbackCampaign: () => void fallbacks++,
    fallbacks: () => fallbacks,
    ...extra,
  };
}

/** Binds the CSV adapter to a header and maps rows given as arrays. */
function mapRows(header: string[], rows: string[][], extra: Partial<BindContext> = {}) {
  const sink = new Collect();
  const ctx = context('in.csv', header, extra);
  const map = sendgridEventsCsvAdapter.bind(matchCsvHeader(header, sendgridEventsCsvAdapter), ctx);
  const outcomes: RowOutcome[] = rows.map((fields, i) => map(fields, i + 2, sink));
  return { sink, outcomes, fallbacks: ctx.fallbacks() };
}

/** The fixture's rows, read as deliv reads a CSV. */
async function readFixtureCsv(): Promise<{ header: string[]; rows: { fields: string[]; line: number }[] }> {
  let header: string[] = [];
  const rows: { fields: string[]; line: number }[] = [];
  await readCsvFile(CSV_FIXTURE, {
    header: (h) => void (header = h.names),
    record: (r) => void rows.push({ fields: [...r.fields], line: r.line }),
  });
  return { header, rows };
}

async function readJsonFixture(): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  await readJsonRecords(JSON_FIXTURE, { record: (r) => void records.push(r.value as Record<string, unknown>) });
  return records;
}

describe('recognising a SendGrid event CSV', () => {
  it('needs email, event, timestamp and one of sg_event_id / sg_message_id / smtp-id', () => {
    expect(matchCsvHeader(['email', 'event', 'timestamp', 'sg_event_id'], sendgridEventsCsvAdapter)).toMatchObject({ missing: [], matched: 4 });
    expect(matchCsvHeader(['Email', 'Event', 'Timestamp', 'SMTP-ID'], sendgridEventsCsvAdapter)).toMatchObject({ missing: [], columns: { event_id: 3 } });
    expect(matchCsvHeader(['email', 'event', 'timestamp', 'sg_message_id', 'smtp-id'], sendgridEventsCsvAdapter).columns['event_id']).toBe(3);
    expect(matchCsvHeader(['email', 'event', 'timestamp', 'category'], sendgridEventsCsvAdapter).missing).toEqual(['sg_event_id']);
    // deliv's generic event log is not a SendGrid CSV.
    expect(matchCsvHeader(['campaign', 'email', 'event', 'timestamp', 'status', 'diagnostic'], sendgridEventsCsvAdapter).missing).toEqual(['sg_event_id']);
  });

  it("matches the fixture's header with every SendGrid column it knows", async () => {
    const { header } = await readFixtureCsv();
    const match = matchCsvHeader(header, sendgridEventsCsvAdapter);
    expect(match.missing).toEqual([]);
    // 4 required + 10 optional (the fixture has no marketing_campaign_name).
    expect(match.matched).toBe(14);
    expect(match.columns).toEqual({
      email: 0,
      event: 3,
      timestamp: 1,
      event_id: 5,
      category: 4,
      reason: 7,
      status: 8,
      response: 9,
      attempt: 10,
      type: 11,
      bounce_classification: 12,
      useragent: 15,
      url: 16,
      asm_group_id: 17,
    });
    expect(sendgridEventsCsvAdapter).toMatchObject({ container: 'csv', layout: 'event_log', campaignFrom: 'marketing_campaign_name, else category' });
  });
});

describe('a row as the object the webhook would have posted', () => {
  it('gives known columns the webhook spelling and keeps others as written', () => {
    expect(['Email', 'SG Event ID', 'smtp_id', 'Smtp-Id', 'MARKETING CAMPAIGN NAME', ' campaign_tag '].map(webhookKey)).toEqual([
      'email',
      'sg_event_id',
      'smtp-id',
      'smtp-id',
      'marketing_campaign_name',
      'campaign_tag',
    ]);
  });

  it('reads a category cell holding a JSON array as an array, anything else as text', () => {
    expect(categoryValue('["Product Update","promo"]')).toEqual(['Product Update', 'promo']);
    expect(categoryValue(' ["Product Update"] ')).toEqual(['Product Update']);
    expect(categoryValue('[]')).toEqual([]);
    expect(categoryValue('Product Update')).toBe('Product Update');
    expect(categoryValue('[draft] Product Update')).toBe('[draft] Product Update');
    expect(categoryValue('[draft]')).toBe('[draft]');
    expect(categoryValue('[{"a":1}]')).toBe('[{"a":1}]');
  });

  it('leaves empty cells out, keeps the first of duplicated names, and treats `constructor` as data', () => {
    const keys = ['email', 'event', 'reason', 'email', 'constructor', 'category'];
    const object = eventObject(keys, ['a@example.com', 'open', '  ', 'b@example.com', 'x', '["c"]']);
    expect({ ...object }).toEqual({ email: 'a@example.com', event: 'open', constructor: 'x', category: ['c'] });
  });
});

describe('fixtures/vendors/sendgrid/events.csv: the JSON adapter rules, row for row', async () => {
  const { header, rows } = await readFixtureCsv();
  const json = await readJsonFixture();
  const sink = new Collect();
  const ctx = context(CSV_FIXTURE, header);
  const map = sendgridEventsCsvAdapter.bind(matchCsvHeader(header, sendgridEventsCsvAdapter), ctx);
  const outcomes = rows.map((r) => map(r.fields, r.line, sink));

  it('reads 13 rows: 12 events used and the group_resubscribe understood but ignored, none rejected', () => {
    expect(rows.length).toBe(13);
    expect(outcomes).toEqual([...Array(9).fill('used'), { ignored: 'group_resubscribe event' }, ...Array(3).fill('used')]);
    expect(sink.rejects).toEqual([]);
    expect(ctx.fallbacks()).toBe(0);
  });

  it('maps each event exactly as the JSON adapter maps the same event in events.json', () => {
    const byId = new Map(json.map((r) => [r['sg_event_id'], r]));
    const sgEventId = header.indexOf('sg_event_id');
    const expected = new Collect();
    const jsonMap = sendgridEventsAdapter.bind(context(CSV_FIXTURE, []));
    let fromJson = 0;
    for (const row of rows) {
      const record = byId.get(row.fields[sgEventId]);
      if (record) {
        jsonMap(record, row.line, expected);
        fromJson++;
      }
    }
    // The 12 events all come from events.json; the resubscribe is the one addition.
    expect(fromJson).toBe(12);
    expect(sink.events).toEqual(expected.events);
  });

  it('keeps every reading rule: array category, dropped reason, block without status, soft bounce', () => {
    expect(sink.events.map((e) => [e.email, e.event, e.campaign])).toEqual([
      ['grace.hopper@example.org', 'sent', 'Product Update'],
      ['katherine.j.lk@gmail.com', 'sent', 'Product Update'],
      ['barbara.l.lk@yahoo.com', 'sent', 'Product Update'],
      ['alan.t.lk@gmail.com', 'sent', 'Product Update'],
      ['john.b.lk@hotmail.com', 'dropped', 'Product Update'],
      ['grace.hopper@example.org', 'delivered', 'Product Update'],
      ['katherine.j.lk@gmail.com', 'delivered', 'Product Update'],
      ['alan.t.lk@gmail.com', 'bounce', 'Product Update'],
      ['barbara.l.lk@yahoo.com', 'deferred', 'Product Update'],
      ['barbara.l.lk@yahoo.com', 'bounce', 'Product Update'],
      ['katherine.j.lk@gmail.com', 'open', 'Product Update'],
      ['katherine.j.lk@gmail.com', 'click', 'Product Update'],
    ]);
    expect(sink.events[4]).toEqual({ campaign: 'Product Update', email: 'john.b.lk@hotmail.com', emailKey: 'john.b.lk@hotmail.com', event: 'dropped', at: 1793201403000, dropReason: 'complaint' });
    expect(sink.events[7]).toEqual({
      campaign: 'Product Update',
      email: 'alan.t.lk@gmail.com',
      emailKey: 'alan.t.lk@gmail.com',
      event: 'bounce',
      at: 1793201407000,
      status: '5.2.2',
      diagnostic: "552-5.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp",
      platformBounce: { platform: 'sendgrid', type: 'bounce', bounceClassification: 'Mailbox Unavailable' },
    });
    expect(sink.events[9]).toEqual({
      campaign: 'Product Update',
      email: 'barbara.l.lk@yahoo.com',
      emailKey: 'barbara.l.lk@yahoo.com',
      event: 'bounce',
      at: 1793216720000,
      diagnostic: '554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes',
      platformBounce: { platform: 'sendgrid', type: 'blocked', bounceClassification: 'Content' },
    });
  });

  it('gives the campaign figures stated in EXPECTED.md ("events.csv")', () => {
    const acc = new AuditAccumulator();
    acc.beginFile({ ...newFileSummary(CSV_FIXTURE, 'results', { timezone: 'UTC' }), format: 'sendgrid-events', layout: 'event_log' });
    for (const e of sink.events) acc.addEvent(e, CSV_FIXTURE);
    const result = finishAudit(acc, { policies: defaultPolicies, asOf: Date.UTC(2026, 10, 23), toolVersion: 'test' });
    expect(result.campaigns.map((c) => c.campaign)).toEqual(['Product Update']);
    expect(figures(result.campaigns[0]!)).toEqual({
      sent: 4,
      delivered: 2,
      hardBounces: 0,
      softBounces: 1,
      blockBounces: 1,
      bounced: 2,
      deferred: 1,
      dropped: 1,
      complaints: 0,
      uniqueOpens: 1,
      uniqueClicks: 1,
      unsubscribes: 0,
      bounceRate: 0.5,
      openRate: 0.5,
      complaintRate: 0,
    });
  });

  it('adds nothing to events.json: read together, every campaign figure is the same as events.json alone', async () => {
    const jsonOnly = new Collect();
    const jsonMap = sendgridEventsAdapter.bind(context(JSON_FIXTURE, []));
    json.forEach((r, i) => jsonMap(r, i + 1, jsonOnly));
    const audit = (events: DeliveryEvent[][]) => {
      const acc = new AuditAccumulator();
      acc.beginFile({ ...newFileSummary('x', 'results', { timezone: 'UTC' }), format: 'sendgrid-events', layout: 'event_log' });
      for (const list of events) for (const e of list) acc.addEvent(e, 'x');
      return finishAudit(acc, { policies: defaultPolicies, asOf: Date.UTC(2026, 10, 23), toolVersion: 'test' }).campaigns.map((c) => [c.campaign, figures(c)]);
    };
    const alone = audit([jsonOnly.events]);
    expect(audit([jsonOnly.events, sink.events])).toEqual(alone);
    expect(audit([sink.events, jsonOnly.events])).toEqual(alone);
    expect(alone.map(([name]) => name)).toEqual(['October Newsletter', 'Product Update']);
  });
});

describe('rows the JSON rules refuse, reported as CSV rows', () => {
  const header = ['email', 'timestamp', 'event', 'category', 'sg_event_id'];

  it('rejects a bad email, timestamp or event with the row as read and the column at fault', () => {
    const rows = [
      ['gmail.com', '1793201401', 'processed', 'Product Update', 'id1'],
      ['ann@example.com', 'yesterday', 'processed', 'Product Update', 'id2'],
      ['ann@example.com', '1793201401', 'bounced', 'Product Update', 'id3'],
      ['ann@example.com', '1793201401', 'processed', 'Product Update', 'id4'],
    ];
    const { sink, outcomes } = mapRows(header, rows);
    expect(outcomes).toEqual(['rejected', 'rejected', 'rejected', 'used']);
    expect(sink.rejects).toEqual([
      { file: 'in.csv', line: 2, column: 1, reason: '"email" is not an email address: "gmail.com"', fields: rows[0] },
      { file: 'in.csv', line: 3, column: 2, reason: '"timestamp" is not epoch seconds: "yesterday"', fields: rows[1] },
      {
        file: 'in.csv',
        line: 4,
        column: 3,
        reason: 'unknown SendGrid event "bounced"; expected one of processed, delivered, deferred, bounce, dropped, open, click, spamreport, unsubscribe, group_unsubscribe, group_resubscribe',
        fields: rows[2],
      },
    ]);
  });

  it('takes an empty email cell as missing, and reads `Processed` and ISO timestamps as the webhook rules do', () => {
    const { sink, outcomes } = mapRows(header, [
      ['', '1793201401', 'processed', 'Product Update', 'id1'],
      ['ann@example.com', '2026-10-28T15:30:01Z', 'Processed', 'Product Update', 'id2'],
    ]);
    expect(outcomes).toEqual(['rejected', 'used']);
    expect(sink.rejects[0]).toMatchObject({ line: 2, column: 1, reason: 'no "email" field' });
    expect(sink.events).toEqual([{ campaign: 'Product Update', email: 'ann@example.com', emailKey: 'ann@example.com', event: 'sent', at: 1793201401000 }]);
  });
});

describe('campaign names from the CSV', () => {
  const header = ['email', 'timestamp', 'event', 'category', 'marketing_campaign_name', 'campaign_tag', 'sg_event_id'];

  it('marketing_campaign_name, else category (first of an array), else the file name', () => {
    const { sink, fallbacks } = mapRows(header, [
      ['a@example.com', '1793201401', 'processed', '[]', 'Black Friday Preview', '', 'id1'],
      ['b@example.com', '1793201401', 'processed', '["Product Update","promo"]', '', '', 'id2'],
      ['c@example.com', '1793201401', 'processed', '', '', '', 'id3'],
    ]);
    expect(sink.events.map((e) => e.campaign)).toEqual(['Black Friday Preview', 'Product Update', 'events']);
    expect(fallbacks).toBe(1);
  });

  it('--campaign-key names any column, as written in the header', () => {
    const { sink } = mapRows(header, [['a@example.com', '1793201401', 'processed', 'Product Update', '', 'pu-2026-10', 'id1']], { campaignKey: 'campaign_tag' });
    expect(sink.events.map((e) => e.campaign)).toEqual(['pu-2026-10']);
  });
});

function figures(c: CampaignResult) {
  const { sent, delivered, hardBounces, softBounces, blockBounces, bounced, deferred, dropped, complaints, uniqueOpens, uniqueClicks, unsubscribes, bounceRate, openRate, complaintRate } = c;
  return { sent, delivered, hardBounces, softBounces, blockBounces, bounced, deferred, dropped, complaints, uniqueOpens, uniqueClicks, unsubscribes, bounceRate, openRate, complaintRate };
}
