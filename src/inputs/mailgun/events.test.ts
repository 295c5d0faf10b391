import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../canonical-records.js';
import type { ReadSettings } from '../input-adapter.js';
import { readJsonRecords } from '../json/read-json-records.js';
import { postmarkBouncesAdapter } from '../postmark/bounces.js';
import { sendgridEventsAdapter } from '../sendgrid/events.js';
import { sesEventsAdapter } from '../ses/events.js';
import { mailgunEventsAdapter } from './events.js';
import { jsonAdapterReader } from '../testing/recording-sink.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/vendors');

const reader = (settings: Partial<ReadSettings> = {}) => jsonAdapterReader(mailgunEventsAdapter, 'events.json', 5, settings);

/** 1793808004.11745 s = 2026-11-04T16:00:04.117Z (float seconds, rounded to the millisecond). */
const TS = 1793808004.11745;
const AT = Date.parse('2026-11-04T16:00:04.117Z');

function mg(event: string, extra: Record<string, unknown> = {}) {
  return {
    id: 'ZnH5vsSKHRXn-F8-akGRJu',
    timestamp: TS,
    'log-level': 'info',
    event,
    recipient: 'Yuki.T@example.com',
    'recipient-domain': 'example.com',
    tags: ['community-digest'],
    campaigns: [],
    'user-variables': { campaign_id: 'cd-2026-11' },
    message: { headers: { to: 'Yuki.T@example.com', 'message-id': 'x@mg.example.com' } },
    ...extra,
  };
}

const ev = (event: DeliveryEvent['event'], extra: Partial<DeliveryEvent> = {}): DeliveryEvent => ({
  campaign: 'community-digest',
  email: 'Yuki.T@example.com',
  emailKey: 'yuki.t@example.com',
  event,
  at: AT,
  ...extra,
});

describe('mailgun-events: event mapping', () => {
  const simple: [string, DeliveryEvent['event']][] = [
    ['accepted', 'sent'],
    ['delivered', 'delivered'],
    ['opened', 'open'],
    ['clicked', 'click'],
    ['complained', 'complaint'],
    ['unsubscribed', 'unsubscribe'],
  ];
  it.each(simple)('%s -> %s', (name, event) => {
    const { map, sink } = reader();
    expect(map(mg(name))).toBe('used');
    expect(sink.events).toEqual([ev(event)]);
  });

  const drops: [string, NonNullable<DeliveryEvent['dropReason']>][] = [
    ['suppress-bounce', 'bounce'],
    ['suppress-unsubscribe', 'unsubscribe'],
    ['suppress-complaint', 'complaint'],
    ['suppress-espblock', 'suppressed'],
  ];
  it.each(drops)('failed + %s: a dropped send (%s), not a bounce', (reason, dropReason) => {
    const { map, sink } = reader();
    const record = mg('failed', { severity: 'permanent', reason, 'delivery-status': { 'attempt-no': 1, message: '', code: 605, description: 'Not delivering to previously bounced address', 'session-seconds': 0 } });
    expect(map(record)).toBe('used');
    expect(sink.events).toEqual([ev('dropped', { dropReason })]);
  });

  it('failed + temporary: a deferral with the reply code and message', () => {
    const { map, sink } = reader();
    const record = mg('failed', {
      severity: 'temporary',
      reason: 'generic',
      'delivery-status': { code: 452, message: '4.2.2 <yuki.t@example.com>: Mailbox full', description: '', 'enhanced-code': '4.2.2', 'retry-seconds': 900 },
    });
    expect(map(record)).toBe('used');
    expect(sink.events).toEqual([ev('deferred', { status: '452 4.2.2', diagnostic: '4.2.2 <yuki.t@example.com>: Mailbox full' })]);
  });

  it('failed + permanent: a bounce with code and enhanced code, the message, severity and reason', () => {
    const { map, sink } = reader();
    const record = mg('failed', {
      severity: 'permanent',
      reason: 'bounce',
      'delivery-status': { code: 554, message: "delivery error: dd This user doesn't have a yahoo.com account", description: '', 'enhanced-code': '5.1.1' },
    });
    expect(map(record)).toBe('used');
    expect(sink.events).toEqual([
      ev('bounce', { status: '554 5.1.1', diagnostic: "delivery error: dd This user doesn't have a yahoo.com account", platformBounce: { platform: 'mailgun', severity: 'permanent', reason: 'bounce' } }),
    ]);
  });

  it('failed + permanent: the description when the message is empty; the reply code or enhanced code alone', () => {
    const { map, sink } = reader();
    map(mg('failed', { severity: 'permanent', reason: 'old', 'delivery-status': { code: 550, message: '', description: 'Too old' } }));
    map(mg('failed', { severity: 'permanent', 'delivery-status': { 'enhanced-code': '5.7.1', message: 'blocked\nsecond line' } }));
    // A code outside 2xx-5xx (0: no SMTP session took place) is no reply code.
    map(mg('failed', { severity: 'permanent', reason: 'generic', 'delivery-status': { code: 0, message: 'No MX for example.com' } }));
    expect(sink.events).toEqual([
      ev('bounce', { status: '550', diagnostic: 'Too old', platformBounce: { platform: 'mailgun', severity: 'permanent', reason: 'old' } }),
      ev('bounce', { status: '5.7.1', diagnostic: 'blocked\nsecond line', platformBounce: { platform: 'mailgun', severity: 'permanent' } }),
      ev('bounce', { diagnostic: 'No MX for example.com', platformBounce: { platform: 'mailgun', severity: 'permanent', reason: 'generic' } }),
    ]);
  });

  it('rejected: dropped (other); stored: ignored', () => {
    const { map, sink } = reader();
    expect(map(mg('rejected', { reject: { reason: 'Sandbox subdomains are for test purposes only', description: '' } }))).toBe('used');
    expect(map(mg('stored'))).toEqual({ ignored: 'stored event (an inbound message, not a send)' });
    expect(map({ ...mg('rejected'), recipient: undefined })).toEqual({ ignored: 'rejected event naming no recipient' });
    expect(sink.events).toEqual([ev('dropped', { dropReason: 'other' })]);
  });

  it('unwraps a webhook body (signature + event-data)', () => {
    const { map, sink } = reader();
    const body = { signature: { timestamp: '1793808004', token: 'abc', signature: 'def' }, 'event-data': mg('delivered') };
    expect(map(body)).toBe('used');
    expect(sink.events).toEqual([ev('delivered')]);
  });

  it('event names are read case-insensitively and timestamps may be strings', () => {
    const { map, sink } = reader();
    map(mg('Delivered', { timestamp: '1793808004.11745' }));
    expect(sink.events).toEqual([ev('delivered')]);
  });
});

