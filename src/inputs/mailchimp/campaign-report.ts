import { InputError } from '../../errors.js';
import type { CampaignSummaryRow, RowReject } from '../canonical-records.js';
import { genericSummaryAdapter } from '../generic/campaign-summary.js';
import { headerKey } from '../header-match.js';
import type { CsvAdapter, RecordSink } from '../input-adapter.js';
import { normaliseHeader } from '../csv/normalise-header.js';
import { TIMESTAMP_EXPECTED } from '../values/parse-timestamp.js';
import { parseTimestampIn, wallTimeToUtc } from '../values/zoned-time.js';

/**
 * Mailchimp's aggregated campaign report ("Export campaign reports"): one row per campaign.
 * Read: `Title` (the campaign), `Send Date`, `Total Recipients` (sent), `Successful
 * Deliveries` (delivered), `Soft Bounces`, `Hard Bounces`, `Unique Opens`, `Unique Clicks`,
 * `Unsubscribes`, `Abuse Complaints` (complaints). The rate columns (`Open Rate` `40.54%`...)
 * are not read: deliv computes its own from the counts; an old export's `Bounce Rate` is the
 * web-analytics bounce rate, nothing to do with email.
 *
 * The rows become campaign summaries through deliv's generic summary reader, so they are
 * checked exactly as a generic summary is (delivered <= sent, complaints and opens <=
 * delivered...). `Send Date` (`Apr 21, 2026 10:00 am`) is in the account's time zone and
 * says nothing of it: it is read in --timezone.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `Apr 21, 2026 10:00 am` (also a full month name, seconds, `PM`, or a 24-hour time without am/pm). */
const SEND_DATE = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;

export const SEND_DATE_EXPECTED = `a Mailchimp send date such as "Apr 21, 2026 10:00 am", or ${TIMESTAMP_EXPECTED}`;

/**
 * Epoch milliseconds for a `Send Date` read in `zone`; undefined when empty, NaN when it is
 * not a date. ISO 8601 and Unix times are accepted too (naive ones read in `zone`).
 */
export function parseSendDate(text: string, zone: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const m = SEND_DATE.exec(s);
  if (!m) return parseTimestampIn(s, zone);
  const name = m[1]!.toLowerCase();
  const month = MONTHS.findIndex((full) => full.startsWith(name));
  const day = Number(m[2]);
  const year = Number(m[3]);
  let hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const half = m[7]?.toLowerCase();
  if (month < 0 || minute > 59 || second > 59) return Number.NaN;
  if (half) {
    if (hour < 1 || hour > 12) return Number.NaN;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  } else if (hour > 23) return Number.NaN;
  const wall = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls Feb 30 over into March: such a day does not exist.
  if (new Date(wall).getUTCDate() !== day) return Number.NaN;
  return wallTimeToUtc(wall, zone);
}

export const mailchimpReportAdapter: CsvAdapter = {
  format: 'mailchimp-report',
  container: 'csv',
  title: 'Mailchimp campaign report export',
  layout: 'campaign_summary',
  campaignFrom: 'the campaign Title (or the --campaign-key column)',
  required: {
    campaign: ['title'],
    sent: ['total_recipients'],
    delivered: ['successful_deliveries'],
    complaints: ['abuse_complaints'],
  },
  optional: {
    hard_bounces: ['hard_bounces'],
    soft_bounces: ['soft_bounces'],
    unique_opens: ['unique_opens'],
    unique_clicks: ['unique_clicks'],
    unsubscribes: ['unsubscribes'],
    sent_at: ['send_date'],
  },
  bind(match, context) {
    const { file, header, timezone, campaignKey } = context;
    const columns: Record<string, number> = { ...match.columns };
    if (campaignKey) {
      const wanted = normaliseHeader(campaignKey);
      const index = header.findIndex((name) => headerKey(name).key === wanted);
      if (index < 0) {
        throw new InputError({ file }, `--campaign-key ${campaignKey} names no column of this Mailchimp campaign report`, `one of its columns: ${header.map((h) => h.trim()).join(', ')}`);
      }
      columns['campaign'] = index;
    }
    const dateColumn = columns['sent_at'];

    // The generic reader sees the Send Date rewritten as an ISO instant; what it sends on
    // carries the row as read, and a Send Date that is no date is explained in Mailchimp's terms.
    let row: readonly string[] = [];
    let badDate = '';
    const toSink = (sink: RecordSink): RecordSink => ({
      addEvent: (event, from) => sink.addEvent(event, from),
      addContact: (contact, from) => sink.addContact(contact, from),
      addSummary: (entry: CampaignSummaryRow) => sink.addSummary({ ...entry, fields: row }),
      reject: (reject: RowReject) =>
        sink.reject({
          ...reject,
          fields: row,
          ...(badDate && dateColumn !== undefined && reject.column === dateColumn + 1
            ? { reason: `${(header[dateColumn] ?? 'Send Date').trim()} "${clip(badDate)}" is not a date; expected ${SEND_DATE_EXPECTED}` }
            : {}),
        }),
    });
    let lastSink: RecordSink | undefined;
    let wrapped: RecordSink | undefined;
    const mapRow = genericSummaryAdapter.bind({ ...match, columns }, context);

    return (fields, line, sink) => {
      if (sink !== lastSink) (lastSink = sink), (wrapped = toSink(sink));
      row = fields;
      badDate = '';
      let input = fields;
      if (dateColumn !== undefined) {
        const text = fields[dateColumn] ?? '';
        const at = parseSendDate(text, timezone);
        if (at !== undefined && !Number.isNaN(at)) {
          const copy = [...fields];
          copy[dateColumn] = new Date(at).toISOString();
          input = copy;
        } else if (at !== undefined) badDate = text.trim();
      }
      return mapRow(input, line, wrapped!);
    };
  },
};

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
