import { ConfigError } from '../errors.js';
import { configSchema, type DelivConfig } from './config-schema.js';
import { readJsonFile, schemaErrorMessage } from './read-json-file.js';

export const DEFAULT_CONFIG_FILE = 'deliv.config.json';

/**
 * Reads and validates a config file: read -> JSON.parse -> zod. `explicit` (from --config)
 * must exist; the default file in the working directory is optional.
 */
export async function loadConfig(path: string, explicit: boolean): Promise<DelivConfig> {
  const raw = await readJsonFile(path, 'a JSON object of deliv audit options', !explicit);
  if (raw === undefined) return {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(schemaErrorMessage(path, parsed.error.issues));
  return parsed.data;
}
