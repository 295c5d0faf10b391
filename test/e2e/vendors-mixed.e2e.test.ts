/** Issue 4 across sources: one consistent audit from several vendors, --format, and deliv inspect. */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, readOut, runCli, tempDir } from './run-cli.js';

describe('mixed run: Intercom contacts + SendGrid events + Postmark bounces', () => {
  const out = tempDir();
  const run = runCli([
    'audit',
    'fixtures/vendors/sendgrid/events.json',
    'fixtures/vendors/postmark/bounces.json',
    '--contacts',
    'fixtures/vendors/intercom/people.csv',
    '--as-of',
    '2026-11-23',
    '--out',
    out,
  ]);
  const audit = JSON.parse(readOut(out, 'audit.json'));

  it('gives one audit: every SendGrid and Postmark recipient is an Intercom contact; 13 active and unflagged stay eligible', () => {
    expect(run.status).toBe(1); // suspended: October Newsletter, 1 complaint in 7 deliveries
    expect(audit.verdict.level).toBe('suspended');
    // Intercom's bounce-rate trigger: 4 bounced of 14 sent in the two SendGrid campaigns (the bounce-only
    // Postmark campaigns have no sends to judge), above 3%, so sending is restricted to active users.
    expect(audit.verdict.reasons.map((r: { code: string; campaign?: string; numerator: number; denominator: number }) => [r.code, r.campaign, r.numerator, r.denominator])).toEqual([
      ['emma.suspended', 'October Newsletter', 1, 7],
      ['intercom.bounce_rate', undefined, 4, 14],
    ]);
    // The 12 flagged plus Intercom's 10 inactive (5 of them also flagged: edsger, john.b, radia, linus, dennis).
    expect(audit.audience).toMatchObject({ total: 30, fromContacts: 30, logOnly: 0, eligible: 13, suppressed: 17, active: 20, restrictedToActive: true });
    expect(audit.audience.suppressedByReason).toMatchObject({ hard_bounce: 4, complained: 3, unsubscribed: 4, platform_suppressed: 1, inactive: 10 });
  });

  it('lists each file with its detected format and reconciled rows', () => {
    expect(audit.inputs.map((f: Record<string, unknown>) => [f['format'], f['rowsRead'], f['rowsUsed'], f['rowsRejected']])).toEqual([
      ['intercom-people', 32, 31, 1],
      ['sendgrid-events', 45, 45, 0],
      ['postmark-bounces', 8, 8, 0],
    ]);
    expect(audit.inputs[0].notes).toEqual(["Intercom dates read in America/Los_Angeles (header PDT), each with its own date's daylight-saving rule"]);
    const report = readOut(out, 'report.md');
    expect(report).toContain('| fixtures/vendors/sendgrid/events.json | SendGrid event webhook dump (`sendgrid-events`) | 45 | 45 | 0 | 0 | marketing\\_campaign\\_name, else category |');
    expect(report).toContain('Intercom dates read in America/Los\\_Angeles (header PDT)');
  });

  it('computes SendGrid campaigns from sends, and Postmark (bounce-only) campaigns without rates', () => {
    const byName = Object.fromEntries(audit.campaigns.map((c: { campaign: string }) => [c.campaign, c]));
    expect(byName['October Newsletter']).toMatchObject({ sent: 9, delivered: 7, hardBounces: 1, blockBounces: 1, complaints: 1, uniqueOpens: 4, uniqueClicks: 1, unsubscribes: 2, dropped: 1, complaintLevel: 'suspended', complaintRate: 1 / 7 });
    expect(byName['Product Update']).toMatchObject({ sent: 5, delivered: 3, softBounces: 1, blockBounces: 1, complaints: 0, uniqueOpens: 3, dropped: 1, deferred: 1 });
    expect(byName['Trial Ending']).toMatchObject({ deliveredMethod: 'no_send_data', complaintRate: null, bounceRate: null, hardBounces: 1, softBounces: 1, complaints: 1 });
    // A bounce dump cannot weigh blocks against sends: only SendGrid's Yahoo block counts.
    expect(audit.bounces.byProvider.map((a: { provider: string; sent: number; blocked: number }) => [a.provider, a.sent, a.blocked])).toEqual([['yahoo', 2, 2]]);
  });

  it('names the file that set a merged flag', () => {
    const suppressed = Object.fromEntries(parseCsv(readOut(out, 'suppressed.csv')).map((r) => [r['email'], r]));
    expect(suppressed['frances.a@example.net']!['reasons']).toBe('unsubscribed');
  });
});

