/**
 * The Intercom people export and the Mailchimp audience and campaign-report exports, read by
 * the built CLI: the figures of fixtures/vendors/intercom/EXPECTED.md and mailchimp/EXPECTED.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, readOut, ROOT, runCli, tempDir } from './run-cli.js';

const INTERCOM = 'fixtures/vendors/intercom/people.csv';
const MC = 'fixtures/vendors/mailchimp';
const SUBSCRIBED = `${MC}/subscribed_members_export_abc123.csv`;
const UNSUBSCRIBED = `${MC}/unsubscribed_members_export_abc123.csv`;
const CLEANED = `${MC}/cleaned_members_export_abc123.csv`;
const REPORT = `${MC}/campaign_reports.csv`;
const AS_OF = ['--as-of', '2026-11-23'];

const NO_REASONS = { complained: 0, hard_bounce: 0, spam_trap: 0, unsubscribed: 0, soft_bounce_limit: 0, platform_suppressed: 0, archived: 0, no_opt_in: 0, inactive: 0 };

/** Intercom's 8 flagged contacts (EXPECTED.md: U 3, S 2, H 3, no overlap). */
const INTERCOM_FLAGGED = {
  'anita.b@example.com': 'hard_bounce',
  'edsger.d.lk@outlook.com': 'hard_bounce',
  'fran.allen.lk@gmail.com': 'unsubscribed',
  'frances.a@example.net': 'unsubscribed',
  'guido.r@example.org': 'unsubscribed',
  'john.b.lk@hotmail.com': 'complained',
  'radia.p@example.com': 'hard_bounce',
  'sophie.w.lk@outlook.com': 'complained',
};
/** The 22 unflagged Intercom contacts, 15 active and 7 inactive (EXPECTED.md per-contact table). */
const INTERCOM_ACTIVE_UNFLAGGED = [
  'ada.lovelace@example.com',
  'adele.g@example.org',
  'alan.t.lk@gmail.com',
  'barbara.l.lk@yahoo.com',
  'bjarne.s.lk@gmail.com',
  'grace.hopper@example.org',
  'hedy.l.lk@gmail.com',
  'john.m.lk@outlook.com',
  'katherine.j.lk@gmail.com',
  'ken.t@example.org',
  'margaret.h.lk@gmail.com',
  'mary.k.lk@yahoo.com',
  'niklaus.w@example.net',
  'shafi.g@example.com',
  'tim.bl@example.org',
];
const INTERCOM_INACTIVE_UNFLAGGED = [
  'claude.s.lk@outlook.com',
  'dennis.r@example.com',
  'donald.k@example.com',
  'jean.s@example.net',
  'leslie.l.lk@yahoo.com',
  'linus.t@example.net',
  'rosalind.f@example.com',
];

const SUBSCRIBED_EMAILS = [
  'arjun.n@example.net',
  'clara.f.lk@outlook.com',
  'elsa.j.lk@yahoo.com',
  'hana.y.lk@gmail.com',
  'ines.v.lk@yahoo.com',
  'ivan.d@example.org',
  'kofi.a@example.com',
  'lena.h.lk@gmail.com',
  'mei.l.lk@outlook.com',
  'nora.b@example.com',
  'omar.s@example.net',
  'paulo.r@example.com',
  'ruben.g@example.org',
  'tariq.m@example.org',
  'zofia.k.lk@gmail.com',
];
const UNSUBSCRIBED_EMAILS = [
  'adele.g@example.org',
  'bram.v@example.net',
  'chloe.m.lk@gmail.com',
  'dev.p@example.com',
  'emma.w.lk@outlook.com',
  'felix.s@example.org',
  'gita.r.lk@yahoo.com',
  'hugo.b@example.com',
  'isla.c.lk@gmail.com',
  'jonas.e@example.net',
  'kira.t.lk@outlook.com',
  'liam.o@example.org',
  'maya.k.lk@yahoo.com',
  'noah.l@example.com',
  'olga.s.lk@gmail.com',
];
const CLEANED_EMAILS = [
  'a.costa@example.com',
  'b.nguyen.lk@outlook.com',
  'c.dubois@example.net',
  'd.silva.lk@gmail.com',
  'e.kim@example.org',
  'p.quinn@example.net',
  'r.ahmed.lk@gmail.com',
  's.novak@example.org',
  't.ivanova.lk@yahoo.com',
  'u.mendes@example.com',
  'v.osei.lk@outlook.com',
  'w.li@example.net',
  'x.romero.lk@gmail.com',
  'y.berg@example.org',
  'z.adeyemi.lk@yahoo.com',
];

