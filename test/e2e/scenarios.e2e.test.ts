/** Small hand-built scenarios: restriction, suspension, results-only runs and usage errors. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, readOut, ROOT, runCli, tempDir } from './run-cli.js';

describe('restricted: a spam-trap hit restricts sending to contacts active in the last 180 days', () => {
  const out = tempDir();
  const run = runCli(['audit', 'fixtures/restricted/events.csv', '--contacts', 'fixtures/restricted/contacts.csv', '--as-of', '2026-11-23', '--out', out]);

  it('exits 1 at the default --fail-on restricted', () => {
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Verdict: RESTRICTED (intercom.spam_trap_rate)');
  });

  it('keeps exactly the contacts active within 180 days (inclusive) and not otherwise suppressed', () => {
    const eligible = parseCsv(readOut(out, 'eligible.csv')).map((r) => r['email']);
    // a2 was seen exactly 180 days before as-of (eligible), a3 181 days before (not);
    // a8 has no activity in the export but opened the promo in the log.
    expect(eligible).toEqual(['a1@example.com', 'a2@example.com', 'a4@example.com', 'a6@example.com', 'a8@example.com']);
    const suppressed = Object.fromEntries(parseCsv(readOut(out, 'suppressed.csv')).map((r) => [r['email'], r['reasons']]));
    expect(suppressed).toEqual({
      'a10@example.com': 'unsubscribed;inactive',
      'a3@example.com': 'inactive',
      'a5@example.com': 'inactive',
      'a7@example.com': 'inactive',
      'a9@example.com': 'unsubscribed',
      'info@trap-domain.example': 'spam_trap;inactive',
      'old.list.1@example.net': 'inactive',
    });
    const audit = JSON.parse(readOut(out, 'audit.json'));
    expect(audit.audience).toMatchObject({ total: 12, fromContacts: 10, logOnly: 2, eligible: 5, suppressed: 7, active: 6, restrictedToActive: true });
    expect(audit.verdict.reasons[0]).toMatchObject({ code: 'intercom.spam_trap_rate', numerator: 1, denominator: 12, threshold: 0.001, estimate: true });
  });
});

describe('suspended: a campaign above 0.5% complaints suspends the account', () => {
  const out = tempDir();
  const run = runCli(['audit', 'fixtures/suspended/campaign-summaries.csv', '--as-of', '2026-11-23', '--out', out]);

  it('exits 1 and says first that nothing may be sent', () => {
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'Verdict: SUSPENDED (emma.suspended)',
      'Nothing may be sent: sending is suspended under emma.',
    ]);
    const report = readOut(out, 'report.md');
    expect(report.indexOf('Nothing may be sent')).toBeLessThan(report.indexOf('## Verdict'));
    const audit = JSON.parse(readOut(out, 'audit.json'));
    // 6 / 990 = 0.606% > 0.5%; a summary has no complaint times, so continuation is unknown.
    expect(audit.campaigns[1]).toMatchObject({ campaign: 'Flash Sale', complaintRate: 6 / 990, complaintLevel: 'suspended', complaintHeadroom: null });
    expect(audit.campaigns[0]).toMatchObject({ campaign: 'Weekly Update', complaintLevel: 'ok', complaintHeadroom: 0, openRate: 230 / 995 });
  });

  it('gates per policy: emma:suspended trips, intercom:warning does not', () => {
    const args = ['audit', 'fixtures/suspended/campaign-summaries.csv', '--out', tempDir(), '-q'];
    expect(runCli([...args, '--fail-on', 'emma:suspended']).status).toBe(1);
    expect(runCli([...args, '--fail-on', 'intercom:warning']).status).toBe(0);
    expect(runCli([...args, '--fail-on', 'intercom:warning,emma:warning']).status).toBe(1);
  });

  it('passes with --fail-on never', () => {
    expect(runCli(['audit', 'fixtures/suspended/campaign-summaries.csv', '--out', tempDir(), '--fail-on', 'never', '-q']).status).toBe(0);
  });
});

describe('CI: GITHUB_STEP_SUMMARY', () => {
  it('appends the Markdown report to the step summary file', () => {
    const dir = tempDir();
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, 'earlier step\n');
    const out = tempDir();
    runCli(['audit', 'fixtures/suspended/campaign-summaries.csv', '--as-of', '2026-11-23', '--out', out, '-q'], { GITHUB_STEP_SUMMARY: summary });
    expect(readFileSync(summary, 'utf8')).toBe(`earlier step\n${readOut(out, 'report.md')}\n`);
  });
});

describe('results alone: deliv audit campaign.csv', () => {
  it('derives the audience, suppressions and verdict from the log', () => {
    const out = tempDir();
    const run = runCli(['audit', 'fixtures/demo/campaign-events.csv', '--as-of', '2026-11-23', '--out', out]);
    expect(run.status).toBe(0);
    const audit = JSON.parse(readOut(out, 'audit.json'));
    // Recipients of September (1..400) and October (1..420): 420 addresses, all from the log.
    // Suppressed: complaint 77; hard bounces 13, 57, 101, 202; unsubscribes 30, 120.
    expect(audit.audience).toMatchObject({ total: 420, fromContacts: 0, logOnly: 420, suppressed: 7, eligible: 413 });
    expect(audit.verdict.level).toBe('warning');
    // Without contact exports, eligible.csv has one column, sorted by address.
    expect(parseCsv(readOut(out, 'eligible.csv'))[0]).toEqual({ email: 'ada.lovelace100@aol.com' });
  });
});

describe('usage and input errors exit 2 with one clear line', () => {
  it('names the file, the columns found and the columns expected for an unknown header', () => {
    const run = runCli(['audit', 'fixtures/errors/unknown-header.csv', '--out', tempDir()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'deliv: fixtures/errors/unknown-header.csv:1: no known format fits: found columns "id", "name", "value"; expected the columns of an event log (campaign, email, event, timestamp), a campaign summary (campaign, sent, delivered, complaints), a contact export (email), or of a supported vendor export (deliv inspect shows how a file is read)\n',
    );
  });
  it('reads a contact export given as a results file, and refuses an event log given with --contacts', () => {
    const out = tempDir();
    expect(runCli(['audit', 'fixtures/restricted/contacts.csv', 'fixtures/restricted/events.csv', '--as-of', '2026-11-23', '--out', out]).status).toBe(1);
    expect(JSON.parse(readOut(out, 'audit.json')).audience).toMatchObject({ total: 12, fromContacts: 10 });
    const run = runCli(['audit', 'fixtures/suspended/campaign-summaries.csv', '--contacts', 'fixtures/restricted/events.csv', '--out', tempDir()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('deliv: fixtures/restricted/events.csv:1: this is an event log (generic-events), not a contact export; expected a contact export after --contacts; pass campaign results without --contacts\n');
  });
  it('names the closest format and what it lacks', () => {
    const run = runCli(['audit', 'fixtures/errors/summary-without-complaints.csv', '--out', tempDir()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('deliv: fixtures/errors/summary-without-complaints.csv:1: no known format fits: found columns "campaign", "sent", "delivered"; expected the columns of a known format; closest: campaign summary (generic-summary), missing complaints; event log (generic-events), missing email, event, timestamp\n');
  });
  it('reports a missing file without a stack trace', () => {
    const run = runCli(['audit', 'fixtures/nope.csv', '--out', tempDir()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('deliv: fixtures/nope.csv: cannot read the file: no such file\n');
  });
  it('rejects a bad --as-of and a bad --fail-on', () => {
    const asOf = runCli(['audit', 'fixtures/suspended/campaign-summaries.csv', '--as-of', 'yesterday']);
    expect(asOf.status).toBe(2);
    expect(asOf.stderr).toBe(
      "deliv: option '--as-of <date>' argument 'yesterday' is invalid. expected an ISO date (2026-11-23) or date-time (2026-11-23T09:00:00Z). (see deliv --help)\n",
    );
    const failOn = runCli(['audit', 'fixtures/suspended/campaign-summaries.csv', '--fail-on', 'sometimes']);
    expect(failOn.status).toBe(2);
    expect(failOn.stderr).toBe(
      "deliv: option '--fail-on <level>' argument 'sometimes' is invalid. \"sometimes\": the level must be one of warning, restricted, suspended, never. (see deliv --help)\n",
    );
  });
  it('refuses the same file given twice', () => {
    const run = runCli(['audit', 'fixtures/suspended/campaign-summaries.csv', './fixtures/suspended/campaign-summaries.csv', '--out', tempDir()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('deliv: ./fixtures/suspended/campaign-summaries.csv is given more than once; each input file is read once\n');
  });
  it('prints help and version', () => {
    const help = runCli(['audit', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--fail-on <level>');
    expect(help.stdout).toContain('Exit status: 0 verdict below --fail-on');
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(runCli(['--help']).stdout).toContain('audit [options] <results...>');
  });
});

describe('config file: defaults < deliv.config.json < flags', () => {
  const DEMO_ARGS = ['audit', 'fixtures/demo/campaign-events.csv', '--as-of', '2026-11-23'];
  const config = (json: string) => {
    const file = join(tempDir(), 'deliv.config.json');
    writeFileSync(file, json);
    return file;
  };

  it('takes options from the file, and a flag on the command line wins', () => {
    const out = tempDir();
    const file = config(JSON.stringify({ failOn: 'warning', out, softBounceLimit: 2, softBounceDays: 14 }));
    // The demo's September and October logs give a warning: fail-on warning from the file -> 1.
    const fromFile = runCli([...DEMO_ARGS, '--config', file, '-q']);
    expect(fromFile.status).toBe(1);
    // 22 and 88 soft-bounced in September and October (28 days apart): 2 in a row over 14+ days.
    expect(JSON.parse(readOut(out, 'audit.json')).audience.suppressedByReason.soft_bounce_limit).toBe(2);
    expect(runCli([...DEMO_ARGS, '--config', file, '--fail-on', 'never', '-q']).status).toBe(0);
  });

  it('stops with the file, the dotted path and what was expected', () => {
    const bad = runCli([...DEMO_ARGS, '--config', config('{ "softBounceLimit": 0 }'), '--out', tempDir()]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^deliv: .*deliv\.config\.json: softBounceLimit: Too small: expected number to be >=1\n$/);
    const zone = runCli([...DEMO_ARGS, '--config', config('{ "timezone": "Mars/Olympus" }'), '--out', tempDir()]);
    expect(zone.status).toBe(2);
    expect(zone.stderr).toMatch(/deliv\.config\.json: timezone: expected an IANA time zone/);
    const missing = runCli([...DEMO_ARGS, '--config', '/nonexistent/deliv.config.json']);
    expect(missing.stderr).toBe('deliv: /nonexistent/deliv.config.json: cannot read the file: no such file; expected a JSON object of deliv audit options\n');
  });
});

describe('deliv policies', () => {
  it('lists the policies and shows one with every threshold and its source', () => {
    const list = runCli(['policies']);
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n').slice(0, 8)).toEqual([
      'emma       default                  Emma: spam complaints per campaign (3 thresholds)',
      'intercom   default                  Intercom: restriction to active users (3 thresholds)',
      'ses        default with ses-events  Amazon SES: bounce and complaint rates (5 thresholds)',
      'gmail      default                  Gmail: sender guidelines (spam rate, bulk senders) (3 thresholds)',
      'yahoo      default                  Yahoo: sender requirements (spam rate) (1 threshold)',
      'brevo      with --policy            Brevo: account suspension (last 24 hours) (3 thresholds)',
      'microsoft  default                  Microsoft Outlook.com: high-volume senders (1 threshold)',
      'hygiene    always                   deliv list hygiene: suppresses addresses, gives no verdict',
    ]);
    const show = runCli(['policies', 'show', 'intercom']);
    expect(show.status).toBe(0);
    expect(show.stdout).toContain('  spam_trap_rate: spam-trap hit rate over the audit above 0.1% (estimate) -> restricted\n');
    expect(show.stdout).toContain('Restricted mode: only contacts active in the last 180 days may be mailed');
    expect(show.stdout).toContain('Not checked by this audit (check these yourself):\n  - Every message carries an easy unsubscribe option');
    const json = JSON.parse(runCli(['policies', 'show', 'emma', '--json']).stdout);
    expect(json.thresholds.map((t: { id: string; value: number; comparison: string; level: string }) => [t.id, t.value, t.comparison, t.level])).toEqual([
      ['elevated', 0.001, 'at_or_above', 'ok'],
      ['warning', 0.002, 'above', 'warning'],
      ['suspended', 0.005, 'above', 'suspended'],
    ]);
    const hygiene = runCli(['policies', 'show', 'hygiene']);
    expect(hygiene.stdout).toContain('softBounceLimit.count');
  });
  it('refuses an unknown policy name', () => {
    const run = runCli(['policies', 'show', 'hotmail']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('deliv: no policy named "hotmail"; expected one of emma, intercom, ses, gmail, yahoo, brevo, microsoft, hygiene, or a .json policy file\n');
  });
});

describe('output to a closed pipe', () => {
  it('stops quietly when the reader goes away (deliv ... | head), no stack trace', () => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" bin/deliv.js audit --help | head -1; "${process.execPath}" bin/deliv.js audit fixtures/policies/events.csv --as-of 2026-11-23 --out "$(mktemp -d)" --fail-on never --json | head -c 10`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.stdout).toBe('Usage: deliv audit [options] <results...>\n{\n  "schem');
    expect(run.stderr).toBe('');
  });
});
