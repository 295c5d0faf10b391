import { basename } from 'node:path';
import { InputError } from '../../errors.js';
import type { ContactRecord } from '../canonical-records.js';
import { RowValues } from '../generic/row-values.js';
import { headerKey } from '../header-match.js';
import type { CsvAdapter } from '../input-adapter.js';
import { EMAIL_EXPECTED, normaliseEmail, type NormalisedEmail } from '../values/normalise-email.js';
import { CREATED_EXPECTED, parseCreated } from './created-time.js';

/** SendGrid's four suppression lists that have an "Export CSV". */
export const SUPPRESSION_LISTS = ['bounces', 'blocks', 'spam_reports', 'invalid_emails'] as const;
export type SuppressionList = (typeof SUPPRESSION_LISTS)[number];

/** Which list a file is, and how that was decided (for the reader's own report and errors). */
export interface SuppressionListDecision {
  /** null: the file name and the columns do not tell. */
  list: SuppressionList | null;
  decidedBy: 'file name' | 'columns' | null;
  /** In words: `file name "bounces.csv" contains "bounce"`. */
  why: string;
}

/** The words SendGrid's lists are named by, as found in a lower-cased file name. */
const NAME_WORDS: readonly [string, SuppressionList][] = [
  ['bounce', 'bounces'],
  ['block', 'blocks'],
  ['spam', 'spam_reports'],
  ['invalid', 'invalid_emails'],
];

/**
 * Every column the four exports carry (S5 and the API fields, FORMATS-VERIFIED.md §2). A
 * header with any other column is a suppression export only if its file name says so:
 * a CRM contact file with `email`, `created` and a `status` of its own must not turn
 * every contact into a hard bounce.
 */
const SENDGRID_COLUMNS = new Set(['email', 'created', 'reason', 'status', 'ip']);

/**
 * Which SendGrid suppression list a file is: from its name (`bounce`, `block`, `spam`,
 * `invalid` in the lower-cased base name; a name with two of them decides nothing), else
 * from its columns (`ip`: spam reports; `status`: bounces; only `reason`: invalid emails),
 * which decide only when the header has SendGrid's columns and no others. Blocks have the
 * same columns as bounces: only their file name tells them apart.
 */
export function suppressionListOf(header: readonly string[], fileName: string): SuppressionListDecision {
  const name = basename(fileName).toLowerCase();
  const named = NAME_WORDS.filter(([word]) => name.includes(word));
  if (named.length === 1) {
    const [word, list] = named[0]!;
    return { list, decidedBy: 'file name', why: `file name "${basename(fileName)}" contains "${word}"` };
  }
  const keys = new Set(header.map((h) => headerKey(h).key).filter((k) => k !== ''));
  const nameNote = named.length > 1 ? `file name "${basename(fileName)}" names ${named.map(([w]) => `"${w}"`).join(' and ')}` : `file name "${basename(fileName)}" names no list`;
  const others = [...keys].filter((k) => !SENDGRID_COLUMNS.has(k));
  if (others.length > 0) {
    return { list: null, decidedBy: null, why: `${nameNote}, and the header has columns a SendGrid export does not (${others.slice(0, 5).join(', ')})` };
  }
  if (keys.has('ip')) return { list: 'spam_reports', decidedBy: 'columns', why: `${nameNote}; an "ip" column: spam reports` };
  if (keys.has('status')) return { list: 'bounces', decidedBy: 'columns', why: `${nameNote}; a "status" column: bounces` };
  if (keys.has('reason')) return { list: 'invalid_emails', decidedBy: 'columns', why: `${nameNote}; a "reason" column only: invalid emails` };
  return { list: null, decidedBy: null, why: `${nameNote}, and the header has none of "ip", "status", "reason"` };
}

/**
 * What each list means for a contact. SendGrid drops every later send to an address on its
 * bounce, spam-report or invalid list; it still sends to blocked addresses (Twilio: "Unlike
 * addresses on other suppression lists, Twilio does attempt to send messages to blocked
 * addresses"), so a block is a contact with no flag.
 */
const FLAGS: Readonly<Record<SuppressionList, Pick<ContactRecord, 'hardBounced' | 'markedSpam'>>> = {
  bounces: { hardBounced: true, markedSpam: false },
  invalid_emails: { hardBounced: true, markedSpam: false },
  spam_reports: { hardBounced: false, markedSpam: true },
  blocks: { hardBounced: false, markedSpam: false },
};

