import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ageInDays } from '../../analysis/eligibility/activity-window.js';
import { detectCsvAdapter } from '../adapters.js';
import { matchCsvHeader } from '../header-match.js';
import type { RowOutcome } from '../input-adapter.js';
import { readInputFile } from '../read-input-file.js';
import { isKnownTimeZone } from '../values/zoned-time.js';
import { describeIntercomZones, INTERCOM_ZONE_ABBREVIATIONS, intercomPeopleAdapter, intercomZoneRule } from './people.js';
import { RecordingSink } from '../testing/recording-sink.js';

const FIXTURE = fileURLToPath(new URL('../../../fixtures/vendors/intercom/people.csv', import.meta.url));

const Collect = RecordingSink;
type Collect = RecordingSink;

/** A header in Intercom's order, with the date columns under `zone`. */
function intercomHeader(zone = 'PDT'): string[] {
  return [
    'Name',
    'Email',
    'User ID',
    `First Seen (${zone})`,
    `Signed up (${zone})`,
    `Last seen (${zone})`,
    `Last contacted (${zone})`,
    `Last heard from (${zone})`,
    `Last opened email (${zone})`,
    `Last clicked on link in email (${zone})`,
    'Unsubscribed from Emails',
    'Marked email as spam',
    'Has hard bounced',
    `Company last seen (${zone})`,
  ];
}

/** One row for intercomHeader(): fields by header position. */
function row(values: { email?: string; seen?: string; contacted?: string; heard?: string; opened?: string; clicked?: string; unsub?: string; spam?: string; bounced?: string; companySeen?: string }): string[] {
  return [
    'Someone',
    values.email ?? 'someone@example.com',
    'u_1',
    '2024-01-01 10:00:00',
    '2024-01-01 10:00:00',
    values.seen ?? '',
    values.contacted ?? '',
    values.heard ?? '',
    values.opened ?? '',
    values.clicked ?? '',
    values.unsub ?? 'false',
    values.spam ?? 'false',
    values.bounced ?? 'false',
    values.companySeen ?? '',
  ];
}

/** Maps rows of `header` with the Intercom adapter under --timezone `timezone`. */
function read(header: string[], rows: string[][], timezone = 'UTC') {
  const sink = new Collect();
  const match = matchCsvHeader(header, intercomPeopleAdapter);
  expect(match.missing).toEqual([]);
  const map = intercomPeopleAdapter.bind(match, { file: 'people.csv', header, timezone, fallbackCampaign: 'people', usedFallbackCampaign: () => {} });
  const outcomes: RowOutcome[] = rows.map((fields, i) => map(fields, i + 2, sink));
  return { sink, outcomes };
}

const utc = (iso: string) => Date.parse(iso);

describe('recognising an Intercom people export', () => {
  it('picks intercom-people for the fixture header, as results and as contacts', () => {
    const header = intercomHeader();
    for (const role of ['results', 'contacts'] as const) {
      const { adapter, match } = detectCsvAdapter(header, 'people.csv', role, 1);
      expect(adapter.format).toBe('intercom-people');
      // `Company last seen (PDT)` (column 14) is not `Last seen (PDT)` (column 6).
      expect(match.columns).toEqual({ email: 1, last_seen: 5, unsubscribed: 10, last_heard_from: 7, last_opened_email: 8, last_clicked_email: 9, marked_spam: 11, hard_bounced: 12 });
      expect(match.zones['last_seen']).toBe('PDT');
    }
  });

  it('accepts the lower-case `Unsubscribed from emails` spelling and needs Email, Last seen, Unsubscribed from Emails', () => {
    expect(matchCsvHeader(['Email', 'Last seen (PST)', 'Unsubscribed from emails'], intercomPeopleAdapter).missing).toEqual([]);
    // A company's last-seen date is no person's.
    expect(matchCsvHeader(['Email', 'Company last seen (PDT)', 'Unsubscribed from Emails'], intercomPeopleAdapter).missing).toEqual(['last_seen']);
    expect(matchCsvHeader(['Email', 'Last seen (PDT)'], intercomPeopleAdapter).missing).toEqual(['unsubscribed_from_emails']);
  });

  it('leaves a generic contact export to generic-contacts', () => {
    expect(detectCsvAdapter(['email', 'last_seen', 'unsubscribed'], 'contacts.csv', 'contacts', 1).adapter.format).toBe('generic-contacts');
  });
});

