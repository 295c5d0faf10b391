import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeContacts, writeEvents } from '../../bench/generate-dataset.mjs';
import { runCli, tempDir } from './run-cli.js';

/** Every output file's bytes after a run with --threads n. */
function outputsWith(threads: number, args: string[]): { status: number | null; stdout: string; stderr: string; files: Record<string, string> } {
  const out = tempDir();
  const run = runCli(['audit', ...args, '--as-of', '2026-11-23', '--out', out, '--fail-on', 'never', '--threads', String(threads)]);
  const files = run.status === 2 ? {} : Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  return { ...run, stdout: run.stdout.split(out).join('<out>'), files };
}

function expectSame(args: string[]): void {
  const one = outputsWith(1, args);
  const two = outputsWith(2, args);
  expect(two.status).toBe(one.status);
  expect(two.stderr).toBe(one.stderr);
  expect(two.stdout).toBe(one.stdout);
  expect(Object.keys(two.files).sort()).toEqual(Object.keys(one.files).sort());
  for (const name of Object.keys(one.files)) expect(two.files[name], name).toBe(one.files[name]);
}

describe('reading on worker threads, contacts and logs at once (--threads 2), gives byte-identical outputs to the main thread (--threads 1)', () => {
  it('threads: the demo (contacts, two event logs with rejects, summaries)', () => {
    expectSame(['fixtures/demo/campaign-events.csv', 'fixtures/demo/black-friday-events.csv', 'fixtures/demo/campaign-summaries.csv', '--contacts', 'fixtures/demo/contacts.csv']);
  });
  it('threads: vendor exports (Intercom contacts, SendGrid JSON, Postmark bounces; SES JSON lines)', () => {
    expectSame(['fixtures/vendors/sendgrid/events.json', 'fixtures/vendors/postmark/bounces.json', '--contacts', 'fixtures/vendors/intercom/people.csv']);
    expectSame(['fixtures/vendors/ses/events.jsonl']);
  });
  it('threads: a generated set (20,000 contacts, 100,000 events)', async () => {
    const dir = tempDir();
    await writeContacts(join(dir, 'contacts.csv'), 20_000);
    await writeEvents(join(dir, 'events.csv'), 20_000, 100_000);
    expectSame([join(dir, 'events.csv'), '--contacts', join(dir, 'contacts.csv')]);
  });
  it('threads: contacts and logs read at once give the same bytes, run after run (spellings differ between them)', async () => {
    const dir = tempDir();
    await writeContacts(join(dir, 'contacts.csv'), 5_000);
    await writeEvents(join(dir, 'events.csv'), 5_000, 40_000);
    // The export spells every third address in capitals, a second export repeats some rows with
    // other flags, and a second log repeats some events: rules that meet across files.
    const contacts = readFileSync(join(dir, 'contacts.csv'), 'utf8').split('\n');
    writeFileSync(join(dir, 'contacts.csv'), contacts.map((line, i) => (i > 0 && i % 3 === 0 ? line.replace(/^[^,]+/, (e) => e.toUpperCase()) : line)).join('\n'));
    writeFileSync(join(dir, 'contacts-2.csv'), [contacts[0], ...contacts.slice(1, 500).map((l) => l.replace(',false,', ',true,'))].join('\n') + '\n');
    const events = readFileSync(join(dir, 'events.csv'), 'utf8').split('\n');
    writeFileSync(join(dir, 'events-2.csv'), [events[0], ...events.slice(1, 3000).map((l) => l.replace(/user(\d+)@/, (m) => m.toUpperCase()))].join('\n') + '\n');
    const args = [join(dir, 'events.csv'), join(dir, 'events-2.csv'), '--contacts', join(dir, 'contacts.csv'), '--contacts', join(dir, 'contacts-2.csv')];
    for (let run = 0; run < 2; run++) expectSame(args);
  });
  it('threads: two bad files name the same one as a sequential read (the first given)', () => {
    const dir = tempDir();
    const contacts = join(dir, 'contacts.csv');
    const events = join(dir, 'events.csv');
    writeFileSync(contacts, 'email,last_seen\na@example.com,"2026-11-01\n');
    writeFileSync(events, 'campaign,email,event,timestamp\nA,a@example.com,sent,"2026-11-01\n');
    const one = outputsWith(1, [events, '--contacts', contacts]);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain(contacts);
    expectSame([events, '--contacts', contacts]);
  });
  it('threads: bad input stops the same way (exit 2, the same message)', () => {
    const file = join(tempDir(), 'broken.csv');
    writeFileSync(file, 'campaign,email,event,timestamp\nA,a@example.com,sent,"2026-11-01\n');
    const one = outputsWith(1, [file]);
    expect(one.status).toBe(2);
    expectSame([file]);
  });
});
