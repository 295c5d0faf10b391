import { describe, expect, it } from 'vitest';
import { ageInDays, isActiveWithin } from './activity-window.js';

const asOf = Date.UTC(2026, 10, 23, 15, 30); // 2026-11-23T15:30Z

describe('180-day window', () => {
  it('counts exactly 180 days before as-of as active and 181 as not', () => {
    const exactly180 = Date.UTC(2026, 4, 27, 0, 0); // 2026-05-27
    const exactly181 = Date.UTC(2026, 4, 26, 23, 59, 59);
    expect(ageInDays(exactly180, asOf)).toBe(180);
    expect(ageInDays(exactly181, asOf)).toBe(181);
    expect(isActiveWithin(exactly180, asOf, 180)).toBe(true);
    expect(isActiveWithin(exactly181, asOf, 180)).toBe(false);
  });
  it('measures calendar days, not hours: late on day 180 is still 180', () => {
    expect(ageInDays(Date.UTC(2026, 4, 27, 23, 59), asOf)).toBe(180);
  });
  it('treats never as inactive and later-than-as-of as active', () => {
    expect(isActiveWithin(undefined, asOf, 180)).toBe(false);
    expect(isActiveWithin(Date.UTC(2026, 11, 1), asOf, 180)).toBe(true);
  });
});
