import { copyFile, link, lstat, mkdir, readdir, readlink, rename, rm, stat, symlink, constants } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

/**
 * The folders beside --out that a run uses to swap its outputs into place all at once:
 * `<out>.deliv-tmp-<pid>` (the new outputs, being written) and `<out>.deliv-old-<pid>`
 * (the previous --out, set aside during the swap). Both are siblings of --out, so the
 * renames stay on one file system and are atomic.
 */
export interface StagingPaths {
  tmp: string;
  old: string;
}

export function stagingPaths(outDir: string, pid: number = process.pid): StagingPaths {
  return { tmp: `${outDir}.deliv-tmp-${pid}`, old: `${outDir}.deliv-old-${pid}` };
}

/**
 * Repairs what a run killed without cleaning up (SIGKILL, power loss) left beside --out.
 * Called only while holding the --out lock, so no live run owns any of these folders,
 * whatever the PID in their name (PIDs are reused; the lock is what counts).
 * - --out missing and a `<out>.deliv-old-*` present: the run died between its two renames;
 *   the old folder is the previous --out and is renamed back.
 * - every other `<out>.deliv-old-*`: the run died after its swap; --out is already the new,
 *   complete folder (foreign files were copied into it before the swap), so it is removed.
 * - every `<out>.deliv-tmp-*`: unfinished outputs of a dead run, removed.
 * Returns the leftovers it found, for tests and messages.
 */
export async function recoverOutDir(outDir: string): Promise<{ restored?: string; removed: string[] }> {
  const parent = dirname(outDir);
  const base = basename(outDir);
  const entries = await readdir(parent).catch(() => [] as string[]);
  const olds: string[] = [];
  const tmps: string[] = [];
  for (const name of entries) {
    if (!name.startsWith(`${base}.deliv-`)) continue;
    const rest = name.slice(base.length);
    if (/^\.deliv-old-\d+$/.test(rest)) olds.push(join(parent, name));
    else if (/^\.deliv-tmp-\d+$/.test(rest)) tmps.push(join(parent, name));
  }
  let restored: string | undefined;
  const outExists = await lstat(outDir).then(
    () => true,
    () => false,
  );
  if (!outExists && olds.length) {
    // Several can only exist after several crashes; the most recently changed is the newest.
    const dated = await Promise.all(olds.map(async (path) => ({ path, mtime: (await stat(path).catch(() => undefined))?.mtimeMs ?? 0 })));
    dated.sort((a, b) => b.mtime - a.mtime);
    restored = dated[0]!.path;
    await rename(restored, outDir);
  }
  const removed = [...olds.filter((p) => p !== restored), ...tmps];
  for (const path of removed) await rm(path, { recursive: true, force: true });
  return restored ? { restored, removed } : { removed };
}

/**
 * Carries every entry of --out that deliv does not own into the staging folder, so the swap
 * keeps the user's own files. Files are hard-linked (instant, same data; the originals are
 * untouched until the swap) and copied where linking is not possible; folders are recreated
 * and their content carried over the same way; symbolic links are recreated as they are.
 */
export async function carryOverForeign(outDir: string, staging: string, isOwned: (name: string) => boolean): Promise<string[]> {
  const carried: string[] = [];
  for (const entry of await readdir(outDir)) {
    if (isOwned(entry)) continue;
    await linkOrCopy(join(outDir, entry), join(staging, entry));
    carried.push(entry);
  }
  return carried;
}

async function linkOrCopy(source: string, target: string): Promise<void> {
  const info = await lstat(source);
  if (info.isDirectory()) {
    await mkdir(target, { mode: info.mode & 0o7777 });
    for (const entry of await readdir(source)) await linkOrCopy(join(source, entry), join(target, entry));
  } else if (info.isFile()) {
    await link(source, target).catch(() => copyFile(source, target, constants.COPYFILE_EXCL));
  } else if (info.isSymbolicLink()) {
    await symlink(await readlink(source), target);
  } else {
    throw new UsageError(`--out contains ${source}, which is neither a file, a folder nor a symbolic link; move it out of --out`);
  }
}
