import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../canonical-records.js';
import type { ReadSettings, RowOutcome } from '../input-adapter.js';
import { readJsonRecords } from '../json/read-json-records.js';
import { mailgunEventsAdapter } from '../mailgun/events.js';
import { postmarkBouncesAdapter } from '../postmark/bounces.js';
import { sendgridEventsAdapter } from '../sendgrid/events.js';
import { sesEventsAdapter } from './events.js';
import { jsonAdapterReader } from '../testing/recording-sink.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/vendors');

const reader = (settings: Partial<ReadSettings> = {}) => jsonAdapterReader(sesEventsAdapter, 'ses.jsonl', 7, settings);

const MAIL_TS = '2026-11-10T15:00:01.120Z';
const MAIL_MS = Date.parse(MAIL_TS);

function mail(destination: string[], tags: Record<string, string[]> | undefined = { campaign: ['November Digest'], 'ses:configuration-set': ['larkspur'] }) {
  return { timestamp: MAIL_TS, source: 'news@larkspur.example.com', messageId: '0100-abc', destination, ...(tags ? { tags } : {}) };
}

function ses(eventType: string, destination: string[], detail: Record<string, unknown>, tags?: Record<string, string[]>) {
  return { eventType, mail: mail(destination, tags), ...detail };
}

const ev = (email: string, event: DeliveryEvent['event'], at: number, extra: Partial<DeliveryEvent> = {}): DeliveryEvent => ({
  campaign: 'November Digest',
  email,
  emailKey: email.toLowerCase(),
  event,
  at,
  ...extra,
});

