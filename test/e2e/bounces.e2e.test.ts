/** Issue 3 through the built CLI: deliv explain, sender alarms and soft-bounce escalation. */
import { describe, expect, it } from 'vitest';
import { readOut, runCli, tempDir } from './run-cli.js';

const SEED_MEANINGS: Record<string, [string, string, string]> = {
  '421-4.7.28': ['block', 'sender_throttled', 'This is a temporary rate-limit deferral from Gmail'],
  '550': ['hard', 'other_permanent', 'This can mean a variety of different things'],
  '550-5.1.1': ['hard', 'user_unknown', 'This typically means that the email address you are trying to send to is not valid.'],
  '550-5.7.1': ['block', 'policy', 'This error is often associated with issues related to email security, spam, or policy violations.'],
  '552-5.2.2': ['soft', 'mailbox_full', "This indicates that the recipient's mailbox is full"],
  '554-5.4.4': ['hard', 'unroutable', "This typically means that the recipient's mail server could not find a route"],
  '554-5.4.7': ['soft', 'expired', "This typically means that the recipient's mail server could not find a route"],
};

describe('deliv explain', () => {
  for (const [code, [kind, reason, meaning]] of Object.entries(SEED_MEANINGS)) {
    it(`explains the seed code ${code} in the article's words, in both spellings`, () => {
      for (const spelling of [code, code.replace('-', ' ')]) {
        const run = runCli(['explain', '--json', spelling]);
        expect(run.status).toBe(0);
        const json = JSON.parse(run.stdout);
        expect([json.kind, json.reason]).toEqual([kind, reason]);
        expect(json.explanation.startsWith(meaning)).toBe(true);
      }
    });
  }

  it('prints kind, reason, meaning and advice for a full server reply', () => {
    const run = runCli(['explain', '421 4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your IP address']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('421-4.7.28: block / sender_throttled (Sender throttled)');
    expect(lines[1]!.startsWith('What it means: This is a temporary rate-limit deferral from Gmail')).toBe(true);
    expect(lines[2]!.startsWith('What to do:    You can try sending again later')).toBe(true);
    expect(lines[3]).toBe("Effect:        the sender's problem (reputation, content, authentication or policy): the recipient is not suppressed; fix the sending side.");
  });

  it('lets the text overrule the code where a postmaster would, and reads a separate status', () => {
    const full = JSON.parse(runCli(['explain', '--json', '550 5.1.1 Mailbox full: user is over quota']).stdout);
    expect([full.kind, full.reason]).toEqual(['soft', 'mailbox_full']);
    const outlook = JSON.parse(runCli(['explain', '--json', '--status', '5.4.1', '550 5.4.1 Recipient address rejected: Access denied']).stdout);
    expect([outlook.kind, outlook.reason, outlook.suppressesRecipient]).toEqual(['hard', 'user_unknown', true]);
    const banned = JSON.parse(runCli(['explain', '--json', '550', '5.7.606', 'Access denied, banned sending IP [192.0.2.1]']).stdout);
    expect([banned.kind, banned.reason, banned.suppressesRecipient]).toEqual(['block', 'blocklisted', false]);
  });

  it('needs something to explain', () => {
    const run = runCli(['explain']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("deliv: missing required argument 'code-or-text' (see deliv --help)\n");
  });
});

const DEMO = ['audit', 'fixtures/demo/campaign-events.csv', 'fixtures/demo/black-friday-events.csv', 'fixtures/demo/campaign-summaries.csv', '--contacts', 'fixtures/demo/contacts.csv', '--as-of', '2026-11-23'];

describe('sender alarms: block bounces by recipient mailbox provider', () => {
  it('reports the share of mail each provider blocked and why, and never suppresses those recipients', () => {
    const out = tempDir();
    const run = runCli([...DEMO, '--out', out]);
    // Yahoo/AOL recipients (yahoo.com and aol.com: i % 6 = 1 or 4) got 134 + 139 + 148 = 421 messages;
    // 145 (550 5.7.1, policy) and 310 (421 4.7.28) were blocked. "Other" (example.org and the
    // example.net leads) got 66 + 69 + 79 = 214; 311 was blocked.
    expect(run.stdout).toContain('Alarm:    0.5% of mail to Yahoo/AOL blocked (2 of 421): refused by policy, 550-5.7.1\n');
    expect(run.stdout).toContain('Alarm:    0.5% of mail to other providers blocked (1 of 214): sender throttled, 421-4.7.28\n');
    const audit = JSON.parse(readOut(out, 'audit.json'));
    expect(audit.bounces.byProvider.map((a: { provider: string; sent: number; blocked: number }) => [a.provider, a.sent, a.blocked])).toEqual([
      ['yahoo', 421, 2],
      ['other', 214, 1],
    ]);
    expect(readOut(out, 'report.md')).toContain('| Yahoo/AOL | 421 | 2 | 0.48% | Refused by policy (550-5.7.1): 1; Sender throttled (421-4.7.28): 1 |');
  });
});

describe('soft-bounce escalation is configurable', () => {
  it('suppresses 22 and 88 (3 soft bounces over 69 days) by default, not with --soft-bounce-limit 4 or --soft-bounce-days 70', () => {
    const reasons = (extra: string[]) => JSON.parse(readOut(runOut([...DEMO, ...extra]), 'audit.json')).audience.suppressedByReason.soft_bounce_limit;
    expect(reasons([])).toBe(2);
    expect(reasons(['--soft-bounce-limit', '4'])).toBe(0);
    expect(reasons(['--soft-bounce-days', '70'])).toBe(0);
    expect(reasons(['--soft-bounce-limit', '2', '--soft-bounce-days', '69'])).toBe(2);
  });
  it('rejects a limit below 1', () => {
    const run = runCli([...DEMO, '--soft-bounce-limit', '0']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("option '--soft-bounce-limit <n>' argument '0' is invalid. expected a whole number of at least 1.");
  });
});

function runOut(args: string[]): string {
  const out = tempDir();
  const run = runCli([...args, '--out', out]);
  if (run.status !== 0) throw new Error(run.stderr);
  return out;
}
