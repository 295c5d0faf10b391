import { readFileSync } from 'node:fs';

/** deliv's version, from package.json (two folders up from dist/cli or src/cli). */
export const DELIV_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
