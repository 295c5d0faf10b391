import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { configSchema, type DelivConfig } from './config-schema.js';

export const DEFAULT_CONFIG_FILE = 'deliv.config.json';

/**
 * Reads and validates a config file: read -> JSON.parse -> zod. `explicit` (from --config)
 * must exist; the default file in the working directory is optional.
 */
export async function loadConfig(path: string, explicit: boolean): Promise<DelivConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') return {};
    throw new ConfigError(`${path}: cannot read the config file: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`${path}${jsonErrorLocation(text, error as Error)}: not valid JSON (${(error as Error).message}); expected a JSON object of deliv audit options`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(the top level)';
    throw new ConfigError(`${path}: ${where}: ${issue.message}`);
  }
  return parsed.data;
}

/** `:line:column` of a JSON.parse error when V8 says "at position N". */
function jsonErrorLocation(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return `:${line}:${before.length - before.lastIndexOf('\n')}`;
}
