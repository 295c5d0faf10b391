export const DAY_MS = 86_400_000;

/**
 * Whole UTC calendar days from `at` to `asOf` (negative when `at` is later). Days, not
 * milliseconds: "within the last 180 days" means the date, whatever the hour of the run.
 */
export function ageInDays(at: number, asOf: number): number {
  return Math.floor(asOf / DAY_MS) - Math.floor(at / DAY_MS);
}

/**
 * Intercom's rule (seeds/000): active when the last activity is within `windowDays` days
 * before as-of, inclusive (exactly 180 days old is active, 181 is not). Activity dated
 * after as-of counts as recent.
 */
export function isActiveWithin(lastActivity: number | undefined, asOf: number, windowDays: number): boolean {
  if (lastActivity === undefined) return false;
  return ageInDays(lastActivity, asOf) <= windowDays;
}
