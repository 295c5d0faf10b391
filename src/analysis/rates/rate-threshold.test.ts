import { describe, expect, it } from 'vitest';
import { largestNumeratorBelow, rate, tripsThreshold, type RateThreshold } from './rate-threshold.js';

const t = (value: number, comparison: RateThreshold['comparison']): RateThreshold => ({
  value,
  comparison,
});

describe('tripsThreshold', () => {
  it('treats exactly 0.2% as not above 0.2%', () => {
    expect(tripsThreshold(2, 1000, t(0.002, 'above'))).toBe(false);
    expect(tripsThreshold(3, 1000, t(0.002, 'above'))).toBe(true);
  });
  it('treats exactly 0.1% as at or above 0.1%', () => {
    expect(tripsThreshold(1, 1000, t(0.001, 'at_or_above'))).toBe(true);
    expect(tripsThreshold(1, 1001, t(0.001, 'at_or_above'))).toBe(false);
  });
  it('is exact where floating point is not (0.1 + 0.2 style values)', () => {
    // 3/1000 = 0.003 exactly at the threshold; 0.003 * 1000 is 3.0000000000000004 in floats.
    expect(tripsThreshold(3, 1000, t(0.003, 'above'))).toBe(false);
    expect(tripsThreshold(7, 1400, t(0.005, 'above'))).toBe(false);
    expect(tripsThreshold(8, 1400, t(0.005, 'above'))).toBe(true);
  });
  it('handles below thresholds and zero denominators', () => {
    expect(tripsThreshold(9, 100, t(0.1, 'below'))).toBe(true);
    expect(tripsThreshold(10, 100, t(0.1, 'below'))).toBe(false);
    expect(tripsThreshold(5, 0, t(0.001, 'above'))).toBe(false);
  });
});

describe('largestNumeratorBelow', () => {
  it('computes the last safe count for above and at_or_above', () => {
    expect(largestNumeratorBelow(1000, t(0.002, 'above'))).toBe(2);
    expect(largestNumeratorBelow(1000, t(0.001, 'at_or_above'))).toBe(0);
    expect(largestNumeratorBelow(1500, t(0.001, 'at_or_above'))).toBe(1);
    expect(largestNumeratorBelow(1999, t(0.005, 'above'))).toBe(9);
    expect(largestNumeratorBelow(100, t(0.1, 'below'))).toBeUndefined();
  });
});

describe('rate', () => {
  it('divides or returns null', () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(1, 0)).toBeNull();
  });
});
