import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../canonical-records.js';
import type { ReadSettings } from '../input-adapter.js';
import { readJsonRecords } from '../json/read-json-records.js';
import { mailgunEventsAdapter } from '../mailgun/events.js';
import { sendgridEventsAdapter } from '../sendgrid/events.js';
import { sesEventsAdapter } from '../ses/events.js';
import { postmarkBouncesAdapter } from './bounces.js';
import { jsonAdapterReader } from '../testing/recording-sink.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/vendors');

const reader = (settings: Partial<ReadSettings> = {}) => jsonAdapterReader(postmarkBouncesAdapter, 'bounces.json', 3, settings);

/** 2026-11-12T09:00:07.2735393-05:00: seven fractional digits (truncated to ms) and an offset. */
const BOUNCED_AT = '2026-11-12T09:00:07.2735393-05:00';
const AT = Date.parse('2026-11-12T14:00:07.273Z');

function bounce(type: string, typeCode: number | undefined, extra: Record<string, unknown> = {}) {
  return {
    RecordType: 'Bounce',
    ID: 4211650078,
    Type: type,
    ...(typeCode !== undefined ? { TypeCode: typeCode } : {}),
    Name: type,
    Tag: 'Trial Ending',
    MessageID: 'b532bd87',
    ServerID: 48213,
    MessageStream: 'outbound',
    Description: 'The server was unable to deliver your message.',
    Details: 'smtp;550 5.1.1 User unknown',
    Email: 'Linus.T@example.net',
    From: 'hello@larkspur.example.com',
    BouncedAt: BOUNCED_AT,
    Inactive: true,
    ...extra,
  };
}

const ev = (event: DeliveryEvent['event'], extra: Partial<DeliveryEvent> = {}): DeliveryEvent => ({
  campaign: 'Trial Ending',
  email: 'Linus.T@example.net',
  emailKey: 'linus.t@example.net',
  event,
  at: AT,
  ...extra,
});

describe('postmark-bounces: the type table', () => {
  it('is a bounce-only source', () => {
    expect(postmarkBouncesAdapter.bouncesOnly).toBe(true);
  });

  it('HardBounce: a bounce with Details as diagnostic and the Postmark type; BouncedAt read to the millisecond in UTC', () => {
    const { map, sink } = reader();
    expect(map(bounce('HardBounce', 1))).toBe('used');
    expect(sink.events).toEqual([ev('bounce', { diagnostic: 'smtp;550 5.1.1 User unknown', platformBounce: { platform: 'postmark', type: 'HardBounce', typeCode: 1 } })]);
  });

  it('empty Details: Description is the diagnostic', () => {
    const { map, sink } = reader();
    map(bounce('SoftBounce', 4096, { Details: '', Description: 'Unable to temporarily deliver this email.' }));
    expect(sink.events[0]?.diagnostic).toBe('Unable to temporarily deliver this email.');
  });

  const bounceTypes: [string, number][] = [
    ['SoftBounce', 4096],
    ['DnsError', 256],
    ['SpamNotification', 512],
    ['Unknown', 2048],
    ['VirusNotification', 8192],
    ['BadEmailAddress', 100000],
    ['Unconfirmed', 100003],
    ['Blocked', 100006],
    ['DMARCPolicy', 100009],
  ];
  it.each(bounceTypes)('%s (%i) is a bounce for the classifier to judge', (type, code) => {
    const { map, sink } = reader();
    expect(map(bounce(type, code))).toBe('used');
    expect(sink.events).toEqual([ev('bounce', { diagnostic: 'smtp;550 5.1.1 User unknown', platformBounce: { platform: 'postmark', type, typeCode: code } })]);
  });

  it('SpamComplaint (100001) in the Bounces API list: a complaint', () => {
    const { map, sink } = reader();
    expect(map(bounce('SpamComplaint', 100001, { Details: '', From: '' }))).toBe('used');
    expect(sink.events).toEqual([ev('complaint')]);
  });

  it('the spam-complaint webhook (RecordType SpamComplaint): a complaint', () => {
    const { map, sink } = reader();
    expect(map(bounce('SpamComplaint', 100001, { RecordType: 'SpamComplaint', Metadata: { user_id: 43 } }))).toBe('used');
    expect(sink.events).toEqual([ev('complaint')]);
  });

  it('Transient (2), "Message delayed": a deferral, not a bounce', () => {
    const { map, sink } = reader();
    expect(map(bounce('Transient', 2, { Details: 'smtp;451 4.7.1 Greylisting in action' }))).toBe('used');
    expect(sink.events).toEqual([ev('deferred', { diagnostic: 'smtp;451 4.7.1 Greylisting in action' })]);
  });

  it('ManuallyDeactivated (100002): dropped, on the platform\'s suppression list', () => {
    const { map, sink } = reader();
    expect(map(bounce('ManuallyDeactivated', 100002, { Details: 'Manually deactivated by user' }))).toBe('used');
    expect(sink.events).toEqual([ev('dropped', { dropReason: 'suppressed' })]);
  });

  it('Unsubscribe (16): an unsubscribe', () => {
    const { map, sink } = reader();
    expect(map(bounce('Unsubscribe', 16))).toBe('used');
    expect(sink.events).toEqual([ev('unsubscribe')]);
  });

  const ignored: [string, number, string][] = [
    ['Subscribe', 32, 'Postmark Subscribe (32): a subscribe request, not a delivery failure'],
    ['AutoResponder', 64, 'Postmark AutoResponder (64): an automatic reply, not a delivery failure'],
    ['AddressChange', 128, "Postmark AddressChange (128): the recipient's notice of a new address, not a delivery failure"],
    ['OpenRelayTest', 1024, 'Postmark OpenRelayTest (1024): an open-relay test, not a delivery failure'],
    ['ChallengeVerification', 16384, 'Postmark ChallengeVerification (16384): a challenge-response request, not a delivery failure'],
    ['InboundError', 100008, 'Postmark InboundError (100008): an inbound processing error, not outbound mail'],
    ['SMTPApiError', 100007, 'Postmark SMTPApiError (100007): a sender-side SMTP API error, not a recipient event'],
    ['TemplateRenderingFailed', 100010, 'Postmark TemplateRenderingFailed (100010): the template could not be rendered, nothing was sent'],
  ];
  it.each(ignored)('%s (%i) is ignored with its reason', (type, code, reason) => {
    const { map, sink } = reader();
    expect(map(bounce(type, code))).toEqual({ ignored: reason });
    expect(sink.events).toEqual([]);
  });

  it('TypeCode decides over Type; Type alone is looked up by name', () => {
    const { map, sink } = reader();
    map(bounce('SoftBounce', 1));
    map(bounce('hard bounce', undefined));
    map(bounce('ManuallyDeactivated', undefined));
    expect(sink.events).toEqual([
      ev('bounce', { diagnostic: 'smtp;550 5.1.1 User unknown', platformBounce: { platform: 'postmark', type: 'HardBounce', typeCode: 1 } }),
      ev('bounce', { diagnostic: 'smtp;550 5.1.1 User unknown', platformBounce: { platform: 'postmark', type: 'HardBounce', typeCode: 1 } }),
      ev('dropped', { dropReason: 'suppressed' }),
    ]);
  });

  it('a type Postmark has not documented is still a bounce, with its labels', () => {
    const { map, sink } = reader();
    map(bounce('BrandNewType', 200000));
    expect(sink.events).toEqual([ev('bounce', { diagnostic: 'smtp;550 5.1.1 User unknown', platformBounce: { platform: 'postmark', type: 'BrandNewType', typeCode: 200000 } })]);
  });

  it('other webhook record types are ignored: this reader takes bounces and complaints', () => {
    const { map, sink } = reader();
    expect(map({ RecordType: 'Delivery', Recipient: 'a@example.com', DeliveredAt: BOUNCED_AT, Tag: 'x' })).toEqual({
      ignored: 'Postmark Delivery record (this reader takes bounces and spam complaints only)',
    });
    expect(sink.events).toEqual([]);
  });
});

