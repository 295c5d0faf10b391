import type { AuditResult, ContactOutcome } from '../analysis/audit-result.js';
import { unpackColumns } from '../inputs/canonical-records.js';
import { csvChunks } from './csv-text.js';

/** suppressed.csv: one row per contact not to mail, with reason codes and a readable detail. */
export function suppressedCsv(result: AuditResult): Generator<string> {
  return csvChunks(
    ['email', 'reasons', 'detail'],
    mapFiltered(result.contacts, (c) => !c.eligible, (c) => [c.email, c.reasons.join(';'), c.detail]),
  );
}

/**
 * eligible.csv: the contacts that may be mailed, with their original columns (the union of
 * the contact exports' headers, in the order first seen). Recipients seen only in result
 * logs fill just the email column.
 */
export function eligibleCsv(result: AuditResult): Generator<string> {
  const contactFiles = result.inputs.filter((f) => f.layout === 'contacts');
  const union: string[] = [];
  const unionIndex = new Map<string, number>();
  // Per file header: file column index -> union column index (repeated names stay distinct).
  const placement = new Map<readonly string[], number[]>();
  for (const file of contactFiles) {
    const seen = new Map<string, number>();
    const places = file.header.map((name) => {
      const occurrence = (seen.get(name) ?? 0) + 1;
      seen.set(name, occurrence);
      const key = `${occurrence}\u0000${name}`;
      let index = unionIndex.get(key);
      if (index === undefined) {
        index = union.length;
        union.push(name);
        unionIndex.set(key, index);
      }
      return index;
    });
    placement.set(file.header, places);
  }
  const emailColumn = contactFiles[0] ? unionIndex.get(`1\u0000${contactFiles[0].columns.used['email']}`) ?? 0 : 0;
  if (union.length === 0) union.push('email');

  return csvChunks(
    union,
    mapFiltered(result.contacts, (c) => c.eligible, (c) => {
      const row = new Array<string>(union.length).fill('');
      const places = c.columns ? placementFor(c, placement) : undefined;
      if (c.columns && places) unpackColumns(c.columns).forEach((value, i) => (row[places[i]!] = value));
      else row[emailColumn] = c.email;
      return row;
    }),
  );
}

function placementFor(contact: ContactOutcome, placement: Map<readonly string[], number[]>): number[] | undefined {
  return contact.columns ? placement.get(contact.columns.header) : undefined;
}

function* mapFiltered<T, U>(items: Iterable<T>, keep: (item: T) => boolean, map: (item: T) => U): Generator<U> {
  for (const item of items) if (keep(item)) yield map(item);
}
