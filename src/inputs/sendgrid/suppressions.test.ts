import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { detectCsvAdapter, rankCsvAdapters } from '../adapters.js';
import type { ContactRecord } from '../canonical-records.js';
import { matchCsvHeader } from '../header-match.js';
import { readInputFile } from '../read-input-file.js';
import { parseCreated } from './created-time.js';
import { describeSuppressionList, sendgridSuppressionsAdapter, suppressionEmail, suppressionListOf } from './suppressions.js';
import { RecordingSink } from '../testing/recording-sink.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/vendors/sendgrid/', import.meta.url));
const EMAIL_EXPECTED = 'expected an email address such as name@example.com';
const CREATED_EXPECTED =
  'expected UNIX seconds (1791993610) or a date such as 2026-10-14 16:00:10, 10/14/2026 4:00 PM or Oct 14, 2026 16:00';

const Collect = RecordingSink;
type Collect = RecordingSink;

async function read(file: string, timezone = 'UTC') {
  const sink = new Collect();
  const summary = await readInputFile(file, 'contacts', sink, { timezone });
  return { sink, summary };
}

function writeTemp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'deliv-sg-')), name);
  writeFileSync(file, text);
  return file;
}

/** A contact's flags in one short tuple: [email, hardBounced, markedSpam]. */
const flags = (c: ContactRecord) => [c.email, c.hardBounced, c.markedSpam];

describe('suppressionListOf: which list a file is, and how that was decided', () => {
  const BOUNCE_HEADER = ['email', 'created', 'reason', 'status'];

  it('reads the list from the lower-cased base name', () => {
    expect(suppressionListOf(BOUNCE_HEADER, 'bounces.csv')).toEqual({ list: 'bounces', decidedBy: 'file name', why: 'file name "bounces.csv" contains "bounce"' });
    expect(suppressionListOf(BOUNCE_HEADER, 'blocks.csv')).toEqual({ list: 'blocks', decidedBy: 'file name', why: 'file name "blocks.csv" contains "block"' });
    expect(suppressionListOf(['email', 'created', 'ip'], 'spam_reports.csv')).toMatchObject({ list: 'spam_reports', decidedBy: 'file name' });
    expect(suppressionListOf(['email', 'created', 'reason'], 'invalid_emails.csv')).toMatchObject({ list: 'invalid_emails', decidedBy: 'file name' });
    expect(suppressionListOf(BOUNCE_HEADER, 'exports/Suppression_BOUNCES_2026-11.CSV')).toEqual({
      list: 'bounces',
      decidedBy: 'file name',
      why: 'file name "Suppression_BOUNCES_2026-11.CSV" contains "bounce"',
    });
    // The directory does not count: only the base name.
    expect(suppressionListOf(['email', 'created', 'ip'], 'blocked-team/export.csv')).toMatchObject({ list: 'spam_reports', decidedBy: 'columns' });
  });

  it('lets the file name win over the columns, and accepts extra columns when the name decides', () => {
    // A blocks export has the same columns as a bounces export: only the name tells them apart.
    expect(suppressionListOf(BOUNCE_HEADER, 'blocks.csv').list).toBe('blocks');
    expect(suppressionListOf(['email', 'created', 'reason', 'status', 'note'], 'bounce_list.csv')).toMatchObject({ list: 'bounces', decidedBy: 'file name' });
  });

  it('else decides from the columns: ip -> spam reports, status -> bounces, only reason -> invalid emails', () => {
    expect(suppressionListOf(['email', 'created', 'ip'], 'export.csv')).toEqual({
      list: 'spam_reports',
      decidedBy: 'columns',
      why: 'file name "export.csv" names no list; an "ip" column: spam reports',
    });
    expect(suppressionListOf(['Email', 'Created', 'Reason', 'Status'], 'export.csv')).toEqual({
      list: 'bounces',
      decidedBy: 'columns',
      why: 'file name "export.csv" names no list; a "status" column: bounces',
    });
    expect(suppressionListOf(['email', 'created', 'reason'], 'export.csv')).toEqual({
      list: 'invalid_emails',
      decidedBy: 'columns',
      why: 'file name "export.csv" names no list; a "reason" column only: invalid emails',
    });
    // A name naming two lists decides nothing.
    expect(suppressionListOf(BOUNCE_HEADER, 'spam_and_bounces.csv')).toEqual({
      list: 'bounces',
      decidedBy: 'columns',
      why: 'file name "spam_and_bounces.csv" names "bounce" and "spam"; a "status" column: bounces',
    });
  });

  it('is undecidable without a telling name or column, or when the header has non-SendGrid columns', () => {
    expect(suppressionListOf(['email', 'created'], 'export.csv')).toEqual({
      list: null,
      decidedBy: null,
      why: 'file name "export.csv" names no list, and the header has none of "ip", "status", "reason"',
    });
    expect(suppressionListOf(['email', 'created', 'status', 'First Name', 'plan'], 'crm.csv')).toEqual({
      list: null,
      decidedBy: null,
      why: 'file name "crm.csv" names no list, and the header has columns a SendGrid export does not (firstname, plan)',
    });
  });
});

