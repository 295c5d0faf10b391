import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { chmod, lstat, mkdir, realpath, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { once } from 'node:events';
import { DelivError, ExitCode, UsageError } from '../errors.js';
import { acquireOutDirLock, type OutDirLock } from './out-dir-lock.js';
import { carryOverForeign, recoverOutDir, stagingPaths } from './out-dir-staging.js';

/** One output file: its name in --out and its content in chunks. */
export interface OutputFile {
  name: string;
  chunks: Iterable<string>;
}

export interface WriteOutputsOptions {
  /**
   * Ends the process after a SIGINT (130) or SIGTERM (143) has been cleaned up after.
   * Defaults to process.exit; tests inject their own.
   */
  exit?: (code: number) => void;
}

/** Exit statuses after a signal: 128 + the signal's number, as shells report them. */
const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

type Phase = 'preparing' | 'writing' | 'swapped' | 'done';

/**
 * Writes a run's outputs so that they appear all at once or not at all:
 * 1. lock --out (`<out>.deliv.lock` beside it; a second run on the same --out is refused),
 *    then repair what a killed run may have left (see recoverOutDir);
 * 2. write every file into `<out>.deliv-tmp-<pid>`, a sibling of --out;
 * 3. carry the files in --out that deliv does not own into that folder (hard links, so
 *    instant; see below);
 * 4. swap: rename --out to `<out>.deliv-old-<pid>`, rename the new folder to --out (both
 *    renames synchronous, so no signal handler runs between them), remove the old folder.
 * An error or a SIGINT/SIGTERM before the swap removes the new folder and leaves --out as
 * it was; a crash between the two renames is repaired by the next run, which renames the
 * old folder back. Files in `remove` (deliv's own names it did not write this time, e.g.
 * rejected.csv) are simply not carried over, so a stale one never looks like this run's.
 *
 * Files deliv does not own (anything but its output names): a careful user who keeps, say,
 * a README or a notes folder in --out expects them to survive a run, so they are preserved:
 * carried into the new folder before the swap. Edits made to them while deliv runs (a few
 * seconds) go to the same file when hard-linked, so they survive too; only entries created
 * in --out during the run are lost with the old folder.
 */
export async function writeOutputs(
  outDir: string,
  files: readonly OutputFile[],
  remove: readonly string[],
  inputs: readonly string[],
  options: WriteOutputsOptions = {},
): Promise<string[]> {
  const target = await prepareOutDir(outDir, files, inputs);
  const { tmp, old } = stagingPaths(target);
  const owned = ownedNames(files, remove);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let phase: Phase = 'preparing';
  let lock: OutDirLock | undefined;
  let interrupted: NodeJS.Signals | undefined;

  // Synchronous, so it can run in a signal handler right before the process exits.
  const cleanUpSync = (): void => {
    if (phase === 'writing') rmSync(tmp, { recursive: true, force: true });
    if (phase === 'swapped') rmSync(old, { recursive: true, force: true });
    lock?.release();
  };
  const onSignal = (signal: 'SIGINT' | 'SIGTERM'): void => {
    if (interrupted) return;
    interrupted = signal;
    const swapped = phase === 'swapped';
    cleanUpSync();
    phase = 'done';
    process.stderr.write(
      swapped ? `deliv: ${signal}: the outputs in ${outDir} are complete\n` : `deliv: ${signal}: interrupted; ${outDir} left as it was\n`,
    );
    exit(SIGNAL_EXIT[signal]);
  };
  const onSigint = (): void => onSignal('SIGINT');
  const onSigterm = (): void => onSignal('SIGTERM');
  const checkInterrupted = (): void => {
    if (interrupted) throw new DelivError(`deliv: interrupted by ${interrupted}; ${outDir} left as it was`, ExitCode.BadInput);
  };

  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  try {
    lock = acquireOutDirLock(target);
    await recoverOutDir(target);
    const existing = await stat(target).catch(() => undefined);
    if (existing && !existing.isDirectory()) throw new UsageError(`--out ${outDir} is a file, not a folder`);
    checkInterrupted();

    phase = 'writing';
    await mkdir(tmp).catch((error: Error) => {
      throw new UsageError(`cannot create --out ${outDir}: ${error.message}`);
    });
    for (const file of files) {
      try {
        await writeChunks(join(tmp, file.name), file.chunks, checkInterrupted);
      } catch (error) {
        if (error instanceof DelivError) throw error;
        throw new DelivError(`cannot write ${join(outDir, file.name)}: ${(error as Error).message}`, ExitCode.BadInput);
      }
    }
    if (existing) {
      await chmod(tmp, existing.mode & 0o7777).catch(() => undefined);
      await carryOverForeign(target, tmp, (name) => owned.has(name)).catch((error: Error) => {
        if (error instanceof DelivError) throw error;
        throw new DelivError(`cannot keep the other files of --out ${outDir}: ${error.message}`, ExitCode.BadInput);
      });
    }
    checkInterrupted();

    swap(target, tmp, existing ? old : undefined, outDir);
    phase = 'swapped';
    await rm(old, { recursive: true, force: true }).catch(() => undefined); // the next run removes it otherwise
    phase = 'done';
    return files.map((file) => join(outDir, file.name));
  } catch (error) {
    if (phase === 'writing') await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  } finally {
    if (phase !== 'done') cleanUpSync();
    lock?.release();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  }
}

/** The two renames, synchronous so that no signal handler can run between them. */
function swap(target: string, tmp: string, old: string | undefined, outDir: string): void {
  try {
    if (old) renameSync(target, old);
  } catch (error) {
    throw new DelivError(`cannot replace --out ${outDir}: ${(error as Error).message}`, ExitCode.BadInput);
  }
  try {
    renameSync(tmp, target);
  } catch (error) {
    if (old) renameSync(old, target);
    throw new DelivError(`cannot replace --out ${outDir}: ${(error as Error).message}`, ExitCode.BadInput);
  }
}

/** deliv's own names in --out: its outputs, and the per-file temporaries of earlier versions. */
function ownedNames(files: readonly OutputFile[], remove: readonly string[]): { has(name: string): boolean } {
  const names = new Set([...files.map((f) => f.name), ...remove]);
  return { has: (name) => names.has(name) || [...names].some((n) => name.startsWith(`.${n}.`) && /^\.\d+\.tmp$/.test(name.slice(n.length + 1))) };
}

/**
 * Checks --out and returns the folder to swap: --out itself, or the folder it links to
 * when it is a symbolic link (the link stays, its target's content is replaced).
 */
async function prepareOutDir(outDir: string, files: readonly OutputFile[], inputs: readonly string[]): Promise<string> {
  let target = resolve(outDir);
  const link = await lstat(target).catch(() => undefined);
  if (link?.isSymbolicLink()) {
    target = await realpath(target).catch((error: Error) => {
      throw new UsageError(`--out ${outDir} is a symbolic link that cannot be followed: ${error.message}`);
    });
  }
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new UsageError(`--out ${outDir} is a file, not a folder`);
  if (dirname(target) === target) throw new UsageError(`--out ${outDir} is the root folder; choose a folder deliv may replace`);
  const inputPaths = new Set(inputs.map((i) => resolve(i)));
  for (const file of files) {
    const path = resolve(outDir, file.name);
    if (inputPaths.has(path)) throw new UsageError(`--out ${outDir} would overwrite the input ${path}; choose another folder`);
  }
  // deliv replaces the whole --out folder; an input inside it would be swapped away with it.
  const outPaths = [resolve(outDir), target];
  for (const input of inputs) {
    const inputPaths = [resolve(input), await realpath(input).catch(() => resolve(input))];
    if (inputPaths.some((i) => outPaths.some((o) => isInside(i, o)))) {
      throw new UsageError(`--out ${outDir} contains the input ${resolve(input)}; deliv replaces the whole --out folder, so choose a folder that holds no input`);
    }
  }
  await mkdir(dirname(target), { recursive: true }).catch((error: Error) => {
    throw new UsageError(`cannot create --out ${outDir}: ${error.message}`);
  });
  return target;
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

async function writeChunks(path: string, chunks: Iterable<string>, checkInterrupted: () => void): Promise<void> {
  const stream = createWriteStream(path, { flags: 'wx' });
  try {
    for (const chunk of chunks) {
      checkInterrupted();
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
  } catch (error) {
    // Wait for the file to be closed, so that removing the folder cannot race its opening.
    const closed = stream.closed ? Promise.resolve() : once(stream, 'close').then(() => undefined, () => undefined);
    stream.destroy();
    await closed;
    throw error;
  }
}
