import { describe, expect, it } from 'vitest';
import { RecipientSet } from './recipient-set.js';

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
});
