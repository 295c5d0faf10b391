import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, readOut, runCli, tempDir } from './run-cli.js';

// Values an attacker can put in an export: a campaign name that tries to rewrite the
// terminal, inject HTML and Markdown, and look like a path; contact fields that are formulas.
const CAMPAIGN = '\u001b]0;pwned\u0007\u001b[2J<img src=x onerror=alert(1)> **bold** | ../../../tmp/evil';
const FORMULA = '=HYPERLINK("http://evil.example","click")';

describe('hostile content', () => {
  const dir = tempDir();
  const events = join(dir, 'events.csv');
  const contacts = join(dir, 'contacts.csv');
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = ['campaign,email,event,timestamp'];
  for (let i = 0; i < 10; i++) rows.push(`${q(CAMPAIGN)},r${i}@example.com,delivered,2026-11-10T09:00:00Z`);
  rows.push(`${q(CAMPAIGN)},r0@example.com,complaint,2026-11-10T10:00:00Z`);
  writeFileSync(events, `${rows.join('\n')}\n`);
  writeFileSync(contacts, `email,first_name,plan\nr1@example.com,${q(FORMULA)},"+1-555"\nr2@example.com,"\u001b[31mred","@SUM(A1)"\n`);
  const out = join(dir, 'out');
  const run = runCli(['audit', events, '--contacts', contacts, '--as-of', '2026-11-23', '--out', out, '--fail-on', 'never']);

  it('hostile content: the terminal report carries no escape or control character from the data', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Campaign "0;pwned<img src=x onerror=alert(1)> **bold** | ../../../tmp/evil"');
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
  it('hostile content: report.md escapes HTML and Markdown from the data', () => {
    const report = readOut(out, 'report.md');
    expect(report).not.toContain('<img');
    expect(report).toContain('&lt;img src=x onerror=alert(1)&gt; \\*\\*bold\\*\\* \\| ../../../tmp/evil');
    expect(report).not.toMatch(/\u001b/);
  });
  it('hostile content: CSV cells a spreadsheet would run are neutralised with a leading quote', () => {
    const eligible = parseCsv(readOut(out, 'eligible.csv'));
    const r1 = eligible.find((r) => r['email'] === 'r1@example.com')!;
    expect(r1['first_name']).toBe(`'${FORMULA}`);
    expect(r1['plan']).toBe("'+1-555");
    const r2 = eligible.find((r) => r['email'] === 'r2@example.com')!;
    expect(r2['plan']).toBe("'@SUM(A1)");
  });
  it('hostile content: nothing is written outside --out, whatever a value looks like', () => {
    expect(readdirSync(dir).sort()).toEqual(['contacts.csv', 'events.csv', 'out']);
    expect(readdirSync(out).sort()).toEqual(['audit.json', 'bounces.csv', 'eligible.csv', 'report.md', 'suppressed.csv']);
  });
});
