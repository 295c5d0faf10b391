import { describe, expect, it } from 'vitest';
import { matchCsvHeader } from '../header-match.js';
import type { CsvAdapter } from '../input-adapter.js';
import { RecordingSink } from '../testing/recording-sink.js';
import { genericContactsAdapter } from './contacts.js';
import { genericEventsAdapter } from './event-log.js';

/** Binds `adapter` to a file with `header` once, as the reader does, and maps rows through it. */
function reader(adapter: CsvAdapter, header: string[]) {
  const sink = new RecordingSink();
  const map = adapter.bind(matchCsvHeader(header, adapter), {
    timezone: 'UTC',
    file: 'in.csv',
    fallbackCampaign: 'in',
    usedFallbackCampaign: () => {},
    header,
  });
  let line = 1;
  return { sink, read: (row: string) => map(row.split(','), ++line, sink) };
}

describe('generic event log', () => {
  const header = ['campaign', 'email', 'event', 'timestamp', 'status', 'diagnostic'];

  it('maps each row on its own, whatever the rows before it', () => {
    const { sink, read } = reader(genericEventsAdapter, header);
    expect(read(',ann@x.io,sent,2026-01-05T09:00:00Z,,')).toBe('rejected');
    expect(read('C1,Ann@X.io,bounced,2026-01-05T09:00:00.250Z, 550 5.1.1 ,no such user')).toBe('used');
    expect(read('C1,bob@x.io,delivered,2026-01-05T09:00:01Z,,')).toBe('used');
    expect(read('C1,bob@x.io,delivered,2026-02-30T09:00:01Z,,')).toBe('rejected');
    expect(read('C1,bob@x.io,open,2026-01-05T10:00:00Z,,')).toBe('used');
    expect(sink.rejects.map((r) => [r.line, r.column, r.reason])).toEqual([
      [2, 1, 'empty campaign; expected the campaign name'],
      [5, 4, expect.stringMatching(/^timestamp "2026-02-30T09:00:01Z" is not a date; expected /)],
    ]);
    expect(sink.events).toStrictEqual([
      { campaign: 'C1', email: 'Ann@X.io', emailKey: 'ann@x.io', event: 'bounce', at: Date.UTC(2026, 0, 5, 9, 0, 0, 250), status: '550 5.1.1', diagnostic: 'no such user' },
      { campaign: 'C1', email: 'bob@x.io', emailKey: 'bob@x.io', event: 'delivered', at: Date.UTC(2026, 0, 5, 9, 0, 1) },
      { campaign: 'C1', email: 'bob@x.io', emailKey: 'bob@x.io', event: 'open', at: Date.UTC(2026, 0, 5, 10) },
    ]);
  });

  it('gives an event status and diagnostic keys only when they have text, in that order', () => {
    const { sink, read } = reader(genericEventsAdapter, header);
    read('C1,a@x.io,bounce,2026-01-05,,mailbox full');
    read('C1,a@x.io,bounce,2026-01-05,421,');
    read('C1,a@x.io,bounce,2026-01-05,421,try later');
    expect(sink.events.map((e) => Object.keys(e).join(' '))).toEqual([
      'campaign email emailKey event at diagnostic',
      'campaign email emailKey event at status',
      'campaign email emailKey event at status diagnostic',
    ]);
  });
});

describe('generic contact export', () => {
  it('maps each row on its own, whatever the rows before it', () => {
    const { sink, read } = reader(genericContactsAdapter, ['email', 'last_seen', 'unsubscribed', 'opt_in']);
    expect(read('not an address,,,')).toBe('rejected');
    expect(read('Ann@X.io,2026-01-05T09:00:00Z,true,')).toBe('used');
    expect(read('bob@x.io,,maybe,yes')).toBe('rejected');
    expect(read('bob@x.io,,,no')).toBe('used');
    expect(sink.rejects.map((r) => [r.line, r.column, r.reason])).toEqual([
      [2, 1, '"not an address" is not an email address; expected an email address such as name@example.com'],
      [4, 3, 'unsubscribed "maybe" is not a yes/no value; expected true/false, yes/no, y/n or 1/0 (empty means false)'],
    ]);
    expect(sink.contacts.map(({ columns, ...contact }) => contact)).toStrictEqual([
      { email: 'Ann@X.io', emailKey: 'ann@x.io', lastSeen: Date.UTC(2026, 0, 5, 9), unsubscribed: true, markedSpam: false, hardBounced: false, archived: false, optIn: null },
      { email: 'bob@x.io', emailKey: 'bob@x.io', unsubscribed: false, markedSpam: false, hardBounced: false, archived: false, optIn: false },
    ]);
  });

  it('gives a contact the keys of its known values only, in the order of the interface', () => {
    const header = ['email', 'last_seen', 'last_heard_from', 'last_opened_email', 'last_clicked_email', 'archived', 'opt_in'];
    const { sink, read } = reader(genericContactsAdapter, header);
    read('a@x.io,2026-01-01,2026-01-02,2026-01-03,2026-01-04,,1');
    read('a@x.io,,2026-01-02,,2026-01-04,,');
    const noOptIn = reader(genericContactsAdapter, ['email', 'last_opened_email']);
    noOptIn.read('a@x.io,2026-01-03');
    expect([...sink.contacts, ...noOptIn.sink.contacts].map((c) => Object.keys(c).join(' '))).toEqual([
      'email emailKey lastSeen lastHeardFrom lastOpenedEmail lastClickedEmail unsubscribed markedSpam hardBounced archived optIn columns',
      'email emailKey lastHeardFrom lastClickedEmail unsubscribed markedSpam hardBounced archived optIn columns',
      'email emailKey lastOpenedEmail unsubscribed markedSpam hardBounced archived columns',
    ]);
    expect(sink.contacts[0]!.columns).toEqual({ header, values: 'a@x.io,2026-01-01,2026-01-02,2026-01-03,2026-01-04,,1'.split(',') });
  });
});
