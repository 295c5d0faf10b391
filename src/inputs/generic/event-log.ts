import { EVENT_TYPES, type DeliveryEvent, type EventType } from '../canonical-records.js';
import type { CsvAdapter } from '../input-adapter.js';
import { normaliseHeader } from '../csv/normalise-header.js';
import { EMAIL_EXPECTED, normaliseEmail } from '../values/normalise-email.js';
import { RowValues } from './row-values.js';

/**
 * Event names accepted in the `event` column, normalised like headers. deliv's own names
 * plus their obvious past-tense forms, so `bounced` or `spam-trap` are not rejected.
 */
const EVENT_ALIASES: Readonly<Record<string, EventType>> = {
  ...Object.fromEntries(EVENT_TYPES.map((e) => [normaliseHeader(e), e])),
  delivery: 'delivered',
  bounced: 'bounce',
  deferral: 'deferred',
  delayed: 'deferred',
  opened: 'open',
  clicked: 'click',
  complained: 'complaint',
  spamcomplaint: 'complaint',
  unsubscribed: 'unsubscribe',
  spamtraphit: 'spam_trap',
  drop: 'dropped',
  suppressed: 'dropped',
};

/**
 * The event column holds a handful of spellings: each is normalised once. The cache is bounded
 * against hostile files, and keeps copies, not slices of the read chunk.
 */
const eventTypeCache = new Map<string, EventType | undefined>();
function eventTypeOf(text: string): EventType | undefined {
  if (eventTypeCache.has(text)) return eventTypeCache.get(text);
  const key = normaliseHeader(text);
  // Own properties only: "constructor" is not an event.
  const type = Object.hasOwn(EVENT_ALIASES, key) ? EVENT_ALIASES[key] : undefined;
  if (eventTypeCache.size < 256 && text.length <= 40) eventTypeCache.set(text.split('').join(''), type);
  return type;
}

const EVENT_EXPECTED = `one of ${EVENT_TYPES.join(', ')}`;

/** deliv's generic event log: one row per recipient event. */
export const genericEventsAdapter: CsvAdapter = {
  format: 'generic-events',
  container: 'csv',
  title: 'event log',
  layout: 'event_log',
  campaignFrom: 'the campaign column',
  required: { campaign: ['campaign'], email: ['email'], event: ['event'], timestamp: ['timestamp'] },
  optional: { status: ['status'], diagnostic: ['diagnostic'] },
  bind({ columns }, { file, header, timezone }) {
    const row = new RowValues(columns, header, file, [], 0, () => timezone);
    // Looked up once here, not by name on each of millions of rows.
    const { campaign: campaignColumn, email: emailColumn, event: eventColumn, status: statusColumn, diagnostic: diagnosticColumn } = columns;
    return (fields, line, sink) => {
      row.next(fields, line);
      const campaign = row.textAt(campaignColumn);
      if (!campaign) row.fail('campaign', 'empty campaign', 'the campaign name');
      const emailText = row.textAt(emailColumn);
      const email = normaliseEmail(emailText);
      if (!email) row.fail('email', emailText ? `"${emailText}" is not an email address` : 'empty email', EMAIL_EXPECTED);
      const eventText = row.textAt(eventColumn);
      const event = eventTypeOf(eventText);
      if (!event) row.fail('event', eventText ? `unknown event "${eventText}"` : 'empty event', EVENT_EXPECTED);
      const at = row.timestamp('timestamp', true);
      if (row.problem || !email || !event || at === undefined) return row.rejectTo(sink);
      const record: DeliveryEvent = { campaign, email: email.email, emailKey: email.key, event, at };
      // Present only when not empty; set in place rather than spread from a small object per row.
      const status = row.textAt(statusColumn);
      if (status) record.status = status;
      const diagnostic = row.textAt(diagnosticColumn);
      if (diagnostic) record.diagnostic = diagnostic;
      sink.addEvent(record, file);
      return 'used';
    };
  },
};
