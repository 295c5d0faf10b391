import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './run-cli.js';

/**
 * Bounded fuzzing: fixtures damaged the ways real exports get damaged (cut short, bytes
 * flipped, quotes inserted, columns shuffled, lines swapped) must always end with exit 0, 1
 * or 2 and deliv's own one-line message, never a stack trace or an internal error (3).
 * Seeded, so a failure is reproducible from the case number.
 */
const SOURCES = [
  'fixtures/demo/campaign-events.csv',
  'fixtures/demo/contacts.csv',
  'fixtures/demo/campaign-summaries.csv',
  'fixtures/vendors/sendgrid/events.json',
  'fixtures/vendors/ses/events.jsonl',
  'fixtures/vendors/mailchimp/subscribed_members_export_abc123.csv',
];
const CASES = 36;

function prng(seed: number): () => number {
  // mulberry32
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MUTATIONS: Record<string, (bytes: Buffer, random: () => number) => Buffer> = {
  truncate: (b, r) => b.subarray(0, Math.floor(r() * b.length)),
  flipBytes: (b, r) => {
    const out = Buffer.from(b);
    for (let i = 0; i < 1 + Math.floor(r() * 8); i++) out[Math.floor(r() * out.length)] = Math.floor(r() * 256);
    return out;
  },
  insertQuotes: (b, r) => {
    let text = b.toString('latin1');
    for (let i = 0; i < 1 + Math.floor(r() * 4); i++) {
      const at = Math.floor(r() * text.length);
      text = `${text.slice(0, at)}"${text.slice(at)}`;
    }
    return Buffer.from(text, 'latin1');
  },
  shuffleColumns: (b, r) => {
    const lines = b.toString('utf8').split('\n');
    const width = (lines[0] ?? '').split(',').length;
    const order = Array.from({ length: width }, (_, i) => i).sort(() => r() - 0.5);
    return Buffer.from(lines.map((l) => { const f = l.split(','); return order.map((i) => f[i] ?? '').join(','); }).join('\n'));
  },
  swapLines: (b, r) => {
    const lines = b.toString('utf8').split('\n');
    const i = Math.floor(r() * lines.length);
    const j = Math.floor(r() * lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return Buffer.from(lines.join('\n'));
  },
};

describe('fuzzed inputs', () => {
  const dir = tempDir();
  const names = Object.keys(MUTATIONS);
  for (let n = 0; n < CASES; n++) {
    const random = prng(1000 + n);
    const source = SOURCES[n % SOURCES.length]!;
    const mutation = names[Math.floor(random() * names.length)]!;
    it(`case ${n}: ${mutation} of ${source}`, () => {
      const bytes = MUTATIONS[mutation]!(readFileSync(join(ROOT, source)), random);
      const file = join(dir, `case-${n}${source.slice(source.lastIndexOf('.'))}`);
      writeFileSync(file, bytes);
      const run = runCli(['audit', file, '--as-of', '2026-11-23', '--out', join(dir, `out-${n}`), '--quiet']);
      expect([0, 1, 2]).toContain(run.status);
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
      if (run.status === 2) expect(run.stderr).toMatch(/^deliv: .+\n$/);
      else expect(run.stdout).toMatch(/^Verdict: /);
    });
  }
});
