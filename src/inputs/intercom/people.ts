import { contactFromRow } from '../generic/contact-from-row.js';
import { RowValues } from '../generic/row-values.js';
import { matchCsvHeader } from '../header-match.js';
import type { CsvAdapter } from '../input-adapter.js';

/**
 * Intercom's people export (Settings > Data management > Export): one row per user or lead.
 * Date headers carry the workspace's zone abbreviation on the day of the export
 * (`Last seen (PDT)`), but each value is written with the daylight-saving state of its own
 * date (FORMATS-VERIFIED.md, correction 1): the abbreviation names a zone, not an offset.
 *
 * Read: Email; Last seen, Last heard from, Last opened email, Last clicked on link in email
 * (the engagement dates of the 180-day rule); Unsubscribed from Emails, Marked email as spam,
 * Has hard bounced. `Last contacted` is what the workspace did, not what the person did: it
 * is never read, and passes through with every other column. Intercom cannot export archived
 * contacts (correction 10), so no contact from this file is archived.
 */

/** The engagement dates read from the export, by field. */
const DATE_FIELDS = ['last_seen', 'last_heard_from', 'last_opened_email', 'last_clicked_email'] as const;

/** Header zone abbreviations and the IANA zone each is taken to mean. */
export const INTERCOM_ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  GMT: 'Europe/London',
  BST: 'Europe/London',
  WET: 'Europe/Lisbon',
  WEST: 'Europe/Lisbon',
  CET: 'Europe/Paris',
  CEST: 'Europe/Paris',
  EET: 'Europe/Athens',
  EEST: 'Europe/Athens',
  MSK: 'Europe/Moscow',
  IST: 'Asia/Kolkata',
  SGT: 'Asia/Singapore',
  HKT: 'Asia/Hong_Kong',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  AWST: 'Australia/Perth',
  ACST: 'Australia/Adelaide',
  ACDT: 'Australia/Adelaide',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
  UTC: 'UTC',
};

/** Abbreviations that other zones share (China, Cuba; Ireland, Israel; Bangladesh). */
const AMBIGUOUS = new Set(['CST', 'CDT', 'IST', 'BST']);

/** A whole-hour offset written as a header zone, e.g. `(UTC+10)`. */
const FIXED_OFFSET = /^UTC([+-])(\d{1,2})(?::?(\d{2}))?$/;

/**
 * How one date column's values are read:
 * - `header`: the header's abbreviation names a known zone (each value with its own date's DST);
 * - `override`: the user's --timezone (anything but UTC) wins over the header;
 * - `unknown`: the header names an abbreviation deliv does not know: read in --timezone;
 * - `none`: the header names no zone: read in --timezone.
 * A value that names its own zone (`2026-05-26 20:00:00 UTC`) keeps it in every case.
 */
export interface IntercomZoneRule {
  rule: 'header' | 'override' | 'unknown' | 'none';
  zone: string;
  abbreviation?: string;
}

/** The zone for a date column whose header carries `abbreviation`, given the user's --timezone. */
export function intercomZoneRule(abbreviation: string | undefined, timezone: string): IntercomZoneRule {
  const fromHeader = abbreviation === undefined ? undefined : zoneOfAbbreviation(abbreviation);
  if (timezone !== 'UTC' && fromHeader !== timezone) return { rule: 'override', zone: timezone, ...(abbreviation ? { abbreviation } : {}) };
  if (!abbreviation) return { rule: 'none', zone: timezone };
  if (fromHeader) return { rule: 'header', zone: fromHeader, abbreviation };
  return { rule: 'unknown', zone: timezone, abbreviation };
}

/** The IANA zone a header abbreviation stands for, if deliv knows it. */
function zoneOfAbbreviation(abbreviation: string): string | undefined {
  const mapped = INTERCOM_ZONE_ABBREVIATIONS[abbreviation];
  if (mapped) return mapped;
  const offset = FIXED_OFFSET.exec(abbreviation);
  if (!offset || Number(offset[3] ?? '0') !== 0) return undefined;
  const hours = Number(offset[2]);
  if (hours > 14) return undefined;
  // IANA's Etc zones count the other way round: Etc/GMT-10 is UTC+10.
  return hours === 0 ? 'UTC' : `Etc/GMT${offset[1] === '+' ? '-' : '+'}${hours}`;
}