describe('--format forces a format', () => {
  it('reads a file as the named format, and says what is missing when it cannot', () => {
    const ok = runCli(['audit', 'fixtures/demo/campaign-events.csv', '--format', 'generic-events', '--as-of', '2026-11-23', '--out', tempDir()]);
    expect(ok.status).toBe(0);
    const bad = runCli(['audit', 'fixtures/demo/campaign-events.csv', '--format', 'generic-summary', '--out', tempDir()]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('deliv: fixtures/demo/campaign-events.csv:1: the header lacks what generic-summary needs: sent, delivered, complaints; expected the columns of campaign summary\n');
    const unknown = runCli(['audit', 'fixtures/demo/campaign-events.csv', '--format', 'excel']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("option '--format <name>' argument 'excel' is invalid. expected one of generic-events,");
  });
});

describe('campaign attribution falls back to the file name, and says so', () => {
  it('names campaigns after the file when records carry none', () => {
    const dir = tempDir();
    const file = join(dir, 'spring-blast.json');
    copyFileSync('fixtures/vendors/postmark/bounces.json', file);
    const out = tempDir();
    runCli(['audit', file, '--as-of', '2026-11-23', '--out', out]);
    const audit = JSON.parse(readOut(out, 'audit.json'));
    expect(audit.inputs[0]).toMatchObject({ campaignFrom: 'Tag', campaignFromFileName: 2 });
    expect(audit.campaigns.map((c: { campaign: string }) => c.campaign)).toContain('spring-blast');
    expect(readOut(out, 'report.md')).toContain('Tag; 2 record(s) had none and were named after the file');
  });
});

describe('deliv inspect', () => {
  it('shows format, columns, zones, counts and rejects of a recognised file', () => {
    const run = runCli(['inspect', 'fixtures/vendors/intercom/people.csv']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'fixtures/vendors/intercom/people.csv',
      '  read as:  Intercom people export (intercom-people); CSV, utf-8, delimiter ","',
      "  note:     Intercom dates read in America/Los_Angeles (header PDT), each with its own date's daylight-saving rule",
      '  rows:     32 read = 31 used + 1 rejected',
      '  records:  contacts 31',
    ]);
    expect(run.stdout).toContain('    last_seen            <- "Last seen (PDT)" (zone PDT)\n');
    expect(run.stdout).toContain('    line 30, column 7: empty email; expected an email address such as name@example.com\n');
  });

  it('explains an unrecognised file and still shows how it was parsed (exit 2)', () => {
    const run = runCli(['inspect', '--rows', 'fixtures/errors/summary-without-complaints.csv']);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('  read as:  no known format; CSV, utf-8, delimiter ","\n');
    expect(run.stdout).toContain('    generic-summary        missing complaints\n');
    expect(run.stdout).toContain('  rows as parsed:\n    ["Spring","100","98"]\n');
  });

  it('prints JSON with --json, including the raw rows with --rows', () => {
    const run = runCli(['inspect', '--json', '--rows', 'fixtures/vendors/postmark/bounces.json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ format: 'postmark-bounces', container: 'json', shape: 'wrapped', rows: { read: 8, used: 8, rejected: 0 } });
    expect(json.parsedRows).toHaveLength(8);
    // Postmark lists bounces newest first, each BouncedAt with 7 fractional digits and an offset.
    expect(json.parsedRows[0].BouncedAt).toBe('2026-11-19T10:02:11.4402781-05:00');
  });
});
