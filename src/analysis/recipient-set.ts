/**
 * A set of contact indexes (integers in 0..2^31-1) in whichever of two forms is smaller:
 *
 * - sparse: an open-addressing hash table of the members (Int32Array, power-of-two capacity,
 *   linear probing, at most half full), about 8 to 16 bytes a member;
 * - dense: a growable bitset, one bit per index up to the largest member (4 bytes a word,
 *   power-of-two words, at least 64).
 *
 * A set starts sparse and turns dense when its table would have to grow to at least the
 * bitset's size for its largest member; a dense set that would grow its bitset to more than
 * the table it needs turns sparse again. So a set costs about min(8..16 × members,
 * range / 8) bytes: a campaign's 50 complaints spread over a million contacts cost hundreds
 * of bytes, not 128 KB, and its half a million recipients cost the 128 KB bitset.
 *
 * `add` checks the bitset first: in the dense form it is the plain bitset (the sparse form
 * keeps an empty bitset, so every index falls through to the slower path there). An index
 * that reaches that path and is not an integer in 0..2^31-1 throws a RangeError.
 */
export class RecipientSet {
  /** The bitset; empty (length 0) while sparse. */
  private bits: Uint32Array = NO_BITS;
  /** The hash table of members (EMPTY in free slots); null while dense. */
  private keys: Int32Array | null = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  /** 32 - log2(keys.length): the hash keeps the top bits of the product. */
  private shift = 32 - Math.log2(MIN_CAPACITY);
  /** Largest member while sparse (-1 when empty). */
  private maxIndex = -1;
  private count = 0;

  /** Adds the index; returns true when it was not there yet. */
  add(index: number): boolean {
    const word = index >>> 5;
    if (word >= this.bits.length) return this.addOutsideBits(index);
    const mask = 1 << (index & 31);
    const current = this.bits[word]!;
    if (current & mask) return false;
    this.bits[word] = current | mask;
    this.count++;
    return true;
  }

