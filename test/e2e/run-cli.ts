import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/deliv.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the built CLI (`npm run build` first) from the repository root, colour off. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): CliRun {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) before the end-to-end tests');
  // The tests' own runs must not write into a real CI job's step summary.
  const { GITHUB_STEP_SUMMARY: _ignored, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...inherited, NO_COLOR: '1', ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Starts the built CLI without waiting for it, for tests that signal it mid-run. */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) before the end-to-end tests');
  const { GITHUB_STEP_SUMMARY: _ignored, ...inherited } = process.env;
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...inherited, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'deliv-e2e-'));
}

export function readOut(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

/** Parses a CSV written by deliv (simple RFC 4180 reader for test assertions). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
