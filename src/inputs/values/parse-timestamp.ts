/**
 * Timestamps as exports write them: ISO 8601 dates and date-times, or Unix time.
 * Parsed by hand and computed with Date.UTC, so the result never depends on the
 * machine's time zone and no string is allocated beyond the trim.
 */

/** What {@link parseTimestamp} accepts, for error messages ("expected …"). */
export const TIMESTAMP_EXPECTED =
  'an ISO 8601 date or date-time (2024-05-01, 2024-05-01T13:45:00Z, 2024-05-01 13:45+02:00) or a Unix time in seconds or milliseconds';

const DIGIT_0 = 48;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const SPACE = 32;
const PLUS = 43;
const UPPER_T = 84;
const UPPER_Z = 90;
const LOWER_Z = 122;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** The Gregorian calendar repeats every 400 years (146097 days). */
const MS_PER_400_YEARS = 146_097 * MS_PER_DAY;
/** Largest time a Date can hold. */
const MAX_TIME = 8.64e15;
/** Unix times below this are seconds (up to the year 5138), at or above it milliseconds. */
const SECONDS_LIMIT = 1e11;
const MAX_OFFSET_MINUTES = 18 * 60;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch milliseconds (UTC) for `text`; undefined when it is empty or only whitespace
 * (meaning "never"), NaN when it is not a timestamp. A date-time without a zone is UTC;
 * fractions beyond milliseconds are truncated.
 */
export function parseTimestamp(text: string): number | undefined {
  const fixed = parseFixedUtc(text);
  return Number.isNaN(fixed) ? parseAnyTimestamp(text) : fixed;
}

/** parseTimestamp's general path, for every form (exported so that its fast path is tested against it). */
export function parseAnyTimestamp(text: string): number | undefined {
  const s = text.trim();
  if (s.length === 0) return undefined;
  if (digitAt(s, 0) < 0) return Number.NaN;
  // A fifth character '-' can only be an ISO date; everything else starting with a digit is Unix time.
  if (s.length >= 10 && s.charCodeAt(4) === DASH) return parseIso(s);
  return parseUnix(s);
}

/**
 * The form nearly every export writes, `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ`
 * with nothing around it, read at fixed positions. NaN for any other text, and for a date
 * or time out of range: parseIso then decides, as for every other form.
 */
function parseFixedUtc(s: string): number {
  const n = s.length;
  if (n !== 20 && n !== 24) return Number.NaN;
  if (s.charCodeAt(n - 1) !== UPPER_Z || (n === 24 && s.charCodeAt(19) !== DOT)) return Number.NaN;
  if (s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH || s.charCodeAt(10) !== UPPER_T) return Number.NaN;
  if (s.charCodeAt(13) !== COLON || s.charCodeAt(16) !== COLON) return Number.NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const ms = n === 24 ? digits(s, 20, 3) : 0;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return Number.NaN;
  return utc(year, month, day, hour, minute, second, ms);
}

/** `YYYY-MM-DD`, optionally `[T ]HH:MM[:SS[.f]]` and a zone. */
function parseIso(s: string): number {
  const n = s.length;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || s.charCodeAt(7) !== DASH || month < 1 || month > 12) return Number.NaN;
  if (day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (n === 10) return utc(year, month, day, 0, 0, 0, 0);

  const separator = s.charCodeAt(10);
  if (separator !== UPPER_T && separator !== SPACE) return Number.NaN;
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  if (s.charCodeAt(13) !== COLON || hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;

  let pos = 16;
  let second = 0;
  let ms = 0;
  if (s.charCodeAt(pos) === COLON) {
    second = digits(s, pos + 1, 2);
    if (second < 0 || second > 59) return Number.NaN;
    pos += 3;
    if (s.charCodeAt(pos) === DOT) {
      const start = ++pos;
      while (digitAt(s, pos) >= 0) pos++;
      const count = pos - start;
      if (count < 1 || count > 9) return Number.NaN;
      // Truncate to milliseconds: the first three digits, padded on the right.
      ms = digits(s, start, Math.min(count, 3)) * (count === 1 ? 100 : count === 2 ? 10 : 1);
    }
  }

  let offsetMinutes = 0;
  if (pos < n) {
    const zone = s.charCodeAt(pos);
    if (zone === UPPER_Z || zone === LOWER_Z) {
      if (pos + 1 !== n) return Number.NaN;
    } else if (zone === PLUS || zone === DASH) {
      const hours = digits(s, pos + 1, 2);
      let minutes = 0;
      let end = pos + 3;
      if (end < n) {
        if (s.charCodeAt(end) === COLON) end++;
        minutes = digits(s, end, 2);
        end += 2;
      }
      if (hours < 0 || minutes < 0 || minutes > 59 || end !== n) return Number.NaN;
      offsetMinutes = hours * 60 + minutes;
      if (offsetMinutes > MAX_OFFSET_MINUTES) return Number.NaN;
      if (zone === DASH) offsetMinutes = -offsetMinutes;
    } else if (zone === SPACE && n - pos === 4) {
      const name = s.slice(pos + 1);
      if (name !== 'UTC' && name !== 'GMT') return Number.NaN;
    } else {
      return Number.NaN;
    }
  }
  return utc(year, month, day, hour, minute, second, ms) - offsetMinutes * MS_PER_MINUTE;
}

/** Digits with an optional fraction: seconds below 1e11, otherwise milliseconds. */
function parseUnix(s: string): number {
  const n = s.length;
  let whole = 0;
  let pos = 0;
  for (let d = digitAt(s, 0); d >= 0; d = digitAt(s, ++pos)) whole = whole * 10 + d;
  let fractionStart = n;
  if (pos < n) {
    if (s.charCodeAt(pos) !== DOT) return Number.NaN;
    fractionStart = ++pos;
    while (digitAt(s, pos) >= 0) pos++;
    if (pos === fractionStart || pos !== n) return Number.NaN;
  }
  let ms: number;
  if (whole < SECONDS_LIMIT) {
    // Milliseconds from the first three fraction digits, exactly (1.005 * 1000 is 1004.999… in floating point).
    let fraction = 0;
    for (let k = 0; k < 3; k++) fraction = fraction * 10 + Math.max(digitAt(s, fractionStart + k), 0);
    ms = whole * 1000 + fraction;
  } else {
    ms = whole;
  }
  return ms > MAX_TIME ? Number.NaN : ms;
}

// The last date converted: exports cluster by day, and Date.UTC costs more than the parse.
let cachedDateKey = -1;
let cachedDateMs = 0;

/** Date.UTC for years 0000-9999 (Date.UTC maps years 0-99 to 1900-1999). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const key = (year * 100 + month) * 100 + day;
  if (key !== cachedDateKey) {
    cachedDateMs =
      year < 100 ? Date.UTC(year + 400, month - 1, day) - MS_PER_400_YEARS : Date.UTC(year, month - 1, day);
    cachedDateKey = key;
  }
  // UTC has no daylight saving: a day is always 86 400 000 ms, as in Date.UTC's own MakeTime.
  return cachedDateMs + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1]!;
}

/** The digit at `index`, or -1 for anything else (including past the end). */
function digitAt(s: string, index: number): number {
  const d = s.charCodeAt(index) - DIGIT_0;
  // charCodeAt past the end is NaN, which fails both comparisons.
  return d >= 0 && d <= 9 ? d : -1;
}

/** The value of `count` digits from `start`, or -1 if any is not a digit. */
function digits(s: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = digitAt(s, i);
    if (d < 0) return -1;
    value = value * 10 + d;
  }
  return value;
}
