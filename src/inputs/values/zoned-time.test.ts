import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, parseTimestampIn, wallTimeToUtc } from './zoned-time.js';

describe('reading naive timestamps in a time zone', () => {
  it("applies the zone's daylight-saving rule for the value's own date", () => {
    // Los Angeles: PST (UTC-8) in January, PDT (UTC-7) in July.
    expect(parseTimestampIn('2026-01-15 10:00:00', 'America/Los_Angeles')).toBe(Date.UTC(2026, 0, 15, 18));
    expect(parseTimestampIn('2026-07-15 10:00:00', 'America/Los_Angeles')).toBe(Date.UTC(2026, 6, 15, 17));
    // Sydney: AEDT (UTC+11) in January, AEST (UTC+10) in July.
    expect(parseTimestampIn('2026-01-15 10:00:00', 'Australia/Sydney')).toBe(Date.UTC(2026, 0, 14, 23));
    expect(parseTimestampIn('2026-07-15 10:00:00', 'Australia/Sydney')).toBe(Date.UTC(2026, 6, 15, 0));
  });
  it('keeps a value that names its own zone, and epoch values', () => {
    expect(parseTimestampIn('2026-01-15 10:00:00 UTC', 'America/Los_Angeles')).toBe(Date.UTC(2026, 0, 15, 10));
    expect(parseTimestampIn('2026-01-15T10:00:00+02:00', 'America/Los_Angeles')).toBe(Date.UTC(2026, 0, 15, 8));
    expect(parseTimestampIn('1768471200', 'America/Los_Angeles')).toBe(1768471200 * 1000);
  });
  it('handles the hours around a daylight-saving change', () => {
    // 2026-03-08 03:30 PDT (just after the spring-forward gap) = 10:30Z.
    expect(wallTimeToUtc(Date.UTC(2026, 2, 8, 3, 30), 'America/Los_Angeles')).toBe(Date.UTC(2026, 2, 8, 10, 30));
    // 01:30 on 2026-03-08 is still PST = 09:30Z.
    expect(wallTimeToUtc(Date.UTC(2026, 2, 8, 1, 30), 'America/Los_Angeles')).toBe(Date.UTC(2026, 2, 8, 9, 30));
  });
  it('knows IANA zones', () => {
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
