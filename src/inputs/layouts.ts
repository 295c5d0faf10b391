import { InputError } from '../errors.js';
import { normaliseHeader } from './csv/normalise-header.js';
import { campaignSummaryLayout } from './generic/campaign-summary.js';
import { contactsLayout } from './generic/contacts.js';
import { eventLogLayout } from './generic/event-log.js';
import type { ColumnMap, CsvLayout, InputRole, LayoutName } from './input-layout.js';

/** Every layout deliv reads. Adding one here is all detection needs. */
export const layouts = {
  event_log: eventLogLayout,
  campaign_summary: campaignSummaryLayout,
  contacts: contactsLayout,
} as const satisfies Record<LayoutName, CsvLayout>;

export interface ColumnMatch {
  columns: ColumnMap;
  missing: string[];
}

/**
 * Matches a layout's fields to header columns by normalised name (case, spaces, `_`, `-`
 * and a BOM ignored). When two columns normalise to the same field, the first is read.
 */
function article(title: string): string {
  return /^[aeiou]/.test(title) ? 'an' : 'a';
}

export function matchColumns(header: readonly string[], layout: CsvLayout): ColumnMatch {
  const indexByName = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normaliseHeader(name);
    if (key && !indexByName.has(key)) indexByName.set(key, i);
  });
  const columns: Record<string, number> = {};
  const missing: string[] = [];
  for (const field of [...layout.required, ...layout.optional]) {
    const index = indexByName.get(normaliseHeader(field));
    if (index !== undefined) columns[field] = index;
    else if (layout.required.includes(field)) missing.push(field);
  }
  return { columns, missing };
}

/**
 * Picks the layout of a file from its header. A header that fits no layout of the file's
 * role stops the run, naming the columns found and the columns each layout expects.
 */
export function detectLayout(header: readonly string[], role: InputRole, file: string, line = 1): { layout: CsvLayout; columns: ColumnMap } {
  const candidates = Object.values(layouts).filter((l) => l.role === role);
  const matches = candidates.map((layout) => ({ layout, ...matchColumns(header, layout) }));
  const complete = matches.find((m) => m.missing.length === 0);
  if (complete) return { layout: complete.layout, columns: complete.columns };

  const found = header.length ? header.map((h) => `"${h}"`).join(', ') : '(none)';
  const expected = matches.map((m) => `${article(m.layout.title)} ${m.layout.title} (${m.layout.required.join(', ')})`).join(' or ');
  const closest = [...matches].sort((a, b) => a.missing.length - b.missing.length)[0]!;
  let hint = '';
  const other = Object.values(layouts).find((l) => l.role !== role && matchColumns(header, l).missing.length === 0);
  if (other) {
    hint = role === 'results' ? `; it looks like a ${other.title}: pass it with --contacts` : `; it looks like an ${other.title}: pass it as a results file, not with --contacts`;
  } else if (closest.missing.length < closest.layout.required.length) {
    hint = `; closest is the ${closest.layout.title}, which also needs ${closest.missing.join(', ')}`;
  }
  const kind = role === 'results' ? 'campaign result' : 'contact';
  throw new InputError({ file, line }, `the header matches no ${kind} layout: found columns ${found}${hint}`, `the columns of ${expected}`);
}
