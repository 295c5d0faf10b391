import type { DeliveryEvent, DropReason, EventType } from '../canonical-records.js';
import type { JsonAdapter, RecordSink, RowOutcome } from '../input-adapter.js';
import { asObject, at, detectByFields, rejectRecord, text, time, type JsonObject } from '../json-fields.js';
import { normaliseEmail, type NormalisedEmail } from '../values/normalise-email.js';

/**
 * Amazon SES event records: event publishing (`eventType`, through Firehose, SNS or a
 * consumer that stores them as JSON lines or an array) and identity feedback notifications
 * (`notificationType`), bare or inside SNS envelopes whose `Message` is the record as a
 * JSON string (also Lambda's `{"Records":[{"Sns":{...}}]}`: the reader unwraps `Records`).
 * Per recipient: Send -> sent; Delivery -> delivered; Bounce -> bounce, or dropped when
 * SES suppressed the address, or deferred for a DSN entry with `action: delayed`;
 * Complaint -> complaint (not `not-spam`); Open/Click -> open/click when the message had
 * one recipient; DeliveryDelay -> deferred; Reject -> dropped (content); Subscription ->
 * unsubscribe when the new preferences opt out; Rendering Failure -> nothing sent.
 */

/** The default `mail.tags` keys that name the campaign, first present wins. */
export const SES_CAMPAIGN_TAGS = ['campaign', 'campaign_name', 'campaign-name', 'Campaign'] as const;

/** Event types (spaces removed, lower case) -> the key of their detail object. */
const DETAIL_KEYS: Readonly<Record<string, string>> = {
  send: 'send',
  delivery: 'delivery',
  bounce: 'bounce',
  complaint: 'complaint',
  reject: 'reject',
  open: 'open',
  click: 'click',
  deliverydelay: 'deliveryDelay',
  subscription: 'subscription',
  renderingfailure: 'failure',
};

const KNOWN_TYPES = 'Send, Delivery, Bounce, Complaint, Reject, Open, Click, DeliveryDelay, Subscription, Rendering Failure';

/** What an SNS envelope (or a Lambda SNS record) held, or why it holds no SES record. */
type Unwrapped = { record: JsonObject } | { ignored: string } | { broken: string };

/**
 * The SES record inside `value`: itself, the parsed `Message` of an SNS envelope, or the
 * `Sns` member of a Lambda event record.
 */
export function unwrapSes(value: unknown): Unwrapped {
  let record = asObject(value);
  if (!record) return { broken: 'not an SES event object' };
  const lambda = asObject(record['Sns']);
  if (lambda && 'Message' in lambda) record = lambda;
  if (!('Message' in record) || 'mail' in record) return { record };
  const type = text(record['Type']);
  if (type !== undefined && type !== 'Notification') return { ignored: `SNS ${type} message (no SES event)` };
  const message = record['Message'];
  if (asObject(message)) return { record: message as JsonObject };
  if (typeof message !== 'string') return { broken: 'the SNS envelope\'s "Message" is not a string' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return { broken: 'the SNS envelope\'s "Message" is not JSON' };
  }
  const inner = asObject(parsed);
  return inner ? { record: inner } : { broken: 'the SNS envelope\'s "Message" is not a JSON object' };
}

/** `Ann <ann@x.io>` -> `ann@x.io`; a plain address is kept. */
function addressOf(value: unknown): string {
  const written = text(value) ?? '';
  const angle = /<([^<>]*)>\s*$/.exec(written);
  return angle ? angle[1]! : written;
}

/** A recipients list: strings (`delivery.recipients`) or `{emailAddress}` objects. */
function recipientList(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((entry) => {
    const object = asObject(entry);
    return object ? object['emailAddress'] : entry;
  });
}

/** SES `Permanent/Suppressed` and `OnAccountSuppressionList`: nothing was attempted. */
function suppressionDrop(subType: string | undefined): DropReason | undefined {
  const sub = (subType ?? '').toLowerCase();
  if (sub === 'suppressed') return 'bounce';
  if (sub === 'onaccountsuppressionlist') return 'suppressed';
  return undefined;
}

