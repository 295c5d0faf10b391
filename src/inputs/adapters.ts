import { InputError } from '../errors.js';
import { genericSummaryAdapter } from './generic/campaign-summary.js';
import { genericContactsAdapter } from './generic/contacts.js';
import { genericEventsAdapter } from './generic/event-log.js';
import { matchCsvHeader } from './header-match.js';
import type { CsvAdapter, CsvMatch, FormatName, InputAdapter, InputRole, JsonAdapter } from './input-adapter.js';
import { FORMAT_NAMES } from './input-adapter.js';
import { intercomPeopleAdapter } from './intercom/people.js';
import { mailchimpAudienceAdapter } from './mailchimp/audience.js';
import { mailchimpReportAdapter } from './mailchimp/campaign-report.js';
import { mailgunEventsAdapter } from './mailgun/events.js';
import { postmarkBouncesAdapter } from './postmark/bounces.js';
import { sendgridEventsAdapter } from './sendgrid/events.js';
import { sendgridEventsCsvAdapter } from './sendgrid/events-csv.js';
import { sendgridSuppressionsAdapter } from './sendgrid/suppressions.js';
import { sesEventsAdapter } from './ses/events.js';

/**
 * Every source deliv reads, vendor formats before the generic layouts (on an equally good
 * fit, the first listed wins). Adding a source: its folder, and one line here.
 */
export const adapters = {
  'intercom-people': intercomPeopleAdapter,
  'mailchimp-audience': mailchimpAudienceAdapter,
  'mailchimp-report': mailchimpReportAdapter,
  'sendgrid-events': sendgridEventsAdapter,
  'sendgrid-events-csv': sendgridEventsCsvAdapter,
  'sendgrid-suppressions': sendgridSuppressionsAdapter,
  'ses-events': sesEventsAdapter,
  'postmark-bounces': postmarkBouncesAdapter,
  'mailgun-events': mailgunEventsAdapter,
  'generic-events': genericEventsAdapter,
  'generic-summary': genericSummaryAdapter,
  'generic-contacts': genericContactsAdapter,
} as const satisfies Record<FormatName, InputAdapter>;

const ordered: readonly InputAdapter[] = Object.values(adapters);

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

const allowedFor = (role: InputRole) => (a: InputAdapter) => role === 'results' || a.layout === 'contacts';

/** How well each CSV adapter fits a header, best first. */
export function rankCsvAdapters(header: readonly string[], fileName: string): { adapter: CsvAdapter; match: CsvMatch; accepted: boolean }[] {
  return ordered
    .filter((a): a is CsvAdapter => a.container === 'csv')
    .map((adapter) => {
      const match = matchCsvHeader(header, adapter);
      const accepted = match.missing.length === 0 && (adapter.accepts?.(header, fileName) ?? true);
      return { adapter, match, accepted };
    });
}

/**
 * The CSV adapter for a header: the complete match with the most fields, or `forced`.
 * Nothing fits: exit 2 naming the closest formats and what each is missing.
 */
export function detectCsvAdapter(
  header: readonly string[],
  file: string,
  role: InputRole,
  line: number,
  forced?: FormatName,
): { adapter: CsvAdapter; match: CsvMatch } {
  const fileName = file.split(/[\\/]/).pop() ?? file;
  const all = rankCsvAdapters(header, fileName);
  const ranked = all.filter((r) => allowedFor(role)(r.adapter));
  if (forced) {
    const chosen = ranked.find((r) => r.adapter.format === forced);
    if (!chosen) throw new InputError({ file }, `--format ${forced} is not a CSV ${role === 'contacts' ? 'contact ' : ''}format`, `one of ${ranked.map((r) => r.adapter.format).join(', ')}`);
    if (chosen.match.missing.length) {
      throw new InputError({ file, line }, `the header lacks what ${forced} needs: ${chosen.match.missing.join(', ')}`, `the columns of ${chosen.adapter.title}`);
    }
    return chosen;
  }
  let best: (typeof all)[number] | undefined;
  for (const r of all) if (r.accepted && (!best || r.match.matched > best.match.matched)) best = r;
  if (best && role === 'contacts' && best.adapter.layout !== 'contacts') {
    // An event log also has an email column: say what it is rather than read it as contacts.
    throw new InputError({ file, line }, `this is ${article(best.adapter.title)} ${best.adapter.title} (${best.adapter.format}), not a contact export`, 'a contact export after --contacts; pass campaign results without --contacts');
  }
  if (best) return best;
  throw unrecognised(file, line, header, ranked.map((r) => ({ title: r.adapter.title, format: r.adapter.format, missing: r.match.missing, matched: r.match.matched })), role);
}

/** The JSON adapter for the first records of a file. */
export function detectJsonAdapter(sample: readonly unknown[], file: string, role: InputRole, forced?: FormatName): JsonAdapter {
  const candidates = ordered.filter((a): a is JsonAdapter => a.container === 'json').filter(allowedFor(role));
  if (forced) {
    const chosen = candidates.find((a) => a.format === forced);
    if (!chosen) throw new InputError({ file }, `--format ${forced} is not a JSON format`, `one of ${candidates.map((a) => a.format).join(', ')}`);
    return chosen;
  }
  const judged = candidates.map((adapter) => ({ adapter, ...adapter.detect(sample) }));
  let best: (typeof judged)[number] | undefined;
  for (const j of judged) if (j.missing.length === 0 && (!best || j.matched > best.matched)) best = j;
  if (best) return best.adapter;
  const first = sample[0];
  const keys = first && typeof first === 'object' ? Object.keys(first as object) : [];
  throw unrecognised(file, 1, keys, judged.map((j) => ({ title: j.adapter.title, format: j.adapter.format, missing: j.missing, matched: j.matched })), role, 'fields');
}

function article(title: string): string {
  return /^[aeiou]/i.test(title) ? 'an' : 'a';
}

function unrecognised(
  file: string,
  line: number,
  found: readonly string[],
  candidates: { title: string; format: FormatName; missing: string[]; matched: number }[],
  role: InputRole,
  what = 'columns',
): InputError {
  // Only formats that recognised something are "close"; otherwise name the generic layouts.
  const close = candidates
    .filter((c) => c.matched > 0 && c.missing.length > 0)
    .sort((a, b) => a.missing.length - b.missing.length || b.matched - a.matched)
    .slice(0, 3);
  const generic = candidates.filter((c) => c.format.startsWith('generic-'));
  const expected = close.length
    ? `the ${what} of a known format; closest: ${close.map((c) => `${c.title} (${c.format}), missing ${c.missing.join(', ')}`).join('; ')}`
    : `the ${what} of ${generic.map((c) => `${article(c.title)} ${c.title} (${c.missing.join(', ')})`).join(', ')}, or of a supported vendor export (deliv inspect shows how a file is read)`;
  const shown = found.length ? found.slice(0, 30).map((h) => `"${h}"`).join(', ') + (found.length > 30 ? `, ... (${found.length} in all)` : '') : '(none)';
  const hint = role === 'contacts' ? ' (with --contacts, only contact formats are tried)' : '';
  return new InputError({ file, line }, `no known format fits${hint}: found ${what} ${shown}`, expected);
}
