import type { DeliveryEvent, DropReason, EventType } from '../canonical-records.js';
import type { JsonAdapter } from '../input-adapter.js';
import { asObject, at, detectByFields, rejectRecord, text, time, type JsonObject } from '../json-fields.js';
import { normaliseEmail } from '../values/normalise-email.js';

/** Mailgun event names -> deliv's events (`failed` is decided by reason and severity; null: nothing to count). */
const EVENTS: Readonly<Record<string, EventType | null>> = {
  accepted: 'sent',
  delivered: 'delivered',
  failed: 'bounce',
  opened: 'open',
  clicked: 'click',
  complained: 'complaint',
  unsubscribed: 'unsubscribe',
  rejected: 'dropped',
  stored: null,
};

/** `failed` with a `suppress-*` reason: Mailgun did not attempt the address, because of its list. */
function suppressionDrop(reason: string): DropReason | undefined {
  if (!reason.startsWith('suppress-')) return undefined;
  if (reason === 'suppress-bounce') return 'bounce';
  if (reason === 'suppress-unsubscribe') return 'unsubscribe';
  if (reason === 'suppress-complaint') return 'complaint';
  return 'suppressed';
}

/** The event itself: a webhook body wraps it in `event-data` next to its `signature`. */
export function unwrapMailgun(value: unknown): JsonObject | undefined {
  const record = asObject(value);
  return asObject(record?.['event-data']) ?? record;
}

/** `554 5.1.1` from `code` 554 and `enhanced-code` 5.1.1 (either alone when the other is missing). */
function smtpStatus(status: JsonObject | undefined): string | undefined {
  const code = text(status?.['code']);
  const reply = code !== undefined && /^[245]\d\d$/.test(code) ? code : undefined;
  const enhanced = text(status?.['enhanced-code']);
  if (reply && enhanced) return `${reply} ${enhanced}`;
  return reply ?? enhanced;
}

/**
 * Mailgun events: an Events API page `{"items":[...],"paging":{...}}` (the reader unwraps
 * `items`), webhook bodies `{"signature":{...},"event-data":{...}}`, or bare events, one
 * recipient each. `failed` is a dropped send for a `suppress-*` reason, a deferral when
 * `temporary`, else a bounce for the classifier. Campaign: --campaign-key (a
 * `user-variables` key or a field), else the first of `tags`, else `campaigns[0]`, else
 * the file name.
 */
export const mailgunEventsAdapter: JsonAdapter = {
  format: 'mailgun-events',
  container: 'json',
  title: 'Mailgun events (Events API or webhooks)',
  layout: 'event_log',
  campaignFrom: 'tags (the first), else campaigns[0].name',
  detect: (sample) =>
    detectByFields(sample.map((value) => unwrapMailgun(value) ?? value), [['event'], ['timestamp'], ['recipient']], ['id', 'log-level', 'delivery-status', 'user-variables', 'envelope']),
  bind({ file, campaignKey, fallbackCampaign, usedFallbackCampaign }) {
    return (value, line, sink) => {
      const record = unwrapMailgun(value);
      if (!record) return rejectRecord(sink, file, line, value, 'not a Mailgun event object');
      const name = (text(record['event']) ?? '').toLowerCase();
      if (!Object.hasOwn(EVENTS, name)) return rejectRecord(sink, file, line, value, `unknown Mailgun event "${name}"; expected one of ${Object.keys(EVENTS).join(', ')}`);
      let event = EVENTS[name];
      if (event === null || event === undefined) return { ignored: `${name} event (an inbound message, not a send)` };
      if (event === 'dropped' && record['recipient'] === undefined) return { ignored: 'rejected event naming no recipient' };

      const reasonText = text(record['reason']);
      const reason = (reasonText ?? '').toLowerCase();
      const severity = (text(record['severity']) ?? '').toLowerCase();
      let dropReason: DropReason | undefined = event === 'dropped' ? 'other' : undefined;
      if (name === 'failed') {
        dropReason = suppressionDrop(reason);
        if (dropReason) event = 'dropped';
        else if (severity === 'temporary') event = 'deferred';
        else if (severity !== 'permanent') {
          return rejectRecord(sink, file, line, value, `a failed event needs "severity" permanent or temporary, found ${JSON.stringify(record['severity'] ?? null)}`);
        }
      }

      const email = normaliseEmail(text(record['recipient']) ?? '');
      if (!email) return rejectRecord(sink, file, line, value, `"recipient" is not an email address: ${JSON.stringify(record['recipient'] ?? null)}`);
      const when = time(record['timestamp']);
      if (when === undefined || Number.isNaN(when)) {
        return rejectRecord(sink, file, line, value, `"timestamp" is not epoch seconds: ${JSON.stringify(record['timestamp'] ?? null)}`);
      }
      let campaign = campaignKey ? (text(at(asObject(record['user-variables']), campaignKey)) ?? text(at(record, campaignKey))) : defaultCampaign(record);
      if (!campaign) {
        campaign = fallbackCampaign;
        usedFallbackCampaign();
      }
      const out: DeliveryEvent = { campaign, email: email.email, emailKey: email.key, event, at: when };
      if (dropReason) out.dropReason = dropReason;
      if (event === 'bounce' || event === 'deferred') {
        const status = asObject(record['delivery-status']);
        const code = smtpStatus(status);
        if (code) out.status = code;
        const diagnostic = text(status?.['message']) ?? text(status?.['description']);
        if (diagnostic) out.diagnostic = diagnostic;
        if (event === 'bounce') out.platformBounce = { platform: 'mailgun', severity, ...(reasonText ? { reason: reasonText } : {}) };
      }
      sink.addEvent(out, file);
      return 'used';
    };
  },
};

function defaultCampaign(record: JsonObject): string | undefined {
  const tag = text(record['tags']);
  if (tag) return tag;
  const campaigns = record['campaigns'];
  const first = Array.isArray(campaigns) ? campaigns[0] : undefined;
  const object = asObject(first);
  return object ? (text(object['name']) ?? text(object['id'])) : text(first);
}