describe('ses-events: event publishing records', () => {
  it('Send: one sent event per destination, at the mail timestamp', () => {
    const { map, sink } = reader();
    expect(map(ses('Send', ['a@example.com', 'B@Example.com', 'c@example.com'], { send: {} }))).toBe('used');
    expect(sink.events).toEqual([ev('a@example.com', 'sent', MAIL_MS), ev('B@Example.com', 'sent', MAIL_MS), ev('c@example.com', 'sent', MAIL_MS)]);
  });

  it('Delivery: delivered for delivery.recipients (strings), not for every destination', () => {
    const { map, sink } = reader();
    const record = ses('Delivery', ['ops@example.com', 'fin@example.com', 'sales@example.com'], {
      delivery: { timestamp: '2026-11-10T15:00:02.770Z', recipients: ['ops@example.com', 'fin@example.com'], smtpResponse: '250 ok' },
    });
    expect(map(record)).toBe('used');
    const at = Date.parse('2026-11-10T15:00:02.770Z');
    expect(sink.events).toEqual([ev('ops@example.com', 'delivered', at), ev('fin@example.com', 'delivered', at)]);
  });

  it('Bounce Permanent/General: a bounce with status, diagnostic and the SES type, for the classifier', () => {
    const { map, sink } = reader();
    const record = ses('Bounce', ['ops@example.com', 'sales@example.com'], {
      bounce: {
        feedbackId: 'f1',
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'sales@example.com', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 User unknown' }],
        timestamp: '2026-11-10T15:00:02.801Z',
      },
    });
    expect(map(record)).toBe('used');
    expect(sink.events).toEqual([
      ev('sales@example.com', 'bounce', Date.parse('2026-11-10T15:00:02.801Z'), {
        status: '5.1.1',
        diagnostic: 'smtp; 550 5.1.1 User unknown',
        platformBounce: { platform: 'ses', bounceType: 'Permanent', bounceSubType: 'General' },
      }),
    ]);
  });

  it('Bounce without a DSN: only the SES type', () => {
    const { map, sink } = reader();
    map(ses('Bounce', ['x@example.com'], { bounce: { bounceType: 'Undetermined', bouncedRecipients: [{ emailAddress: 'x@example.com' }], timestamp: MAIL_TS } }));
    expect(sink.events).toEqual([ev('x@example.com', 'bounce', MAIL_MS, { platformBounce: { platform: 'ses', bounceType: 'Undetermined' } })]);
  });

  it('Bounce Permanent/Suppressed: dropped (bounce list); OnAccountSuppressionList: dropped (suppressed); neither is a bounce', () => {
    const { map, sink } = reader();
    const at = Date.parse('2026-11-10T15:00:01.642Z');
    const suppressed = (sub: string, email: string) =>
      ses('Bounce', [email], {
        bounce: { bounceType: 'Permanent', bounceSubType: sub, bouncedRecipients: [{ emailAddress: email, action: 'failed', status: '5.1.1', diagnosticCode: 'Amazon SES has suppressed sending' }], timestamp: '2026-11-10T15:00:01.642Z' },
      });
    expect(map(suppressed('Suppressed', 'priya@example.com'))).toBe('used');
    expect(map(suppressed('OnAccountSuppressionList', 'noor@example.com'))).toBe('used');
    expect(sink.events).toEqual([ev('priya@example.com', 'dropped', at, { dropReason: 'bounce' }), ev('noor@example.com', 'dropped', at, { dropReason: 'suppressed' })]);
  });

  it('an entry with action "delayed" inside a Permanent bounce is a deferral; the failed entry beside it a bounce', () => {
    const { map, sink } = reader();
    const record = ses('Bounce', ['old@example.net', 'slow@example.org'], {
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [
          { status: '5.0.0', action: 'failed', diagnosticCode: 'smtp; 550 user unknown', emailAddress: 'old@example.net' },
          { status: '4.0.0', action: 'delayed', emailAddress: 'slow@example.org' },
        ],
        timestamp: '2026-11-06T09:30:05.604Z',
      },
    });
    expect(map(record)).toBe('used');
    const at = Date.parse('2026-11-06T09:30:05.604Z');
    expect(sink.events).toEqual([
      ev('old@example.net', 'bounce', at, { status: '5.0.0', diagnostic: 'smtp; 550 user unknown', platformBounce: { platform: 'ses', bounceType: 'Permanent', bounceSubType: 'General' } }),
      ev('slow@example.org', 'deferred', at, { status: '4.0.0' }),
    ]);
  });

  it('Complaint: one complaint per complained recipient; feedback type absent still counts', () => {
    const { map, sink } = reader();
    const at = Date.parse('2026-11-10T21:14:09.000Z');
    const record = ses('Complaint', ['a@example.com', 'b@example.com'], {
      complaint: { feedbackId: 'c1', complainedRecipients: [{ emailAddress: 'a@example.com' }, { emailAddress: 'b@example.com' }], timestamp: '2026-11-10T21:14:09.000Z', complaintFeedbackType: 'abuse' },
    });
    expect(map(record)).toBe('used');
    expect(map(ses('Complaint', ['e@example.com'], { complaint: { complainedRecipients: [{ emailAddress: 'e@example.com' }], timestamp: '2026-11-10T21:14:09.000Z' } }))).toBe('used');
    expect(sink.events).toEqual([ev('a@example.com', 'complaint', at), ev('b@example.com', 'complaint', at), ev('e@example.com', 'complaint', at)]);
  });

  it('Complaint with feedback type not-spam is ignored', () => {
    const { map, sink } = reader();
    const record = ses('Complaint', ['ivan@example.com'], {
      complaint: { complainedRecipients: [{ emailAddress: 'ivan@example.com' }], timestamp: '2026-11-11T08:40:00.000Z', complaintFeedbackType: 'not-spam' },
    });
    expect(map(record)).toEqual({ ignored: 'Complaint with feedback type not-spam (not a complaint)' });
    expect(sink.events).toEqual([]);
  });

  it('Complaint with complaintSubType OnAccountSuppressionList: not sent, dropped for a complaint', () => {
    const { map, sink } = reader();
    map(ses('Complaint', ['k@example.com'], { complaint: { complaintSubType: 'OnAccountSuppressionList', complainedRecipients: [{ emailAddress: 'k@example.com' }], timestamp: MAIL_TS } }));
    expect(sink.events).toEqual([ev('k@example.com', 'dropped', MAIL_MS, { dropReason: 'complaint' })]);
  });

  it('Open and Click on a one-recipient message: attributed to it, at the inner timestamp', () => {
    const { map, sink } = reader();
    expect(map(ses('Open', ['lin@example.com'], { open: { ipAddress: '203.0.113.51', timestamp: '2026-11-10T16:22:10.000Z', userAgent: 'x' } }))).toBe('used');
    expect(map(ses('Click', ['lin@example.com'], { click: { link: 'https://x.example', timestamp: '2026-11-10T16:22:40.000Z' } }))).toBe('used');
    expect(sink.events).toEqual([ev('lin@example.com', 'open', Date.parse('2026-11-10T16:22:10.000Z')), ev('lin@example.com', 'click', Date.parse('2026-11-10T16:22:40.000Z'))]);
  });

  it('Open and Click on a message to several recipients cannot be attributed', () => {
    const { map, sink } = reader();
    expect(map(ses('Open', ['a@example.com', 'b@example.com'], { open: { timestamp: MAIL_TS } }))).toEqual({ ignored: 'Open on a message to several recipients (cannot be attributed)' });
    expect(map(ses('Click', ['a@example.com', 'b@example.com'], { click: { timestamp: MAIL_TS } }))).toEqual({ ignored: 'Click on a message to several recipients (cannot be attributed)' });
    expect(sink.events).toEqual([]);
  });

  it('DeliveryDelay: a deferral per delayed recipient, never a bounce', () => {
    const { map, sink } = reader();
    const record = ses('DeliveryDelay', ['chen@example.org', 'x@example.org'], {
      deliveryDelay: {
        timestamp: '2026-11-10T15:10:02.115Z',
        delayType: 'MailboxFull',
        delayedRecipients: [{ emailAddress: 'chen@example.org', status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 Mailbox full' }],
      },
    });
    expect(map(record)).toBe('used');
    expect(sink.events).toEqual([ev('chen@example.org', 'deferred', Date.parse('2026-11-10T15:10:02.115Z'), { status: '4.2.2', diagnostic: 'smtp; 452 4.2.2 Mailbox full' })]);
  });

  it('Reject: every destination dropped for its content', () => {
    const { map, sink } = reader();
    expect(map(ses('Reject', ['zoe@example.com', 'yan@example.com'], { reject: { reason: 'Bad content' } }))).toBe('used');
    expect(sink.events).toEqual([ev('zoe@example.com', 'dropped', MAIL_MS, { dropReason: 'content' }), ev('yan@example.com', 'dropped', MAIL_MS, { dropReason: 'content' })]);
  });

  describe('Subscription', () => {
    const sub = (newPrefs: unknown, oldPrefs?: unknown) =>
      ses('Subscription', ['mateo@example.com'], {
        subscription: { contactList: 'news', timestamp: '2026-11-12T07:45:12.000Z', source: 'UnsubscribeHeader', newTopicPreferences: newPrefs, ...(oldPrefs ? { oldTopicPreferences: oldPrefs } : {}) },
      });
    const at = Date.parse('2026-11-12T07:45:12.000Z');

    it('unsubscribeAll true: an unsubscribe of mail.destination', () => {
      const { map, sink } = reader();
      expect(map(sub({ unsubscribeAll: true, topicSubscriptionStatus: [] }))).toBe('used');
      expect(sink.events).toEqual([ev('mateo@example.com', 'unsubscribe', at)]);
    });

    it('a topic moving from OptIn to OptOut: an unsubscribe', () => {
      const { map, sink } = reader();
      const record = sub(
        { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'digest', subscriptionStatus: 'OptOut' }, { topicName: 'offers', subscriptionStatus: 'OptIn' }] },
        { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'digest', subscriptionStatus: 'OptIn' }, { topicName: 'offers', subscriptionStatus: 'OptIn' }] },
      );
      expect(map(record)).toBe('used');
      expect(sink.events).toEqual([ev('mateo@example.com', 'unsubscribe', at)]);
    });

    it('opting in, or keeping an old opt-out while opting in elsewhere: ignored', () => {
      const { map, sink } = reader();
      const optIn = sub(
        { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'digest', subscriptionStatus: 'OptIn' }] },
        { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'digest', subscriptionStatus: 'OptOut' }] },
      );
      const keep = sub(
        { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'digest', subscriptionStatus: 'OptOut' }, { topicName: 'offers', subscriptionStatus: 'OptIn' }] },
        { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'digest', subscriptionStatus: 'OptOut' }, { topicName: 'offers', subscriptionStatus: 'OptOut' }] },
      );
      expect(map(optIn)).toEqual({ ignored: 'Subscription change without an opt-out' });
      expect(map(keep)).toEqual({ ignored: 'Subscription change without an opt-out' });
      expect(sink.events).toEqual([]);
    });
  });

  it('Rendering Failure (with its space) is ignored: nothing was sent', () => {
    const { map, sink } = reader();
    expect(map(ses('Rendering Failure', ['omar@example.com'], { failure: { errorMessage: 'x', templateName: 't' } }))).toEqual({ ignored: 'Rendering Failure event (the message was not sent)' });
    expect(sink.events).toEqual([]);
  });

  it('keeps the address of a "Name <address>" destination', () => {
    const { map, sink } = reader();
    map(ses('Send', ['Lin W <lin.w@example.com>'], { send: {} }));
    expect(sink.events).toEqual([ev('lin.w@example.com', 'sent', MAIL_MS)]);
  });
});