const sorted = (values: Iterable<string>) => [...values].sort();
const byEmail = (rows: Record<string, string>[], column: string) => Object.fromEntries(rows.map((r) => [r['email'], r[column]]));
const csvHeader = (file: string) => parseCsv(`${readFileSync(join(ROOT, file), 'utf8').split('\n')[0]}\n_\n`).map(Object.keys)[0]!;

/** The three campaigns of campaign_reports.csv as audit.json gives them (sent_at in UTC). */
const CAMPAIGNS = [
  {
    campaign: 'Spring Roundup',
    source: 'campaign_summary',
    files: [REPORT],
    sentAt: '2026-04-21T10:00:00.000Z',
    sent: 45,
    delivered: 37,
    deliveredMethod: 'summary',
    hardBounces: 6,
    softBounces: 2,
    bounced: 8,
    complaints: 1,
    uniqueOpens: 15,
    uniqueClicks: 4,
    unsubscribes: 5,
    complaintRate: 1 / 37,
    bounceRate: 8 / 45,
    hardBounceRate: 6 / 45,
    openRate: 15 / 37,
    clickRate: 4 / 37,
    unsubscribeRate: 5 / 37,
    spamTrapRate: null,
    complaintLevel: 'suspended',
    complaintHeadroom: null,
  },
  {
    campaign: 'Summer Webinar',
    sentAt: '2026-07-14T16:00:00.000Z',
    sent: 34,
    delivered: 28,
    hardBounces: 5,
    softBounces: 1,
    bounced: 6,
    complaints: 0,
    uniqueOpens: 11,
    uniqueClicks: 3,
    unsubscribes: 6,
    complaintRate: 0,
    bounceRate: 6 / 34,
    openRate: 11 / 28,
    clickRate: 3 / 28,
    complaintLevel: 'ok',
  },
  {
    campaign: 'Autumn Offer',
    sentAt: '2026-09-22T09:30:00.000Z',
    sent: 23,
    delivered: 18,
    hardBounces: 2,
    softBounces: 3,
    bounced: 5,
    complaints: 0,
    uniqueOpens: 5,
    uniqueClicks: 1,
    unsubscribes: 4,
    complaintRate: 0,
    bounceRate: 5 / 23,
    openRate: 5 / 18,
    clickRate: 1 / 18,
    complaintLevel: 'ok',
  },
];

