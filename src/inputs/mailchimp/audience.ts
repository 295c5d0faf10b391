import { basename } from 'node:path';
import { normaliseHeader } from '../csv/normalise-header.js';
import { RowValues } from '../generic/row-values.js';
import type { CsvAdapter } from '../input-adapter.js';
import { EMAIL_EXPECTED, normaliseEmail } from '../values/normalise-email.js';

/**
 * Mailchimp's audience export ("Export Audience": a ZIP of subscribed, unsubscribed, cleaned
 * and non-subscribed member files). Columns: `Email Address`, the audience's merge fields,
 * then Mailchimp's system columns `MEMBER_RATING`, `OPTIN_TIME`, ... `CC`, `REGION`, a block
 * that depends on the file (`LAST_CHANGED`; `UNSUB_TIME`, `UNSUB_CAMPAIGN_TITLE`...;
 * `CLEAN_TIME`, `CLEAN_CAMPAIGN_TITLE`...), then `LEID`, `EUID`, `NOTES`, `TAGS`.
 *
 * A row is a member; its state is the file's: the member files carry no status column.
 * The status comes from the file name (`unsubscribed_members_export_<id>.csv`), else from
 * the system block after `REGION`. Merge fields may be named like system columns (an old
 * re-import leaves `UNSUB_REASON` merge fields in every file: FORMATS-VERIFIED.md, correction
 * 11), so a name outside that block proves nothing, and of two columns with the same name
 * the one among the system columns is the system column.
 *
 * No engagement date exists in these exports (no last open or click), so the contacts have
 * none; their timestamps (naive, account time) are not needed for any contact field.
 */

export type MailchimpMemberStatus = 'subscribed' | 'unsubscribed' | 'cleaned' | 'nonsubscribed';

export interface MailchimpAudienceLayout {
  status: MailchimpMemberStatus;
  /** Where the status was read: the file name's prefix, or the system columns after REGION. */
  statusFrom: 'file name' | 'system columns';
  /** The status block after `REGION` (up to `LEID`): column indexes, `end` exclusive. */
  statusBlock: { start: number; end: number };
  /** The column with this name, preferring a copy among the system columns (from MEMBER_RATING on). */
  column(name: string): number | undefined;
}

const FILE_PREFIX = /^(nonsubscribed|unsubscribed|subscribed|cleaned)[_-]/i;

/** How a member file with this header and name is read. */
export function mailchimpAudienceLayout(header: readonly string[], fileName: string): MailchimpAudienceLayout {
  const keys = header.map(normaliseHeader);
  const after = (key: string, from: number) => {
    const i = keys.indexOf(key, Math.max(from, 0));
    return i < 0 ? undefined : i;
  };
  const rating = after('memberrating', 0);
  // Merge fields come before MEMBER_RATING, the system columns from it on.
  const systemStart = rating ?? keys.length;
  const region = after('region', systemStart);
  const start = region !== undefined ? region + 1 : Math.min(systemStart + 1, keys.length);
  const end = after('leid', start) ?? keys.length;
  const block = keys.slice(start, end);

  const prefix = FILE_PREFIX.exec(basename(fileName));
  let status: MailchimpMemberStatus;
  let statusFrom: MailchimpAudienceLayout['statusFrom'];
  if (prefix) {
    status = prefix[1]!.toLowerCase() as MailchimpMemberStatus;
    statusFrom = 'file name';
  } else {
    status = block.includes('unsubtime') ? 'unsubscribed' : block.includes('cleantime') ? 'cleaned' : 'subscribed';
    statusFrom = 'system columns';
  }
  return {
    status,
    statusFrom,
    statusBlock: { start, end },
    column(name) {
      const key = normaliseHeader(name);
      return after(key, systemStart) ?? after(key, 0);
    },
  };
}

/** What a member file's status means for deliv's contact flags. */
const FLAGS: Record<MailchimpMemberStatus, { unsubscribed: boolean; hardBounced: boolean; optIn?: boolean }> = {
  // Subscribed: the member gave Mailchimp permission to send marketing email.
  subscribed: { unsubscribed: false, hardBounced: false, optIn: true },
  unsubscribed: { unsubscribed: true, hardBounced: false },
  // Cleaned: Mailchimp stopped mailing the address after it bounced (hard, or soft repeatedly).
  // deliv suppresses it as a hard bounce; the contact's file name says "cleaned".
  cleaned: { unsubscribed: false, hardBounced: true },
  // Non-subscribed (e.g. store customers): never opted in to marketing email.
  nonsubscribed: { unsubscribed: false, hardBounced: false, optIn: false },
};

export const mailchimpAudienceAdapter: CsvAdapter = {
  format: 'mailchimp-audience',
  container: 'csv',
  title: 'Mailchimp audience export',
  layout: 'contacts',
  required: { email: ['email_address'], member_rating: ['member_rating'] },
  optional: {
    optin_time: ['optin_time'],
    confirm_time: ['confirm_time'],
    leid: ['leid'],
    euid: ['euid'],
  },
  describe: (_match, { header, file }) => [describeMailchimpAudience(header, file)],
  bind({ columns }, { file, header }) {
    const layout = mailchimpAudienceLayout(header, file);
    const flags = FLAGS[layout.status];
    const emailColumn = layout.column('Email Address') ?? columns['email'];
    const read = emailColumn === undefined ? columns : { ...columns, email: emailColumn };
    return (fields, line, sink) => {
      const row = new RowValues(read, header, file, fields, line);
      const emailText = row.text('email');
      const email = normaliseEmail(emailText);
      if (!email) {
        row.fail('email', emailText ? `"${emailText}" is not an email address` : 'empty email', EMAIL_EXPECTED);
        return row.rejectTo(sink);
      }
      sink.addContact(
        {
          email: email.email,
          emailKey: email.key,
          unsubscribed: flags.unsubscribed,
          markedSpam: false,
          hardBounced: flags.hardBounced,
          archived: false,
          ...(flags.optIn !== undefined ? { optIn: flags.optIn } : {}),
          columns: { header, values: fields },
        },
        file,
      );
      return 'used';
    };
  },
};

/** One sentence for the report: how the file's member status was decided. */
export function describeMailchimpAudience(header: readonly string[], fileName: string): string {
  const layout = mailchimpAudienceLayout(header, fileName);
  const how =
    layout.statusFrom === 'file name'
      ? `from its name (${basename(fileName)})`
      : `from its system columns after REGION (${layout.status === 'subscribed' ? 'no UNSUB_TIME or CLEAN_TIME there' : layout.status === 'unsubscribed' ? 'UNSUB_TIME' : 'CLEAN_TIME'})`;
  return `Mailchimp members read as ${layout.status}, ${how}`;
}
