/**
 * Whole-number columns of campaign summaries (sent, delivered, complaints…).
 */

/** What {@link parseCount} accepts, for error messages ("expected …"). */
export const COUNT_EXPECTED = 'a whole number of 0 or more, such as 1750 or 1,750';

const DIGIT_0 = 48;
const COMMA = 44;

/**
 * The non-negative integer in `text` (trimmed); undefined when empty, NaN for anything
 * else. Thousands separators are accepted only when every group after the first has
 * three digits and the first group does not start with 0 (`0,5` may be a decimal comma).
 */
export function parseCount(text: string): number | undefined {
  const s = text.trim();
  const n = s.length;
  if (n === 0) return undefined;
  let value = 0;
  let groupDigits = 0;
  let grouped = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === COMMA) {
      if (grouped ? groupDigits !== 3 : groupDigits === 0 || groupDigits > 3 || s.charCodeAt(0) === DIGIT_0) {
        return Number.NaN;
      }
      grouped = true;
      groupDigits = 0;
      continue;
    }
    const d = c - DIGIT_0;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
    groupDigits++;
  }
  if (grouped && groupDigits !== 3) return Number.NaN;
  // Beyond 2^53 the value would silently change.
  return Number.isSafeInteger(value) ? value : Number.NaN;
}