describe('Intercom people export as a positional argument', () => {
  const out = tempDir();
  const run = runCli(['audit', INTERCOM, ...AS_OF, '--out', out]);
  const audit = JSON.parse(readOut(out, 'audit.json'));

  it('is recognised as intercom-people: 32 rows read = 31 used + 1 rejected', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(audit.inputs).toHaveLength(1);
    expect(audit.inputs[0]).toMatchObject({ file: INTERCOM, role: 'results', format: 'intercom-people', layout: 'contacts', rowsRead: 32, rowsUsed: 31, rowsRejected: 1 });
    expect(audit.inputs[0].rowsRead).toBe(audit.inputs[0].rowsUsed + audit.inputs[0].rowsRejected);
    expect(audit.inputs[0].columns.used).toMatchObject({ email: 'Email', last_seen: 'Last seen (PDT)', last_clicked_email: 'Last clicked on link in email (PDT)' });
    expect(audit.inputs[0].columns.other).toContain('Last contacted (PDT)');
    expect(audit.inputs[0].columns.other).toContain('Company last seen (PDT)');
  });

  it('rejects the lead without an e-mail (line 30, column 7)', () => {
    const rejected = parseCsv(readOut(out, 'rejected.csv'));
    expect(rejected.map((r) => [r['file'], r['line'], r['column'], r['reason']])).toEqual([[INTERCOM, '30', '7', 'empty email; expected an email address such as name@example.com']]);
  });

  it('gives 30 contacts (grace.hopper merged), 20 active, 8 suppressed by their flags, 22 eligible', () => {
    expect(audit.verdict.level).toBe('ok');
    expect(audit.audience).toEqual({
      total: 30,
      fromContacts: 30,
      logOnly: 0,
      duplicateContactRows: 1,
      eligible: 22,
      suppressed: 8,
      suppressedByReason: { ...NO_REASONS, complained: 2, hard_bounce: 3, unsubscribed: 3 },
      active: 20,
      activityWindowDays: 180,
      restrictedToActive: false,
      optInUnknown: 0,
      activityAfterAsOf: 0,
    });
    expect(byEmail(parseCsv(readOut(out, 'suppressed.csv')), 'reasons')).toEqual(INTERCOM_FLAGGED);
    expect(parseCsv(readOut(out, 'suppressed.csv')).find((r) => r['email'] === 'radia.p@example.com')!['detail']).toBe(`marked as hard-bounced (${INTERCOM})`);
    const eligible = parseCsv(readOut(out, 'eligible.csv'));
    expect(eligible.map((r) => r['email'] ?? r['Email'])).toEqual(sorted([...INTERCOM_ACTIVE_UNFLAGGED, ...INTERCOM_INACTIVE_UNFLAGGED]));
  });
});

describe('Intercom people export with --contacts, while sending is restricted to active users', () => {
  // A one-send log whose only recipient is a spam trap: Intercom's restriction applies, and
  // the 180-day rule decides who may be mailed.
  const dir = tempDir();
  const trapLog = join(dir, 'trap.csv');
  writeFileSync(trapLog, 'campaign,email,event,timestamp\nTrap Check,donald.k@example.com,sent,2026-11-02T10:00:00Z\nTrap Check,donald.k@example.com,spam_trap,2026-11-02T10:00:00Z\n');
  const out = join(dir, 'out');
  const run = runCli(['audit', trapLog, '--contacts', INTERCOM, ...AS_OF, '--out', out]);
  const audit = JSON.parse(readOut(out, 'audit.json'));

  it('reads the export as contacts', () => {
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('Verdict: RESTRICTED (intercom.spam_trap_rate)');
    expect(audit.inputs.map((i: { format: string; role: string; rowsRead: number; rowsUsed: number; rowsRejected: number }) => [i.format, i.role, i.rowsRead, i.rowsUsed, i.rowsRejected])).toEqual([
      ['intercom-people', 'contacts', 32, 31, 1],
      ['generic-events', 'results', 2, 2, 0],
    ]);
  });

  it('keeps exactly the 15 active, unflagged contacts (Last contacted never counts)', () => {
    expect(audit.audience).toMatchObject({ total: 30, fromContacts: 30, eligible: 15, suppressed: 15, active: 20, restrictedToActive: true });
    expect(audit.audience.suppressedByReason).toEqual({ ...NO_REASONS, complained: 2, hard_bounce: 3, unsubscribed: 3, spam_trap: 1, inactive: 10 });
    const eligible = parseCsv(readOut(out, 'eligible.csv'));
    expect(eligible.map((r) => r['Email'])).toEqual(INTERCOM_ACTIVE_UNFLAGGED);
    const suppressed = parseCsv(readOut(out, 'suppressed.csv'));
    expect(byEmail(suppressed, 'reasons')).toEqual({
      ...INTERCOM_FLAGGED,
      'edsger.d.lk@outlook.com': 'hard_bounce;inactive',
      'john.b.lk@hotmail.com': 'complained;inactive',
      'radia.p@example.com': 'hard_bounce;inactive',
      'claude.s.lk@outlook.com': 'inactive',
      'dennis.r@example.com': 'inactive',
      'donald.k@example.com': 'spam_trap;inactive',
      'jean.s@example.net': 'inactive',
      'leslie.l.lk@yahoo.com': 'inactive',
      'linus.t@example.net': 'inactive',
      'rosalind.f@example.com': 'inactive',
    });
    // Claude's `2026-05-26 20:00:00 UTC` keeps its own zone (181 days); Dennis's spring-forward Last seen is PST.
    const detail = byEmail(suppressed, 'detail');
    expect(detail['claude.s.lk@outlook.com']).toBe('last active 2026-05-26, more than 180 days before 2026-11-23, while sending is restricted to active users');
    expect(detail['dennis.r@example.com']).toBe('last active 2026-03-08, more than 180 days before 2026-11-23, while sending is restricted to active users');
    expect(detail['rosalind.f@example.com']).toBe('no recorded activity (last seen, heard from, opened or clicked) while sending is restricted to active users');
  });

  it('writes every original column back to eligible.csv', () => {
    const text = readOut(out, 'eligible.csv');
    expect(Object.keys(parseCsv(text)[0]!)).toEqual(csvHeader(INTERCOM));
    const grace = parseCsv(text).find((r) => r['Email'] === 'grace.hopper@example.org')!;
    // The first row of the address (the user, not the lead) gives the columns.
    expect([grace['User ID'], grace['Segment'], grace['Last opened email (PDT)']]).toEqual(['u_1002', 'Active,Paying', '2026-10-28 10:02:33']);
  });
});