describe('ses-events: SNS envelopes and identity notifications', () => {
  const notification = {
    notificationType: 'Delivery',
    mail: { timestamp: '2026-11-05T14:05:45 +0000', messageId: 'm1', destination: ['hana@example.com'] },
    delivery: { recipients: ['hana@example.com'], smtpResponse: '250 ok' },
  };
  const envelope = (message: unknown, type = 'Notification') => ({ Type: type, MessageId: 'sns-1', TopicArn: 'arn:aws:sns:eu-west-1:1:t', Message: message, Timestamp: '2026-11-05T14:05:47.402Z' });

  it('unwraps Message (a JSON string) and reads notificationType; AWS\'s "+0000" timestamp form parses', () => {
    const { map, sink, fallbacks } = reader();
    expect(map(envelope(JSON.stringify(notification)))).toBe('used');
    expect(sink.events).toEqual([{ campaign: 'ses', email: 'hana@example.com', emailKey: 'hana@example.com', event: 'delivered', at: Date.parse('2026-11-05T14:05:45Z') }]);
    // Identity notifications carry no tags: the file name names the campaign.
    expect(fallbacks()).toBe(1);
  });

  it('rejects an envelope whose Message is not JSON, cleanly', () => {
    const { map, sink } = reader();
    const value = envelope('{"notificationType": "Bounce", oops');
    expect(map(value)).toBe('rejected');
    expect(sink.rejects).toEqual([{ file: 'ses.jsonl', line: 7, reason: 'the SNS envelope\'s "Message" is not JSON', fields: [JSON.stringify(value)] }]);
    expect(sink.events).toEqual([]);
  });

  it('ignores SNS subscription confirmations and the SES subscription-succeeded notice', () => {
    const { map } = reader();
    expect(map(envelope('You have chosen to subscribe to the topic ...', 'SubscriptionConfirmation'))).toEqual({ ignored: 'SNS SubscriptionConfirmation message (no SES event)' });
    expect(map(envelope(JSON.stringify({ notificationType: 'AmazonSnsSubscriptionSucceeded', message: 'You have successfully subscribed' })))).toEqual({
      ignored: 'AmazonSnsSubscriptionSucceeded notification (no SES event)',
    });
  });

  it('reads the Sns member of a Lambda event record', () => {
    const { map, sink } = reader();
    expect(map({ EventSource: 'aws:sns', Sns: envelope(JSON.stringify(notification)) })).toBe('used');
    expect(sink.events.map((e) => [e.email, e.event])).toEqual([['hana@example.com', 'delivered']]);
  });
});