  has(index: number): boolean {
    const word = index >>> 5;
    if (word < this.bits.length) return (this.bits[word]! & (1 << (index & 31))) !== 0;
    return this.keys !== null && this.sparseHas(index);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the members' storage (the table or the bitset), for memory checks. */
  get byteSize(): number {
    return this.bits.byteLength + (this.keys?.byteLength ?? 0);
  }

  /** Whether the set is currently a bitset (diagnostics and tests). */
  get isDense(): boolean {
    return this.keys === null;
  }

  /** Number of members also in `other`. */
  countShared(other: RecipientSet): number {
    if (this.keys === null && other.keys === null) {
      const n = Math.min(this.bits.length, other.bits.length);
      let total = 0;
      for (let i = 0; i < n; i++) total += popcount(this.bits[i]! & other.bits[i]!);
      return total;
    }
    // At least one is sparse: probe the other with the sparse one's (or the smaller table's) members.
    const [probe, against] =
      this.keys === null ? [other, this] : other.keys === null ? [this, other] : this.count <= other.count ? [this, other] : [other, this];
    const keys = probe.keys!;
    let total = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key !== EMPTY && against.has(key)) total++;
    }
    return total;
  }

  /** Calls `fn` with every member, in increasing order. */
  forEach(fn: (index: number) => void): void {
    if (this.keys !== null) {
      // Copy then sort: `fn` may change the set.
      const members = new Int32Array(this.count);
      let n = 0;
      const keys = this.keys;
      for (let i = 0; i < keys.length; i++) if (keys[i]! !== EMPTY) members[n++] = keys[i]!;
      members.sort();
      for (let i = 0; i < n; i++) fn(members[i]!);
      return;
    }
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
    if (other === this || other.count === 0) return;
    if (other.keys !== null) {
      const keys = other.keys;
      for (let i = 0; i < keys.length; i++) if (keys[i]! !== EMPTY) this.add(keys[i]!);
      return;
    }
    // `other` is a bitset: OR it into ours (made dense first), then keep the smaller form.
    if (this.keys !== null) this.toDense(Math.max(other.bits.length, denseWordsFor(this.maxIndex)));
    else if (other.bits.length > this.bits.length) this.growBits(other.bits.length);
    let total = 0;
    for (let i = 0; i < this.bits.length; i++) {
      this.bits[i] = this.bits[i]! | (other.bits[i] ?? 0);
      total += popcount(this.bits[i]!);
    }
    this.count = total;
    if (tableCapacityFor(this.count) < this.bits.length) this.toSparse(tableCapacityFor(this.count));
  }

  /** `add` for an index past the bitset: every index while sparse, a larger one while dense. */
  private addOutsideBits(index: number): boolean {
    if ((index | 0) !== index || index < 0) {
      throw new RangeError(`RecipientSet: index must be an integer in 0..2147483647, got ${index}`);
    }
    if (this.keys !== null) return this.sparseAdd(index);
    let words = this.bits.length;
    while (words <= index >>> 5) words *= 2;
    const capacity = tableCapacityFor(this.count + 1);
    if (capacity < words) {
      // A table for the members is smaller than the bitset this index needs.
      this.toSparse(capacity);
      return this.sparseAdd(index);
    }
    this.growBits(words);
    this.bits[index >>> 5] = 1 << (index & 31);
    this.count++;
    return true;
  }

  private sparseHas(index: number): boolean {
    if (index < 0) return false; // EMPTY is -1
    const keys = this.keys!;
    const mask = keys.length - 1;
    let slot = Math.imul(index, GOLDEN) >>> this.shift;
    for (;;) {
      const key = keys[slot]!;
      if (key === index) return true;
      if (key === EMPTY) return false;
      slot = (slot + 1) & mask;
    }
  }

  private sparseAdd(index: number): boolean {
    let keys = this.keys!;
    let mask = keys.length - 1;
    let slot = Math.imul(index, GOLDEN) >>> this.shift;
    for (;;) {
      const key = keys[slot]!;
      if (key === index) return false;
      if (key === EMPTY) break;
      slot = (slot + 1) & mask;
    }
    const max = index > this.maxIndex ? index : this.maxIndex;
    if ((this.count + 1) * 2 > keys.length) {
      const capacity = keys.length * 2;
      const words = denseWordsFor(max);
      if (capacity >= words) {
        // The grown table would be no smaller than the bitset: switch.
        this.toDense(words);
        this.bits[index >>> 5] = this.bits[index >>> 5]! | (1 << (index & 31));
        this.count++;
        return true;
      }
      this.rehash(capacity);
      keys = this.keys!;
      mask = keys.length - 1;
      slot = Math.imul(index, GOLDEN) >>> this.shift;
      while (keys[slot]! !== EMPTY) slot = (slot + 1) & mask;
    }
    keys[slot] = index;
    this.maxIndex = max;
    this.count++;
    return true;
  }

  /** Moves the table's members to a table of `capacity` slots. */
  private rehash(capacity: number): void {
    const old = this.keys!;
    const keys = new Int32Array(capacity).fill(EMPTY);
    const shift = 32 - Math.log2(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < old.length; i++) {
      const key = old[i]!;
      if (key === EMPTY) continue;
      let slot = Math.imul(key, GOLDEN) >>> shift;
      while (keys[slot]! !== EMPTY) slot = (slot + 1) & mask;
      keys[slot] = key;
    }
    this.keys = keys;
    this.shift = shift;
  }

  /** Sparse to a bitset of `words` words (covering every member). */
  private toDense(words: number): void {
    const bits = new Uint32Array(words);
    const keys = this.keys!;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key !== EMPTY) bits[key >>> 5] = bits[key >>> 5]! | (1 << (key & 31));
    }
    this.bits = bits;
    this.keys = null;
    this.maxIndex = -1;
  }

  /** Dense to a table of `capacity` slots (enough for the members at most half full). */
  private toSparse(capacity: number): void {
    const bits = this.bits;
    const keys = new Int32Array(capacity).fill(EMPTY);
    const shift = 32 - Math.log2(capacity);
    const mask = capacity - 1;
    let max = -1;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const low = word & -word;
        const key = w * 32 + (31 - Math.clz32(low));
        word ^= low;
        let slot = Math.imul(key, GOLDEN) >>> shift;
        while (keys[slot]! !== EMPTY) slot = (slot + 1) & mask;
        keys[slot] = key;
        max = key;
      }
    }
    this.keys = keys;
    this.shift = shift;
    this.maxIndex = max;
    this.bits = NO_BITS;
  }

  private growBits(words: number): void {
    const next = new Uint32Array(words);
    next.set(this.bits);
    this.bits = next;
  }
}

const EMPTY = -1;
const MIN_CAPACITY = 16;
const MIN_WORDS = 64;
/** 2^32 / golden ratio: Fibonacci hashing spreads consecutive indexes over the table. */
const GOLDEN = 0x9e3779b1 | 0;
/** Shared by every sparse set; length 0, so never written. */
const NO_BITS = new Uint32Array(0);

/** Table slots for `n` members: a power of two at least 2n (at most half full). */
function tableCapacityFor(n: number): number {
  let capacity = MIN_CAPACITY;
  while (capacity < n * 2) capacity *= 2;
  return capacity;
}

/** Bitset words to hold `maxIndex` (-1: none): a power of two, as the bitset grows. */
function denseWordsFor(maxIndex: number): number {
  let words = MIN_WORDS;
  while (words * 32 <= maxIndex) words *= 2;
  return words;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
