import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

const write = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'deliv-config-')), 'deliv.config.json');
  writeFileSync(file, text);
  return file;
};

describe('loadConfig', () => {
  it('reads valid options', async () => {
    const file = write('{ "failOn": "warning", "softBounceLimit": 4, "contacts": ["a.csv"] }');
    expect(await loadConfig(file, true)).toEqual({ failOn: 'warning', softBounceLimit: 4, contacts: ['a.csv'] });
  });
  it('treats a missing default file as empty, and a missing --config file as an error', async () => {
    expect(await loadConfig('/nonexistent/deliv.config.json', false)).toEqual({});
    await expect(loadConfig('/nonexistent/deliv.config.json', true)).rejects.toThrow('/nonexistent/deliv.config.json: cannot read the file: no such file; expected a JSON object of deliv audit options');
  });
  it('names the dotted path and what was expected', async () => {
    await expect(loadConfig(write('{ "failOn": 3 }'), true)).rejects.toThrow(/deliv\.config\.json: failOn: Invalid input: expected string, received number/);
    await expect(loadConfig(write('{ "softBounceLimit": 0 }'), true)).rejects.toThrow(/softBounceLimit: Too small: expected number to be >=1/);
    await expect(loadConfig(write('{ "failon": "warning" }'), true)).rejects.toThrow(/\(the top level\): Unrecognized key: "failon"/);
  });
  it('points at the line of a JSON syntax error', async () => {
    await expect(loadConfig(write('{\n  "failOn": "warning",\n}'), true)).rejects.toThrow(/deliv\.config\.json:3:1: not valid JSON/);
  });
});
