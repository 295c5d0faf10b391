import type { ContactRecord } from '../canonical-records.js';
import { EMAIL_EXPECTED, normaliseEmail } from '../values/normalise-email.js';
import type { RowValues } from './row-values.js';

/**
 * A contact from a row whose columns are mapped to deliv's contact fields (email, the four
 * engagement dates, the flags, opt-in). Columns an export lacks read as never / false.
 * Returns undefined when the row has a problem (then in `row.problem`).
 */
export function contactFromRow(row: RowValues, values: readonly string[], header: readonly string[]): ContactRecord | undefined {
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
  // Opt-in is the one boolean where empty means "unknown", not "no": an empty cell must not
  // suppress a contact for lack of permission.
  const optIn = !row.has('opt_in') ? undefined : row.text('opt_in') === '' ? null : row.boolean('opt_in');
  if (row.problem || !email) return undefined;
  // Optional values are present only when known. They are set in place, keeping the keys in
  // the order of the interface: spreading a small object for each doubled the cost of a row.
  const contact = { email: email.email, emailKey: email.key } as ContactRecord;
  if (lastSeen !== undefined) contact.lastSeen = lastSeen;
  if (lastHeardFrom !== undefined) contact.lastHeardFrom = lastHeardFrom;
  if (lastOpenedEmail !== undefined) contact.lastOpenedEmail = lastOpenedEmail;
  if (lastClickedEmail !== undefined) contact.lastClickedEmail = lastClickedEmail;
  contact.unsubscribed = unsubscribed;
  contact.markedSpam = markedSpam;
  contact.hardBounced = hardBounced;
  contact.archived = archived;
  if (optIn !== undefined) contact.optIn = optIn;
  contact.columns = { header, values };
  return contact;
}
