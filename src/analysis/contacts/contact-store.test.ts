import { describe, expect, it } from 'vitest';
import { ContactStore, IN_CONTACTS, detach } from './contact-store.js';

describe('ContactStore', () => {
  it('numbers contacts in order of first sight; the same key is the same contact', () => {
    const store = new ContactStore();
    expect(store.numberFor('a@x.org', 'A@x.org')).toBe(0);
    expect(store.numberFor('b@gmail.com', 'b@gmail.com')).toBe(1);
    expect(store.numberFor('a@x.org', 'a@X.org')).toBe(0);
    expect(store.numberFor('b@gmail.com', 'b@gmail.com')).toBe(1);
    expect(store.count).toBe(2);
    // The first spelling is kept until respelled; the key is its own string when equal.
    expect(store.emails).toEqual(['A@x.org', 'b@gmail.com']);
    expect(store.emails[1]).toBe(store.keys[1]);
    expect(store.providerOf(0)).toBe('other');
    expect(store.providerOf(1)).toBe('google');
  });

  it('keeps every column when it grows past its first capacity', () => {
    const store = new ContactStore();
    for (let i = 0; i < 5000; i++) {
      const n = store.numberFor(`user${i}@yahoo.com`, `user${i}@yahoo.com`);
      store.lastSeen[n] = i;
      if (i % 7 === 0) store.flags[n]! |= IN_CONTACTS;
    }
    expect(store.count).toBe(5000);
    for (const i of [0, 1023, 1024, 2047, 2048, 4999]) {
      expect(store.lastSeen[i]).toBe(i);
      expect(store.has(i, IN_CONTACTS)).toBe(i % 7 === 0);
      expect(store.providerOf(i)).toBe('yahoo');
    }
    // Columns not written stay "never".
    expect(Number.isNaN(store.lastDeliveredAt[4999]!)).toBe(true);
    expect(Number.isNaN(store.lastSeen[5000]!)).toBe(true);
  });

  it('registers each (file, header) source once', () => {
    const store = new ContactStore();
    const header = ['email'];
    expect(store.sourceNumber('a.csv', header)).toBe(0);
    expect(store.sourceNumber('b.csv', header)).toBe(1);
    expect(store.sourceNumber('a.csv', header)).toBe(0);
    const n = store.numberFor('a@x.org', 'a@x.org');
    expect(store.sourceOf(n)).toBeUndefined();
    store.source[n] = 2;
    expect(store.sourceOf(n)).toEqual({ file: 'b.csv', header });
  });

  it('keeps each export row as given, across blocks, whatever its characters or size', () => {
    const store = new ContactStore();
    const rows = new Map<number, string>();
    for (let i = 0; i < 60_000; i++) {
      const n = store.numberFor(`u${i}@x.org`, `u${i}@x.org`);
      if (i % 5 === 4) continue; // a log-only contact: no row
      const row = i === 30_000 ? 'é€'.repeat(3_000_000) : [`u${i}@x.org`, `Zoë ${i}`, '', '=1+1', '😀'.repeat(i % 7)].join('\u0000');
      store.setPackedColumns(n, row);
      rows.set(n, row);
    }
    for (let n = 0; n < store.count; n++) expect(store.packedColumns(n)).toBe(rows.get(n));
  });

  it('detach copies a value without changing it', () => {
    for (const text of ['', 'short', 'a.long.address@example.org', 'é'.repeat(40)]) expect(detach(text)).toBe(text);
  });
});
