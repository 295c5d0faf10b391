import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROOT, runCli, tempDir } from '../../test/e2e/run-cli.js';
import { AuditAccumulator } from '../analysis/audit-accumulator.js';
import { COMPLAINT_LEVELS } from '../analysis/rates/complaint-ladder.js';
import { finishAudit } from '../analysis/run-audit.js';
import { newFileSummary } from '../inputs/read-input-file.js';
import { defaultPolicies } from '../policies/index.js';
import { auditJsonSchema } from './audit-json-schema.js';
import { jsonAudit, type JsonAudit } from './json-report.js';

const V = 'fixtures/vendors';
const SENDGRID_SUPPRESSIONS = ['bounces.csv', 'blocks.csv', 'spam_reports.csv', 'invalid_emails.csv'].map((f) => `${V}/sendgrid/${f}`);
const MAILCHIMP_AUDIENCE = ['subscribed', 'unsubscribed', 'cleaned'].map((s) => `${V}/mailchimp/${s}_members_export_abc123.csv`);

/** The fixture runs of the end-to-end tests, keyed by the fixtures folder they read. */
const RUNS: Record<string, readonly (readonly string[])[]> = {
  demo: [
    [
      'fixtures/demo/campaign-events.csv',
      'fixtures/demo/black-friday-events.csv',
      'fixtures/demo/campaign-summaries.csv',
      '--contacts',
      'fixtures/demo/contacts.csv',
    ],
  ],
  restricted: [['fixtures/restricted/events.csv', '--contacts', 'fixtures/restricted/contacts.csv']],
  suspended: [['fixtures/suspended/campaign-summaries.csv']],
  [`${V}/intercom`]: [[`${V}/intercom/people.csv`]],
  [`${V}/mailchimp`]: [
    [...MAILCHIMP_AUDIENCE, `${V}/mailchimp/campaign_reports.csv`],
    [`${V}/mailchimp/campaign_reports.csv`, ...MAILCHIMP_AUDIENCE.flatMap((f) => ['--contacts', f])],
  ],
  [`${V}/sendgrid`]: [
    [`${V}/sendgrid/events.json`],
    [`${V}/sendgrid/events.ndjson`],
    [`${V}/sendgrid/events.csv`],
    SENDGRID_SUPPRESSIONS,
    [`${V}/sendgrid/events.json`, `${V}/sendgrid/events.ndjson`, ...SENDGRID_SUPPRESSIONS.flatMap((f) => ['--contacts', f])],
  ],
  [`${V}/ses`]: [[`${V}/ses/events.jsonl`], [`${V}/ses/sns-notifications.json`]],
  [`${V}/postmark`]: [[`${V}/postmark/bounces.json`]],
  [`${V}/mailgun`]: [[`${V}/mailgun/events.json`]],
  // The README's mixed run: contacts from one vendor, results from two others.
  [`${V} (mixed)`]: [[`${V}/sendgrid/events.json`, `${V}/postmark/bounces.json`, '--contacts', `${V}/intercom/people.csv`]],
};
const CASES = Object.entries(RUNS).flatMap(([folder, runs]) => runs.map((args) => [folder, args] as const));

/** A small audit built in process: three summarised campaigns, one of them suspended. */
function summaryAudit(): JsonAudit {
  const acc = new AuditAccumulator();
  acc.beginFile({ ...newFileSummary('s.csv', 'results', { timezone: 'UTC' }), layout: 'campaign_summary' });
  const known = { opens: true, clicks: false, hardBounces: true, softBounces: false, unsubscribes: false, spamTraps: false };
  for (const [n, [campaign, complaints]] of ([['A', 0], ['B', 2], ['C', 6]] as const).entries()) {
    acc.addSummary({ summary: { campaign, sent: 1000, delivered: 990, complaints, hardBounces: 10, uniqueOpens: 300 }, file: 's.csv', line: n + 2, fields: [campaign], known });
  }
  return jsonAudit(finishAudit(acc, { policies: defaultPolicies, asOf: Date.UTC(2026, 10, 23), toolVersion: 'test' }));
}

/** The schema's complaints, as a list the test output can show in full. */
function issues(value: unknown): z.core.$ZodIssue[] {
  return auditJsonSchema.safeParse(value).error?.issues ?? [];
}

describe('auditJsonSchema accepts real audits', () => {
  it('covers every folder under fixtures/vendors', () => {
    const folders = readdirSync(join(ROOT, V), { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(folders.map((d) => `${V}/${d.name}`).filter((f) => !RUNS[f])).toEqual([]);
  });

  it('an in-process audit, before serialisation', () => {
    expect(issues(summaryAudit())).toEqual([]);
  });

  it.each(CASES)('%s: deliv audit %j --json', (_folder, args) => {
    const run = runCli(['audit', ...args, '--as-of', '2026-11-23', '--out', tempDir(), '--fail-on', 'never', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(issues(JSON.parse(run.stdout))).toEqual([]);
  });
});

describe('auditJsonSchema rejects', () => {
  const cases: [string, (audit: any) => void][] = [
    ['an unknown top-level key', (a) => (a.extra = 1)],
    ['an unknown key in a campaign', (a) => (a.campaigns[0].extra = 1)],
    ['an unknown complaint level', (a) => (a.campaigns[0].complaintLevel = 'catastrophic')],
    ['an unknown bounce kind in byKind', (a) => (a.bounces.byKind.bogus = { events: 0, addresses: 0 })],
    ['a missing bounce kind in byKind', (a) => delete a.bounces.byKind.undetermined],
    ['null where the type has no null', (a) => (a.campaigns[0].sent = null)],
    ['a missing field', (a) => delete a.audience.optInUnknown],
  ];
  it.each(cases)('%s', (_name, spoil) => {
    const audit = structuredClone(summaryAudit());
    expect(issues(audit)).toEqual([]);
    spoil(audit);
    expect(issues(audit)).not.toEqual([]);
  });
});

describe('z.toJSONSchema(auditJsonSchema)', () => {
  it('gives a closed object schema with the campaigns and their enums', () => {
    const schema = z.toJSONSchema(auditJsonSchema);
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      description: expect.stringContaining('audit.json'),
      properties: {
        campaigns: {
          type: 'array',
          items: { additionalProperties: false, properties: { complaintLevel: { enum: [...COMPLAINT_LEVELS] } } },
        },
      },
    });
  });
});
