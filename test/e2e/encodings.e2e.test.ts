import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOut, runCli, tempDir } from './run-cli.js';

interface AuditJson {
  inputs: { file: string; encoding: string; delimiter: string; rowsRead: number; rowsUsed: number; notes: string[] }[];
}

function audit(file: string): { status: number | null; stderr: string; json: AuditJson } {
  const out = tempDir();
  const run = runCli(['audit', file, '--as-of', '2026-11-23', '--out', out, '--quiet']);
  return { status: run.status, stderr: run.stderr, json: JSON.parse(readOut(out, 'audit.json')) as AuditJson };
}

describe('input encodings', () => {
  it('reads UTF-16 LE and BE "Unicode text" (tab-delimited, with a BOM)', () => {
    for (const [file, encoding] of [
      ['fixtures/errors/utf16le.csv', 'utf-16le'],
      ['fixtures/errors/utf16be.csv', 'utf-16be'],
    ] as const) {
      const { status, stderr, json } = audit(file);
      expect(stderr).toBe('');
      expect(status).not.toBe(2);
      expect(json.inputs[0]).toMatchObject({ encoding, delimiter: '\t', rowsRead: 2, rowsUsed: 2 });
    }
  });

  it('reads a file that is not valid UTF-8 as Windows-1252 and notes it', () => {
    const { status, json } = audit('fixtures/errors/windows-1252.csv');
    expect(status).not.toBe(2);
    expect(json.inputs[0]).toMatchObject({ encoding: 'windows-1252', rowsRead: 2, rowsUsed: 2 });
    expect(json.inputs[0]!.notes).toContain('not valid UTF-8 (first bad byte at line 2); read as Windows-1252');
    const inspect = runCli(['inspect', 'fixtures/errors/windows-1252.csv']);
    expect(inspect.stdout).toContain('campaigns: "Promo €5 été"');
  });

  it('stops with exit 2 on a NUL byte, naming the file, line and column', () => {
    const run = runCli(['audit', 'fixtures/errors/nul-byte.csv', '--out', tempDir()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'deliv: fixtures/errors/nul-byte.csv:3:10: NUL byte in the file; expected text (binary data, or UTF-16 text without a byte-order mark? In Excel, save as "CSV UTF-8")\n',
    );
  });
});

describe('--strict', () => {
  const demo = ['fixtures/demo/campaign-events.csv', 'fixtures/demo/black-friday-events.csv', 'fixtures/demo/campaign-summaries.csv', '--contacts', 'fixtures/demo/contacts.csv', '--as-of', '2026-11-23'];

  it('exits 2 when rows were rejected, after writing the outputs', () => {
    const out = tempDir();
    const run = runCli(['audit', ...demo, '--out', out, '--strict']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`deliv: --strict: 4 row(s) rejected (see ${join(out, 'rejected.csv')})\n`);
    expect(existsSync(join(out, 'rejected.csv'))).toBe(true);
    expect(existsSync(join(out, 'audit.json'))).toBe(true);
    expect(run.stdout).toContain('4 rejected');
  });

  it('is off by default, and changes nothing without rejected rows', () => {
    expect(runCli(['audit', ...demo, '--out', tempDir()]).status).toBe(0);
    const clean = runCli(['audit', 'fixtures/errors/utf16le.csv', '--as-of', '2026-11-23', '--out', tempDir(), '--strict', '--quiet']);
    expect(clean.stderr).toBe('');
    expect(clean.status).not.toBe(2);
  });
});
