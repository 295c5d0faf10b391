import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';

/**
 * Reads a JSON file deliv is configured with (config, custom policy): a missing file, bad
 * JSON (with line:column) and the first schema issue (with its dotted path) all become a
 * ConfigError naming the file, which exits 2. Returns undefined for an optional missing file.
 */
export async function readJsonFile(path: string, expected: string, optional = false): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (optional && code === 'ENOENT') return undefined;
    throw new ConfigError(`${path}: cannot read the file: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}; expected ${expected}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`${path}${jsonErrorLocation(text, error as Error)}: not valid JSON (${(error as Error).message}); expected ${expected}`);
  }
}

/** "path: a.b.2.c: message" for the first issue of a failed parse. */
export function schemaErrorMessage(path: string, issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : '(the top level)';
  return `${path}: ${where}: ${issue.message}`;
}

/** `:line:column` of a JSON.parse error when V8 says "at position N". */
function jsonErrorLocation(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return `:${line}:${before.length - before.lastIndexOf('\n')}`;
}
