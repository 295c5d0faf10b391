import { parseTimestamp } from './parse-timestamp.js';

/**
 * Naive timestamps (no zone in the value) read in an IANA time zone, with that zone's
 * daylight-saving rule for the value's own date. Uses Intl only: no dependency, and the
 * machine's own time zone never matters.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
// Offsets change at most a few times a year: cache them per zone and hour.
const offsetCache = new Map<string, number>();

/** Is `zone` an IANA zone name this Node knows? */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC (ms) at the instant `utc`. */
export function zoneOffsetAt(zone: string, utc: number): number {
  if (zone === 'UTC') return 0;
  const hour = Math.floor(utc / 3_600_000);
  const key = `${zone}|${hour}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(hour * 3_600_000))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  const offset = wall - hour * 3_600_000;
  offsetCache.set(key, offset);
  return offset;
}

/** A wall-clock time in `zone` (given as if it were UTC) -> the real UTC instant. */
export function wallTimeToUtc(wallAsUtc: number, zone: string): number {
  if (zone === 'UTC') return wallAsUtc;
  // Two passes settle the offset, including next to a daylight-saving change.
  const first = wallAsUtc - zoneOffsetAt(zone, wallAsUtc);
  return wallAsUtc - zoneOffsetAt(zone, first);
}

/** A value that names its own zone (Z, +02:00, +0200, +02, UTC, GMT) or is epoch time. */
const HAS_OWN_ZONE = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?|\s(?:UTC|GMT))$|^\d+(?:\.\d+)?$/;

/**
 * parseTimestamp, but a value without its own zone is read in `zone` (a value with ` UTC`,
 * an offset or epoch digits keeps its own meaning).
 */
export function parseTimestampIn(text: string, zone: string): number | undefined {
  const value = parseTimestamp(text);
  if (value === undefined || Number.isNaN(value) || zone === 'UTC') return value;
  return HAS_OWN_ZONE.test(text.trim()) ? value : wallTimeToUtc(value, zone);
}
