import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputFileSummary } from '../../analysis/audit-result.js';
import { EVENT_TYPES, type CampaignSummaryRow, type ContactRecord, type DeliveryEvent, type RowReject } from '../canonical-records.js';
import { CallBatchReader, CallBatchWriter, type SinkCall } from './call-batch.js';

const HEADER = ['email', 'first_name', 'plan'] as const;
const summary = { file: 'a.csv', header: [...HEADER] } as unknown as InputFileSummary;

/** Records every call, so a replay can be compared with what the worker's sink was given. */
class RecordingSink {
  calls: SinkCall[] = [];
  beginFile(s: InputFileSummary): void {
    this.calls.push(['beginFile', s]);
  }
  addEvent(event: DeliveryEvent, file: string): void {
    this.calls.push(['addEvent', event, file]);
  }
  addSummary(entry: CampaignSummaryRow): void {
    this.calls.push(['addSummary', entry]);
  }
  addContact(contact: ContactRecord, file: string): void {
    this.calls.push(['addContact', contact, file]);
  }
  reject(reject: RowReject): void {
    this.calls.push(['reject', reject]);
  }
}

/** Writes the calls in batches of `size`, sends each through structured clone, replays them. */
function roundTrip(calls: SinkCall[], size: number): SinkCall[] {
  const writer = new CallBatchWriter();
  const sink = new RecordingSink();
  const reader = new CallBatchReader(sink);
  const send = () => reader.replay(structuredClone(writer.take()));
  for (const call of calls) {
    if (call[0] === 'addEvent') writer.event(call[1], call[2]);
    else if (call[0] === 'addContact') writer.contact(call[1], call[2]);
    else writer.call(call);
    if (writer.length >= size) send();
  }
  send();
  return sink.calls;
}

const email = fc.constantFrom('a@x.org', 'B@x.org', 'c@y.com', 'd@z.net');
const eventArb = fc.record(
  {
    campaign: fc.constantFrom('Spring', 'Summer', 'Autumn'),
    email,
    event: fc.constantFrom(...EVENT_TYPES),
    at: fc.integer({ min: 0, max: 2e12 }),
    status: fc.constantFrom('550 5.1.1', '421'),
    diagnostic: fc.string(),
  },
  { requiredKeys: ['campaign', 'email', 'event', 'at'] },
).map((e): DeliveryEvent => ({ ...e, emailKey: e.email.toLowerCase() }));
const date = fc.option(fc.integer({ min: 0, max: 2e12 }), { nil: undefined });
const contactArb = fc
  .record({
    email,
    lastSeen: date,
    lastHeardFrom: date,
    lastOpenedEmail: date,
    lastClickedEmail: date,
    unsubscribed: fc.boolean(),
    markedSpam: fc.boolean(),
    hardBounced: fc.boolean(),
    archived: fc.boolean(),
    optIn: fc.constantFrom(undefined, null, true, false),
    values: fc.array(fc.string({ unit: 'grapheme' }).filter((v) => !v.includes('\u0000')), { minLength: 3, maxLength: 3 }),
    ownHeader: fc.boolean(),
  })
  .map(({ values, ownHeader, ...c }): ContactRecord => {
    const record: ContactRecord = { ...c, emailKey: c.email.toLowerCase(), columns: { header: ownHeader ? summary.header : ['other', 'header', 'x'], values } };
    for (const k of ['lastSeen', 'lastHeardFrom', 'lastOpenedEmail', 'lastClickedEmail', 'optIn'] as const) if (record[k] === undefined) delete record[k];
    return record;
  });
const callArb: fc.Arbitrary<SinkCall> = fc.oneof(
  eventArb.map((e): SinkCall => ['addEvent', e, 'a.csv']),
  eventArb.map((e): SinkCall => ['addEvent', e, 'b.csv']),
  contactArb.map((c): SinkCall => ['addContact', c, 'a.csv']),
  fc.record({ line: fc.nat(), reason: fc.string() }).map((r): SinkCall => ['reject', { file: 'a.csv', line: r.line, reason: r.reason, fields: ['x'] }]),
);

describe('CallBatchWriter / CallBatchReader', () => {
  it('replays every call, in order, as the worker made it (any mix, any batch size)', () => {
    fc.assert(
      fc.property(fc.array(callArb, { maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (calls, size) => {
        const all: SinkCall[] = [['beginFile', summary], ...calls];
        const replayed = roundTrip(all, size);
        expect(replayed).toEqual(all);
        // Contacts point back at the file's own header array, as the outputs need.
        const fileHeader = (replayed[0] as ['beginFile', InputFileSummary])[1].header;
        for (const call of replayed) if (call[0] === 'addContact' && call[1].columns.header[0] === 'email') expect(call[1].columns.header).toBe(fileHeader);
      }),
      { numRuns: 300 },
    );
  });

  it('sends plain events in columns: an address and key repeated from the previous event travel once', () => {
    const writer = new CallBatchWriter();
    writer.call(['beginFile', summary]);
    const event = (email: string, type: DeliveryEvent['event']): DeliveryEvent => ({ campaign: 'Spring', email, emailKey: email.toLowerCase(), event: type, at: 1 });
    writer.event(event('Ann@x.org', 'sent'), 'a.csv');
    writer.event(event('Ann@x.org', 'delivered'), 'a.csv');
    writer.event({ ...event('Ann@x.org', 'bounce'), status: '550' }, 'a.csv');
    writer.event(event('bo@x.org', 'open'), 'a.csv');
    const batch = writer.take();
    expect(batch.eventEmail).toEqual(['Ann@x.org', '', 'bo@x.org']);
    expect(batch.eventKey).toEqual(['ann@x.org', '', '']); // the third is bo@x.org itself
    expect([...batch.eventType].map((t) => EVENT_TYPES[t])).toEqual(['sent', 'delivered', 'open']);
    expect(batch.order.filter((o) => typeof o !== 'number').map((c) => (c as SinkCall)[0])).toEqual(['beginFile', 'addEvent']);
    expect(writer.length).toBe(0);
  });
});