describe('the zone of Intercom dates', () => {
  it('reads a (PDT) header as America/Los_Angeles with each date’s own daylight saving', () => {
    const { sink } = read(intercomHeader('PDT'), [
      row({ email: 'jan@example.com', seen: '2026-01-15 10:00:00' }),
      row({ email: 'jul@example.com', seen: '2026-07-15 10:00:00' }),
      // Spring-forward day, before 02:00: still PST.
      row({ email: 'dst@example.com', seen: '2026-03-08 01:30:00' }),
    ]);
    expect(sink.contacts.map((c) => c.lastSeen)).toEqual([utc('2026-01-15T18:00:00Z'), utc('2026-07-15T17:00:00Z'), utc('2026-03-08T09:30:00Z')]);
    expect(intercomZoneRule('PDT', 'UTC')).toEqual({ rule: 'header', zone: 'America/Los_Angeles', abbreviation: 'PDT' });
    expect(describeIntercomZones(intercomHeader('PDT'), 'UTC')).toBe(
      "Intercom dates read in America/Los_Angeles (header PDT), each with its own date's daylight-saving rule",
    );
  });

  it('reads every date column in its zone, and a (PST) header the same way as (PDT)', () => {
    const { sink } = read(intercomHeader('PST'), [
      row({ seen: '2026-07-15 10:00:00', heard: '2026-07-16 10:00:00', opened: '2026-01-17 10:00:00', clicked: '2026-07-18 23:30:00' }),
    ]);
    expect(sink.contacts[0]).toMatchObject({
      lastSeen: utc('2026-07-15T17:00:00Z'),
      lastHeardFrom: utc('2026-07-16T17:00:00Z'),
      lastOpenedEmail: utc('2026-01-17T18:00:00Z'),
      lastClickedEmail: utc('2026-07-19T06:30:00Z'),
    });
  });

  it('keeps a value that carries its own ` UTC`', () => {
    const { sink } = read(intercomHeader('PDT'), [row({ seen: '2026-05-26 20:00:00 UTC', opened: '2026-01-10 08:00:00 UTC' })]);
    expect(sink.contacts[0]).toMatchObject({ lastSeen: utc('2026-05-26T20:00:00Z'), lastOpenedEmail: utc('2026-01-10T08:00:00Z') });
  });

  it('lets a --timezone other than UTC override the header', () => {
    const { sink } = read(intercomHeader('PDT'), [row({ seen: '2026-01-15 10:00:00', opened: '2026-07-15 10:00:00', clicked: '2026-07-15 10:00:00 UTC' })], 'Europe/Berlin');
    // Berlin: CET (UTC+1) in January, CEST (UTC+2) in July; the value with its own UTC keeps it.
    expect(sink.contacts[0]).toMatchObject({ lastSeen: utc('2026-01-15T09:00:00Z'), lastOpenedEmail: utc('2026-07-15T08:00:00Z'), lastClickedEmail: utc('2026-07-15T10:00:00Z') });
    expect(describeIntercomZones(intercomHeader('PDT'), 'Europe/Berlin')).toBe(
      "Intercom dates read in Europe/Berlin (--timezone, instead of the header's PDT), each with its own date's daylight-saving rule",
    );
  });

  it('calls a --timezone that names the header’s own zone the header rule', () => {
    expect(intercomZoneRule('PDT', 'America/Los_Angeles')).toEqual({ rule: 'header', zone: 'America/Los_Angeles', abbreviation: 'PDT' });
    expect(describeIntercomZones(intercomHeader('PDT'), 'America/Los_Angeles')).toBe(
      "Intercom dates read in America/Los_Angeles (header PDT), each with its own date's daylight-saving rule",
    );
  });

  it('falls back to --timezone for an unknown abbreviation, and says how many columns it affected', () => {
    const header = intercomHeader('XYZ');
    expect(read(header, [row({ seen: '2026-01-15 10:00:00' })]).sink.contacts[0]!.lastSeen).toBe(utc('2026-01-15T10:00:00Z'));
    expect(intercomZoneRule('XYZ', 'UTC')).toEqual({ rule: 'unknown', zone: 'UTC', abbreviation: 'XYZ' });
    expect(describeIntercomZones(header, 'UTC')).toBe(
      `Intercom headers name a time zone deliv does not know, "XYZ": 4 date columns read in UTC (--timezone); pass --timezone <IANA zone> to read them in the workspace's zone`,
    );
    // With a --timezone, that zone is used (it overrides any header).
    expect(read(header, [row({ seen: '2026-01-15 10:00:00' })], 'Asia/Tokyo').sink.contacts[0]!.lastSeen).toBe(utc('2026-01-15T01:00:00Z'));
  });

  it('reads other workspaces’ zones by their own rules', () => {
    // AEDT header (exported in summer), a July value: AEST, UTC+10.
    expect(read(intercomHeader('AEDT'), [row({ seen: '2026-07-15 10:00:00' })]).sink.contacts[0]!.lastSeen).toBe(utc('2026-07-15T00:00:00Z'));
    // A fixed offset header.
    expect(read(intercomHeader('UTC+10'), [row({ seen: '2026-07-15 10:00:00' })]).sink.contacts[0]!.lastSeen).toBe(utc('2026-07-15T00:00:00Z'));
    expect(intercomZoneRule('UTC-3', 'UTC')).toEqual({ rule: 'header', zone: 'Etc/GMT+3', abbreviation: 'UTC-3' });
    expect(intercomZoneRule('UTC+5:30', 'UTC').rule).toBe('unknown');
    expect(describeIntercomZones(intercomHeader('UTC'), 'UTC')).toBe('Intercom dates read in UTC (header UTC)');
    expect(describeIntercomZones(intercomHeader('CST'), 'UTC')).toBe(
      "Intercom dates read in America/Chicago (header CST), each with its own date's daylight-saving rule (CST is ambiguous: pass --timezone <IANA zone> if the workspace is elsewhere)",
    );
  });

  it('reads a header without a zone in --timezone, and names each rule when columns differ', () => {
    const header = ['Email', 'Last seen', 'Unsubscribed from Emails', 'Last opened email (JST)'];
    const { sink } = read(header, [['a@example.com', '2026-01-15 10:00:00', 'false', '2026-01-15 10:00:00']]);
    expect(sink.contacts[0]).toMatchObject({ lastSeen: utc('2026-01-15T10:00:00Z'), lastOpenedEmail: utc('2026-01-15T01:00:00Z') });
    expect(describeIntercomZones(header, 'UTC')).toBe(
      'Intercom date headers name no time zone: dates read in UTC (--timezone) for Last seen; Intercom dates read in Asia/Tokyo (header JST) for Last opened email (JST), each with its own date\'s daylight-saving rule',
    );
  });

  it('maps every abbreviation to a zone this Node knows', () => {
    for (const zone of Object.values(INTERCOM_ZONE_ABBREVIATIONS)) expect(isKnownTimeZone(zone), zone).toBe(true);
    expect(isKnownTimeZone('Etc/GMT-10')).toBe(true);
  });
});