describe('ses-events: campaign', () => {
  it('default tags in order campaign, campaign_name, campaign-name, Campaign; never the configuration set', () => {
    const { map, sink, fallbacks } = reader();
    map(ses('Send', ['a@example.com'], { send: {} }, { campaign_name: ['From campaign_name'], Campaign: ['From Campaign'] }));
    map(ses('Send', ['a@example.com'], { send: {} }, { 'campaign-name': ['From campaign-name'], Campaign: ['From Campaign'] }));
    map(ses('Send', ['a@example.com'], { send: {} }, { Campaign: ['From Campaign'] }));
    map(ses('Send', ['a@example.com'], { send: {} }, { 'ses:configuration-set': ['larkspur-marketing'] }));
    expect(sink.events.map((e) => e.campaign)).toEqual(['From campaign_name', 'From campaign-name', 'From Campaign', 'ses']);
    expect(fallbacks()).toBe(1);
  });

  it('--campaign-key names a mail.tags key (first value), else the file name', () => {
    const { map, sink, fallbacks } = reader({ campaignKey: 'ses:configuration-set' });
    map(ses('Send', ['a@example.com'], { send: {} }, { campaign: ['Digest'], 'ses:configuration-set': ['larkspur-marketing', 'second'] }));
    map(ses('Send', ['a@example.com'], { send: {} }, { campaign: ['Digest'] }));
    expect(sink.events.map((e) => e.campaign)).toEqual(['larkspur-marketing', 'ses']);
    expect(fallbacks()).toBe(1);
  });

  it('--campaign-key may also be a path in the record', () => {
    const { map, sink } = reader({ campaignKey: 'mail.source' });
    map(ses('Send', ['a@example.com'], { send: {} }));
    expect(sink.events.map((e) => e.campaign)).toEqual(['news@larkspur.example.com']);
  });
});