describe('Mailchimp member files and campaign report as positional arguments', () => {
  const out = tempDir();
  const run = runCli(['audit', SUBSCRIBED, UNSUBSCRIBED, CLEANED, REPORT, ...AS_OF, '--out', out]);
  const audit = JSON.parse(readOut(out, 'audit.json'));

  it('recognises each file; rows read = used + rejected', () => {
    expect(run.stderr).toBe('');
    expect(audit.inputs.map((i: { file: string; format: string; layout: string; rowsRead: number; rowsUsed: number; rowsRejected: number }) => [i.file, i.format, i.layout, i.rowsRead, i.rowsUsed, i.rowsRejected])).toEqual([
      [SUBSCRIBED, 'mailchimp-audience', 'contacts', 15, 15, 0],
      [UNSUBSCRIBED, 'mailchimp-audience', 'contacts', 15, 15, 0],
      [CLEANED, 'mailchimp-audience', 'contacts', 15, 15, 0],
      [REPORT, 'mailchimp-report', 'campaign_summary', 3, 3, 0],
    ]);
    expect(audit.inputs.every((i: { timezone: string }) => i.timezone === 'UTC')).toBe(true);
    expect(audit.rejectedRows).toBe(0);
  });

  it('reads the three campaigns; Spring Roundup’s 1/37 complaints suspend the account, and 19/102 bounces restrict it under Intercom', () => {
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('Verdict: SUSPENDED (emma.suspended)');
    expect(audit.campaigns).toHaveLength(3);
    audit.campaigns.forEach((c: unknown, i: number) => expect(c).toMatchObject(CAMPAIGNS[i]!));
    // Intercom's bounce-rate trigger (3%) is measured over every campaign audited: (8 + 6 + 5) / (45 + 34 + 23).
    expect(audit.verdict.reasons.map((r: { code: string; campaign: string; numerator: number; denominator: number }) => [r.code, r.campaign, r.numerator, r.denominator])).toEqual([
      ['emma.suspended', 'Spring Roundup', 1, 37],
      ['intercom.bounce_rate', undefined, 19, 102],
    ]);
    expect(audit.verdict.byPolicy).toEqual({ emma: 'suspended', intercom: 'restricted', gmail: 'ok', yahoo: 'ok', microsoft: 'ok' });
  });

  it('gives 45 contacts, none eligible: 15 unsubscribed and 15 cleaned suppressed, and all 45 inactive under Intercom’s restriction', () => {
    // The bounce rate restricts sending to active users (Intercom's 180-day rule), and a Mailchimp member
    // export records no last-seen/opened/clicked date: no member is active, so the 15 subscribed go too.
    expect(audit.audience).toEqual({
      total: 45,
      fromContacts: 45,
      logOnly: 0,
      duplicateContactRows: 0,
      eligible: 0,
      suppressed: 45,
      suppressedByReason: { ...NO_REASONS, hard_bounce: 15, unsubscribed: 15, inactive: 45 },
      active: 0,
      activityWindowDays: 180,
      restrictedToActive: true,
      optInUnknown: 0,
      activityAfterAsOf: 0,
    });
    const suppressed = parseCsv(readOut(out, 'suppressed.csv'));
    expect(byEmail(suppressed, 'reasons')).toEqual({
      ...Object.fromEntries(SUBSCRIBED_EMAILS.map((e) => [e, 'inactive'])),
      ...Object.fromEntries(UNSUBSCRIBED_EMAILS.map((e) => [e, 'unsubscribed;inactive'])),
      ...Object.fromEntries(CLEANED_EMAILS.map((e) => [e, 'hard_bounce;inactive'])),
    });
    const noActivity = 'no recorded activity (last seen, heard from, opened or clicked) while sending is restricted to active users';
    expect(byEmail(suppressed, 'detail')['e.kim@example.org']).toBe(`marked as hard-bounced (${CLEANED}); ${noActivity}`);
    expect(byEmail(suppressed, 'detail')['dev.p@example.com']).toBe(`unsubscribed (${UNSUBSCRIBED}); ${noActivity}`);
    expect(byEmail(suppressed, 'detail')['ivan.d@example.org']).toBe(noActivity);
    expect(parseCsv(readOut(out, 'eligible.csv'))).toEqual([]);
  });
});

