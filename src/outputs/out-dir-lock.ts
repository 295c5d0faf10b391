import { closeSync, readFileSync, renameSync, rmSync, statSync, writeSync, openSync, linkSync } from 'node:fs';
import { UsageError } from '../errors.js';

/**
 * A lock on one --out folder, so that two deliv runs never swap the same folder at once:
 * the file `<out>.deliv.lock` beside --out, created exclusively (flag 'wx') and holding the
 * holder's PID and start time as JSON. A lock whose PID is no longer alive is stale (a run
 * that was killed with SIGKILL, or a machine that rebooted) and is taken over.
 */
export interface OutDirLock {
  path: string;
  /** Removes the lock file if it is still this lock's. Idempotent and synchronous (safe in a signal handler). */
  release(): void;
}

interface LockContent {
  pid: number;
  startedAt: string;
}

/** A lock file younger than this whose content cannot be read is assumed to be mid-creation. */
const UNREADABLE_GRACE_MS = 10_000;

export function lockPathFor(outDir: string): string {
  return `${outDir}.deliv.lock`;
}

/** True when a process with this PID exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export function acquireOutDirLock(outDir: string, pid: number = process.pid): OutDirLock {
  const path = lockPathFor(outDir);
  const content: LockContent = { pid, startedAt: new Date().toISOString() };
  const text = `${JSON.stringify(content)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, text)) return ownLock(path, text);
    const holder = readHolder(path);
    if (holder === 'gone') continue; // released between our create and our read: try again
    if (holder === 'unreadable') {
      const age = ageMs(path);
      if (age !== undefined && age < UNREADABLE_GRACE_MS) throw heldError(outDir, path, undefined);
      takeOver(path, undefined);
      continue;
    }
    if (isProcessAlive(holder.pid)) throw heldError(outDir, path, holder);
    takeOver(path, holder.pid);
  }
  throw new UsageError(`cannot lock --out ${outDir}: the lock file ${path} keeps changing; is another deliv run starting?`);
}

function tryCreate(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw new UsageError(`cannot create the lock file ${path}: ${(error as Error).message}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function ownLock(path: string, text: string): OutDirLock {
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      // Only remove the file if it is still ours (never someone else's after a takeover).
      let current: string | undefined;
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        return;
      }
      if (current === text) rmSync(path, { force: true });
    },
  };
}

function readHolder(path: string): LockContent | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return 'unreadable';
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && Number.isInteger(parsed.pid)) return { pid: parsed.pid, startedAt: String(parsed.startedAt ?? 'an unknown time') };
  } catch {
    // fall through
  }
  return 'unreadable';
}

function ageMs(path: string): number | undefined {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Takes over a stale lock: renames it aside first (atomic, so of two runs taking over the
 * same stale lock only one succeeds), then checks that what was renamed is still the stale
 * lock; if a live run had meanwhile re-created it, it is put back.
 */
function takeOver(path: string, stalePid: number | undefined): void {
  const aside = `${path}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError(`cannot take over the stale lock file ${path}: ${(error as Error).message}`);
  }
  const moved = readHolder(aside);
  const stillStale = moved === 'gone' || (moved === 'unreadable' ? stalePid === undefined : moved.pid === stalePid || !isProcessAlive(moved.pid));
  if (!stillStale) {
    try {
      linkSync(aside, path); // fails if yet another lock appeared meanwhile: then that one stands
    } catch {
      // ignore
    }
  }
  rmSync(aside, { force: true });
}

function heldError(outDir: string, path: string, holder: LockContent | undefined): UsageError {
  const who = holder ? `deliv run PID ${holder.pid} (started ${holder.startedAt})` : 'a deliv run that is starting';
  return new UsageError(
    `--out ${outDir} is in use by another ${who}; wait for it to finish, or delete ${path} if no deliv is running`,
  );
}
