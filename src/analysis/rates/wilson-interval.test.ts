import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval.js';

describe('wilsonInterval (95%)', () => {
  it('matches hand-computed Wilson bounds', () => {
    // 1 in 150: centre 0.018985, margin 0.017808 -> [0.001178, 0.036793]
    const thin = wilsonInterval(1, 150)!;
    expect(thin.low).toBeCloseTo(0.001178, 5);
    expect(thin.high).toBeCloseTo(0.036793, 5);
    // 40 in 5,000: centre 0.0083777, margin 0.0024970 -> [0.005881, 0.010875]
    const firm = wilsonInterval(40, 5000)!;
    expect(firm.low).toBeCloseTo(0.005881, 5);
    expect(firm.high).toBeCloseTo(0.010875, 5);
  });
  it('stays within [0, 1] at the extremes and has no interval without trials', () => {
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(10, 10)!.high).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