describe('ses-events: broken records are rejected with a reason', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', [1, 2], 'not an SES event object'],
    ['no event type', { mail: mail(['a@example.com']) }, 'no "eventType" or "notificationType"'],
    ['unknown type', ses('Bounced', ['a@example.com'], {}), 'unknown SES event type "Bounced"; expected one of Send, Delivery, Bounce, Complaint, Reject, Open, Click, DeliveryDelay, Subscription, Rendering Failure'],
    ['no mail', { eventType: 'Send', send: {} }, 'no "mail" object'],
    ['no recipients', ses('Send', [], { send: {} }), 'no recipients in "mail.destination"'],
    ['bad recipient', ses('Delivery', ['a@example.com'], { delivery: { timestamp: MAIL_TS, recipients: ['a@example.com', 'not an address'] } }), 'recipient is not an email address: "not an address"'],
    ['no bouncedRecipients', ses('Bounce', ['a@example.com'], { bounce: { bounceType: 'Permanent', timestamp: MAIL_TS } }), 'a Bounce without "bounce.bouncedRecipients"'],
    ['bad timestamp', ses('Open', ['a@example.com'], { open: { timestamp: 'yesterday' } }), 'no usable timestamp: "yesterday" is not a date-time'],
  ];
  it.each(cases)('%s', (_, value, reason) => {
    const { map, sink } = reader();
    expect(map(value)).toBe('rejected');
    expect(sink.rejects.map((r) => r.reason)).toEqual([reason]);
    // A record is used whole or not at all: no event from a partly broken record.
    expect(sink.events).toEqual([]);
  });
});

async function firstRecords(path: string): Promise<unknown[]> {
  const values: unknown[] = [];
  await readJsonRecords(join(FIXTURES, path), { first: (records) => void values.push(...records.map((r) => r.value)), record: () => undefined });
  return values;
}

describe('ses-events: a Firehose object (records written back to back, `}{`)', () => {
  it('is read record by record', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'deliv-ses-')), 'firehose-object');
    writeFileSync(path, JSON.stringify(ses('Send', ['a@example.com'], { send: {} })) + JSON.stringify(ses('Delivery', ['a@example.com'], { delivery: { timestamp: MAIL_TS, recipients: ['a@example.com'] } })));
    const { map, sink } = reader();
    const outcomes: RowOutcome[] = [];
    const stats = await readJsonRecords(path, { record: (r) => void outcomes.push(map(r.value)) });
    expect(stats.shape).toBe('concatenated');
    expect(outcomes).toEqual(['used', 'used']);
    expect(sink.events).toEqual([ev('a@example.com', 'sent', MAIL_MS), ev('a@example.com', 'delivered', MAIL_MS)]);
  });
});

describe('ses-events: detection', () => {
  it('recognises both SES samples (event publishing lines and SNS envelopes)', async () => {
    for (const path of ['ses/events.jsonl', 'ses/sns-notifications.json']) {
      expect(sesEventsAdapter.detect(await firstRecords(path))).toEqual({ missing: [], matched: 4 });
    }
  });

  it("does not take the other vendors' samples, and they do not take SES's", async () => {
    for (const path of ['postmark/bounces.json', 'mailgun/events.json', 'sendgrid/events.json', 'sendgrid/events.ndjson']) {
      expect(sesEventsAdapter.detect(await firstRecords(path)).missing).toEqual(['eventType or notificationType', 'mail']);
    }
    for (const path of ['ses/events.jsonl', 'ses/sns-notifications.json']) {
      const sample = await firstRecords(path);
      for (const other of [postmarkBouncesAdapter, mailgunEventsAdapter, sendgridEventsAdapter]) expect(other.detect(sample).missing.length).toBeGreaterThan(0);
    }
  });
});