describe('Mailchimp member files with --contacts and --timezone', () => {
  const out = tempDir();
  const run = runCli(['audit', REPORT, '--contacts', SUBSCRIBED, '--contacts', UNSUBSCRIBED, '--contacts', CLEANED, '--timezone', 'America/New_York', ...AS_OF, '--out', out]);
  const audit = JSON.parse(readOut(out, 'audit.json'));

  it('reads the member files as contacts and the report as results', () => {
    expect(run.status).toBe(1);
    expect(audit.inputs.map((i: { format: string; role: string; rowsRead: number; rowsUsed: number; rowsRejected: number; timezone: string }) => [i.format, i.role, i.rowsRead, i.rowsUsed, i.rowsRejected, i.timezone])).toEqual([
      ['mailchimp-audience', 'contacts', 15, 15, 0, 'America/New_York'],
      ['mailchimp-audience', 'contacts', 15, 15, 0, 'America/New_York'],
      ['mailchimp-audience', 'contacts', 15, 15, 0, 'America/New_York'],
      ['mailchimp-report', 'results', 3, 3, 0, 'America/New_York'],
    ]);
    // As positionally: Intercom's bounce-rate trigger (19/102) restricts sending, and no member has recorded activity.
    expect(audit.audience).toMatchObject({ total: 45, eligible: 0, suppressed: 45, restrictedToActive: true, suppressedByReason: { ...NO_REASONS, hard_bounce: 15, unsubscribed: 15, inactive: 45 } });
  });

  it('reads the naive Send Date in the given zone (EDT on all three dates)', () => {
    expect(audit.campaigns.map((c: { campaign: string; sentAt: string }) => [c.campaign, c.sentAt])).toEqual([
      ['Spring Roundup', '2026-04-21T14:00:00.000Z'],
      ['Summer Webinar', '2026-07-14T20:00:00.000Z'],
      ['Autumn Offer', '2026-09-22T13:30:00.000Z'],
    ]);
  });

  it('writes the subscribed members back with their columns, duplicate names kept apart (judged without Intercom, whose restriction leaves none eligible)', () => {
    // The union of the three headers in the order first seen: UNSUB_CAMPAIGN_ID and UNSUB_REASON twice.
    const HEADER =
      'Email Address,First Name,Last Name,UNSUB_CAMPAIGN_ID,UNSUB_REASON,Address,Phone Number,Birthday,Company,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS,UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_CAMPAIGN_ID,UNSUB_REASON,UNSUB_REASON_OTHER,CLEAN_TIME,CLEAN_CAMPAIGN_TITLE,CLEAN_CAMPAIGN_ID';
    // Under the default policies nobody is eligible (Intercom's bounce-rate restriction, no member active): header only.
    expect(readOut(out, 'eligible.csv')).toBe(`${HEADER}\n`);
    // The same run judged without Intercom keeps the 15 subscribed members eligible.
    const outWithout = tempDir();
    const without = runCli(['audit', REPORT, '--contacts', SUBSCRIBED, '--contacts', UNSUBSCRIBED, '--contacts', CLEANED, '--timezone', 'America/New_York', '--policy', 'emma,gmail,yahoo,microsoft', ...AS_OF, '--out', outWithout]);
    expect(without.status).toBe(1);
    const text = readOut(outWithout, 'eligible.csv');
    expect(text.split('\n')[0]).toBe(HEADER);
    const rows = parseCsv(text);
    expect(rows.map((r) => r['Email Address'])).toEqual(SUBSCRIBED_EMAILS);
    const ivan = rows.find((r) => r['Email Address'] === 'ivan.d@example.org')!;
    expect([ivan['MEMBER_RATING'], ivan['LAST_CHANGED'], ivan['TAGS']]).toEqual(['3', '2026-02-02 01:11:17', '"Newsletter","Webinar 2026"']);
  });
});

