import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelivError, UsageError } from '../errors.js';
import { acquireOutDirLock, isProcessAlive, lockPathFor } from './out-dir-lock.js';
import { writeOutputs, type OutputFile } from './write-outputs.js';

let root: string;
let out: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'deliv-outputs-'));
  out = join(root, 'out');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function outputs(tag: string, names = ['suppressed.csv', 'eligible.csv', 'bounces.csv', 'report.md', 'audit.json']): OutputFile[] {
  return names.map((name) => ({ name, chunks: [`${tag} ${name}\n`, 'second chunk\n'] }));
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    result[name] = (await stat(path)).isDirectory() ? `<dir>${JSON.stringify(await snapshot(path))}` : await readFile(path, 'utf8');
  }
  return result;
}

/** What is beside --out apart from --out itself (temporary, old and lock files). */
async function siblings(): Promise<string[]> {
  return (await readdir(root)).filter((name) => name !== 'out').sort();
}

/** A PID that no process has: checked, not assumed. */
function deadPid(): number {
  for (let pid = 2 ** 22 + 12345; pid < 2 ** 22 + 13345; pid++) if (!isProcessAlive(pid)) return pid;
  throw new Error('no dead PID found');
}

describe('writeOutputs', () => {
  it('writes every file into a new --out and leaves nothing beside it', async () => {
    const written = await writeOutputs(out, outputs('run1'), ['rejected.csv'], []);
    expect(written).toEqual(outputs('run1').map((f) => join(out, f.name)));
    expect((await snapshot(out))['report.md']).toBe('run1 report.md\nsecond chunk\n');
    expect(await siblings()).toEqual([]);
  });

  it('is all or nothing: a failure in the 3rd file leaves the previous outputs byte-identical and no folder behind', async () => {
    await writeOutputs(out, outputs('run1'), ['rejected.csv'], []);
    const before = await snapshot(out);
    const files = outputs('run2');
    files[2] = {
      name: files[2]!.name,
      chunks: (function* () {
        yield 'partial\n';
        throw new Error('disk on fire');
      })(),
    };
    const failure = writeOutputs(out, files, ['rejected.csv'], []);
    await expect(failure).rejects.toBeInstanceOf(DelivError);
    await expect(failure).rejects.toThrow(/cannot write .*bounces\.csv: disk on fire/);
    expect(await snapshot(out)).toEqual(before);
    expect(await siblings()).toEqual([]);
  });

  it('drops a stale output of its own (rejected.csv) and keeps files it does not own', async () => {
    await writeOutputs(out, outputs('run1', ['report.md', 'rejected.csv']), [], []);
    await writeFile(join(out, 'NOTES.txt'), 'my notes\n');
    await mkdir(join(out, 'archive'));
    await writeFile(join(out, 'archive', 'old-report.md'), 'kept\n');
    await writeFile(join(out, '.report.md.999.tmp'), 'leftover of an earlier version\n');
    await writeOutputs(out, outputs('run2', ['report.md']), ['rejected.csv'], []);
    expect(await snapshot(out)).toEqual({
      'NOTES.txt': 'my notes\n',
      archive: `<dir>${JSON.stringify({ 'old-report.md': 'kept\n' })}`,
      'report.md': 'run2 report.md\nsecond chunk\n',
    });
    expect(await siblings()).toEqual([]);
  });

  it('on SIGTERM mid-write removes the new folder, releases the lock and exits 143, leaving --out as it was', async () => {
    await writeOutputs(out, outputs('run1'), [], []);
    const before = await snapshot(out);
    const exits: number[] = [];
    const files = outputs('run2');
    files[2] = {
      name: files[2]!.name,
      chunks: (function* () {
        yield 'partial\n';
        process.emit('SIGTERM', 'SIGTERM');
        yield 'more\n';
      })(),
    };
    const listeners = process.listenerCount('SIGTERM');
    await expect(writeOutputs(out, files, [], [], { exit: (code) => exits.push(code) })).rejects.toThrow(/interrupted by SIGTERM/);
    expect(exits).toEqual([143]);
    expect(await snapshot(out)).toEqual(before);
    expect(await siblings()).toEqual([]);
    expect(process.listenerCount('SIGTERM')).toBe(listeners);
  });

  it('installs its signal handlers only while writing', async () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    let during: number[] = [];
    const files: OutputFile[] = [
      {
        name: 'report.md',
        chunks: (function* () {
          during = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
          yield 'x';
        })(),
      },
    ];
    await writeOutputs(out, files, [], []);
    expect(during).toEqual([before[0]! + 1, before[1]! + 1]);
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });

  it('takes over a stale lock whose PID is dead', async () => {
    const pid = deadPid();
    await writeFile(lockPathFor(out), JSON.stringify({ pid, startedAt: '2026-01-01T00:00:00.000Z' }));
    await writeOutputs(out, outputs('run1'), [], []);
    expect((await snapshot(out))['audit.json']).toBe('run1 audit.json\nsecond chunk\n');
    expect(await siblings()).toEqual([]);
  });

  it('refuses a --out locked by a live process, naming it, and leaves its lock alone', async () => {
    await writeOutputs(out, outputs('run1'), [], []);
    const before = await snapshot(out);
    const lock = JSON.stringify({ pid: process.ppid, startedAt: '2026-11-23T10:00:00.000Z' });
    await writeFile(lockPathFor(out), lock);
    const failure = writeOutputs(out, outputs('run2'), [], []);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(`in use by another deliv run PID ${process.ppid} (started 2026-11-23T10:00:00.000Z)`);
    expect(await readFile(lockPathFor(out), 'utf8')).toBe(lock);
    expect(await snapshot(out)).toEqual(before);
  });

  it('refuses a second run while a first holds the lock, and is free again once released', async () => {
    const held = acquireOutDirLock(out);
    const failure = writeOutputs(out, outputs('run1'), [], []);
    await expect(failure).rejects.toThrow(`PID ${process.pid}`);
    await expect(failure).rejects.toHaveProperty('exitCode', 2);
    held.release();
    await writeOutputs(out, outputs('run1'), [], []);
    expect(await siblings()).toEqual([]);
  });

  it('restores the previous --out after a crash between the two renames', async () => {
    await writeOutputs(out, outputs('run1'), [], []);
    await writeFile(join(out, 'NOTES.txt'), 'mine\n');
    const before = await snapshot(out);
    const { rename } = await import('node:fs/promises');
    await rename(out, `${out}.deliv-old-123`);
    await mkdir(`${out}.deliv-tmp-123`);
    await writeFile(join(`${out}.deliv-tmp-123`, 'report.md'), 'half');
    // A failing run still recovers first: the previous outputs are back, nothing else.
    const files = outputs('run2');
    files[0] = {
      name: files[0]!.name,
      chunks: (function* () {
        throw new Error('stop');
      })(),
    };
    await expect(writeOutputs(out, files, [], [])).rejects.toThrow(/stop/);
    expect(await snapshot(out)).toEqual(before);
    expect(await siblings()).toEqual([]);
  });

  it('removes the leftovers of a run killed after its swap, or while writing', async () => {
    await writeOutputs(out, outputs('run1'), [], []);
    await mkdir(`${out}.deliv-old-${deadPid()}`);
    await mkdir(`${out}.deliv-tmp-${deadPid()}`);
    await writeOutputs(out, outputs('run2'), [], []);
    expect((await snapshot(out))['report.md']).toBe('run2 report.md\nsecond chunk\n');
    expect(await siblings()).toEqual([]);
  });

  it('refuses an --out that is a file, that would overwrite an input, or that contains an input', async () => {
    await writeFile(join(root, 'file'), 'x');
    await expect(writeOutputs(join(root, 'file'), outputs('r'), [], [])).rejects.toThrow(/is a file, not a folder/);
    await mkdir(out);
    await writeFile(join(out, 'report.md'), 'input');
    await expect(writeOutputs(out, outputs('r'), [], [join(out, 'report.md')])).rejects.toThrow(/would overwrite the input/);
    await mkdir(join(out, 'exports'));
    await writeFile(join(out, 'exports', 'events.csv'), 'input');
    const failure = writeOutputs(out, outputs('r'), [], [join(out, 'exports', 'events.csv')]);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(/contains the input .*events\.csv/);
    expect(await snapshot(out)).toEqual({ exports: `<dir>${JSON.stringify({ 'events.csv': 'input' })}`, 'report.md': 'input' });
    // A sibling whose name merely starts like --out is not inside it.
    await writeFile(join(root, 'out-events.csv'), 'input');
    await writeOutputs(out, outputs('r'), [], [join(root, 'out-events.csv')]);
  });
});
