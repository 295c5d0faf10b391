import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnyTimestamp, parseTimestamp, TIMESTAMP_EXPECTED } from './parse-timestamp.js';

/** `count` digits, any of them possibly not a digit at all. */
const digitsOf = (count: number) => fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '9', '0', 'x', ' '), { minLength: count, maxLength: count }).map((d) => d.join(''));
/** A two-digit number from 0 to `max`, often near the limits that decide validity. */
const twoDigits = (max: number) => fc.oneof(fc.integer({ min: 0, max }), digitsOf(2)).map((v) => (typeof v === 'number' ? String(v).padStart(2, '0') : v));
const pick = <T,>(...values: T[]) => fc.constantFrom(...values);

/** Text shaped like an ISO date-time, valid or not: the fixed form and every variation of it. */
const isoLike = fc
  .record({
    lead: pick('', '', '', ' ', '\t'),
    year: fc.oneof(pick('2024', '2026', '2000', '1900', '2100', '0000', '0099', '0100', '9999'), digitsOf(4), digitsOf(3), digitsOf(5)),
    dash1: pick('-', '-', '-', '/'),
    month: fc.oneof(twoDigits(13), digitsOf(1)),
    dash2: pick('-', '-', '-', '.'),
    day: twoDigits(32),
    separator: pick('T', 'T', 'T', ' ', 't', 'x', ''),
    hour: twoDigits(25),
    colon1: pick(':', ':', ':', '.'),
    minute: twoDigits(61),
    seconds: fc.option(fc.tuple(pick(':', ':', '.'), twoDigits(61)).map((p) => p.join('')), { freq: 4 }),
    fraction: fc.option(fc.tuple(pick('.', '.', ','), fc.integer({ min: 0, max: 10 }).chain((n) => digitsOf(n))).map((p) => p.join('')), { freq: 2 }),
    zone: pick('Z', 'Z', 'Z', 'z', '', '+05:30', '-0800', '-08', '+18:00', '+18:01', '+19', '-00:00', ' UTC', ' GMT', ' utc', 'ZZ', 'Z ', 'X'),
    trail: pick('', '', '', ' ', '\n'),
  })
  .map((p) => p.lead + p.year + p.dash1 + p.month + p.dash2 + p.day + p.separator + p.hour + p.colon1 + p.minute + (p.seconds ?? '') + (p.fraction ?? '') + p.zone + p.trail);