describe('Intercom and Mailchimp in one run', () => {
  const out = tempDir();
  const run = runCli(['audit', REPORT, '--contacts', INTERCOM, '--contacts', SUBSCRIBED, '--contacts', UNSUBSCRIBED, '--contacts', CLEANED, ...AS_OF, '--out', out]);
  const audit = JSON.parse(readOut(out, 'audit.json'));

  it('merges adele.g@example.org (subscribed in Intercom, unsubscribed in Mailchimp): unsubscribed wins; only the 14 other active, unflagged Intercom contacts stay eligible', () => {
    expect(run.status).toBe(1);
    expect(audit.inputs.map((i: { format: string }) => i.format)).toEqual(['intercom-people', 'mailchimp-audience', 'mailchimp-audience', 'mailchimp-audience', 'mailchimp-report']);
    // The report's 19/102 bounces cross Intercom's bounce-rate trigger: sending is restricted to active users.
    expect(audit.verdict.byPolicy).toMatchObject({ emma: 'suspended', intercom: 'restricted' });
    // 30 Intercom + 45 Mailchimp contacts, one address in both; grace.hopper and adele.g repeat.
    // Inactive: Intercom's 10 and the 44 Mailchimp-only members (no activity recorded); adele is active in Intercom.
    expect(audit.audience).toMatchObject({
      total: 74,
      fromContacts: 74,
      duplicateContactRows: 2,
      eligible: 14,
      suppressed: 60,
      suppressedByReason: { ...NO_REASONS, complained: 2, hard_bounce: 18, unsubscribed: 18, inactive: 54 },
      active: 20,
      restrictedToActive: true,
    });
    const reasons = byEmail(parseCsv(readOut(out, 'suppressed.csv')), 'reasons');
    expect(reasons['adele.g@example.org']).toBe('unsubscribed');
    const eligible = parseCsv(readOut(out, 'eligible.csv')).map((r) => r['Email'] || r['Email Address']);
    expect(eligible).toEqual(INTERCOM_ACTIVE_UNFLAGGED.filter((e) => e !== 'adele.g@example.org'));
  });
});
