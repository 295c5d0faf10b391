/**
 * Every distinct contact's state, kept as columns (typed arrays indexed by contact number)
 * rather than an object per contact. A million contacts then cost their two strings (the
 * address and the packed export row), a map entry and about 60 bytes of columns, instead of
 * an object graph of several hundred bytes the garbage collector has to walk on every pass.
 * What only some contacts have (complaints, bounces, flags' files) lives in `extras`.
 */
import type { DropReason } from '../../inputs/canonical-records.js';
import type { BounceClassification } from '../bounces/classify-bounce.js';
import { MAILBOX_PROVIDERS, mailboxProviderOf, type MailboxProvider } from '../providers/mailbox-providers.js';

/** Bits of `flags`. */
export const IN_CONTACTS = 1;
export const EXPORT_UNSUBSCRIBED = 2;
export const EXPORT_MARKED_SPAM = 4;
export const EXPORT_HARD_BOUNCED = 8;
export const ARCHIVED = 16;
/** Soft bounces later than the last delivery are waiting in extras (checked on each delivery). */
export const SOFT_BOUNCES_PENDING = 32;


export interface EventMark {
  at: number;
  campaign: string;
}

export interface LatestBounce {
  count: number;
  at: number;
  campaign: string;
  status: string;
  diagnostic: string;
  classification: BounceClassification;
}

/** What only a few contacts have: kept per contact number in a map, not in columns. */
export interface ContactExtras {
  /** The contact file that set each flag first, when not the contact's own file. */
  flagFiles?: { unsubscribed?: string; markedSpam?: string; hardBounced?: string; archived?: string };
  complained?: EventMark;
  unsubscribed?: EventMark;
  spamTrap?: EventMark;
  hardBounce?: EventMark & { code: string };
  bounce?: LatestBounce;
  /** The latest send the platform refused, and why. */
  dropped?: EventMark & { reason: DropReason };
  /**
   * Bounces already counted, as (campaign number, time) pairs, so a repeated event changes
   * nothing. Kept from the second bounce on: the first is `bounce` itself.
   */
  bouncesSeen?: number[];
  /** Soft bounces later than the last delivery: "in a row" whatever the input order. */
  softBouncesSinceDelivery?: number[];
}

/** Where a contact's export row came from: the file and its header (shared by its rows). */
export interface ContactSource {
  file: string;
  header: readonly string[];
}

const INITIAL_CAPACITY = 1024;
/** Size of a block of export rows. */
const ROW_BLOCK_BYTES = 4 * 1024 * 1024;

export class ContactStore {
  /** Distinct contacts so far; contact numbers are 0 .. count-1 in order of first sight. */
  count = 0;
  private readonly numberByKey = new Map<string, number>();
  /** The address as compared (trimmed, lower-cased). */
  readonly keys: string[] = [];
  /** The address as written in the outputs. */
  readonly emails: string[] = [];
  /**
   * The contact export's rows, values joined with NUL (see `packColumns`), as UTF-8 bytes in
   * blocks of a few MB: a million rows as strings would be a million objects in V8's heap,
   * which its collector walks and grows by a factor; as bytes they sit outside it. Blocks,
   * not one growing buffer, so that nothing is copied or over-allocated as they add up.
   */
  private readonly rowBlocks: Buffer[] = [];
  private rowBlockUsed = 0;
  /** Where each contact's row starts: block number * 2^32 + offset in the block. */
  rowStart = new Float64Array(INITIAL_CAPACITY);
  /** The row's length in bytes; -1 for a log-only contact (no row). */
  rowLength = new Int32Array(INITIAL_CAPACITY).fill(-1);
  /** 1 + index in `sources` of the export the row came from; 0 for log-only contacts. */
  source = new Uint16Array(INITIAL_CAPACITY);
  readonly sources: ContactSource[] = [];
  /** Index in MAILBOX_PROVIDERS. */
  provider = new Uint8Array(INITIAL_CAPACITY);
  flags = new Uint8Array(INITIAL_CAPACITY);
  /** optInCode of the strongest opt-in seen. */
  optIn = new Uint8Array(INITIAL_CAPACITY);
  // Epoch milliseconds; NaN = never.
  lastSeen = nanArray(INITIAL_CAPACITY);
  lastHeardFrom = nanArray(INITIAL_CAPACITY);
  lastOpenedEmail = nanArray(INITIAL_CAPACITY);
  lastClickedEmail = nanArray(INITIAL_CAPACITY);
  /** Latest open or click seen in the result logs. */
  lastEngagedInLogs = nanArray(INITIAL_CAPACITY);
  lastDeliveredAt = nanArray(INITIAL_CAPACITY);
  readonly extras = new Map<number, ContactExtras>();
  private readonly sourceIds = new Map<readonly string[], Map<string, number>>();
  private lastKey = '';
  private lastNumber = -1;