describe('parseTimestamp agrees with its version before the fast path', () => {
  it.each([
    '2026-02-28T23:59:59.999Z',
    '2026-02-29T00:00:00Z',
    '2024-02-29T00:00:00.000Z',
    '2026-02-30T10:00:00.000Z',
    '2026-04-31T10:00:00Z',
    '2026-12-31T23:59:60Z',
    '2026-12-31T24:00:00.000Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '0000-01-01T00:00:00.000Z',
    '0099-12-31T23:59:59Z',
    '9999-12-31T23:59:59.999Z',
    '2026-01-05T09:00:01.000z',
    '2026-01-05 09:00:01.000Z',
    '2026-01-05T09:00:01,000Z',
    '2026-01-05T09:00:01.0000Z',
    '2026-01-05T09:00:01.00Z',
    '2026-01-05T09:00:1.000Z',
    '2026-01-05T09:00:01.0x0Z',
    '2026-01-05T09:00:01.000+00:00',
    ' 2026-01-05T09:00:01.000Z',
    '2026-01-05T09:00:01.000Z ',
    '2026-01-05T09:00:01ZZ',
    '+026-01-05T09:00:01.000Z',
    '2026-01-05T09:00:01X',
    '2026/01/05T09:00:01Z',
  ])('on %j', (text) => {
    expect(parseTimestamp(text)).toBe(parseAnyTimestamp(text));
  });

  it('on any date-time-like text', () => {
    fc.assert(
      fc.property(isoLike, (text) => {
        expect(parseTimestamp(text)).toBe(parseAnyTimestamp(text));
      }),
      { numRuns: 20_000, seed: 11 },
    );
  });

  it('on the fixed form with any one character changed, added or removed', () => {
    const fixed = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 24 }),
        minute: fc.integer({ min: 0, max: 60 }),
        second: fc.integer({ min: 0, max: 60 }),
        ms: fc.option(fc.integer({ min: 0, max: 999 })),
      })
      .map(({ year, month, day, hour, minute, second, ms }) => {
        const two = (n: number) => String(n).padStart(2, '0');
        return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${ms === null ? '' : `.${String(ms).padStart(3, '0')}`}Z`;
      });
    const edit = fc.record({ at: fc.nat(), kind: pick('none', 'replace', 'replace', 'insert', 'delete'), char: pick('0', '9', '-', ':', '.', 'T', 't', ' ', 'Z', 'z', '+', 'x', '/') });
    fc.assert(
      fc.property(fixed, edit, (base, { at, kind, char }) => {
        const i = at % (base.length + 1);
        const text =
          kind === 'none' ? base : kind === 'insert' ? base.slice(0, i) + char + base.slice(i) : base.slice(0, i) + (kind === 'replace' ? char : '') + base.slice(i + 1);
        expect(parseTimestamp(text), text).toBe(parseAnyTimestamp(text));
      }),
      { numRuns: 30_000, seed: 13 },
    );
  });

  it('on any text of timestamp characters', () => {
    const unit = pick('0', '1', '2', '5', '9', '-', ':', '.', 'T', 'Z', 'z', ' ', '+');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 30 }), fc.string({ unit, minLength: 20, maxLength: 20 }), fc.string({ unit, minLength: 24, maxLength: 24 }), fc.string()), (text) => {
        expect(parseTimestamp(text)).toBe(parseAnyTimestamp(text));
      }),
      { numRuns: 20_000, seed: 12 },
    );
  });

  it('on every day of a leap and a common year, at the fixed form', () => {
    for (const year of [2024, 2026, 1900, 2000]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T12:34:56.789Z`;
          expect(parseTimestamp(text), text).toBe(parseAnyTimestamp(text));
        }
      }
    }
  });
});