describe('describe(): the report says which list each file was read as, and what follows', () => {
  it('gives one sentence per file', () => {
    const sentence = (header: string[], file: string) => {
      const context = { file, header, timezone: 'UTC', fallbackCampaign: 'x', usedFallbackCampaign: () => {} };
      return sendgridSuppressionsAdapter.describe!(matchCsvHeader(header, sendgridSuppressionsAdapter), context);
    };
    expect(sentence(['email', 'created', 'reason', 'status'], 'fixtures/bounces.csv')).toEqual([
      'SendGrid bounces list (file name "bounces.csv" contains "bounce"): every address is marked hard-bounced, since SendGrid drops every later send to it; "created" is checked, not counted as activity.',
    ]);
    expect(sentence(['email', 'created', 'reason', 'status'], 'blocks.csv')).toEqual([
      'SendGrid blocks list (file name "blocks.csv" contains "block"): no address is suppressed for it, since SendGrid still sends to blocked addresses; "created" is checked, not counted as activity.',
    ]);
    expect(sentence(['email', 'created', 'ip'], 'export.csv')).toEqual([
      'SendGrid spam reports list (file name "export.csv" names no list; an "ip" column: spam reports): every address is marked as having complained; "created" is checked, not counted as activity.',
    ]);
    expect(sentence(['email', 'created', 'reason'], 'invalid_emails.csv')).toEqual([
      'SendGrid invalid emails list (file name "invalid_emails.csv" contains "invalid"): every address is marked hard-bounced, since SendGrid drops every later send to it; "created" is checked, not counted as activity.',
    ]);
    expect(describeSuppressionList(suppressionListOf(['email', 'created'], 'export.csv'))).toBe(
      'Not a SendGrid suppression list deliv can place: file name "export.csv" names no list, and the header has none of "ip", "status", "reason".',
    );
  });
});

