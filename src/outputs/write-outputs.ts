import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { DelivError, ExitCode, UsageError } from '../errors.js';

/** One output file: its name in --out and its content in chunks. */
export interface OutputFile {
  name: string;
  chunks: Iterable<string>;
}

/**
 * Writes each file atomically (a temporary file beside it, then a rename), so a reader
 * never sees a half-written file. Files in `remove` are deleted so that a stale file from
 * an earlier run (e.g. rejected.csv) never looks like this run's.
 */
export async function writeOutputs(outDir: string, files: readonly OutputFile[], remove: readonly string[], inputs: readonly string[]): Promise<string[]> {
  await prepareOutDir(outDir, files, inputs);
  const written: string[] = [];
  for (const file of files) {
    const target = join(outDir, file.name);
    const temp = join(outDir, `.${file.name}.${process.pid}.tmp`);
    try {
      await writeChunks(temp, file.chunks);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw new DelivError(`cannot write ${target}: ${(error as Error).message}`, ExitCode.BadInput);
    }
    written.push(target);
  }
  for (const name of remove) await rm(join(outDir, name), { force: true });
  return written;
}

async function prepareOutDir(outDir: string, files: readonly OutputFile[], inputs: readonly string[]): Promise<void> {
  const existing = await stat(outDir).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new UsageError(`--out ${outDir} is a file, not a folder`);
  const inputPaths = new Set(inputs.map((i) => resolve(i)));
  for (const file of files) {
    const target = resolve(outDir, file.name);
    if (inputPaths.has(target)) throw new UsageError(`--out ${outDir} would overwrite the input ${target}; choose another folder`);
  }
  await mkdir(outDir, { recursive: true }).catch((error: Error) => {
    throw new UsageError(`cannot create --out ${outDir}: ${error.message}`);
  });
}

async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path, { flags: 'wx' });
  try {
    for (const chunk of chunks) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
  } catch (error) {
    stream.destroy();
    throw error;
  }
}
