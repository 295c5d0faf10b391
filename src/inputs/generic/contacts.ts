import type { CsvAdapter } from '../input-adapter.js';
import { contactFromRow } from './contact-from-row.js';
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
    const row = new RowValues(columns, header, file, [], 0, () => timezone);
    return (fields, line, sink) => {
      const contact = contactFromRow(row.next(fields, line), fields, header);
      if (!contact) return row.rejectTo(sink);
      sink.addContact(contact, file);
      return 'used';
    };
  },
};