describe('mailgun-events: campaign', () => {
  it('the first tag, else campaigns[0] (name, then id), else the file name', () => {
    const { map, sink, fallbacks } = reader();
    map(mg('delivered', { tags: ['community-digest', 'newsletter'] }));
    map(mg('delivered', { tags: [], campaigns: [{ id: 'c1', name: 'Old Campaign' }] }));
    map(mg('delivered', { tags: [], campaigns: [{ id: 'c2' }] }));
    map(mg('delivered', { tags: [], campaigns: [] }));
    expect(sink.events.map((e) => e.campaign)).toEqual(['community-digest', 'Old Campaign', 'c2', 'events']);
    expect(fallbacks()).toBe(1);
  });

  it('--campaign-key names a user-variables key, or a field', () => {
    const byVariable = reader({ campaignKey: 'campaign_id' });
    byVariable.map(mg('delivered'));
    byVariable.map(mg('delivered', { 'user-variables': {} }));
    expect(byVariable.sink.events.map((e) => e.campaign)).toEqual(['cd-2026-11', 'events']);
    expect(byVariable.fallbacks()).toBe(1);
    const byField = reader({ campaignKey: 'recipient-domain' });
    byField.map(mg('delivered'));
    expect(byField.sink.events.map((e) => e.campaign)).toEqual(['example.com']);
  });
});

describe('mailgun-events: broken records are rejected with a reason', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', 42, 'not a Mailgun event object'],
    ['unknown event', mg('bounced'), 'unknown Mailgun event "bounced"; expected one of accepted, delivered, failed, opened, clicked, complained, unsubscribed, rejected, stored'],
    ['failed without severity', mg('failed', { reason: 'bounce' }), 'a failed event needs "severity" permanent or temporary, found null'],
    ['bad recipient', mg('delivered', { recipient: 'postmaster' }), '"recipient" is not an email address: "postmaster"'],
    ['bad timestamp', mg('delivered', { timestamp: 'soon' }), '"timestamp" is not epoch seconds: "soon"'],
  ];
  it.each(cases)('%s', (_, value, reason) => {
    const { map, sink } = reader();
    expect(map(value)).toBe('rejected');
    expect(sink.rejects.map((r) => r.reason)).toEqual([reason]);
    expect(sink.events).toEqual([]);
  });
});

async function firstRecords(path: string): Promise<unknown[]> {
  const values: unknown[] = [];
  await readJsonRecords(join(FIXTURES, path), { first: (records) => void values.push(...records.map((r) => r.value)), record: () => undefined });
  return values;
}

describe('mailgun-events: detection', () => {
  it('recognises the Events API page and webhook bodies', async () => {
    const sample = await firstRecords('mailgun/events.json');
    expect(mailgunEventsAdapter.detect(sample)).toEqual({ missing: [], matched: 8 });
    expect(mailgunEventsAdapter.detect(sample.map((e) => ({ signature: {}, 'event-data': e }))).missing).toEqual([]);
  });

  it("does not take the other vendors' samples, and they do not take Mailgun's", async () => {
    for (const path of ['ses/events.jsonl', 'ses/sns-notifications.json', 'postmark/bounces.json', 'sendgrid/events.json', 'sendgrid/events.ndjson']) {
      expect(mailgunEventsAdapter.detect(await firstRecords(path)).missing.length).toBeGreaterThan(0);
    }
    const sample = await firstRecords('mailgun/events.json');
    for (const other of [sesEventsAdapter, postmarkBouncesAdapter, sendgridEventsAdapter]) expect(other.detect(sample).missing.length).toBeGreaterThan(0);
  });
});
