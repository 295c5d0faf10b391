/**
 * Issue 6, "Bad input": every damaged or odd input ends in either a correct audit (rows
 * that cannot be used go to rejected.csv with their file, line and reason, and each
 * file's rows read = used + rejected) or exit 2 with one line naming the file, line
 * (and column) and what was expected. Never a stack trace, never a silent skip.
 * Fixtures are generated into a temporary folder; nothing large is committed.
 * (Encodings: see encodings.e2e.test.ts. A 5 GB file: src/inputs/csv/streaming.test.ts.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, readOut, runCli, tempDir } from './run-cli.js';

const AS_OF = '2026-11-23';
const HEADER = 'campaign,email,event,timestamp';
const AT = '2026-11-01T10:00:00Z';

interface InputJson {
  file: string;
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  rowsIgnored: Record<string, number>;
  blankLines: number;
  notes: string[];
}
interface AuditJson {
  inputs: InputJson[];
  rejectedRows: number;
  campaigns: { campaign: string; sent: number; delivered: number }[];
  audience: { total: number; active: number; activityAfterAsOf: number };
}

/** Writes `text` (or bytes) to a new temporary folder; returns the file's path. */
function fixture(name: string, text: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

/** Audits `args` with --json; the parsed audit.json and rejected.csv rows. */
function audit(args: string[]): { status: number | null; stderr: string; json: AuditJson; rejected: Record<string, string>[] } {
  const out = tempDir();
  const run = runCli(['audit', ...args, '--as-of', AS_OF, '--out', out, '--json']);
  expect(run.stderr).toBe('');
  const json = JSON.parse(run.stdout) as AuditJson;
  const rejected = json.rejectedRows > 0 ? parseCsv(readOut(out, 'rejected.csv')) : [];
  // The reconciliation the report promises, for every file.
  for (const input of json.inputs) expect(input.rowsRead).toBe(input.rowsUsed + input.rowsRejected);
  expect(rejected.length).toBe(json.rejectedRows);
  return { status: run.status, stderr: run.stderr, json, rejected };
}

/** Runs an audit that must stop with exit 2; its stderr. */
function failure(args: string[]): string {
  const run = runCli(['audit', ...args, '--as-of', AS_OF, '--out', tempDir()]);
  expect(run.stdout).toBe('');
  expect(run.status).toBe(2);
  return run.stderr;
}

function counts(input: InputJson): [number, number, number] {
  return [input.rowsRead, input.rowsUsed, input.rowsRejected];
}

describe('bad input: CSV structure', () => {
  it('bad input: an unclosed quote at the end of the file stops with exit 2 at the opening quote', () => {
    const file = fixture('events.csv', `${HEADER}\nA,ann@example.com,delivered,${AT}\nA,"bob@example.com,bounce,${AT}\n`);
    expect(failure([file])).toBe(`deliv: ${file}:3:3: a quoted field is never closed; expected a closing quote (") before the end of the file\n`);
  });

  it('bad input: a stray quote inside an unquoted field is kept as text', () => {
    const file = fixture('events.csv', `${HEADER}\nSpring 5" tall,ann@example.com,delivered,${AT}\nSpring 5" tall,bob@example.com,delivered,${AT}\n`);
    const { status, json } = audit([file]);
    expect(status).toBe(0);
    expect(counts(json.inputs[0]!)).toEqual([2, 2, 0]);
    expect(json.campaigns.map((c) => c.campaign)).toEqual(['Spring 5" tall']);
  });

  it('bad input: text after a closing quote stops with exit 2 at its column', () => {
    const file = fixture('events.csv', `${HEADER}\n"Spring" sale,ann@example.com,delivered,${AT}\n`);
    expect(failure([file])).toBe(`deliv: ${file}:2:10: unexpected character after a closing quote; expected a delimiter or the end of the line\n`);
  });

  it('bad input: a ragged row is rejected with its line', () => {
    const file = fixture('events.csv', `${HEADER}\nA,ann@example.com,delivered\nA,bob@example.com,delivered,${AT},extra\nA,cy@example.com,delivered,${AT}\n`);
    const { status, json, rejected } = audit([file]);
    expect(status).toBe(0);
    expect(counts(json.inputs[0]!)).toEqual([3, 1, 2]);
    expect(rejected).toEqual([
      { file, line: '2', column: '', reason: 'expected 4 fields as in the header, found 3', row: 'A,ann@example.com,delivered' },
      { file, line: '3', column: '', reason: 'expected 4 fields as in the header, found 5', row: `A,bob@example.com,delivered,${AT},extra` },
    ]);
  });

  it('bad input: blank lines are counted, not rows, and later lines keep their numbers', () => {
    const file = fixture('events.csv', `${HEADER}\n\nA,ann@example.com,delivered,${AT}\n\n,,,\n\r\nA,bob@example.com,delivered,soon\n\n`);
    const { status, json, rejected } = audit([file]);
    expect(status).toBe(0);
    expect(counts(json.inputs[0]!)).toEqual([2, 1, 1]);
    // Four empty lines and one record of empty fields (`,,,`).
    expect(json.inputs[0]!.blankLines).toBe(5);
    expect(rejected.map((r) => [r.line, r.column])).toEqual([['7', '4']]);
  });

  it('bad input: a header-only file is audited as no rows, and says so', () => {
    const file = fixture('events.csv', `${HEADER}\n`);
    const { status, json } = audit([file]);
    expect(status).toBe(0);
    expect(counts(json.inputs[0]!)).toEqual([0, 0, 0]);
    expect(json.inputs[0]!.notes).toEqual(['no rows after the header (line 1): nothing to audit in this file']);
  });

  it('bad input: an empty (0-byte) file stops with exit 2', () => {
    const file = fixture('events.csv', '');
    expect(failure([file])).toBe(`deliv: ${file}: the file is empty; expected a header line naming the columns\n`);
  });

  it('bad input: a duplicate header name of a column deliv reads stops with exit 2 at the second one', () => {
    const file = fixture('events.csv', `campaign,email,event,timestamp,E-mail\nA,ann@example.com,delivered,${AT},bob@example.com\n`);
    expect(failure([file])).toBe(
      `deliv: ${file}:1:5: columns 2 and 5 are both named "E-mail"; expected each column deliv reads named once (rename or remove one of them)\n`,
    );
  });

  it('bad input: a duplicate header name of a column deliv does not read is passed through', () => {
    const file = fixture('events.csv', `${HEADER},note,note\nA,ann@example.com,delivered,${AT},x,y\n`);
    const { status, json } = audit([file]);
    expect(status).toBe(0);
    expect(counts(json.inputs[0]!)).toEqual([1, 1, 0]);
  });

  it('bad input: blank header names are noted, and nothing is read from those columns', () => {
    const file = fixture('events.csv', `campaign,email,,event,timestamp,\nA,ann@example.com,x,delivered,${AT},y\n`);
    const { status, json } = audit([file]);
    expect(status).toBe(0);
    expect(counts(json.inputs[0]!)).toEqual([1, 1, 0]);
    expect(json.inputs[0]!.notes).toEqual(['columns 3 and 6 of the header (line 1) have no name; deliv reads nothing from them']);
  });

  it('bad input: a header repeated mid-file (concatenated exports) is recognised, not read as a row', () => {
    const file = fixture('events.csv', `${HEADER}\nA,ann@example.com,delivered,${AT}\n${HEADER}\nB,bob@example.com,delivered,${AT}\n`);
    const { status, json, rejected } = audit([file]);
    expect(status).toBe(0);
    expect(rejected).toEqual([]);
    expect(counts(json.inputs[0]!)).toEqual([3, 3, 0]);
    expect(json.inputs[0]!.rowsIgnored).toEqual({ 'repeated header line': 1 });
    expect(json.inputs[0]!.notes).toEqual(['the header of line 1 repeats at line 3 (exports joined together?); read as header lines, not rows']);
    expect(json.campaigns.map((c) => [c.campaign, c.delivered])).toEqual([['A', 1], ['B', 1]]);
  });

  it('bad input: a header repeated mid-file in another column order stops with exit 2', () => {
    const file = fixture('events.csv', `${HEADER}\nA,ann@example.com,delivered,${AT}\nemail,campaign,event,timestamp\nbob@example.com,B,delivered,${AT}\n`);
    expect(failure([file])).toBe(
      `deliv: ${file}:3: the header repeats with its columns in another order; expected the column order of the header on line 1 (exports joined together? read each export as its own file)\n`,
    );
  });
});

describe('bad input: absurd sizes', () => {
  it('bad input: a 10 MB field stops with exit 2, stating the field limit', () => {
    const file = fixture('events.csv', `${HEADER},diagnostic\nA,ann@example.com,bounce,${AT},${'x'.repeat(10 * 1024 * 1024)}\n`);
    expect(failure([file])).toBe(`deliv: ${file}:2:47: a field is longer than 2,000,000 characters; expected fields of at most 2,000,000 characters\n`);
  });

  it('bad input: a bounce diagnostic far longer than any SMTP reply is cut, and noted', () => {
    const file = fixture('events.csv', `${HEADER},diagnostic\nA,ann@example.com,bounce,${AT},550 5.1.1 user unknown ${'x'.repeat(100_000)}\n`);
    const { status, json } = audit([file]);
    expect(status).not.toBe(2);
    expect(counts(json.inputs[0]!)).toEqual([1, 1, 0]);
    expect(json.inputs[0]!.notes).toEqual([
      '1 bounce status or diagnostic text(s) longer than 2,000 characters were cut to their first 2,000 (an SMTP reply line is at most 512)',
    ]);
  });

  it('bad input: a header of a million columns stops with exit 2, stating the column limit', () => {
    const names = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`);
    const file = fixture('wide.csv', `${names.join(',')}\n1,2\n`);
    const started = Date.now();
    // Field 16,385 starts after "c0," … "c16383,": 10·3 + 90·4 + 900·5 + 9,000·6 + 6,384·7 = 103,578 characters.
    expect(failure([file])).toBe(`deliv: ${file}:1:103579: a record has more than 16,384 fields; expected at most 16,384 columns\n`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('bad input: values', () => {
  it('bad input: dates after --as-of, before 1990 or unparseable', () => {
    const events = fixture('events.csv', `${HEADER}\nA,ann@example.com,delivered,2027-01-01T10:00:00Z\nA,bob@example.com,delivered,1985-06-01T10:00:00Z\nA,cy@example.com,delivered,yesterday\n`);
    const contacts = fixture('contacts.csv', 'email,last_seen\nann@example.com,2027-01-01\nbob@example.com,1985-06-01\ncy@example.com,31/12/2025\n');
    const { status, json, rejected } = audit([events, '--contacts', contacts]);
    expect(status).toBe(0);
    const byFile = (file: string) => json.inputs.find((i) => i.file === file)!;
    expect(counts(byFile(events))).toEqual([3, 2, 1]);
    expect(counts(byFile(contacts))).toEqual([3, 2, 1]);
    const expected = 'expected an ISO 8601 date or date-time (2024-05-01, 2024-05-01T13:45:00Z, 2024-05-01 13:45+02:00) or a Unix time in seconds or milliseconds';
    expect(rejected.find((r) => r.file === events)).toMatchObject({ line: '4', column: '4', reason: `timestamp "yesterday" is not a date; ${expected}` });
    expect(rejected.find((r) => r.file === contacts)).toMatchObject({ line: '4', column: '2', reason: `last_seen "31/12/2025" is not a date; ${expected}` });
    // A date after --as-of is read as written and counted (it counts as recent); one before 1990 is simply old.
    expect(json.audience.activityAfterAsOf).toBe(1);
    expect(json.audience.active).toBe(1);
  });

  it('bad input: negative or non-numeric counts and delivered > sent in a summary are rejected with their column', () => {
    const file = fixture('summaries.csv', 'campaign,sent,delivered,complaints\nNeg,-5,0,0\nWord,ten,5,0\nOver,100,120,0\nHalf,100,99.5,0\nOk,100,98,1\n');
    const { status, json, rejected } = audit([file]);
    expect(status).toBe(1);
    expect(counts(json.inputs[0]!)).toEqual([5, 1, 4]);
    const count = 'expected a whole number of 0 or more, such as 1750 or 1,750';
    expect(rejected.map((r) => [r.line, r.column, r.reason])).toEqual([
      ['2', '2', `sent "-5" is not a count; ${count}`],
      ['3', '2', `sent "ten" is not a count; ${count}`],
      ['4', '3', 'delivered (120) is more than sent (100); expected delivered <= sent'],
      ['5', '3', `delivered "99.5" is not a count; ${count}`],
    ]);
    expect(json.campaigns.map((c) => c.campaign)).toEqual(['Ok']);
  });

  it('bad input: emails with spaces, a trailing dot or no @ are rejected; Name <address> is read as the address', () => {
    const file = fixture(
      'events.csv',
      `${HEADER}\nA,ann @example.com,delivered,${AT}\nA,Bob Smith <Bob@Example.com>,delivered,${AT}\nA,cy@example.com.,delivered,${AT}\nA,dee.example.com,delivered,${AT}\nA,<eve@example.com>,delivered,${AT}\n`,
    );
    const out = tempDir();
    const run = runCli(['audit', file, '--as-of', AS_OF, '--out', out, '--json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as AuditJson;
    expect(counts(json.inputs[0]!)).toEqual([5, 2, 3]);
    const expected = 'expected an email address such as name@example.com';
    expect(parseCsv(readOut(out, 'rejected.csv')).map((r) => [r.line, r.column, r.reason])).toEqual([
      ['2', '2', `"ann @example.com" is not an email address; ${expected}`],
      ['4', '2', `"cy@example.com." is not an email address; ${expected}`],
      ['5', '2', `"dee.example.com" is not an email address; ${expected}`],
    ]);
    expect(parseCsv(readOut(out, 'eligible.csv')).map((r) => r.email)).toEqual(['Bob@Example.com', 'eve@example.com']);
  });
  it('bad input: an event or SES type named like a JavaScript property (constructor) is rejected, not mistaken for one', () => {
    const csv = audit([fixture('proto.csv', `${HEADER}\nA,a@example.com,constructor,${AT}\nA,a@example.com,sent,${AT}\n`)]);
    expect(csv.rejected.map((r) => [r['line'], r['reason']])).toEqual([
      ['2', 'unknown event "constructor"; expected one of sent, delivered, bounce, deferred, open, click, complaint, unsubscribe, spam_trap, dropped'],
    ]);
    const ses = audit([fixture('proto.json', '{"eventType":"constructor","mail":{"destination":["a@example.com"],"timestamp":"2026-11-01T10:00:00Z","messageId":"x"}}\n'), '--format', 'ses-events']);
    expect(ses.rejected.map((r) => r['reason'])).toEqual([expect.stringMatching(/^unknown SES event type "constructor"/)]);
  });
});