/** How the report names each list, and what deliv does with its addresses. */
const LIST_TEXT: Readonly<Record<SuppressionList, { title: string; effect: string }>> = {
  bounces: { title: 'bounces', effect: 'every address is marked hard-bounced, since SendGrid drops every later send to it' },
  invalid_emails: { title: 'invalid emails', effect: 'every address is marked hard-bounced, since SendGrid drops every later send to it' },
  spam_reports: { title: 'spam reports', effect: 'every address is marked as having complained' },
  blocks: { title: 'blocks', effect: 'no address is suppressed for it, since SendGrid still sends to blocked addresses' },
};

/** The report's sentence on how a file was read: which list, decided how, and what follows. */
export function describeSuppressionList(decision: SuppressionListDecision): string {
  if (decision.list === null) return `Not a SendGrid suppression list deliv can place: ${decision.why}.`;
  const { title, effect } = LIST_TEXT[decision.list];
  return `SendGrid ${title} list (${decision.why}): ${effect}; "created" is checked, not counted as activity.`;
}

/**
 * An address from a suppression list, which "are very dirty" (S5): besides what
 * normaliseEmail refuses (`gmail.com`, `To`, `#02232014`, `8/27/2015`), two addresses run
 * together (`name@yahoo.comett@domain.com`, `anna.b@@example.com`) are refused: an `@` in
 * the local part is only valid inside quotes.
 */
export function suppressionEmail(text: string): { email: NormalisedEmail } | { problem: string } {
  if (text === '') return { problem: 'empty' };
  const email = normaliseEmail(text);
  if (!email) return { problem: 'not an email address' };
  const local = email.email.slice(0, email.email.lastIndexOf('@'));
  const quoted = local.length >= 2 && local.startsWith('"') && local.endsWith('"');
  if (!quoted && local.includes('@')) return { problem: 'not an email address (more than one @)' };
  return { email };
}

/**
 * SendGrid suppression list exports ("Export CSV" on Suppressions > Bounces, Blocks, Spam
 * Reports, Invalid Emails). The header is undocumented: columns are matched by name.
 * Bounces and invalid emails mark the contact hard-bounced, spam reports mark it as having
 * complained, blocks mark nothing. `created` is checked but is not engagement.
 */
export const sendgridSuppressionsAdapter: CsvAdapter = {
  format: 'sendgrid-suppressions',
  container: 'csv',
  title: 'SendGrid suppression export (bounces, blocks, spam reports or invalid emails)',
  layout: 'contacts',
  required: { email: ['email'], created: ['created'] },
  optional: { reason: ['reason'], status: ['status'], ip: ['ip'] },
  accepts: (header, fileName) => suppressionListOf(header, fileName).list !== null,
  describe: (_match, { file, header }) => [describeSuppressionList(suppressionListOf(header, file))],
  bind({ columns }, { file, header, timezone }) {
    const decision = suppressionListOf(header, file);
    if (decision.list === null) {
      throw new InputError(
        { file },
        `cannot tell which SendGrid suppression list this is: ${decision.why}`,
        'a file name containing bounce, block, spam or invalid, or SendGrid\'s own columns: email, created and ip (spam reports), status (bounces) or reason (invalid emails)',
      );
    }
    const flags = FLAGS[decision.list];
    return (fields, line, sink) => {
      const row = new RowValues(columns, header, file, fields, line, () => timezone);
      const emailText = row.text('email');
      const email = suppressionEmail(emailText);
      if ('problem' in email) {
        row.fail('email', emailText === '' ? `empty ${row.headerOf('email')}` : `${row.headerOf('email')} "${clip(emailText)}" is ${email.problem}`, EMAIL_EXPECTED);
      }
      const createdText = row.text('created');
      const created = parseCreated(createdText, timezone);
      if (created === undefined) row.fail('created', `empty ${row.headerOf('created')}`, CREATED_EXPECTED);
      else if (Number.isNaN(created)) row.fail('created', `${row.headerOf('created')} "${clip(createdText)}" is not a date`, CREATED_EXPECTED);
      if (row.problem || 'problem' in email) return row.rejectTo(sink);
      sink.addContact(
        {
          email: email.email.email,
          emailKey: email.email.key,
          unsubscribed: false,
          ...flags,
          archived: false,
          columns: { header, values: fields },
        },
        file,
      );
      return 'used';
    };
  },
};

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
