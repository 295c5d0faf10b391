import type { RowReject } from '../canonical-records.js';
import { normaliseHeader } from '../csv/normalise-header.js';
import type { CsvAdapter, FormatName, RecordSink } from '../input-adapter.js';
import { sendgridEventsAdapter } from './events.js';

/**
 * SendGrid's Event Webhook field names (FORMATS-VERIFIED.md §1). A CSV column whose header
 * matches one loosely (`Email`, `SG Event ID`, `smtp_id`) is given the webhook's spelling,
 * so the JSON mapper finds it; any other column keeps its header as written (custom args,
 * usable with --campaign-key).
 */
const WEBHOOK_FIELDS = [
  'email',
  'timestamp',
  'event',
  'smtp-id',
  'sg_event_id',
  'sg_message_id',
  'category',
  'reason',
  'status',
  'response',
  'attempt',
  'type',
  'bounce_classification',
  'tls',
  'ip',
  'useragent',
  'url',
  'asm_group_id',
  'marketing_campaign_id',
  'marketing_campaign_name',
  'marketing_campaign_version',
  'marketing_campaign_split_id',
  'post_type',
  'sg_user_id',
  'sg_machine_open',
] as const;
const FIELD_BY_KEY = new Map<string, string>(WEBHOOK_FIELDS.map((f) => [normaliseHeader(f), f]));

/** The object key for a header: the webhook's own name when it is one. */
export function webhookKey(headerName: string): string {
  return FIELD_BY_KEY.get(normaliseHeader(headerName)) ?? headerName.trim();
}

/**
 * `category` is a string or an array in the webhook; a CSV cell holding a JSON array
 * (`["Product Update","promo"]`) is read back as that array, anything else stays text.
 */
export function categoryValue(cell: string): unknown {
  const text = cell.trim();
  if (!text.startsWith('[') || !text.endsWith(']')) return cell;
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string' || typeof v === 'number')) return parsed;
  } catch {
    // Not JSON: a category that happens to be written in brackets.
  }
  return cell;
}

/**
 * The event object of one CSV row, as the webhook would have posted it: one key per
 * column (the first of duplicated names), empty cells left out, `category` as an array
 * when the cell holds one.
 */
export function eventObject(keys: readonly string[], fields: readonly string[]): Record<string, unknown> {
  // No prototype: a column named `constructor` or `__proto__` is data like any other.
  const record = Object.create(null) as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const cell = fields[i] ?? '';
    if (key === '' || cell.trim() === '' || key in record) continue;
    record[key] = key === 'category' ? categoryValue(cell) : cell;
  }
  return record;
}

// `sendgrid-events-csv` joins FORMAT_NAMES with the registry line; until then the name is
// asserted here (replace with the plain literal once input-adapter.ts lists it).
const FORMAT = 'sendgrid-events-csv' satisfies FormatName;

/**
 * SendGrid Event Webhook events written as CSV, one event per row, with the webhook's
 * field names as headers. Each row becomes the object the webhook would have posted and
 * goes through the JSON adapter's mapper, so both read events by the same rules. Rejects
 * keep the row's CSV fields and point at the column at fault.
 */
export const sendgridEventsCsvAdapter: CsvAdapter = {
  format: FORMAT,
  container: 'csv',
  title: 'SendGrid event webhook dump (CSV)',
  layout: 'event_log',
  campaignFrom: sendgridEventsAdapter.campaignFrom!,
  required: {
    email: ['email'],
    event: ['event'],
    timestamp: ['timestamp'],
    event_id: ['sg_event_id', 'sg_message_id', 'smtp-id'],
  },
  optional: {
    category: ['category'],
    marketing_campaign_name: ['marketing_campaign_name'],
    reason: ['reason'],
    status: ['status'],
    response: ['response'],
    type: ['type'],
    bounce_classification: ['bounce_classification'],
    attempt: ['attempt'],
    asm_group_id: ['asm_group_id'],
    useragent: ['useragent'],
    url: ['url'],
  },
  bind(_match, context) {
    const mapRecord = sendgridEventsAdapter.bind(context);
    const keys = context.header.map(webhookKey);
    const columnOf = new Map<string, number>();
    keys.forEach((k, i) => {
      if (k !== '' && !columnOf.has(k)) columnOf.set(k, i + 1);
    });
    // The mapper rejects with the record as JSON; a CSV reader wants the row as read.
    let fields: readonly string[] = [];
    let sink: RecordSink | undefined;
    const rowSink: RecordSink = {
      addEvent: (event, file) => sink!.addEvent(event, file),
      addSummary: (entry) => sink!.addSummary(entry),
      addContact: (contact, file) => sink!.addContact(contact, file),
      reject: (reject) => sink!.reject(asCsvReject(reject, fields, columnOf)),
    };
    return (rowFields, line, target) => {
      fields = rowFields;
      sink = target;
      return mapRecord(eventObject(keys, rowFields), line, rowSink);
    };
  },
};

/** The JSON mapper names the field at fault first (`"email" is not ...`, `unknown SendGrid event ...`). */
function asCsvReject(reject: RowReject, fields: readonly string[], columnOf: ReadonlyMap<string, number>): RowReject {
  const named = /^(?:no )?"([^"]+)"/.exec(reject.reason)?.[1] ?? (reject.reason.startsWith('unknown SendGrid event') ? 'event' : undefined);
  const column = named === undefined ? undefined : columnOf.get(named);
  return { ...reject, fields, ...(column !== undefined ? { column } : {}) };
}
