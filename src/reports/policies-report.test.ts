import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_POLICIES } from '../policies/index.js';
import { policiesMarkdownTable } from './policies-report.js';

describe("the README's policy table", () => {
  it('is exactly the built-in policies as data (regenerate it with policiesMarkdownTable when a policy changes)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(policiesMarkdownTable(Object.values(BUILT_IN_POLICIES)));
  });
});
