/**
 * A set of contact indexes as a growable bitset: one bit per distinct contact, so a
 * campaign's sets cost contacts/8 bytes whatever the number of events.
 */
export class RecipientSet {
  private bits = new Uint32Array(64);
  private count = 0;

  /** Adds the index; returns true when it was not there yet. */
  add(index: number): boolean {
    const word = index >>> 5;
    if (word >= this.bits.length) this.grow(word);
    const mask = 1 << (index & 31);
    const current = this.bits[word]!;
    if (current & mask) return false;
    this.bits[word] = current | mask;
    this.count++;
    return true;
  }

  has(index: number): boolean {
    const word = index >>> 5;
    return word < this.bits.length && (this.bits[word]! & (1 << (index & 31))) !== 0;
  }

  get size(): number {
    return this.count;
  }

  /** Number of members also in `other`. */
  countShared(other: RecipientSet): number {
    const n = Math.min(this.bits.length, other.bits.length);
    let total = 0;
    for (let i = 0; i < n; i++) total += popcount(this.bits[i]! & other.bits[i]!);
    return total;
  }

  /** Calls `fn` with every member, in increasing order. */
  forEach(fn: (index: number) => void): void {
    for (let w = 0; w < this.bits.length; w++) {
      let word = this.bits[w]!;
      while (word !== 0) {
        const low = word & -word;
        fn(w * 32 + (31 - Math.clz32(low)));
        word ^= low;
      }
    }
  }

  /** Adds every member of `other` (for merging partial aggregates). */
  addAll(other: RecipientSet): void {
    if (other.bits.length > this.bits.length) this.grow(other.bits.length - 1);
    let total = 0;
    for (let i = 0; i < this.bits.length; i++) {
      this.bits[i] = this.bits[i]! | (other.bits[i] ?? 0);
      total += popcount(this.bits[i]!);
    }
    this.count = total;
  }

  private grow(word: number): void {
    let length = this.bits.length;
    while (length <= word) length *= 2;
    const next = new Uint32Array(length);
    next.set(this.bits);
    this.bits = next;
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