describe('accepts(): a generic contact file is not a suppression export', () => {
  it('needs `created`: a file with only an email column is generic contacts', () => {
    expect(matchCsvHeader(['email'], sendgridSuppressionsAdapter).missing).toEqual(['created']);
    expect(detectCsvAdapter(['email'], 'bounces.csv', 'contacts', 1).adapter.format).toBe('generic-contacts');
    expect(detectCsvAdapter(['email', 'first_name', 'plan'], 'contacts.csv', 'contacts', 1).adapter.format).toBe('generic-contacts');
  });

  it('needs a decidable list: email + created alone, or with a CRM status column, stays generic', () => {
    const fit = (header: string[], name: string) => rankCsvAdapters(header, name).find((r) => r.adapter.format === 'sendgrid-suppressions')!;
    expect(fit(['email', 'created'], 'contacts.csv')).toMatchObject({ accepted: false, match: { missing: [] } });
    expect(detectCsvAdapter(['email', 'created'], 'contacts.csv', 'contacts', 1).adapter.format).toBe('generic-contacts');
    expect(detectCsvAdapter(['email', 'created', 'status', 'plan'], 'crm.csv', 'contacts', 1).adapter.format).toBe('generic-contacts');
    expect(fit(['email', 'created'], 'bounces.csv')).toMatchObject({ accepted: true });
  });

  it('recognises the four exports with --contacts and positionally', () => {
    for (const [name, header] of [
      ['bounces.csv', ['email', 'created', 'reason', 'status']],
      ['blocks.csv', ['email', 'created', 'reason', 'status']],
      ['spam_reports.csv', ['email', 'created', 'ip']],
      ['invalid_emails.csv', ['email', 'created', 'reason']],
    ] as const) {
      expect(detectCsvAdapter(header, name, 'contacts', 1).adapter.format).toBe('sendgrid-suppressions');
      expect(detectCsvAdapter(header, name, 'results', 1).adapter.format).toBe('sendgrid-suppressions');
    }
  });

  it('refuses to bind a forced file whose list cannot be told', () => {
    const match = matchCsvHeader(['email', 'created'], sendgridSuppressionsAdapter);
    const bind = () =>
      sendgridSuppressionsAdapter.bind(match, { file: 'dir/export.csv', header: ['email', 'created'], timezone: 'UTC', fallbackCampaign: 'export', usedFallbackCampaign: () => {} });
    expect(bind).toThrow(InputError);
    expect(bind).toThrow(
      'dir/export.csv: cannot tell which SendGrid suppression list this is: file name "export.csv" names no list, and the header has none of "ip", "status", "reason"; expected a file name containing bounce, block, spam or invalid',
    );
  });
});