/** True when the new topic preferences opt out: all topics, or a topic that was not opted out before. */
function optsOut(subscription: JsonObject | undefined): boolean {
  const fresh = asObject(subscription?.['newTopicPreferences']);
  if (!fresh) return false;
  if (fresh['unsubscribeAll'] === true || text(fresh['unsubscribeAll'])?.toLowerCase() === 'true') return true;
  const statuses = (prefs: JsonObject | undefined): Map<string, string> => {
    const out = new Map<string, string>();
    const list = prefs?.['topicSubscriptionStatus'];
    if (!Array.isArray(list)) return out;
    for (const entry of list) {
      const topic = asObject(entry);
      if (topic) out.set(text(topic['topicName']) ?? '', (text(topic['subscriptionStatus']) ?? '').toLowerCase());
    }
    return out;
  };
  const before = statuses(asObject(subscription?.['oldTopicPreferences']));
  for (const [topic, status] of statuses(fresh)) {
    if (status === 'optout' && before.get(topic) !== 'optout') return true;
  }
  return false;
}

interface Planned {
  email: unknown;
  event: EventType;
  status?: string | undefined;
  diagnostic?: string | undefined;
  dropReason?: DropReason;
  bounce?: { bounceType: string; bounceSubType?: string };
}

export const sesEventsAdapter: JsonAdapter = {
  format: 'ses-events',
  container: 'json',
  title: 'Amazon SES event records (event publishing or SNS notifications)',
  layout: 'event_log',
  campaignFrom: `mail.tags ${SES_CAMPAIGN_TAGS.join(', ')} (first present)`,
  detect(sample) {
    const records = sample.map((value) => {
      const unwrapped = unwrapSes(value);
      return 'record' in unwrapped ? unwrapped.record : value;
    });
    return detectByFields(records, [['eventType', 'notificationType'], ['mail']], ['mail.messageId', 'mail.destination']);
  },
  bind({ file, campaignKey, fallbackCampaign, usedFallbackCampaign }) {
    return (value, line, sink): RowOutcome => {
      const unwrapped = unwrapSes(value);
      if ('broken' in unwrapped) return rejectRecord(sink, file, line, value, unwrapped.broken);
      if ('ignored' in unwrapped) return { ignored: unwrapped.ignored };
      const record = unwrapped.record;
      const typeName = text(record['eventType']) ?? text(record['notificationType']);
      if (typeName === undefined) return rejectRecord(sink, file, line, value, 'no "eventType" or "notificationType"');
      // SES confirms an SNS subscription with a notification of its own.
      if (typeName === 'AmazonSnsSubscriptionSucceeded') return { ignored: 'AmazonSnsSubscriptionSucceeded notification (no SES event)' };
      const type = typeName.toLowerCase().replace(/\s+/g, '');
      const detailKey = Object.hasOwn(DETAIL_KEYS, type) ? DETAIL_KEYS[type] : undefined;
      if (detailKey === undefined) return rejectRecord(sink, file, line, value, `unknown SES event type "${typeName}"; expected one of ${KNOWN_TYPES}`);
      const mail = asObject(record['mail']);
      if (!mail) return rejectRecord(sink, file, line, value, 'no "mail" object');
      const detail = asObject(record[detailKey]);
      const destination = recipientList(mail['destination']) ?? [];
      const reject = (reason: string) => rejectRecord(sink, file, line, value, reason);

      const planned: Planned[] = [];
      switch (type) {
        case 'renderingfailure':
          return { ignored: 'Rendering Failure event (the message was not sent)' };
        case 'send':
          for (const email of destination) planned.push({ email, event: 'sent' });
          break;
        case 'reject':
          // SES refused the message itself (`Bad content`, a virus): nobody was attempted.
          for (const email of destination) planned.push({ email, event: 'dropped', dropReason: 'content' });
          break;
        case 'delivery': {
          const recipients = recipientList(detail?.['recipients']);
          if (!recipients) return reject('a Delivery without "delivery.recipients"');
          for (const email of recipients) planned.push({ email, event: 'delivered' });
          break;
        }
        case 'bounce': {
          const entries = detail?.['bouncedRecipients'];
          if (!Array.isArray(entries)) return reject('a Bounce without "bounce.bouncedRecipients"');
          const bounceType = text(detail?.['bounceType']) ?? 'Undetermined';
          const bounceSubType = text(detail?.['bounceSubType']);
          const dropReason = suppressionDrop(bounceSubType);
          for (const raw of entries) {
            const entry: JsonObject = asObject(raw) ?? { emailAddress: raw };
            const email = entry['emailAddress'];
            const status = text(entry['status']);
            const diagnostic = text(entry['diagnosticCode']);
            if ((text(entry['action']) ?? '').toLowerCase() === 'delayed') {
              // A DSN entry still being retried: no outcome yet.
              planned.push({ email, event: 'deferred', status, diagnostic });
            } else if (dropReason) {
              planned.push({ email, event: 'dropped', dropReason });
            } else {
              planned.push({ email, event: 'bounce', status, diagnostic, bounce: { bounceType, ...(bounceSubType ? { bounceSubType } : {}) } });
            }
          }
          break;
        }
        case 'complaint': {
          const recipients = recipientList(detail?.['complainedRecipients']);
          if (!recipients) return reject('a Complaint without "complaint.complainedRecipients"');
          if ((text(detail?.['complaintFeedbackType']) ?? '').toLowerCase() === 'not-spam') {
            return { ignored: 'Complaint with feedback type not-spam (not a complaint)' };
          }
          // complaintSubType OnAccountSuppressionList: SES did not send, the address was listed for complaints.
          const listed = (text(detail?.['complaintSubType']) ?? '').toLowerCase() === 'onaccountsuppressionlist';
          for (const email of recipients) planned.push(listed ? { email, event: 'dropped', dropReason: 'complaint' } : { email, event: 'complaint' });
          break;
        }
        case 'deliverydelay': {
          const entries = detail?.['delayedRecipients'];
          if (!Array.isArray(entries)) return reject('a DeliveryDelay without "deliveryDelay.delayedRecipients"');
          for (const raw of entries) {
            const entry: JsonObject = asObject(raw) ?? { emailAddress: raw };
            planned.push({ email: entry['emailAddress'], event: 'deferred', status: text(entry['status']), diagnostic: text(entry['diagnosticCode']) });
          }
          break;
        }
        case 'open':
        case 'click':
        case 'subscription': {
          // These records name no recipient: only a message to one address can be attributed.
          if (destination.length > 1) return { ignored: `${typeName} on a message to several recipients (cannot be attributed)` };
          if (destination.length === 0) return reject(`${typeName} without a recipient in "mail.destination"`);
          if (type === 'subscription') {
            if (!optsOut(detail)) return { ignored: 'Subscription change without an opt-out' };
            planned.push({ email: destination[0], event: 'unsubscribe' });
          } else {
            planned.push({ email: destination[0], event: type });
          }
          break;
        }
      }
      if (planned.length === 0) return reject(type === 'send' || type === 'reject' ? 'no recipients in "mail.destination"' : 'no recipients');

      const when = time(detail?.['timestamp']) ?? time(mail['timestamp']);
      if (when === undefined || Number.isNaN(when)) {
        return reject(`no usable timestamp: ${JSON.stringify(detail?.['timestamp'] ?? mail['timestamp'] ?? null)} is not a date-time`);
      }
      const addresses: NormalisedEmail[] = [];
      for (const p of planned) {
        const email = normaliseEmail(addressOf(p.email));
        if (!email) return reject(`recipient is not an email address: ${JSON.stringify(p.email ?? null)}`);
        addresses.push(email);
      }
      const campaign = campaignOf(mail, record, campaignKey) ?? (usedFallbackCampaign(), fallbackCampaign);
      planned.forEach((p, i) => emit(sink, file, campaign, addresses[i]!, when, p));
      return 'used';
    };
  },
};

function campaignOf(mail: JsonObject, record: JsonObject, campaignKey: string | undefined): string | undefined {
  const tags = asObject(mail['tags']);
  if (campaignKey) return text(at(tags, campaignKey)) ?? text(at(record, campaignKey));
  for (const key of SES_CAMPAIGN_TAGS) {
    const name = text(tags?.[key]);
    if (name) return name;
  }
  return undefined;
}

function emit(sink: RecordSink, file: string, campaign: string, email: NormalisedEmail, at: number, p: Planned): void {
  const out: DeliveryEvent = { campaign, email: email.email, emailKey: email.key, event: p.event, at };
  if (p.status) out.status = p.status;
  if (p.diagnostic) out.diagnostic = p.diagnostic;
  if (p.dropReason) out.dropReason = p.dropReason;
  if (p.bounce) out.platformBounce = { platform: 'ses', ...p.bounce };
  sink.addEvent(out, file);
}
