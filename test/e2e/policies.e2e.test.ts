import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOut, runCli, tempDir } from './run-cli.js';

// fixtures/policies/events.csv (see its generate.mjs): "November Promo", 1,000 sent on
// 2026-11-10: 400 to gmail.com, 300 to yahoo.com, 300 to example.com; 110 example.com
// addresses hard-bounce (550 5.1.1), 890 delivered; 2 Gmail users complain that afternoon.
const EVENTS = 'fixtures/policies/events.csv';
const audit = (...args: string[]) => runCli(['audit', EVENTS, '--as-of', '2026-11-23', '--out', tempDir(), '--fail-on', 'never', ...args]);
const auditJson = (...args: string[]) => {
  const run = audit('--json', ...args);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
};

describe('one dataset, judged by ses, gmail and emma', () => {
  it('emma: 2 complaints / 890 delivered = 0.2247%, above 0.2% and not above 0.5%: warning', () => {
    const a = auditJson('--policy', 'emma');
    expect(a.verdict.level).toBe('warning');
    expect(a.verdict.reasons.map((r: { code: string }) => r.code)).toEqual(['emma.warning']);
    expect(a.verdict.reasons[0]).toMatchObject({ campaign: 'November Promo', numerator: 2, denominator: 890, threshold: 0.002 });
  });
  it('gmail: 2 complaints / 400 delivered to Gmail on 2026-11-10 = 0.5%, at or above 0.3%: restricted', () => {
    const a = auditJson('--policy', 'gmail');
    expect(a.verdict.level).toBe('restricted');
    // Only the worst threshold crossed is the day's reason (0.5% also crosses the 0.1% target).
    expect(a.verdict.reasons).toHaveLength(1);
    expect(a.verdict.reasons[0]).toMatchObject({ code: 'gmail.spam_rate_limit', day: '2026-11-10', providers: ['google'], numerator: 2, denominator: 400, value: 0.005 });
  });
  it('ses: 110 hard bounces / 1,000 sent = 11%, at or above 10%: suspended; 2 / 890 complaints is the review line', () => {
    const a = auditJson('--policy', 'ses');
    expect(a.verdict.level).toBe('suspended');
    expect(a.verdict.reasons.map((r: { code: string; level: string }) => [r.code, r.level])).toEqual([
      ['ses.bounce_pause', 'suspended'],
      ['ses.complaint_review', 'warning'],
    ]);
    expect(a.verdict.reasons[0]).toMatchObject({ numerator: 110, denominator: 1000, value: 0.11, scope: 'audit' });
  });
  it('all three: a verdict per policy, the overall one the worst (ses), and the gates per policy', () => {
    const a = auditJson('--policy', 'ses,gmail,emma');
    expect(a.verdict.byPolicy).toEqual({ ses: 'suspended', gmail: 'restricted', emma: 'warning' });
    expect(a.verdict.level).toBe('suspended');
    expect(a.verdict.decidedBy).toEqual(['ses']);
    expect(a.policies.chosenBy).toBe('option');
    expect(a.policies.judged.map((p: { name: string }) => p.name)).toEqual(['ses', 'gmail', 'emma']);
    expect(audit('--policy', 'ses,gmail,emma', '--fail-on', 'emma:suspended').status).toBe(0);
    expect(audit('--policy', 'ses,gmail,emma', '--fail-on', 'gmail:restricted', '--quiet').status).toBe(1);
    expect(audit('--policy', 'ses', '--policy', 'gmail', '--fail-on', 'gmail:suspended').status).toBe(0);
  });
  it('gives the headroom left below each threshold', () => {
    const a = auditJson('--policy', 'ses,gmail,emma');
    const room = Object.fromEntries(a.headroom.map((h: { code: string; unitsCrossed: number; closest: unknown }) => [h.code, [h.unitsCrossed, h.closest]]));
    // Emma suspends above 0.5% of 890 = 4.45: up to 4 complaints pass, 2 more than now.
    expect(room['emma.suspended']).toEqual([0, { unit: 'campaign "November Promo"', numerator: 2, denominator: 890, limit: 4, headroom: 2 }]);
    // SES pauses at 0.5% or more of 890: 4.45 reached by 5, so 4 is the most.
    expect(room['ses.complaint_pause']).toEqual([0, { unit: 'all 1 campaign(s) audited', numerator: 2, denominator: 890, limit: 4, headroom: 2 }]);
    // Gmail's bulk-sender line: 5,000 a day; 400 sent to Gmail, 4,599 more before it.
    expect(room['gmail.bulk_sender']).toEqual([0, { unit: '2026-11-10, Google', numerator: 400, denominator: null, limit: 4999, headroom: 4599 }]);
    expect(room['gmail.spam_rate_limit']).toEqual([1, null]);
  });
  it('forecasts the next send to the 888 eligible contacts (binomial)', () => {
    const a = auditJson('--policy', 'ses,gmail,emma');
    expect(a.forecast.audience).toBe(888); // 1,000 minus 110 hard bounces and 2 complainers
    const gmail = a.forecast.thresholds.find((t: { code: string }) => t.code === 'gmail.spam_rate_limit');
    // 398 eligible Gmail users, none bounced, at 2/400 = 0.5%: 0.3% of 398 is 1.19, so 2
    // complaints cross. P(X > 1) = 1 - 0.995^398 - 398 * 0.005 * 0.995^397 = 0.59196.
    expect(gmail).toMatchObject({ volume: 398, rate: 0.005, limit: 1 });
    expect(gmail.probability).toBeCloseTo(0.5919556286, 8);
    // SES judges the whole audit: 110 of 1,000 already, plus 888 more sends at 11%:
    // 10% of 1,888 is 188.8, so 188 hard bounces in all (78 new) is the most that stays under.
    expect(a.forecast.thresholds.find((t: { code: string }) => t.code === 'ses.bounce_pause')).toMatchObject({ volume: 888, limit: 78 });
    expect(a.forecast.assumptions[0]).toBe('The next send goes once to each of the 888 eligible contacts, as one campaign on one day.');
  });
  it('lists what it cannot check, never as passed', () => {
    const a = auditJson('--policy', 'gmail');
    expect(a.verdict.notChecked.map((n: { requirement: string }) => n.requirement)).toContain(
      'One-click unsubscribe (List-Unsubscribe and List-Unsubscribe-Post headers, RFC 8058) on marketing mail, and unsubscribes honoured within 48 hours',
    );
    const out = tempDir();
    runCli(['audit', EVENTS, '--as-of', '2026-11-23', '--out', out, '--fail-on', 'never', '--policy', 'gmail']);
    const report = readOut(out, 'report.md');
    expect(report).toContain('## Not checked by this audit\n\nThese requirements of the judged policies cannot be seen in exports. They are not passed; check them yourself.');
    expect(report).toContain('| gmail | One-click unsubscribe (List-Unsubscribe and List-Unsubscribe-Post headers, RFC 8058) on marketing mail, and unsubscribes honoured within 48 hours |');
  });
});