describe('postmark-bounces: campaign', () => {
  it('Tag names it; an empty Tag falls back to the file name', () => {
    const { map, sink, fallbacks } = reader();
    map(bounce('HardBounce', 1));
    map(bounce('HardBounce', 1, { Tag: '' }));
    map(bounce('HardBounce', 1, { Tag: undefined }));
    expect(sink.events.map((e) => e.campaign)).toEqual(['Trial Ending', 'bounces', 'bounces']);
    expect(fallbacks()).toBe(2);
  });

  it('--campaign-key names a field or a Metadata key', () => {
    const byStream = reader({ campaignKey: 'MessageStream' });
    byStream.map(bounce('HardBounce', 1));
    expect(byStream.sink.events.map((e) => e.campaign)).toEqual(['outbound']);
    const byMetadata = reader({ campaignKey: 'campaign' });
    byMetadata.map(bounce('HardBounce', 1, { Metadata: { campaign: 'Spring' } }));
    byMetadata.map(bounce('HardBounce', 1));
    expect(byMetadata.sink.events.map((e) => e.campaign)).toEqual(['Spring', 'bounces']);
    expect(byMetadata.fallbacks()).toBe(1);
  });
});

describe('postmark-bounces: broken records are rejected with a reason', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', 'text', 'not a Postmark bounce object'],
    ['no type', { ...bounce('x', 1), Type: undefined, TypeCode: undefined }, 'no "Type" or "TypeCode"'],
    ['bad email', bounce('HardBounce', 1, { Email: 'nobody' }), '"Email" is not an email address: "nobody"'],
    ['no email', bounce('HardBounce', 1, { Email: undefined }), '"Email" is not an email address: null'],
    ['bad BouncedAt', bounce('HardBounce', 1, { BouncedAt: '12/11/2026' }), '"BouncedAt" is not a date-time: "12/11/2026"'],
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

describe('postmark-bounces: detection', () => {
  it('recognises the Bounces API sample', async () => {
    expect(postmarkBouncesAdapter.detect(await firstRecords('postmark/bounces.json'))).toEqual({ missing: [], matched: 7 });
  });

  it('recognises webhook records', () => {
    expect(postmarkBouncesAdapter.detect([bounce('SpamComplaint', 100001, { RecordType: 'SpamComplaint' })]).missing).toEqual([]);
  });

  it("does not take the other vendors' samples, and they do not take Postmark's", async () => {
    for (const path of ['ses/events.jsonl', 'ses/sns-notifications.json', 'mailgun/events.json', 'sendgrid/events.json', 'sendgrid/events.ndjson']) {
      // (SNS envelopes have a `Type` of their own.)
      expect(postmarkBouncesAdapter.detect(await firstRecords(path)).missing).toEqual(expect.arrayContaining(['Email', 'BouncedAt']));
    }
    const sample = await firstRecords('postmark/bounces.json');
    for (const other of [sesEventsAdapter, mailgunEventsAdapter, sendgridEventsAdapter]) expect(other.detect(sample).missing.length).toBeGreaterThan(0);
  });
});