describe('the four fixtures (EXPECTED.md, "Suppression exports")', () => {
  it('bounces.csv: 4 contacts, every one hard-bounced (alan too: SendGrid drops every later send to him)', async () => {
    const { sink, summary } = await read(join(FIXTURES, 'bounces.csv'));
    expect(summary).toMatchObject({ format: 'sendgrid-suppressions', layout: 'contacts', rowsRead: 4, rowsUsed: 4, rowsRejected: 0, rowsIgnored: {} });
    expect(summary.columns).toEqual({ used: { email: 'email', created: 'created', reason: 'reason', status: 'status' }, other: [] });
    expect(sink.contacts.map(flags)).toEqual([
      ['edsger.d.lk@outlook.com', true, false],
      ['alan.t.lk@gmail.com', true, false],
      ['radia.p@example.com', true, false],
      ['old.customer@example.net', true, false],
    ]);
    // The quoted reason with a comma arrives whole; every column passes through.
    expect(sink.contacts[3]).toEqual({
      email: 'old.customer@example.net',
      emailKey: 'old.customer@example.net',
      unsubscribed: false,
      hardBounced: true,
      markedSpam: false,
      archived: false,
      columns: { header: ['email', 'created', 'reason', 'status'], values: ['old.customer@example.net', '1780481564', '550 No Such User Here, Goodbye', '5.0.0'] },
    });
    // `created` is checked, not engagement: no activity date is set.
    for (const c of sink.contacts) expect([c.lastSeen, c.lastHeardFrom, c.lastOpenedEmail, c.lastClickedEmail, c.optIn]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('blocks.csv: 2 contacts with no flag (SendGrid still mails blocked addresses)', async () => {
    const { sink, summary } = await read(join(FIXTURES, 'blocks.csv'));
    expect(summary).toMatchObject({ rowsRead: 2, rowsUsed: 2, rowsRejected: 0 });
    expect(sink.contacts.map(flags)).toEqual([
      ['barbara.l.lk@yahoo.com', false, false],
      ['it-desk@example.org', false, false],
    ]);
    expect(sink.contacts.every((c) => !c.unsubscribed && !c.archived)).toBe(true);
  });

  it('spam_reports.csv: 2 contacts marked as spam', async () => {
    const { sink, summary } = await read(join(FIXTURES, 'spam_reports.csv'));
    expect(summary).toMatchObject({ rowsRead: 2, rowsUsed: 2, rowsRejected: 0 });
    expect(summary.columns.used).toEqual({ email: 'email', created: 'created', ip: 'ip' });
    expect(sink.contacts.map(flags)).toEqual([
      ['john.b.lk@hotmail.com', false, true],
      ['margaret.h.lk@gmail.com', false, true],
    ]);
  });

  it('invalid_emails.csv: 1 contact hard-bounced, 1 row rejected (anna.b@@example.com)', async () => {
    const file = join(FIXTURES, 'invalid_emails.csv');
    const { sink, summary } = await read(file);
    expect(summary).toMatchObject({ rowsRead: 2, rowsUsed: 1, rowsRejected: 1 });
    expect(sink.contacts.map(flags)).toEqual([['r.kowalski@larkspur-typo.example', true, false]]);
    expect(sink.rejects).toEqual([
      {
        file,
        line: 3,
        column: 1,
        reason: `email "anna.b@@example.com" is not an email address (more than one @); ${EMAIL_EXPECTED}`,
        fields: ['anna.b@@example.com', '1789911910', 'Invalid email address'],
      },
    ]);
  });
});

describe('dirty rows are rejected one by one, with the column at fault', () => {
  it('rejects the stray values S5 reports in the email column, and garbage in created', async () => {
    const file = writeTemp(
      'bounces.csv',
      [
        'email,created,reason,status',
        '#02232014,1791993610,550 5.1.1 unknown,5.1.1',
        'gmail.com,1791993610,550 5.1.1 unknown,5.1.1',
        'To,1791993610,550 5.1.1 unknown,5.1.1',
        '8/27/2015,1791993610,550 5.1.1 unknown,5.1.1',
        'name@yahoo.comett@domain.com,1791993610,550 5.1.1 unknown,5.1.1',
        ',1791993610,550 5.1.1 unknown,5.1.1',
        'good.epoch@example.com,1791993610,550 5.1.1 unknown,5.1.1',
        'good.iso@example.com,2026-10-14 16:00:10,550 5.1.1 unknown,5.1.1',
        'good.us@example.com,10/14/2026 4:00 PM,550 5.1.1 unknown,5.1.1',
        'bad.created@example.com,yesterday,550 5.1.1 unknown,5.1.1',
        'no.created@example.com,,550 5.1.1 unknown,5.1.1',
        'bad.both,13/13/2026,550 5.1.1 unknown,5.1.1',
        '"""Quoted@Local""@Example.com",1791993610,550 5.1.1 unknown,5.1.1',
      ].join('\n') + '\n',
    );
    const { sink, summary } = await read(file);
    expect(summary).toMatchObject({ rowsRead: 13, rowsUsed: 4, rowsRejected: 9 });
    expect(summary.rowsRead).toBe(summary.rowsUsed + summary.rowsRejected);
    expect(sink.rejects.map((r) => [r.line, r.column, r.reason])).toEqual([
      [2, 1, `email "#02232014" is not an email address; ${EMAIL_EXPECTED}`],
      [3, 1, `email "gmail.com" is not an email address; ${EMAIL_EXPECTED}`],
      [4, 1, `email "To" is not an email address; ${EMAIL_EXPECTED}`],
      [5, 1, `email "8/27/2015" is not an email address; ${EMAIL_EXPECTED}`],
      [6, 1, `email "name@yahoo.comett@domain.com" is not an email address (more than one @); ${EMAIL_EXPECTED}`],
      [7, 1, `empty email; ${EMAIL_EXPECTED}`],
      [11, 2, `created "yesterday" is not a date; ${CREATED_EXPECTED}`],
      [12, 2, `empty created; ${CREATED_EXPECTED}`],
      // Both are wrong: the first problem found (email) is the reject's reason.
      [13, 1, `email "bad.both" is not an email address; ${EMAIL_EXPECTED}`],
    ]);
    expect(sink.rejects[0]!.fields).toEqual(['#02232014', '1791993610', '550 5.1.1 unknown', '5.1.1']);
    expect(sink.contacts.map((c) => [c.email, c.emailKey, c.hardBounced])).toEqual([
      ['good.epoch@example.com', 'good.epoch@example.com', true],
      ['good.iso@example.com', 'good.iso@example.com', true],
      ['good.us@example.com', 'good.us@example.com', true],
      ['"Quoted@Local"@Example.com', '"quoted@local"@example.com', true],
    ]);
  });

  it('suppressionEmail: one @ outside quotes', () => {
    expect(suppressionEmail('Ann@Example.com')).toEqual({ email: { email: 'Ann@Example.com', key: 'ann@example.com' } });
    expect(suppressionEmail('')).toEqual({ problem: 'empty' });
    expect(suppressionEmail('anna.b@@example.com')).toEqual({ problem: 'not an email address (more than one @)' });
    expect(suppressionEmail('a@b@c.com')).toEqual({ problem: 'not an email address (more than one @)' });
    expect(suppressionEmail('ann@example')).toEqual({ problem: 'not an email address' });
  });
});

describe('parseCreated: UNIX seconds or a date string', () => {
  const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);

  it('reads UNIX seconds (and milliseconds) and ISO dates', () => {
    expect(parseCreated('1791993610', 'UTC')).toBe(1791993610000);
    expect(parseCreated('1791993610123', 'UTC')).toBe(1791993610123);
    expect(parseCreated(' 1791993610 ', 'UTC')).toBe(1791993610000);
    expect(parseCreated('2026-10-14 16:00:10', 'UTC')).toBe(utc(2026, 10, 14, 16, 0, 10));
    expect(parseCreated('2026-10-14T16:00:10Z', 'America/Los_Angeles')).toBe(utc(2026, 10, 14, 16, 0, 10));
    expect(parseCreated('2026-10-14', 'UTC')).toBe(utc(2026, 10, 14));
  });

  it('reads US dates, day-first when the first number cannot be a month, and named months', () => {
    expect(parseCreated('10/14/2026', 'UTC')).toBe(utc(2026, 10, 14));
    expect(parseCreated('10/14/2026 4:00 PM', 'UTC')).toBe(utc(2026, 10, 14, 16));
    expect(parseCreated('10/14/2026 12:05 am', 'UTC')).toBe(utc(2026, 10, 14, 0, 5));
    expect(parseCreated('10/14/2026, 16:00:10', 'UTC')).toBe(utc(2026, 10, 14, 16, 0, 10));
    expect(parseCreated('14/10/2026 16:00', 'UTC')).toBe(utc(2026, 10, 14, 16));
    expect(parseCreated('8/27/2015', 'UTC')).toBe(utc(2015, 8, 27));
    expect(parseCreated('5/12/16 2:09', 'UTC')).toBe(utc(2016, 5, 12, 2, 9));
    expect(parseCreated('Oct 14, 2026 4:00 PM', 'UTC')).toBe(utc(2026, 10, 14, 16));
    expect(parseCreated('October 14, 2026', 'UTC')).toBe(utc(2026, 10, 14));
    expect(parseCreated('Sept 3, 2026 at 09:15', 'UTC')).toBe(utc(2026, 9, 3, 9, 15));
  });

  it('reads a date without a zone in --timezone, one with UTC as UTC', () => {
    // 2026-10-14 is in PDT (UTC-7).
    expect(parseCreated('10/14/2026 16:00', 'America/Los_Angeles')).toBe(utc(2026, 10, 14, 23));
    expect(parseCreated('2026-01-14 16:00', 'America/Los_Angeles')).toBe(utc(2026, 1, 15, 0));
    expect(parseCreated('10/14/2026 16:00 UTC', 'America/Los_Angeles')).toBe(utc(2026, 10, 14, 16));
    expect(parseCreated('1791993610', 'America/Los_Angeles')).toBe(1791993610000);
  });

  it('is undefined when empty and NaN for anything else', () => {
    expect(parseCreated('', 'UTC')).toBeUndefined();
    expect(parseCreated('   ', 'UTC')).toBeUndefined();
    for (const garbage of ['To', 'gmail.com', '#02232014', 'yesterday', '1791993610x', '13/13/2026', '2/30/2026', '2/29/2026', '10/14/2026 25:00', '10/14/2026 13:00 PM', '10/14/2026 0:30 AM', 'Foo 14, 2026', 'Ju 14, 2026', '10/14/2026 4 PM', '10-14-2026']) {
      expect([garbage, parseCreated(garbage, 'UTC')]).toEqual([garbage, Number.NaN]);
    }
    expect(parseCreated('2/29/2028', 'UTC')).toBe(utc(2028, 2, 29));
  });
});