describe('the default set and custom policies', () => {
  it('judges emma, intercom, gmail, yahoo and microsoft by default; ses joins when an SES export is read', () => {
    const a = auditJson();
    expect(a.policies.chosenBy).toBe('default');
    expect(a.policies.judged.map((p: { name: string }) => p.name)).toEqual(['emma', 'intercom', 'gmail', 'yahoo', 'microsoft']);
    // Intercom's bounce-rate trigger: 110 of 1,000 bounced is above the healthy 3%.
    expect(a.verdict.byPolicy).toEqual({ emma: 'warning', intercom: 'restricted', gmail: 'restricted', yahoo: 'ok', microsoft: 'ok' });
    const ses = auditJson('fixtures/vendors/ses/events.jsonl');
    expect(ses.policies.judged.map((p: { name: string }) => p.name)).toContain('ses');
  });
  it('takes the policies from the config file; a flag wins over it', () => {
    const dir = tempDir();
    const config = join(dir, 'deliv.config.json');
    writeFileSync(config, JSON.stringify({ policy: ['ses', 'gmail'], failOn: 'gmail:restricted' }));
    const fromFile = runCli(['audit', EVENTS, '--as-of', '2026-11-23', '--out', tempDir(), '--config', config, '--json']);
    expect(fromFile.status).toBe(1); // the file's gate: gmail is restricted
    expect(JSON.parse(fromFile.stdout).policies.judged.map((p: { name: string }) => p.name)).toEqual(['ses', 'gmail']);
    const flag = auditJson('--config', config, '--policy', 'emma');
    expect(flag.policies.judged.map((p: { name: string }) => p.name)).toEqual(['emma']);
  });
  it('refuses a gate on a policy the run does not judge, and an unknown policy name', () => {
    const gate = audit('--fail-on', 'ses:warning');
    expect(gate.status).toBe(2);
    expect(gate.stderr).toBe('deliv: --fail-on ses:warning: "ses" is not judged in this run (judged: emma, intercom, gmail, yahoo, microsoft); add it with --policy\n');
    const name = audit('--policy', 'hotmail');
    expect(name.status).toBe(2);
    expect(name.stderr).toMatch(/^deliv: --policy: no built-in policy named "hotmail"; expected default, one of emma, intercom, ses, gmail, yahoo, brevo, microsoft, or a \.json policy file/);
  });
  it('a custom file extends emma: overrides the warning, adds a threshold, removes one', () => {
    const a = auditJson('--policy', 'fixtures/policies/acme-strict.json');
    expect(a.policies.judged[0]).toMatchObject({ name: 'acme', extends: 'emma' });
    expect(a.policies.judged[0].thresholds.map((t: { id: string; value: number }) => [t.id, t.value])).toEqual([
      ['warning', 0.0015],
      ['suspended', 0.005],
      ['bounce_ceiling', 0.05],
    ]);
    expect(a.verdict.byPolicy).toEqual({ acme: 'restricted' });
    expect(a.verdict.reasons.map((r: { code: string }) => r.code)).toEqual(['acme.warning', 'acme.bounce_ceiling']);
    expect(audit('--policy', 'fixtures/policies/acme-strict.json', '--fail-on', 'acme:restricted').status).toBe(1);
  });
  it('an invalid policy file exits 2 with the file, the dotted path and what was expected', () => {
    const run = audit('--policy', 'fixtures/policies/broken-policy.json');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('deliv: fixtures/policies/broken-policy.json: thresholds.1.value: a rate is a fraction between 0 and 1 (0.002 is 0.2%), got 5\n');
  });
  it('deliv schema policy and deliv schema audit print JSON Schemas', () => {
    const policy = JSON.parse(runCli(['schema', 'policy']).stdout);
    expect(policy.title).toBe('deliv custom policy file');
    expect(Object.keys(policy.properties)).toEqual(expect.arrayContaining(['name', 'extends', 'thresholds', 'removeThresholds']));
    const auditSchema = JSON.parse(runCli(['schema', 'audit']).stdout);
    expect(Object.keys(auditSchema.properties)).toEqual(expect.arrayContaining(['verdict', 'headroom', 'forecast', 'campaigns']));
    const bad = runCli(['schema', 'report']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('deliv: no schema named "report"; expected policy or audit\n');
  });
});
