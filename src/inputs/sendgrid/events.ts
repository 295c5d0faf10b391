import type { DeliveryEvent, DropReason, EventType } from '../canonical-records.js';
import type { JsonAdapter } from '../input-adapter.js';
import { asObject, at, detectByFields, rejectRecord, text, time } from '../json-fields.js';
import { normaliseEmail } from '../values/normalise-email.js';

/** SendGrid Event Webhook event names -> deliv's events (null: understood, nothing to count). */
const EVENTS: Readonly<Record<string, EventType | null>> = {
  processed: 'sent',
  delivered: 'delivered',
  deferred: 'deferred',
  bounce: 'bounce',
  dropped: 'dropped',
  open: 'open',
  click: 'click',
  spamreport: 'complaint',
  unsubscribe: 'unsubscribe',
  // Opting out of one unsubscribe group still opts the contact out of this kind of mail.
  group_unsubscribe: 'unsubscribe',
  group_resubscribe: null,
};

/** SendGrid's documented `dropped` reasons -> why deliv suppresses (or not). */
function dropReason(reason: string | undefined): DropReason {
  const r = (reason ?? '').toLowerCase();
  if (r.includes('bounced')) return 'bounce';
  if (r.includes('unsubscribed')) return 'unsubscribe';
  if (r.includes('spam reporting')) return 'complaint';
  if (r.startsWith('invalid') && !r.includes('smtpapi')) return 'invalid';
  if (r.includes('spam content')) return 'content';
  return 'other';
}

/**
 * SendGrid Event Webhook dumps (a JSON array per POST, JSON lines, or both). Campaign:
 * --campaign-key, else `marketing_campaign_name`, else `category` (first if a list),
 * else the file name.
 */
export const sendgridEventsAdapter: JsonAdapter = {
  format: 'sendgrid-events',
  container: 'json',
  title: 'SendGrid event webhook dump',
  layout: 'event_log',
  campaignFrom: 'marketing_campaign_name, else category',
  detect: (sample) => detectByFields(sample, [['email'], ['event'], ['timestamp'], ['sg_event_id', 'sg_message_id', 'smtp-id']], ['category', 'sg_event_id']),
  bind({ file, campaignKey, fallbackCampaign, usedFallbackCampaign }) {
    return (value, line, sink) => {
      const record = asObject(value);
      if (!record) return rejectRecord(sink, file, line, value, 'not a SendGrid event object');
      const name = (text(record['event']) ?? '').toLowerCase();
      if (!Object.hasOwn(EVENTS, name)) return rejectRecord(sink, file, line, value, `unknown SendGrid event "${name}"; expected one of ${Object.keys(EVENTS).join(', ')}`);
      const event = EVENTS[name];
      if (event === null || event === undefined) return { ignored: `${name} event` };
      const email = normaliseEmail(text(record['email']) ?? '');
      if (!email) {
        return rejectRecord(sink, file, line, value, record['email'] === undefined ? 'no "email" field' : `"email" is not an email address: ${JSON.stringify(record['email'])}`);
      }
      const when = time(record['timestamp']);
      if (when === undefined || Number.isNaN(when)) return rejectRecord(sink, file, line, value, `"timestamp" is not epoch seconds: ${JSON.stringify(record['timestamp'])}`);
      let campaign = campaignKey ? text(at(record, campaignKey)) : (text(record['marketing_campaign_name']) ?? text(record['category']));
      if (!campaign) {
        campaign = fallbackCampaign;
        usedFallbackCampaign();
      }
      const out: DeliveryEvent = { campaign, email: email.email, emailKey: email.key, event, at: when };
      const reason = text(record['reason']);
      if (event === 'bounce' || event === 'deferred') {
        const status = text(record['status']);
        if (status) out.status = status;
        const diagnostic = reason ?? text(record['response']);
        if (diagnostic) out.diagnostic = diagnostic;
        if (event === 'bounce') {
          const classification = text(record['bounce_classification']);
          out.platformBounce = { platform: 'sendgrid', type: text(record['type']) ?? 'bounce', ...(classification ? { bounceClassification: classification } : {}) };
        }
      }
      if (event === 'dropped') out.dropReason = dropReason(reason);
      sink.addEvent(out, file);
      return 'used';
    };
  },
};
