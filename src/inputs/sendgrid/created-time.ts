import { wallTimeToUtc, parseTimestampIn } from '../values/zoned-time.js';

/**
 * The `created` column of a SendGrid suppression export. The API gives UNIX seconds; the
 * UI's "Export CSV" header and value format are not documented (FORMATS-VERIFIED.md §2,
 * correction 12), so a date string is accepted too: ISO 8601, `M/D/YYYY` (SendGrid is a US
 * service; `D/M/YYYY` is accepted when the day is above 12, since the value is only
 * validated, never used), or `Oct 14, 2026`, each with an optional `H:MM[:SS]` and `AM`/`PM`.
 */
export const CREATED_EXPECTED =
  'UNIX seconds (1791993610) or a date such as 2026-10-14 16:00:10, 10/14/2026 4:00 PM or Oct 14, 2026 16:00';

const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:[T ,]+(.+))?$/;
const NAMED_DATE = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})(?:,? (?:at )?(.+))?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?(?:\s+(UTC|GMT))?$/;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Epoch milliseconds for a `created` value; undefined when empty, NaN when it is not a
 * time. A date without a zone is read in `zone` (the user's --timezone).
 */
export function parseCreated(text: string, zone: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const iso = parseTimestampIn(s, zone);
  if (iso !== undefined && !Number.isNaN(iso)) return iso;
  const slash = SLASH_DATE.exec(s);
  if (slash) {
    let month = Number(slash[1]);
    let day = Number(slash[2]);
    // US order unless that is impossible and the other order is not.
    if (month > 12 && day <= 12) [month, day] = [day, month];
    const year = slash[3]!.length === 2 ? 2000 + Number(slash[3]) : Number(slash[3]);
    return dateTime(year, month, day, slash[4], zone);
  }
  const named = NAMED_DATE.exec(s);
  if (named) {
    // `Oct`, `Sept`, `September`: at least three letters of the month's full name.
    const name = named[1]!.toLowerCase();
    const month = MONTHS.findIndex((m) => m.startsWith(name)) + 1;
    if (month === 0) return Number.NaN;
    return dateTime(Number(named[3]), month, Number(named[2]), named[4], zone);
  }
  return Number.NaN;
}

function dateTime(year: number, month: number, day: number, time: string | undefined, zone: string): number {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return Number.NaN;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let utc = false;
  if (time !== undefined) {
    const t = TIME.exec(time.trim());
    if (!t) return Number.NaN;
    hour = Number(t[1]);
    minute = Number(t[2]);
    second = t[3] === undefined ? 0 : Number(t[3]);
    const half = t[4]?.toLowerCase();
    if (half) {
      if (hour < 1 || hour > 12) return Number.NaN;
      hour = (hour % 12) + (half === 'pm' ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
    utc = t[5] !== undefined;
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  return utc ? wall : wallTimeToUtc(wall, zone);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
