import { normaliseHeader } from './csv/normalise-header.js';
import type { CsvAdapter, CsvMatch } from './input-adapter.js';

/** A trailing time-zone abbreviation in a header, as Intercom writes: `Last seen (PDT)`. */
const ZONE_SUFFIX = /\s*\(([A-Za-z]{2,6}|UTC[+-]\d{1,2}(?::?\d{2})?)\)\s*$/;

/** A header's comparable key, and the zone abbreviation it carries if any. */
export function headerKey(name: string): { key: string; zone?: string } {
  const match = ZONE_SUFFIX.exec(name);
  if (!match) return { key: normaliseHeader(name) };
  return { key: normaliseHeader(name.slice(0, match.index)), zone: match[1]!.toUpperCase() };
}

/**
 * Matches an adapter's fields to header columns: for each field, the first accepted name
 * that the header has (normalised), and the first column with that name.
 */
export function matchCsvHeader(header: readonly string[], adapter: Pick<CsvAdapter, 'required' | 'optional'>): CsvMatch {
  const byKey = new Map<string, { index: number; zone?: string }>();
  header.forEach((name, index) => {
    const { key, zone } = headerKey(name);
    if (key && !byKey.has(key)) byKey.set(key, zone ? { index, zone } : { index });
  });
  const columns: Record<string, number> = {};
  const zones: Record<string, string> = {};
  const missing: string[] = [];
  let matched = 0;
  const find = (names: readonly string[]) => {
    for (const name of names) {
      const hit = byKey.get(normaliseHeader(name));
      if (hit) return hit;
    }
    return undefined;
  };
  for (const [field, names] of Object.entries(adapter.required)) {
    const hit = find(names);
    if (!hit) missing.push(names[0]!);
    else {
      columns[field] = hit.index;
      if (hit.zone) zones[field] = hit.zone;
      matched++;
    }
  }
  for (const [field, names] of Object.entries(adapter.optional)) {
    const hit = find(names);
    if (hit) {
      columns[field] = hit.index;
      if (hit.zone) zones[field] = hit.zone;
      matched++;
    }
  }
  return { columns, zones, missing, matched };
}
