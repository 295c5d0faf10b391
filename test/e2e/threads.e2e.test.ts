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

describe('reading on a worker thread (--threads 2) gives byte-identical outputs to the main thread (--threads 1)', () => {
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
  it('threads: bad input stops the same way (exit 2, the same message)', () => {
    const file = join(tempDir(), 'broken.csv');
    writeFileSync(file, 'campaign,email,event,timestamp\nA,a@example.com,sent,"2026-11-01\n');
    const one = outputsWith(1, [file]);
    expect(one.status).toBe(2);
    expectSame([file]);
  });
});
