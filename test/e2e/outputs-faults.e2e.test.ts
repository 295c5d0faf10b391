/**
 * Faults around writing --out, through the built CLI: a run stopped by SIGTERM or SIGKILL
 * mid-write leaves the previous outputs byte-identical (or, if it got that far, the new
 * ones complete) and, once a later run has cleaned up, nothing beside --out; a second run
 * on a locked --out is refused.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, spawnCli, tempDir } from './run-cli.js';

const PREVIOUS = ['audit', 'fixtures/demo/black-friday-events.csv', '--as-of', '2026-11-23', '-q'];
const CURRENT = ['audit', 'fixtures/demo/campaign-events.csv', '--contacts', 'fixtures/demo/contacts.csv', '--as-of', '2026-11-23', '-q'];

function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    result[name] = statSync(path).isDirectory() ? `<dir>${JSON.stringify(snapshot(path))}` : readFileSync(path, 'latin1');
  }
  return result;
}

/** Runs CURRENT and sends `signal` as soon as its temporary folder appears (or after `fallbackMs`). */
async function interruptedRun(root: string, out: string, signal: NodeJS.Signals, fallbackMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawnCli([...CURRENT, '--out', out]);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const send = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const watcher = watch(root, (_event, name) => {
    if (name && String(name).startsWith('out.deliv-tmp-')) send();
  });
  const timer = setTimeout(send, fallbackMs);
  try {
    const [code, by] = await exited;
    return { code, signal: by };
  } finally {
    clearTimeout(timer);
    watcher.close();
  }
}

describe('deliv audit --out under faults', () => {
  const reference = (() => {
    const out = join(tempDir(), 'out');
    const previous = runCli([...PREVIOUS, '--out', out]);
    const current = runCli([...CURRENT, '--out', join(tempDir(), 'out')]);
    return { previous, current, previousFiles: snapshot(out) };
  })();

  it('builds distinct previous and current outputs to tell them apart', () => {
    expect(reference.previous.status).not.toBe(2);
    expect(reference.current.status).not.toBe(2);
    expect(reference.previousFiles['report.md']).toBeDefined();
  });

  for (const [signal, fallbackMs] of [
    ['SIGTERM', 5_000],
    ['SIGTERM', 150],
    ['SIGINT', 5_000],
    ['SIGKILL', 5_000],
    ['SIGKILL', 150],
  ] as const) {
    it(`${signal} (at the write, or after ${fallbackMs} ms) leaves the previous outputs intact or the new ones complete`, async () => {
      const root = tempDir();
      const out = join(root, 'out');
      expect(runCli([...PREVIOUS, '--out', out]).status).toBe(reference.previous.status);
      writeFileSync(join(out, 'NOTES.txt'), 'kept by the user\n');
      const before = snapshot(out);

      const ended = await interruptedRun(root, out, signal, fallbackMs);
      const after = snapshot(out);
      const completed = ended.code === reference.current.status;
      if (!completed) {
        // Stopped: by our handler (130/143) or, before it was installed, by the signal itself.
        if (signal !== 'SIGKILL' && ended.code !== null) expect(ended.code).toBe(signal === 'SIGINT' ? 130 : 143);
        if (ended.code === null) expect(ended.signal).toBe(signal);
        // Ended by the handler or killed before the swap: untouched. Killed after the swap: complete.
        if (after['report.md'] !== before['report.md']) expect(signal).toBe('SIGKILL');
        else expect(after).toEqual(before);
      }
      expect(after['NOTES.txt']).toBe('kept by the user\n');
      if (signal !== 'SIGKILL') expect(readdirSync(root).sort()).toEqual(['out']);

      // The next complete run cleans whatever a SIGKILL left (temporary folder, stale lock).
      expect(runCli([...CURRENT, '--out', out]).status).toBe(reference.current.status);
      expect(readdirSync(root).sort()).toEqual(['out']);
      expect(snapshot(out)['NOTES.txt']).toBe('kept by the user\n');
    });
  }

  it('cleans a temporary folder and a lock left by a killed run, and restores an --out set aside', () => {
    const root = tempDir();
    const out = join(root, 'out');
    runCli([...PREVIOUS, '--out', out]);
    const before = snapshot(out);
    // As a run killed between its two renames leaves it, with a dead PID.
    const dead = 2 ** 22 + 12345;
    expect(() => process.kill(dead, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    renameSync(out, `${out}.deliv-old-${dead}`);
    mkdirSync(`${out}.deliv-tmp-${dead}`);
    writeFileSync(`${out}.deliv.lock`, JSON.stringify({ pid: dead, startedAt: '2026-11-23T00:00:00.000Z' }));
    // The next run takes the stale lock over, renames the old folder back, removes the
    // temporary one, then writes the same outputs again: byte-identical, nothing beside.
    const run = runCli([...PREVIOUS, '--out', out]);
    expect(run.status).toBe(reference.previous.status);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(['out']);
  });

  it('refuses a second run on a locked --out, naming the holder (exit 2)', () => {
    const root = tempDir();
    const out = join(root, 'out');
    writeFileSync(`${out}.deliv.lock`, JSON.stringify({ pid: process.pid, startedAt: '2026-11-23T09:30:00.000Z' }));
    const run = runCli([...CURRENT, '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`in use by another deliv run PID ${process.pid} (started 2026-11-23T09:30:00.000Z)`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an --out folder that contains an input (exit 2)', () => {
    const root = tempDir();
    const out = join(root, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'events.csv'), readFileSync(join(ROOT, 'fixtures/demo/campaign-events.csv')));
    const run = runCli(['audit', join(out, 'events.csv'), '--as-of', '2026-11-23', '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/contains the input .*events\.csv/);
    expect(readdirSync(out)).toEqual(['events.csv']);
  });
});
