import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { RecipientSet } from './recipient-set.js';

const MAX_GENERATED = 2 ** 21 - 1;

/** One step of a generated add sequence, expanded into indexes by `expand`. */
type Step =
  | { kind: 'small'; index: number }
  | { kind: 'large'; index: number }
  | { kind: 'run'; start: number; length: number; stride: number }
  | { kind: 'again'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 2047 }).map((index) => ({ kind: 'small' as const, index })) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 2_000_000 }).map((index) => ({ kind: 'large' as const, index })) },
  {
    // Runs reach the switch to dense at different points: short or long, tight or spread.
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('run' as const),
      start: fc.oneof(fc.integer({ min: 0, max: 4096 }), fc.integer({ min: 0, max: 2_000_000 })),
      length: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 20_000 })),
      stride: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 64 })),
    }),
  },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'again' as const, pick })) },
);
/**
 * Random steps; half the time with 17,000 consecutive indexes somewhere among them, which
 * makes the set dense from that point on (a table for them would be 256 KiB, the size of
 * the bitset for the largest generated index).
 */
const steps: fc.Arbitrary<Step[]> = fc
  .tuple(fc.array(step, { maxLength: 25 }), fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 2_000_000 }))
  .map(([list, dense, at, start]) => {
    if (!dense) return list;
    const cut = at % (list.length + 1);
    return [...list.slice(0, cut), { kind: 'run' as const, start, length: 17_000, stride: 1 }, ...list.slice(cut)];
  });

function expand(sequence: Step[]): number[] {
  const out: number[] = [];
  for (const s of sequence) {
    if (s.kind === 'run') {
      // Kept below 2^21 (a 256 KiB bitset) like every generated index.
      const start = Math.min(s.start, MAX_GENERATED - (s.length - 1) * s.stride);
      for (let k = 0; k < s.length; k++) out.push(start + k * s.stride);
    }
    else if (s.kind === 'again') out.push(out.length === 0 ? 0 : out[s.pick % out.length]!);
    else out.push(s.index);
  }
  return out;
}

/** Builds the set and its model, checking every `add`'s answer on the way. */
function build(indexes: number[]): { set: RecipientSet; model: Set<number> } {
  const set = new RecipientSet();
  const model = new Set<number>();
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i]!;
    const isNew = !model.has(index);
    model.add(index);
    if (set.add(index) !== isNew) expect.fail(`add(${index}) at step ${i} returned ${!isNew}`);
  }
  return { set, model };
}

function members(set: RecipientSet): number[] {
  const out: number[] = [];
  set.forEach((index) => out.push(index));
  return out;
}

/** Compares everything observable (and the memory bound) with the model. */
function expectSame(set: RecipientSet, model: Set<number>, probes: number[] = []): void {
  expect(set.size).toBe(model.size);
  const sorted = [...model].sort((a, b) => a - b);
  const seen = members(set);
  expect(seen.length).toBe(sorted.length);
  for (let i = 0; i < sorted.length; i++) if (seen[i] !== sorted[i]) expect.fail(`forEach #${i}: ${seen[i]} ≠ ${sorted[i]}`);
  for (const index of sorted) if (!set.has(index)) expect.fail(`has(${index}) is false`);
  const every = Math.max(1, Math.floor(sorted.length / 2000));
  const near = sorted.filter((_, i) => i % every === 0).flatMap((i) => [i - 1, i + 1, i + 32]);
  for (const index of [...probes, ...near]) {
    if (index >= 0 && set.has(index) !== model.has(index)) expect.fail(`has(${index}) ≠ model`);
  }
  // Memory: within a small factor of min(members, range / 8 bytes).
  const max = sorted.length === 0 ? 0 : sorted[sorted.length - 1]!;
  expect(set.byteSize).toBeLessThanOrEqual(Math.min(Math.max(64, 16 * model.size), Math.max(256, max / 4 + 8)));
}

