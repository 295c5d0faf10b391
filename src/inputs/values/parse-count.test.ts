import { describe, expect, it } from 'vitest';
import { COUNT_EXPECTED, parseCount } from './parse-count.js';

describe('parseCount', () => {
  it('returns undefined for empty text', () => {
    expect(parseCount('')).toBeUndefined();
    expect(parseCount('  \t')).toBeUndefined();
  });

  it('reads plain non-negative integers', () => {
    expect(parseCount('0')).toBe(0);
    expect(parseCount(' 1750 ')).toBe(1750);
    expect(parseCount('007')).toBe(7);
    expect(parseCount('9007199254740991')).toBe(9_007_199_254_740_991);
  });

  it('reads correctly grouped thousands', () => {
    expect(parseCount('1,750')).toBe(1750);
    expect(parseCount('12,345,678')).toBe(12_345_678);
    expect(parseCount('999,000')).toBe(999_000);
  });

  it.each([
    ['-1', 'negative'],
    ['+1', 'signed'],
    ['1.5', 'fractional'],
    ['12.0', 'decimal point'],
    ['1e3', 'exponent'],
    ['abc', 'letters'],
    ['12 345', 'space separator'],
    ['1,75', 'short group'],
    ['1,7500', 'long group'],
    ['1234,567', 'first group too long'],
    ['12,34,567', 'Indian grouping'],
    [',750', 'leading comma'],
    ['1,750,', 'trailing comma'],
    ['1,,750', 'double comma'],
    ['0,750', 'decimal comma'],
    ['9007199254740992', 'past 2^53 - 1'],
  ])('%j is NaN (%s)', (text) => {
    expect(parseCount(text)).toBeNaN();
  });

  it('describes what it accepts', () => {
    expect(COUNT_EXPECTED).toBe('a whole number of 0 or more, such as 1750 or 1,750');
  });
});
