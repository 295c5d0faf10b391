import type { CsvAdapter } from '../input-adapter.js';
import { EMAIL_EXPECTED, normaliseEmail } from '../values/normalise-email.js';
import { RowValues } from './row-values.js';

/** deliv's generic contact export: one row per contact; other columns pass through. */
export const genericContactsAdapter: CsvAdapter = {
  format: 'generic-contacts',
  container: 'csv',
  title: 'contact export',
  layout: 'contacts',
  required: { email: ['email'] },
  optional: {
    last_seen: ['last_seen'],
    last_heard_from: ['last_heard_from'],
    last_opened_email: ['last_opened_email'],
    last_clicked_email: ['last_clicked_email'],
    unsubscribed: ['unsubscribed'],
    marked_spam: ['marked_spam'],
    hard_bounced: ['hard_bounced'],
    archived: ['archived'],
    opt_in: ['opt_in'],
  },
  bind({ columns }, { file, header, timezone }) {
    const hasOptIn = columns['opt_in'] !== undefined;
    return (fields, line, sink) => {
      const row = new RowValues(columns, header, file, fields, line, () => timezone);
      const emailText = row.text('email');
      const email = normaliseEmail(emailText);
      if (!email) row.fail('email', emailText ? `"${emailText}" is not an email address` : 'empty email', EMAIL_EXPECTED);
      const lastSeen = row.timestamp('last_seen', false);
      const lastHeardFrom = row.timestamp('last_heard_from', false);
      const lastOpenedEmail = row.timestamp('last_opened_email', false);
      const lastClickedEmail = row.timestamp('last_clicked_email', false);
      const unsubscribed = row.boolean('unsubscribed');
      const markedSpam = row.boolean('marked_spam');
      const hardBounced = row.boolean('hard_bounced');
      const archived = row.boolean('archived');
      // Opt-in is the one boolean where empty means "unknown", not "no": an empty cell
      // must not suppress a contact for lack of permission.
      const optInText = row.text('opt_in');
      const optIn = !hasOptIn ? undefined : optInText === '' ? null : row.boolean('opt_in');
      if (row.problem || !email) return row.rejectTo(sink);
      sink.addContact(
        {
          email: email.email,
          emailKey: email.key,
          ...(lastSeen !== undefined ? { lastSeen } : {}),
          ...(lastHeardFrom !== undefined ? { lastHeardFrom } : {}),
          ...(lastOpenedEmail !== undefined ? { lastOpenedEmail } : {}),
          ...(lastClickedEmail !== undefined ? { lastClickedEmail } : {}),
          unsubscribed,
          markedSpam,
          hardBounced,
          archived,
          ...(optIn !== undefined ? { optIn } : {}),
          columns: { header, values: fields },
        },
        file,
      );
      return 'used';
    };
  },
};