  /** The contact number of `key`, adding the contact (spelled `email`) when new. */
  numberFor(key: string, email: string): number {
    // A recipient's rows often come together (sent, delivered, opened): ask the map once for them.
    if (key === this.lastKey) return this.lastNumber;
    const found = this.numberByKey.get(key);
    if (found !== undefined) {
      this.lastKey = key;
      this.lastNumber = found;
      return found;
    }
    const n = this.count++;
    if (n === this.flags.length) this.grow();
    key = detach(key);
    this.numberByKey.set(key, n);
    this.keys.push(key);
    this.emails.push(email === key ? key : detach(email));
    this.provider[n] = MAILBOX_PROVIDERS.indexOf(mailboxProviderOf(key));
    this.lastKey = key;
    this.lastNumber = n;
    return n;
  }

  /** Every contact number, in the order of their keys (the order of every per-address output). */
  numbersInKeyOrder(): number[] {
    const keys = this.keys;
    return Array.from({ length: this.count }, (_, n) => n).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  }

  providerOf(n: number): MailboxProvider {
    return MAILBOX_PROVIDERS[this.provider[n]!]!;
  }

  has(n: number, flag: number): boolean {
    return (this.flags[n]! & flag) !== 0;
  }

  extrasOf(n: number): ContactExtras {
    let extras = this.extras.get(n);
    if (!extras) this.extras.set(n, (extras = {}));
    return extras;
  }

  /** The number of a (file, header) pair, registered on first use. */
  sourceNumber(file: string, header: readonly string[]): number {
    let byFile = this.sourceIds.get(header);
    if (!byFile) this.sourceIds.set(header, (byFile = new Map()));
    let id = byFile.get(file);
    if (id === undefined) {
      id = this.sources.length;
      this.sources.push({ file, header });
      byFile.set(file, id);
    }
    return id;
  }

  /** The export a contact's row came from, if any. */
  sourceOf(n: number): ContactSource | undefined {
    const s = this.source[n]!;
    return s === 0 ? undefined : this.sources[s - 1];
  }

  /** Keeps a contact's export row (values joined with NUL). */
  setPackedColumns(n: number, packed: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const room = packed.length * 3;
    let block = this.rowBlocks[this.rowBlocks.length - 1];
    if (!block || this.rowBlockUsed + room > block.length) {
      block = Buffer.allocUnsafe(Math.max(ROW_BLOCK_BYTES, room));
      this.rowBlocks.push(block);
      this.rowBlockUsed = 0;
    }
    const length = block.write(packed, this.rowBlockUsed, 'utf8');
    this.rowStart[n] = (this.rowBlocks.length - 1) * 2 ** 32 + this.rowBlockUsed;
    this.rowLength[n] = length;
    this.rowBlockUsed += length;
  }

  /** A contact's export row (values joined with NUL), or undefined for a log-only contact. */
  packedColumns(n: number): string | undefined {
    const length = this.rowLength[n]!;
    if (length < 0) return undefined;
    const start = this.rowStart[n]!;
    const offset = start % 2 ** 32;
    return this.rowBlocks[(start - offset) / 2 ** 32]!.toString('utf8', offset, offset + length);
  }

  /** Sets a contact's spelling (kept detached from the read chunk). */
  respell(n: number, email: string): void {
    this.emails[n] = email === this.keys[n] ? this.keys[n]! : detach(email);
  }

  private grow(): void {
    const size = this.flags.length * 2;
    this.source = resized(this.source, new Uint16Array(size));
    this.provider = resized(this.provider, new Uint8Array(size));
    this.flags = resized(this.flags, new Uint8Array(size));
    this.optIn = resized(this.optIn, new Uint8Array(size));
    this.lastSeen = resized(this.lastSeen, nanArray(size));
    this.lastHeardFrom = resized(this.lastHeardFrom, nanArray(size));
    this.lastOpenedEmail = resized(this.lastOpenedEmail, nanArray(size));
    this.lastClickedEmail = resized(this.lastClickedEmail, nanArray(size));
    this.lastEngagedInLogs = resized(this.lastEngagedInLogs, nanArray(size));
    this.lastDeliveredAt = resized(this.lastDeliveredAt, nanArray(size));
    this.rowStart = resized(this.rowStart, new Float64Array(size));
    this.rowLength = resized(this.rowLength, new Int32Array(size).fill(-1));
  }
}

function nanArray(size: number): Float64Array {
  return new Float64Array(size).fill(NaN);
}

function resized<T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * A copy of a string that shares no memory with the text it was cut from. Values read
 * from a CSV are slices of a 1 MiB chunk, and V8 keeps the whole chunk alive while any
 * slice of it lives: without this, keeping one address per chunk would keep the file.
 * Shorter strings are always copied by V8. A JSON round trip gives a flat string; the
 * usual `(' ' + s).slice(1)` gives a slice of a fresh copy, 32 bytes more per address.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}