export const intercomPeopleAdapter: CsvAdapter = {
  format: 'intercom-people',
  container: 'csv',
  title: 'Intercom people export',
  layout: 'contacts',
  required: {
    email: ['email'],
    last_seen: ['last_seen'],
    unsubscribed: ['unsubscribed_from_emails'],
  },
  optional: {
    last_heard_from: ['last_heard_from'],
    last_opened_email: ['last_opened_email'],
    last_clicked_email: ['last_clicked_on_link_in_email'],
    marked_spam: ['marked_email_as_spam'],
    hard_bounced: ['has_hard_bounced'],
  },
  describe: (_match, { header, timezone }) => [describeIntercomZones(header, timezone)],
  bind({ columns, zones }, { file, header, timezone }) {
    const zoneOf: Record<string, string> = {};
    for (const field of DATE_FIELDS) zoneOf[field] = intercomZoneRule(zones[field], timezone).zone;
    const zoneFor = (field: string) => zoneOf[field] ?? timezone;
    return (fields, line, sink) => {
      const row = new RowValues(columns, header, file, fields, line, zoneFor);
      // Intercom cannot export archived contacts and has no opt-in column: those read as no.
      const contact = contactFromRow(row, fields, header);
      if (!contact) return row.rejectTo(sink);
      sink.addContact(contact, file);
      return 'used';
    };
  },
};

/**
 * One sentence for the report: which zone the Intercom dates of a file with this header
 * were read in, and why (header abbreviation, --timezone, or a fallback for an abbreviation
 * deliv does not know, with the number of date columns it affected).
 */
export function describeIntercomZones(header: readonly string[], timezone: string): string {
  const { columns, zones } = matchCsvHeader(header, intercomPeopleAdapter);
  const groups = new Map<string, { rule: IntercomZoneRule; headers: string[] }>();
  for (const field of DATE_FIELDS) {
    const index = columns[field];
    if (index === undefined) continue;
    const rule = intercomZoneRule(zones[field], timezone);
    const key = `${rule.rule}|${rule.zone}|${rule.abbreviation ?? ''}`;
    const group = groups.get(key) ?? { rule, headers: [] };
    group.headers.push((header[index] ?? '').trim());
    groups.set(key, group);
  }
  if (groups.size === 0) return `Intercom dates read in ${timezone} (--timezone)`;
  const several = groups.size > 1;
  return [...groups.values()]
    .map(({ rule, headers }) => {
      const scope = several ? ` for ${headers.join(', ')}` : '';
      const dst = rule.zone === 'UTC' || rule.zone.startsWith('Etc/') ? '' : ", each with its own date's daylight-saving rule";
      switch (rule.rule) {
        case 'header': {
          const ambiguous = AMBIGUOUS.has(rule.abbreviation!) ? ` (${rule.abbreviation} is ambiguous: pass --timezone <IANA zone> if the workspace is elsewhere)` : '';
          return `Intercom dates read in ${rule.zone} (header ${rule.abbreviation})${scope}${dst}${ambiguous}`;
        }
        case 'override':
          return `Intercom dates read in ${rule.zone} (--timezone${rule.abbreviation ? `, instead of the header's ${rule.abbreviation}` : ''})${scope}${dst}`;
        case 'unknown':
          return `Intercom headers name a time zone deliv does not know, "${rule.abbreviation}": ${headers.length} date column${headers.length === 1 ? '' : 's'} read in ${rule.zone} (--timezone); pass --timezone <IANA zone> to read them in the workspace's zone`;
        case 'none':
          return `Intercom date headers name no time zone: dates read in ${rule.zone} (--timezone)${scope}${dst}`;
      }
    })
    .join('; ');
}