function intersection(a: Set<number>, b: Set<number>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/** 17,000 indexes below 2^21 (every 64th of 0..1,088,000): enough to make any set dense. */
const FILL = Array.from({ length: 17_000 }, (_, i) => i * 64);

const form = (set: RecipientSet) => (set.isDense ? 'dense' : 'sparse');

describe('RecipientSet', () => {
  it('counts distinct members, grows, and intersects', () => {
    const a = new RecipientSet();
    expect(a.add(3)).toBe(true);
    expect(a.add(3)).toBe(false);
    expect(a.add(100_000)).toBe(true);
    a.add(31);
    a.add(32);
    expect(a.size).toBe(4);
    expect(a.has(100_000)).toBe(true);
    expect(a.has(99_999)).toBe(false);
    const b = new RecipientSet();
    b.add(31);
    b.add(100_000);
    b.add(7);
    expect(a.countShared(b)).toBe(2);
    expect(b.countShared(a)).toBe(2);
    a.addAll(b);
    expect(a.size).toBe(5);
  });

  it('matches a Set<number> for any sequence of adds (answers, has, size, order, memory)', () => {
    const forms = new Set<string>();
    fc.assert(
      fc.property(steps, fc.array(fc.integer({ min: 0, max: 2_100_000 }), { maxLength: 50 }), (sequence, probes) => {
        const { set, model } = build(expand(sequence));
        forms.add(form(set));
        expectSame(set, model, probes);
        // Still consistent when adding more afterwards.
        for (const index of [0, 1_999_999, ...probes]) {
          expect(set.add(index)).toBe(!model.has(index));
          model.add(index);
        }
        expectSame(set, model);
      }),
      { numRuns: 100 },
    );
    expect([...forms].sort()).toEqual(['dense', 'sparse']);
  });

  it('countShared and addAll agree with the model for every sparse/dense combination', () => {
    const combinations = new Set<string>();
    fc.assert(
      fc.property(steps, steps, fc.boolean(), (sa, sb, overlap) => {
        const ia = expand(sa);
        // Half the time b reuses a's indexes, so the sets share members.
        const ib = overlap ? [...expand(sb), ...ia.filter((_, i) => i % 3 === 0)] : expand(sb);
        const a = build(ia);
        const b = build(ib);
        combinations.add(`${form(a.set)}/${form(b.set)}`);
        const shared = intersection(a.model, b.model);
        expect(a.set.countShared(b.set)).toBe(shared);
        expect(b.set.countShared(a.set)).toBe(shared);
        expect(a.set.countShared(a.set)).toBe(a.model.size);

        a.set.addAll(b.set);
        const union = new Set([...a.model, ...b.model]);
        expectSame(a.set, union);
        expectSame(b.set, b.model); // the argument is left alone
        expect(a.set.countShared(b.set)).toBe(b.model.size);
        // The merged set keeps working, through a switch to dense if it was sparse.
        for (const index of [5, 70_000, 1_999_999, ...ib.slice(0, 5), ...FILL]) {
          if (a.set.add(index) !== !union.has(index)) expect.fail(`add(${index}) after addAll`);
          union.add(index);
        }
        expectSame(a.set, union);
      }),
      { numRuns: 100 },
    );
    expect([...combinations].sort()).toEqual(['dense/dense', 'dense/sparse', 'sparse/dense', 'sparse/sparse']);
  });

  describe('every sparse/dense pairing, deterministically', () => {
    const shapes: Record<string, () => number[]> = {
      empty: () => [],
      'sparse, narrow': () => [1, 5, 9, 300],
      'sparse, wide': () => Array.from({ length: 100 }, (_, i) => i * 10_007),
      'dense, narrow': () => Array.from({ length: 1000 }, (_, i) => i * 2),
      'dense, wide': () => Array.from({ length: 50_000 }, (_, i) => i * 20),
      'dense then wide (back to sparse)': () => [...Array.from({ length: 40 }, (_, i) => i * 3), 999_999],
    };
    for (const [nameA, makeA] of Object.entries(shapes)) {
      for (const [nameB, makeB] of Object.entries(shapes)) {
        it(`${nameA} with ${nameB}`, () => {
          const a = build(makeA());
          const b = build([...makeB(), 9, 30_014]); // 9 and 30_014 are in some of a's shapes too
          expect(a.set.countShared(b.set)).toBe(intersection(a.model, b.model));
          expect(b.set.countShared(a.set)).toBe(intersection(a.model, b.model));
          a.set.addAll(b.set);
          const union = new Set([...a.model, ...b.model]);
          expectSame(a.set, union);
          for (const index of FILL) {
            if (a.set.add(index) !== !union.has(index)) expect.fail(`add(${index}) after addAll`);
            union.add(index);
          }
          expectSame(a.set, union);
        });
      }
    }
  });

  it('switches forms as members and range grow', () => {
    const set = new RecipientSet();
    expect(set.isDense).toBe(false);
    for (let i = 0; i < 200; i++) set.add(i);
    expect(set.isDense).toBe(true); // 200 members below 2048: the 256-byte bitset is smaller
    const wide = new RecipientSet();
    for (let i = 0; i < 40; i++) wide.add(i * 3);
    expect(wide.isDense).toBe(true);
    wide.add(999_999); // a bitset to 1M would be 128 KB for 41 members
    expect(wide.isDense).toBe(false);
    expect(wide.byteSize).toBeLessThanOrEqual(1024);
    expect(members(wide)).toEqual([...Array.from({ length: 40 }, (_, i) => i * 3), 999_999]);
  });

  it('costs memory in proportion to min(members, range / 8)', () => {
    // 100 members spread over 0..1,000,000: a few hundred bytes, not the 125 KB bitset.
    const few = new RecipientSet();
    for (let i = 0; i < 100; i++) few.add(i * 10_000 + 7);
    expect(few.size).toBe(100);
    expect(few.byteSize).toBeLessThanOrEqual(2048);
    // 500,000 members over the same range: the bitset (1M / 8 = 125 KB, rounded up to 128 KiB).
    const many = new RecipientSet();
    for (let i = 0; i < 500_000; i++) many.add(i * 2);
    expect(many.isDense).toBe(true);
    expect(many.byteSize).toBeGreaterThanOrEqual(125_000);
    expect(many.byteSize).toBeLessThanOrEqual(131_072);
    // Growing one member at a time in random order never costs more than the bitset would.
    const random = new RecipientSet();
    let seed = 12345;
    for (let i = 0; i < 50_000; i++) {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      random.add(seed % 1_000_000);
      if (i % 997 === 0) expect(random.byteSize).toBeLessThanOrEqual(Math.max(256, Math.min(16 * random.size, 131_072)));
    }
  });

  it('rejects indexes that are not contact indexes', () => {
    const set = new RecipientSet();
    expect(() => set.add(-1)).toThrow(RangeError);
    expect(() => set.add(2 ** 31)).toThrow(RangeError);
    expect(() => set.add(1.5)).toThrow(RangeError);
    expect(set.has(-1)).toBe(false);
    expect(set.has(2 ** 31)).toBe(false);
    expect(set.size).toBe(0);
  });
});
