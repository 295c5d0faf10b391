/**
 * The contract every input adapter keeps: walking the registry, each adapter is the one
 * detection picks for its own sample, and no other adapter takes that sample whole. A new
 * source fails here until it has a sample in the table below.
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adapters, detectCsvAdapter, detectJsonAdapter, rankCsvAdapters } from './adapters.js';
import { readCsvFile, type CsvHeader } from './csv/read-csv-file.js';
import type { InputAdapter, JsonAdapter } from './input-adapter.js';
import { FORMAT_NAMES } from './input-adapter.js';
import { readJsonRecords, sniffJsonFile } from './json/read-json-records.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Format -> its samples (vendor fixtures; the demo files for deliv's generic layouts). */
const SAMPLES: Readonly<Record<string, readonly string[]>> = {
  'generic-events': ['fixtures/demo/campaign-events.csv', 'fixtures/demo/black-friday-events.csv'],
  'generic-summary': ['fixtures/demo/campaign-summaries.csv'],
  'generic-contacts': ['fixtures/demo/contacts.csv'],
  'intercom-people': ['fixtures/vendors/intercom/people.csv'],
  'mailchimp-audience': [
    'fixtures/vendors/mailchimp/subscribed_members_export_abc123.csv',
    'fixtures/vendors/mailchimp/unsubscribed_members_export_abc123.csv',
    'fixtures/vendors/mailchimp/cleaned_members_export_abc123.csv',
  ],
  'mailchimp-report': ['fixtures/vendors/mailchimp/campaign_reports.csv'],
  'sendgrid-events': ['fixtures/vendors/sendgrid/events.json', 'fixtures/vendors/sendgrid/events.ndjson'],
  'sendgrid-events-csv': ['fixtures/vendors/sendgrid/events.csv'],
  'sendgrid-suppressions': [
    'fixtures/vendors/sendgrid/bounces.csv',
    'fixtures/vendors/sendgrid/blocks.csv',
    'fixtures/vendors/sendgrid/spam_reports.csv',
    'fixtures/vendors/sendgrid/invalid_emails.csv',
  ],
  'ses-events': ['fixtures/vendors/ses/events.jsonl', 'fixtures/vendors/ses/sns-notifications.json'],
  'postmark-bounces': ['fixtures/vendors/postmark/bounces.json'],
  'mailgun-events': ['fixtures/vendors/mailgun/events.json'],
};

/**
 * deliv's generic contact layout needs only an `email` column, so it also takes any other
 * file that has one (an event log, a vendor export). That is by design (it is the fallback, listed last in the
 * registry); what the contract requires of it is that the vendor's own adapter fits
 * strictly better, so detection never falls back to it. These are the only overlaps
 * allowed: any other adapter that takes a sample whole fails the contract.
 */
const FALLBACK_OVERLAPS: Readonly<Record<string, readonly string[]>> = {
  'generic-events': ['generic-contacts'],
  'intercom-people': ['generic-contacts'],
  'sendgrid-suppressions': ['generic-contacts'],
  'sendgrid-events-csv': ['generic-contacts'],
};

interface CsvSample {
  container: 'csv';
  path: string;
  header: CsvHeader;
}
interface JsonSample {
  container: 'json';
  path: string;
  first: unknown[];
}

async function readSample(path: string): Promise<CsvSample | JsonSample> {
  const file = join(ROOT, path);
  if (await sniffJsonFile(file)) {
    let first: unknown[] = [];
    await readJsonRecords(file, { first: (records) => void (first = records.map((r) => r.value)), record: () => {} });
    return { container: 'json', path, first };
  }
  let header: CsvHeader | undefined;
  await readCsvFile(file, { header: (h) => void (header = h), record: () => {} });
  return { container: 'csv', path, header: header! };
}

const registry = Object.entries(adapters) as [string, InputAdapter][];
const samples = new Map<string, CsvSample | JsonSample>();
for (const paths of Object.values(SAMPLES)) for (const path of paths) if (existsSync(join(ROOT, path))) samples.set(path, await readSample(path));
const cases = registry.flatMap(([format, adapter]) => (SAMPLES[format] ?? []).map((path) => ({ format, adapter, path })));

describe('the registry', () => {
  it('has an adapter for every format name, registered under its own name', () => {
    expect(Object.keys(adapters).sort()).toEqual([...FORMAT_NAMES].sort());
    for (const [format, adapter] of registry) expect(adapter.format).toBe(format);
  });

  it('has a sample for every format, and every sample exists', () => {
    for (const format of FORMAT_NAMES) expect([format, (SAMPLES[format] ?? []).length > 0]).toEqual([format, true]);
    for (const paths of Object.values(SAMPLES)) for (const path of paths) expect([path, samples.has(path)]).toEqual([path, true]);
  });
});

describe.each(cases)('$format recognises $path', ({ format, adapter, path }) => {
  const sample = samples.get(path)!;
  const fileName = basename(path);

  it('is the container of its sample', () => {
    expect(sample.container).toBe(adapter.container);
  });

  if (sample.container === 'csv') {
    const { names, line } = sample.header;

    it('is the adapter detection picks for the header (with --contacts too, for contact exports)', () => {
      expect(detectCsvAdapter(names, path, 'results', line).adapter.format).toBe(format);
      if (adapter.layout === 'contacts') expect(detectCsvAdapter(names, path, 'contacts', line).adapter.format).toBe(format);
    });

    it('is the only adapter that takes the header whole (bar the generic fallback, which fits worse)', () => {
      const ranked = rankCsvAdapters(names, fileName);
      const own = ranked.find((r) => r.adapter === adapter)!;
      const others = ranked.filter((r) => r.adapter !== adapter && r.match.missing.length === 0 && r.accepted);
      expect(others.map((r) => r.adapter.format)).toEqual(FALLBACK_OVERLAPS[format] ?? []);
      for (const other of others) expect([other.adapter.format, other.match.matched < own.match.matched]).toEqual([other.adapter.format, true]);
    });
  } else {
    const { first } = sample;

    it('is the adapter detection picks for the first records', () => {
      expect(detectJsonAdapter(first, path, 'results').format).toBe(format);
    });

    it('is the only JSON adapter with nothing missing', () => {
      const others = registry
        .map(([, a]) => a)
        .filter((a): a is JsonAdapter => a.container === 'json' && a !== adapter)
        .filter((a) => a.detect(first).missing.length === 0)
        .map((a) => a.format);
      expect(others).toEqual([]);
    });
  }
});