describe('Intercom rows', () => {
  it('never reads Last contacted, nor the company’s last seen', () => {
    const { sink } = read(intercomHeader(), [row({ contacted: '2026-11-01 10:00:00', companySeen: '2026-11-01 10:00:00' })]);
    const contact = sink.contacts[0]!;
    expect([contact.lastSeen, contact.lastHeardFrom, contact.lastOpenedEmail, contact.lastClickedEmail]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads the three booleans, never archives, and keeps every column', () => {
    const fields = row({ email: 'Flags@Example.com', unsub: 'true', spam: 'TRUE', bounced: 'false' });
    const { sink } = read(intercomHeader(), [fields]);
    expect(sink.contacts[0]).toEqual({
      email: 'Flags@Example.com',
      emailKey: 'flags@example.com',
      unsubscribed: true,
      markedSpam: true,
      hardBounced: false,
      archived: false,
      columns: { header: intercomHeader(), values: fields },
    });
  });

  it('rejects a row with no email, a bad boolean or a bad date, naming the column', () => {
    const { sink, outcomes } = read(intercomHeader(), [row({ email: '' }), row({ bounced: 'maybe' }), row({ seen: '5/12/16 2:09' }), row({ email: 'not-an-address' })]);
    expect(outcomes).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(sink.rejects.map((r) => [r.line, r.column, r.reason])).toEqual([
      [2, 2, 'empty email; expected an email address such as name@example.com'],
      [3, 13, 'Has hard bounced "maybe" is not a yes/no value; expected true/false, yes/no, y/n or 1/0 (empty means false)'],
      [4, 6, 'Last seen (PDT) "5/12/16 2:09" is not a date; expected an ISO 8601 date or date-time (2024-05-01, 2024-05-01T13:45:00Z, 2024-05-01 13:45+02:00) or a Unix time in seconds or milliseconds'],
      [5, 2, '"not-an-address" is not an email address; expected an email address such as name@example.com'],
    ]);
  });
});

describe('fixtures/vendors/intercom/people.csv (EXPECTED.md)', async () => {
  const sink = new Collect();
  const summary = await readInputFile(FIXTURE, 'contacts', sink, { timezone: 'UTC' });
  const asOf = Date.UTC(2026, 10, 23);

  it('reads 32 rows: 31 used, 1 rejected (line 30, empty Email)', () => {
    expect(summary).toMatchObject({ format: 'intercom-people', layout: 'contacts', rowsRead: 32, rowsUsed: 31, rowsRejected: 1 });
    expect(summary.columns.used).toEqual({
      email: 'Email',
      last_seen: 'Last seen (PDT)',
      unsubscribed: 'Unsubscribed from Emails',
      last_heard_from: 'Last heard from (PDT)',
      last_opened_email: 'Last opened email (PDT)',
      last_clicked_email: 'Last clicked on link in email (PDT)',
      marked_spam: 'Marked email as spam',
      hard_bounced: 'Has hard bounced',
    });
    expect(sink.rejects.map((r) => [r.line, r.column, r.reason])).toEqual([[30, 7, 'empty email; expected an email address such as name@example.com']]);
    expect(describeIntercomZones(summary.header, 'UTC')).toBe("Intercom dates read in America/Los_Angeles (header PDT), each with its own date's daylight-saving rule");
  });

  // Merged by address as the accumulator does: latest dates, any flag.
  const merged = new Map<string, { latest?: number; u: boolean; s: boolean; h: boolean; archived: boolean; rows: number }>();
  for (const c of sink.contacts) {
    const m = merged.get(c.emailKey) ?? { u: false, s: false, h: false, archived: false, rows: 0 };
    for (const at of [c.lastSeen, c.lastHeardFrom, c.lastOpenedEmail, c.lastClickedEmail]) if (at !== undefined && (m.latest === undefined || at > m.latest)) m.latest = at;
    m.u ||= c.unsubscribed;
    m.s ||= c.markedSpam;
    m.h ||= c.hardBounced;
    m.archived ||= c.archived;
    m.rows++;
    merged.set(c.emailKey, m);
  }

  // The per-contact table of EXPECTED.md: email, flags, latest engagement in UTC, days before as-of.
  const table: [string, string, string | null, number | null][] = [
    ['ada.lovelace@example.com', '', '2026-10-28 21:03:11', 26],
    ['grace.hopper@example.org', '', '2026-10-28 17:02:33', 26],
    ['katherine.j.lk@gmail.com', '', '2026-10-29 00:46:12', 25],
    ['edsger.d.lk@outlook.com', 'H', '2026-02-14 18:00:00', 282],
    ['barbara.l.lk@yahoo.com', '', '2026-08-19 20:30:00', 96],
    ['margaret.h.lk@gmail.com', '', '2026-10-15 01:03:00', 39],
    ['john.b.lk@hotmail.com', 'S', '2026-05-20 19:00:00', 187],
    ['frances.a@example.net', 'U', '2026-07-15 15:00:00', 131],
    ['radia.p@example.com', 'H', '2025-11-30 18:00:00', 358],
    ['tim.bl@example.org', '', '2026-10-30 05:10:00', 24],
    ['alan.t.lk@gmail.com', '', '2026-05-27 19:00:00', 180],
    ['hedy.l.lk@gmail.com', '', '2026-05-27 03:00:00', 180],
    ['claude.s.lk@outlook.com', '', '2026-05-26 23:00:00', 181],
    ['donald.k@example.com', '', null, null],
    ['linus.t@example.net', '', '2025-06-01 15:30:00', 540],
    ['mary.k.lk@yahoo.com', '', '2026-07-22 23:40:00', 124],
    ['ken.t@example.org', '', '2026-06-05 18:11:11', 171],
    ['dennis.r@example.com', '', '2026-03-08 09:30:00', 260],
    ['bjarne.s.lk@gmail.com', '', '2026-10-05 19:00:00', 49],
    ['guido.r@example.org', 'U', '2026-10-30 14:55:00', 24],
    ['sophie.w.lk@outlook.com', 'S', '2026-06-15 21:20:00', 161],
    ['jean.s@example.net', '', null, null],
    ['anita.b@example.com', 'H', '2026-09-09 16:09:09', 75],
    ['leslie.l.lk@yahoo.com', '', '2026-01-20 16:00:00', 307],
    ['adele.g@example.org', '', '2026-10-10 23:40:00', 44],
    ['shafi.g@example.com', '', '2026-05-30 13:00:00', 177],
    ['fran.allen.lk@gmail.com', 'U', '2026-10-01 16:45:00', 53],
    ['niklaus.w@example.net', '', '2026-10-22 18:00:00', 32],
    ['john.m.lk@outlook.com', '', '2026-08-30 22:15:00', 85],
    ['rosalind.f@example.com', '', null, null],
  ];

  it('gives 30 contacts (grace.hopper twice), none archived', () => {
    expect(sink.contacts).toHaveLength(31);
    expect(merged.size).toBe(30);
    expect([...merged.keys()].sort()).toEqual(table.map(([email]) => email).sort());
    expect(merged.get('grace.hopper@example.org')!.rows).toBe(2);
    expect([...merged.values()].some((m) => m.archived)).toBe(false);
  });

  it.each(table)('%s: flags %s, latest engagement %s UTC, %s days before 2026-11-23', (email, flags, latest, days) => {
    const m = merged.get(email)!;
    expect({ u: m.u, s: m.s, h: m.h }).toEqual({ u: flags.includes('U'), s: flags.includes('S'), h: flags.includes('H') });
    expect(m.latest).toBe(latest === null ? undefined : Date.parse(`${latest.replace(' ', 'T')}Z`));
    expect(m.latest === undefined ? null : ageInDays(m.latest, asOf)).toBe(days);
  });

  it('counts 3 unsubscribed, 2 marked as spam, 3 hard-bounced, 8 flagged; 20 active, 15 active and unflagged', () => {
    const all = [...merged.values()];
    expect(all.filter((m) => m.u)).toHaveLength(3);
    expect(all.filter((m) => m.s)).toHaveLength(2);
    expect(all.filter((m) => m.h)).toHaveLength(3);
    expect(all.filter((m) => m.u || m.s || m.h)).toHaveLength(8);
    const active = all.filter((m) => m.latest !== undefined && ageInDays(m.latest, asOf) <= 180);
    expect(active).toHaveLength(20);
    expect(active.filter((m) => !(m.u || m.s || m.h))).toHaveLength(15);
  });
});
