/**
 * The bundled demo, audited end to end through the built CLI. Every figure below follows
 * from the rules in fixtures/demo/generate.mjs; the comments give the derivation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, readOut, runCli, tempDir, type CliRun } from './run-cli.js';

const DEMO = [
  'fixtures/demo/campaign-events.csv',
  'fixtures/demo/black-friday-events.csv',
  'fixtures/demo/campaign-summaries.csv',
  '--contacts',
  'fixtures/demo/contacts.csv',
  '--as-of',
  '2026-11-23',
];

interface JsonCampaign {
  campaign: string;
  sent: number;
  delivered: number;
  complaints: number;
  complaintRate: number;
  complaintLevel: string;
  complaintHeadroom: number | null;
  openRate: number | null;
  bounceRate: number;
  hardBounces: number;
  softBounces: number;
  blockBounces: number;
  uniqueOpens: number | null;
  uniqueClicks: number | null;
  unsubscribes: number;
  spamTrapHits: number;
  deliveredMethod: string;
  complaintsAfterWarning: number;
}

describe('deliv audit on the demo fixtures', () => {
  let out: string;
  let run: CliRun;
  let audit: {
    asOf: string;
    schemaVersion: number;
    verdict: { level: string; reasons: { code: string; level: string; campaign?: string }[] };
    campaigns: JsonCampaign[];
    audience: Record<string, unknown> & { suppressedByReason: Record<string, number> };
    bounces: { byKind: Record<string, { events: number; addresses: number }>; addresses: number };
    inputs: { file: string; layout: string; rowsRead: number; rowsUsed: number; rowsRejected: number; delimiter: string; encoding: string }[];
  };

  beforeAll(() => {
    out = tempDir();
    run = runCli(['audit', ...DEMO, '--out', out]);
    audit = JSON.parse(readOut(out, 'audit.json'));
  });

  it('exits 0: the verdict (warning) is below the default --fail-on restricted', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Verdict: WARNING (emma.warning, emma.second_warning)');
  });

  it('states the as-of moment and schema version', () => {
    expect(audit.asOf).toBe('2026-11-23T00:00:00.000Z');
    expect(audit.schemaVersion).toBe(1);
  });

  it("places each campaign on Emma's ladder with exact counts, rates and headroom", () => {
    const byName = Object.fromEntries(audit.campaigns.map((c) => [c.campaign, c]));
    expect(audit.campaigns.map((c) => c.campaign)).toEqual([
      'Spring Webinar',
      'Summer Sale',
      'September Digest',
      'October Newsletter',
      'Black Friday Preview',
    ]);
    // Sent to contacts 1..400; 6 bounced (3 hard, 2 mailbox full, 1 policy block); no complaints.
    expect(byName['September Digest']).toMatchObject({
      sent: 400, delivered: 394, deliveredMethod: 'delivered_events', hardBounces: 3, softBounces: 2, blockBounces: 1,
      complaints: 0, complaintRate: 0, complaintLevel: 'ok', complaintHeadroom: 0, // 1/394 would already be 0.25%
      uniqueOpens: 100, uniqueClicks: 20, unsubscribes: 1, bounceRate: 6 / 400, openRate: 100 / 394,
    });
    // 1..420 minus the 3 hard bounces = 417 sent; 4 bounced; 1 complaint in 413 = 0.242% > 0.2%.
    // Headroom to suspension: floor(0.5% x 413) = 2 complaints, so 1 more.
    expect(byName['October Newsletter']).toMatchObject({
      sent: 417, delivered: 413, hardBounces: 1, softBounces: 3, blockBounces: 0, complaints: 1,
      complaintRate: 1 / 413, complaintLevel: 'warning', complaintHeadroom: 1, uniqueOpens: 100, uniqueClicks: 20,
    });
    // 450 minus 4 hard bounces minus 10 unsubscribed (multiples of 45) plus 5 new leads = 441 sent;
    // 5 bounced; 2 complaints in 436: the first (1/436 = 0.23%) crossed 0.2%, the second came later.
    expect(byName['Black Friday Preview']).toMatchObject({
      sent: 441, delivered: 436, hardBounces: 1, softBounces: 2, blockBounces: 2, complaints: 2,
      complaintRate: 2 / 436, complaintLevel: 'second_warning', complaintHeadroom: 0, complaintsAfterWarning: 1,
      uniqueOpens: 94, uniqueClicks: 19, unsubscribes: 1, spamTrapHits: 1,
    });
    // Wilson 95% for 1/413, by hand: centre 0.0070068, margin 0.0065793 -> 0.0428%..1.3586%.
    const october = byName['October Newsletter'] as unknown as { evidence: { complaintRate: { numerator: number; denominator: number; low: number; high: number } } };
    expect(october.evidence.complaintRate).toMatchObject({ numerator: 1, denominator: 413 });
    expect(october.evidence.complaintRate.low).toBeCloseTo(0.000428, 6);
    expect(october.evidence.complaintRate.high).toBeCloseTo(0.013586, 6);
    // 1 in 1,180 = 0.085%: ok; a second complaint would reach 0.17% (elevated), so headroom 0.
    expect(byName['Summer Sale']).toMatchObject({
      sent: 1200, delivered: 1180, complaints: 1, complaintLevel: 'ok', complaintHeadroom: 0, deliveredMethod: 'summary',
      openRate: 310 / 1180, bounceRate: 20 / 1200,
    });
    // 1 in 890 = 0.112%: at or above the 0.1% industry standard; 2 would be 0.22% (> 0.2%).
    expect(byName['Spring Webinar']).toMatchObject({ complaints: 1, delivered: 890, complaintLevel: 'elevated', complaintHeadroom: 0 });
  });

  it('gives the verdict with its reason codes', () => {
    expect(audit.verdict.level).toBe('warning');
    expect(audit.verdict.reasons.map((r) => [r.code, r.level, r.campaign])).toEqual([
      ['emma.elevated', 'ok', 'Spring Webinar'],
      ['emma.warning', 'warning', 'October Newsletter'],
      ['emma.second_warning', 'warning', 'Black Friday Preview'],
    ]);
  });

  it('suppresses exactly the contacts that must not be mailed, each for its reasons', () => {
    // 450 contacts + 5 leads seen only in Black Friday's log.
    expect(audit.audience).toMatchObject({ total: 455, fromContacts: 450, logOnly: 5, duplicateContactRows: 1, eligible: 425, suppressed: 30, restrictedToActive: false, optInUnknown: 9 });
    expect(audit.audience.suppressedByReason).toEqual({
      complained: 5, // complaints from 77, 99, 188 + marked_spam 5, 6
      hard_bounce: 6, // bounces 13, 57, 101, 202, 333 + hard_bounced flag on 400 (13 also flagged)
      spam_trap: 1, // 444
      unsubscribed: 13, // 10 flagged (multiples of 45) + events from 30, 120, 160
      soft_bounce_limit: 2, // 22 and 88: full mailbox in September, October and November
      platform_suppressed: 0,
      archived: 2, // 7, 8
      no_opt_in: 1, // 9
      inactive: 0, // not restricted
    });
    const suppressed = parseCsv(readOut(out, 'suppressed.csv'));
    expect(suppressed).toHaveLength(30);
    const byEmail = Object.fromEntries(suppressed.map((r) => [r['email'], r]));
    expect(byEmail['alan.torvalds22@aol.com']).toMatchObject({ reasons: 'soft_bounce_limit' });
    expect(byEmail['alan.torvalds22@aol.com']!['detail']).toBe('3 soft bounces in a row from 2026-09-08 to 2026-11-16 with no delivery in between');
    expect(byEmail['sophie.borg77@example.org']!['reasons']).toBe('complained');
    const eligible = parseCsv(readOut(out, 'eligible.csv'));
    expect(eligible).toHaveLength(425);
    expect(Object.keys(eligible[0]!)).toEqual(['email', 'first_name', 'last_name', 'last_seen', 'last_heard_from', 'last_opened_email', 'last_clicked_email', 'unsubscribed', 'marked_spam', 'hard_bounced', 'archived', 'opt_in', 'plan']);
    // Every audience member is in exactly one of the two files.
    const both = new Set([...suppressed.map((r) => r['email']!.toLowerCase()), ...eligible.map((r) => r['email']!.toLowerCase())]);
    expect(both.size).toBe(455);
    // Block bounces (145, 310, 311) never suppress the recipient.
    expect(eligible.some((r) => r['email'] === 'barbara.clarke145@yahoo.com')).toBe(true);
  });

  it('gives rates by mailbox provider, over the audit and per day', () => {
    const providers = (audit as unknown as { providers: { total: Record<string, unknown>[]; daily: Record<string, unknown>[] } }).providers;
    const total = Object.fromEntries(providers.total.map((p) => [p['provider'], p]));
    // Yahoo/AOL (i % 6 = 1 or 4): sent 134 + 139 + 148; bounced 4 + 4 + 3; hard 13 and 202.
    expect(total['yahoo']).toMatchObject({ sent: 421, delivered: 410, hardBounces: 2, complaints: 0 });
    // Microsoft (hotmail.com, outlook.com: i % 6 = 2 or 3): 134 + 139 + 144; complaints 99 and 188.
    expect(total['microsoft']).toMatchObject({ sent: 417, complaints: 2 });
    // Black Friday's complaints: 99 on 2026-11-16 (sent 08:00, complained 15:00), 188 on 2026-11-18.
    const microsoftDays = providers.daily.filter((d) => d['provider'] === 'microsoft' && (d['complaints'] as number) > 0).map((d) => d['day']);
    expect(microsoftDays).toEqual(['2026-11-16', '2026-11-18']);
  });

  it('builds the bounce list with kinds and explanations', () => {
    expect(audit.bounces.addresses).toBe(11);
    expect(audit.bounces.byKind).toEqual({
      hard: { events: 5, addresses: 5 },
      soft: { events: 7, addresses: 3 },
      block: { events: 3, addresses: 3 },
      undetermined: { events: 0, addresses: 0 },
    });
    const bounces = parseCsv(readOut(out, 'bounces.csv'));
    const byEmail = Object.fromEntries(bounces.map((r) => [r['email'], r]));
    expect(byEmail['alan.torvalds22@aol.com']).toMatchObject({ kind: 'soft', count: '3', status: '552-5.2.2', last_at: '2026-11-16T08:00:27.000Z' });
    expect(byEmail['hedy.perlman13@yahoo.com']).toMatchObject({ kind: 'hard', reason: 'user_unknown', count: '1' });
    expect(byEmail['hedy.perlman13@yahoo.com']!['explanation']).toContain('not valid');
    expect(byEmail['dennis.ritchie310@aol.com']).toMatchObject({ kind: 'block', reason: 'sender_throttled' });
  });

  it('reconciles every row: read = used + rejected, per file', () => {
    expect(audit.inputs.map((f) => [f.file, f.layout, f.rowsRead, f.rowsUsed, f.rowsRejected])).toEqual([
      ['fixtures/demo/contacts.csv', 'contacts', 453, 451, 2],
      ['fixtures/demo/campaign-events.csv', 'event_log', 1879, 1877, 2],
      ['fixtures/demo/black-friday-events.csv', 'event_log', 999, 999, 0],
      ['fixtures/demo/campaign-summaries.csv', 'campaign_summary', 2, 2, 0],
    ]);
    expect(audit.inputs[2]).toMatchObject({ delimiter: ';', encoding: 'utf-8 with BOM' });
    const rejected = parseCsv(readOut(out, 'rejected.csv'));
    expect(rejected.map((r) => [r['file'], r['line'], r['column']])).toEqual([
      ['fixtures/demo/contacts.csv', '453', '1'],
      ['fixtures/demo/contacts.csv', '454', '4'],
      ['fixtures/demo/campaign-events.csv', '1879', '3'],
      ['fixtures/demo/campaign-events.csv', '1880', ''],
    ]);
    expect(rejected[3]!['reason']).toBe('expected 6 fields as in the header, found 5');
    expect(readOut(out, 'report.md')).toContain('Rows read = rows used + rows rejected: 3,333 = 3,329 + 4.');
  });

  it('writes a report with the verdict, campaigns, headroom, bounces and next steps', () => {
    const report = readOut(out, 'report.md');
    expect(report).toContain('## Verdict: WARNING');
    expect(report).toContain('| October Newsletter | 417 | 413 | 1 | 0.24% | warning | 1 |');
    expect(report).toContain('## What to do next');
    expect(report).toContain('421-4.7.28');
  });

  it('gates CI with --fail-on warning (exit 1) and prints one line with --quiet', () => {
    const gated = runCli(['audit', ...DEMO, '--out', tempDir(), '--fail-on', 'warning', '--quiet']);
    expect(gated.status).toBe(1);
    expect(gated.stdout).toBe('Verdict: WARNING (emma.warning, emma.second_warning)\n');
  });

  it('gives byte-identical outputs for the same inputs and --as-of', () => {
    const again = tempDir();
    runCli(['audit', ...DEMO, '--out', again]);
    for (const name of ['suppressed.csv', 'eligible.csv', 'bounces.csv', 'report.md', 'audit.json', 'rejected.csv']) {
      expect(readOut(again, name)).toBe(readOut(out, name));
    }
  });

  it('prints audit.json to stdout with --json', () => {
    const json = runCli(['audit', ...DEMO, '--out', tempDir(), '--json']);
    expect(JSON.parse(json.stdout).verdict.level).toBe('warning');
  });
});
