import type { DeliveryEvent, PlatformBounceType } from '../canonical-records.js';
import type { JsonAdapter } from '../input-adapter.js';
import { asObject, at, detectByFields, rejectRecord, text, time, type JsonObject } from '../json-fields.js';
import { normaliseEmail } from '../values/normalise-email.js';

/** Postmark bounce types by TypeCode (Bounce API; `TemplateRenderingFailed` from postmark@4 typings). */
export const POSTMARK_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'HardBounce',
  2: 'Transient',
  16: 'Unsubscribe',
  32: 'Subscribe',
  64: 'AutoResponder',
  128: 'AddressChange',
  256: 'DnsError',
  512: 'SpamNotification',
  1024: 'OpenRelayTest',
  2048: 'Unknown',
  4096: 'SoftBounce',
  8192: 'VirusNotification',
  16384: 'ChallengeVerification',
  100000: 'BadEmailAddress',
  100001: 'SpamComplaint',
  100002: 'ManuallyDeactivated',
  100003: 'Unconfirmed',
  100006: 'Blocked',
  100007: 'SMTPApiError',
  100008: 'InboundError',
  100009: 'DMARCPolicy',
  100010: 'TemplateRenderingFailed',
};

/** Types that are no event of the recipient's mailbox: understood, nothing to count. */
const NOT_RECIPIENT_EVENTS: Readonly<Record<string, string>> = {
  subscribe: 'a subscribe request, not a delivery failure',
  autoresponder: 'an automatic reply, not a delivery failure',
  addresschange: "the recipient's notice of a new address, not a delivery failure",
  openrelaytest: 'an open-relay test, not a delivery failure',
  challengeverification: 'a challenge-response request, not a delivery failure',
  inbounderror: 'an inbound processing error, not outbound mail',
  smtpapierror: "a sender-side SMTP API error, not a recipient event",
  templaterenderingfailed: 'the template could not be rendered, nothing was sent',
};

const norm = (value: string): string => value.toLowerCase().replace(/[\s_-]+/g, '');

/** The type's code and name: the TypeCode decides when Postmark knows it, else the Type. */
function resolveType(record: JsonObject): { code?: number; name?: string } {
  const codeText = text(record['TypeCode']);
  const code = codeText !== undefined && /^\d+$/.test(codeText) ? Number(codeText) : undefined;
  const written = text(record['Type']);
  const byCode = code !== undefined ? POSTMARK_TYPE_NAMES[code] : undefined;
  if (byCode) return { code, name: byCode };
  if (written !== undefined) {
    const entry = Object.entries(POSTMARK_TYPE_NAMES).find(([, name]) => norm(name) === norm(written));
    if (entry) return { code: code ?? Number(entry[0]), name: entry[1] };
  }
  return { ...(code !== undefined ? { code } : {}), ...(written !== undefined ? { name: written } : {}) };
}

/**
 * Postmark bounces: a Bounces API answer `{"TotalCount":N,"Bounces":[...]}` (the reader
 * unwraps `Bounces`) or bounce and spam-complaint webhook records. A bounce dump holds no
 * sends, so its campaigns get counts, not rates. Campaign: --campaign-key (a field or a
 * `Metadata` key), else `Tag`, else the file name.
 */
export const postmarkBouncesAdapter: JsonAdapter = {
  format: 'postmark-bounces',
  container: 'json',
  title: 'Postmark bounces (API or webhook)',
  layout: 'event_log',
  bouncesOnly: true,
  campaignFrom: 'Tag',
  detect: (sample) => detectByFields(sample, [['Email'], ['BouncedAt'], ['TypeCode', 'Type']], ['ID', 'RecordType', 'MessageStream', 'Details']),
  bind({ file, campaignKey, fallbackCampaign, usedFallbackCampaign }) {
    return (value, line, sink) => {
      const record = asObject(value);
      if (!record) return rejectRecord(sink, file, line, value, 'not a Postmark bounce object');
      const recordType = text(record['RecordType']);
      if (recordType !== undefined && recordType !== 'Bounce' && recordType !== 'SpamComplaint') {
        return { ignored: `Postmark ${recordType} record (this reader takes bounces and spam complaints only)` };
      }
      const { code, name } = resolveType(record);
      if (name === undefined && code === undefined && recordType !== 'SpamComplaint') {
        return rejectRecord(sink, file, line, value, 'no "Type" or "TypeCode"');
      }
      const label = `Postmark ${name ?? 'type'}${code !== undefined ? ` (${code})` : ''}`;
      const key = norm(name ?? '');
      const why = NOT_RECIPIENT_EVENTS[key];
      if (why) return { ignored: `${label}: ${why}` };

      const email = normaliseEmail(text(record['Email']) ?? '');
      if (!email) return rejectRecord(sink, file, line, value, `"Email" is not an email address: ${JSON.stringify(record['Email'] ?? null)}`);
      const when = time(record['BouncedAt']);
      if (when === undefined || Number.isNaN(when)) {
        return rejectRecord(sink, file, line, value, `"BouncedAt" is not a date-time: ${JSON.stringify(record['BouncedAt'] ?? null)}`);
      }
      let campaign = campaignKey ? (text(at(record, campaignKey)) ?? text(at(asObject(record['Metadata']), campaignKey))) : text(record['Tag']);
      if (!campaign) {
        campaign = fallbackCampaign;
        usedFallbackCampaign();
      }
      const out: DeliveryEvent = { campaign, email: email.email, emailKey: email.key, event: 'bounce', at: when };
      const diagnostic = text(record['Details']) ?? text(record['Description']);
      if (recordType === 'SpamComplaint' || key === 'spamcomplaint') {
        out.event = 'complaint';
      } else if (key === 'unsubscribe') {
        out.event = 'unsubscribe';
      } else if (key === 'manuallydeactivated') {
        // The sender deactivated the address in Postmark: later sends to it are not attempted.
        out.event = 'dropped';
        out.dropReason = 'suppressed';
      } else if (key === 'transient') {
        // Postmark's "Message delayed": still being retried, not a final bounce.
        out.event = 'deferred';
        if (diagnostic) out.diagnostic = diagnostic;
      } else {
        // Hard, soft, DNS, spam notification, blocked, DMARC, virus, unknown...: the classifier decides.
        if (diagnostic) out.diagnostic = diagnostic;
        const platformBounce: Extract<PlatformBounceType, { platform: 'postmark' }> = { platform: 'postmark' };
        if (name !== undefined) platformBounce.type = name;
        if (code !== undefined) platformBounce.typeCode = code;
        out.platformBounce = platformBounce;
      }
      sink.addEvent(out, file);
      return 'used';
    };
  },
};
