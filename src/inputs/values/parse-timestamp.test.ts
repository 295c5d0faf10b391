import { describe, expect, it } from 'vitest';
import { parseTimestamp, TIMESTAMP_EXPECTED } from './parse-timestamp.js';

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