// Expected values are epoch milliseconds worked out independently of Date (days since 1970 × 86 400 000).
describe('parseTimestamp', () => {
  it('returns undefined for empty and whitespace-only text', () => {
    expect(parseTimestamp('')).toBeUndefined();
    expect(parseTimestamp('   ')).toBeUndefined();
    expect(parseTimestamp('\t\r\n')).toBeUndefined();
  });

  it('reads a date as midnight UTC', () => {
    expect(parseTimestamp('2024-01-15')).toBe(1_705_276_800_000);
    expect(parseTimestamp('  2024-01-15 ')).toBe(1_705_276_800_000);
    expect(parseTimestamp('2000-02-29')).toBe(951_782_400_000);
  });

  it('reads date-times with T or a space, with and without seconds and fractions', () => {
    expect(parseTimestamp('2024-02-29T12:34')).toBe(1_709_210_040_000);
    expect(parseTimestamp('2024-02-29 12:34')).toBe(1_709_210_040_000);
    expect(parseTimestamp('2024-02-29T12:34:56')).toBe(1_709_210_096_000);
    expect(parseTimestamp('2024-02-29T12:34:56.789')).toBe(1_709_210_096_789);
  });

  it('truncates fractions to milliseconds', () => {
    expect(parseTimestamp('2024-02-29T12:34:56.7')).toBe(1_709_210_096_700);
    expect(parseTimestamp('2024-02-29T12:34:56.78')).toBe(1_709_210_096_780);
    expect(parseTimestamp('2024-02-29T12:34:56.789999999')).toBe(1_709_210_096_789);
    expect(parseTimestamp('2024-02-29T12:34:56.0001')).toBe(1_709_210_096_000);
  });

  it('applies zones', () => {
    expect(parseTimestamp('2024-02-29T12:34:56.789Z')).toBe(1_709_210_096_789);
    expect(parseTimestamp('2024-02-29T12:34:56.789z')).toBe(1_709_210_096_789);
    expect(parseTimestamp('2024-02-29T12:34:56.789+05:30')).toBe(1_709_190_296_789);
    expect(parseTimestamp('2024-02-29T12:34:56.789+0530')).toBe(1_709_190_296_789);
    expect(parseTimestamp('2024-02-29T12:34:56.789-08')).toBe(1_709_238_896_789);
    expect(parseTimestamp('2024-02-29 12:34:56.789-00:00')).toBe(1_709_210_096_789);
    expect(parseTimestamp('2024-02-29 12:34 UTC')).toBe(1_709_210_040_000);
    expect(parseTimestamp('2024-02-29 12:34:56 GMT')).toBe(1_709_210_096_000);
    expect(parseTimestamp('2024-01-15T10:00+18:00')).toBe(1_705_248_000_000);
    expect(parseTimestamp(' 2024-01-15T10:00Z\t')).toBe(1_705_312_800_000);
  });

  it('handles the ends of the four-digit year range', () => {
    expect(parseTimestamp('0000-01-01')).toBe(-62_167_219_200_000);
    expect(parseTimestamp('0099-12-31')).toBe(-59_011_545_600_000);
    expect(parseTimestamp('0100-01-01')).toBe(-59_011_459_200_000);
    expect(parseTimestamp('9999-12-31T23:59:59.999Z')).toBe(253_402_300_799_999);
  });

  it('gives the same answers in any order (dates are cached)', () => {
    const texts = ['2024-02-29T12:34', '2000-02-29', '2024-02-29 12:34 UTC', '0000-01-01', '2024-02-29', '2024-02-29T12:34'];
    expect(texts.map(parseTimestamp)).toEqual([
      1_709_210_040_000, 951_782_400_000, 1_709_210_040_000, -62_167_219_200_000, 1_709_164_800_000, 1_709_210_040_000,
    ]);
  });

  it('reads Unix seconds, with fractions, and milliseconds', () => {
    expect(parseTimestamp('1534110422')).toBe(1_534_110_422_000);
    expect(parseTimestamp('1534110422.389832')).toBe(1_534_110_422_389);
    expect(parseTimestamp('1.005')).toBe(1_005);
    expect(parseTimestamp('0')).toBe(0);
    expect(parseTimestamp('99999999999')).toBe(99_999_999_999_000);
    expect(parseTimestamp('100000000000')).toBe(100_000_000_000);
    expect(parseTimestamp('1534110422389')).toBe(1_534_110_422_389);
    expect(parseTimestamp('1534110422389.9')).toBe(1_534_110_422_389);
  });

  it.each([
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2024-04-31', 'day past the end of the month'],
    ['2024-13-01', 'month 13'],
    ['2024-00-10', 'month 0'],
    ['2024-01-00', 'day 0'],
    ['2024-1-15', 'one-digit month'],
    ['2024/01/15', 'slashes'],
    ['15/01/2024', 'day first'],
    ['2024-01-15T24:00', 'hour 24'],
    ['2024-01-15T10:60', 'minute 60'],
    ['2024-01-15T10:00:60', 'leap second'],
    ['2024-01-15T10', 'hour only'],
    ['2024-01-15T10:00:', 'colon without seconds'],
    ['2024-01-15T10:00:00.', 'dot without digits'],
    ['2024-01-15T10:00:00.1234567890', 'ten fraction digits'],
    ['2024-01-15  10:00', 'two spaces'],
    ['2024-01-15t10:00', 'lower-case t'],
    ['2024-01-15x', 'trailing text after the date'],
    ['2024-01-15T10:00+18:01', 'offset past 18:00'],
    ['2024-01-15T10:00+19', 'offset hour 19'],
    ['2024-01-15T10:00+05:60', 'offset minute 60'],
    ['2024-01-15T10:00+05:', 'offset colon without minutes'],
    ['2024-01-15T10:00+053', 'three-digit offset'],
  ])('%s is NaN (%s)', (text) => {
    expect(parseTimestamp(text)).toBeNaN();
  });

  it.each([
    '2024-01-15T10:00 utc',
    '2024-01-15T10:00 CET',
    '2024-01-15T10:00ZZ',
    'yesterday',
    '-1',
    '+1534110422',
    '1e10',
    '12.',
    '.5',
    '1534110422,5',
    '9'.repeat(20),
  ])('%s is not a timestamp', (text) => {
    expect(parseTimestamp(text)).toBeNaN();
  });

  it('describes the accepted forms', () => {
    expect(TIMESTAMP_EXPECTED).toContain('ISO 8601');
    expect(TIMESTAMP_EXPECTED).toContain('Unix');
  });
});
