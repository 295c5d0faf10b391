/**
 * The SendGrid samples in fixtures/vendors/sendgrid/, audited by the built CLI: the figures
 * of EXPECTED.md, read from audit.json and the CSV outputs.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFormatName } from '../../src/inputs/adapters.js';
import { parseCsv, readOut, runCli, tempDir, type CliRun } from './run-cli.js';

const DIR = 'fixtures/vendors/sendgrid';
const EVENTS_JSON = `${DIR}/events.json`;
const EVENTS_NDJSON = `${DIR}/events.ndjson`;
const EVENTS_CSV = `${DIR}/events.csv`;
const SUPPRESSIONS = ['bounces.csv', 'blocks.csv', 'spam_reports.csv', 'invalid_emails.csv'].map((f) => `${DIR}/${f}`);

interface Audited {
  run: CliRun;
  audit: any;
  out: string;
  suppressed: Record<string, string>[];
  eligible: Record<string, string>[];
  bounces: Record<string, string>[];
  rejected: Record<string, string>[];
}

function audit(args: readonly string[]): Audited {
  const out = tempDir();
  const run = runCli(['audit', ...args, '--as-of', '2026-11-23', '--out', out]);
  if (run.status !== 0 && run.status !== 1) throw new Error(`deliv audit ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  const csv = (name: string) => {
    try {
      return parseCsv(readOut(out, name));
    } catch {
      return [];
    }
  };
  return {
    run,
    out,
    audit: JSON.parse(readOut(out, 'audit.json')),
    suppressed: csv('suppressed.csv'),
    eligible: csv('eligible.csv'),
    bounces: csv('bounces.csv'),
    rejected: csv('rejected.csv'),
  };
}

/** The counted figures of a campaign, as EXPECTED.md gives them. */
function figures(c: any) {
  const { sent, delivered, deliveredMethod, hardBounces, softBounces, blockBounces, undeterminedBounces, bounced, deferred, dropped, complaints, uniqueOpens, uniqueClicks, unsubscribes } = c;
  return { sent, delivered, deliveredMethod, hardBounces, softBounces, blockBounces, undeterminedBounces, bounced, deferred, dropped, complaints, uniqueOpens, uniqueClicks, unsubscribes };
}

const campaigns = (a: Audited) => Object.fromEntries(a.audit.campaigns.map((c: any) => [c.campaign, c]));
const allFigures = (a: Audited) => a.audit.campaigns.map((c: any) => [c.campaign, figures(c)]);
const suppressedPairs = (a: Audited) => a.suppressed.map((r) => [r['email'], r['reasons']]);
const noReasons = { complained: 0, hard_bounce: 0, spam_trap: 0, unsubscribed: 0, soft_bounce_limit: 0, platform_suppressed: 0, archived: 0, no_opt_in: 0, inactive: 0 };
const verdictReasons = (a: Audited) => a.audit.verdict.reasons.map((r: any) => [r.code, r.campaign, r.numerator, r.denominator]);

const OCTOBER = {
  sent: 9, delivered: 7, deliveredMethod: 'delivered_events', hardBounces: 1, softBounces: 0, blockBounces: 1, undeterminedBounces: 0,
  bounced: 2, deferred: 1, dropped: 1, complaints: 1, uniqueOpens: 4, uniqueClicks: 1, unsubscribes: 2,
};
const PRODUCT_UPDATE = {
  sent: 5, delivered: 3, deliveredMethod: 'delivered_events', hardBounces: 0, softBounces: 1, blockBounces: 1, undeterminedBounces: 0,
  bounced: 2, deferred: 1, dropped: 1, complaints: 0, uniqueOpens: 3, uniqueClicks: 1, unsubscribes: 0,
};
const BLACK_FRIDAY = {
  sent: 3, delivered: 3, deliveredMethod: 'delivered_events', hardBounces: 0, softBounces: 0, blockBounces: 0, undeterminedBounces: 0,
  bounced: 0, deferred: 0, dropped: 1, complaints: 1, uniqueOpens: 1, uniqueClicks: 1, unsubscribes: 0,
};

/** A copy of `file` under its own name in a fresh directory (deliv refuses the same path twice). */
function copyOf(file: string): string {
  const copy = join(tempDir(), basename(file));
  copyFileSync(file, copy);
  return copy;
}

describe('events.json: Event Webhook batches, two API sends', () => {
  const result = audit([EVENTS_JSON]);

  it('is read as a SendGrid event dump, every record accounted for', () => {
    expect(result.audit.inputs).toHaveLength(1);
    expect(result.audit.inputs[0]).toMatchObject({
      file: EVENTS_JSON,
      role: 'results',
      format: 'sendgrid-events',
      container: 'json',
      shape: 'array',
      layout: 'event_log',
      rowsRead: 45,
      rowsUsed: 45,
      rowsRejected: 0,
      rowsIgnored: {},
      campaignFrom: 'marketing_campaign_name, else category',
      campaignFromFileName: 0,
    });
    expect(result.audit.rejectedRows).toBe(0);
  });

  it('gives the October Newsletter and Product Update figures of EXPECTED.md', () => {
    expect(result.audit.campaigns.map((c: any) => c.campaign)).toEqual(['October Newsletter', 'Product Update']);
    const byName = campaigns(result);
    expect(figures(byName['October Newsletter'])).toEqual(OCTOBER);
    expect(figures(byName['Product Update'])).toEqual(PRODUCT_UPDATE);
    expect(byName['October Newsletter']).toMatchObject({ sentAt: '2026-10-14T16:00:01.000Z', complaintRate: 1 / 7, bounceRate: 2 / 9, openRate: 4 / 7, complaintLevel: 'suspended' });
    expect(byName['Product Update']).toMatchObject({ sentAt: '2026-10-28T15:30:01.000Z', complaintRate: 0, bounceRate: 2 / 5, openRate: 1 });
  });

  it('classifies the bounces by their replies: edsger hard, alan soft (SendGrid type bounce), barbara blocked twice', () => {
    expect(result.audit.bounces.byKind).toEqual({ hard: { events: 1, addresses: 1 }, soft: { events: 1, addresses: 1 }, block: { events: 2, addresses: 1 }, undetermined: { events: 0, addresses: 0 } });
    expect(result.bounces.map((b) => [b['email'], b['kind'], b['reason'], b['count'], b['campaign']])).toEqual([
      ['alan.t.lk@gmail.com', 'soft', 'mailbox_full', '1', 'Product Update'],
      ['barbara.l.lk@yahoo.com', 'block', 'policy', '2', 'Product Update'],
      ['edsger.d.lk@outlook.com', 'hard', 'user_unknown', '1', 'October Newsletter'],
    ]);
  });

  it('suppresses the complainer, the hard bounce, the dropped bounced address, the two unsubscribes and, under Intercom’s restriction, the 6 who never opened or clicked', () => {
    // Intercom's bounce-rate trigger restricts sending to active users: only ada, grace, katherine,
    // margaret and tim opened or clicked (October and Product Update, both within 180 days).
    expect(result.audit.audience).toMatchObject({ total: 11, fromContacts: 0, logOnly: 11, eligible: 4, suppressed: 7, active: 5, restrictedToActive: true });
    expect(result.audit.audience.suppressedByReason).toEqual({ ...noReasons, complained: 1, hard_bounce: 2, unsubscribed: 2, inactive: 6 });
    expect(suppressedPairs(result)).toEqual([
      ['alan.t.lk@gmail.com', 'inactive'],
      ['barbara.l.lk@yahoo.com', 'inactive'],
      ['edsger.d.lk@outlook.com', 'hard_bounce;inactive'],
      ['frances.a@example.net', 'unsubscribed;inactive'],
      ['john.b.lk@hotmail.com', 'complained;inactive'],
      ['radia.p@example.com', 'hard_bounce;inactive'],
      ['tim.bl@example.org', 'unsubscribed'],
    ]);
    expect(result.eligible.map((r) => r['email'])).toEqual(['ada.lovelace@example.com', 'grace.hopper@example.org', 'katherine.j.lk@gmail.com', 'margaret.h.lk@gmail.com']);
  });

  it('ends suspended (a complaint rate of 14.29%), exit status 1; Intercom restricted (bounce rate 4/14 = 28.57%)', () => {
    expect(result.run.status).toBe(1);
    expect(result.audit.verdict.level).toBe('suspended');
    expect(verdictReasons(result)).toEqual([
      ['emma.suspended', 'October Newsletter', 1, 7],
      ['intercom.bounce_rate', undefined, 4, 14],
    ]);
    expect(result.audit.verdict.byPolicy).toEqual({ emma: 'suspended', intercom: 'restricted', gmail: 'ok', yahoo: 'ok', microsoft: 'ok' });
  });

  it('counts the re-delivered open once: without the duplicate sg_event_id every figure is the same', () => {
    const records = JSON.parse(readFileSync(EVENTS_JSON, 'utf8')) as { sg_event_id: string }[];
    const ids = records.map((r) => r.sg_event_id);
    const duplicate = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    expect(ids[duplicate]).toBe('8j15l5yMDl9xZtLAeFKOLy==');
    expect(new Set(ids).size).toBe(44);
    const file = join(tempDir(), 'events.json');
    writeFileSync(file, JSON.stringify(records.filter((_, i) => i !== duplicate)));
    const unique = audit([file]);
    expect(unique.audit.inputs[0]).toMatchObject({ rowsRead: 44, rowsUsed: 44, rowsRejected: 0 });
    expect(allFigures(unique)).toEqual(allFigures(result));
    expect(unique.audit.audience).toEqual(result.audit.audience);
    expect(suppressedPairs(unique)).toEqual(suppressedPairs(result));
  });

  it('changes nothing when fed twice (the dump and a copy of it)', () => {
    const twice = audit([EVENTS_JSON, copyOf(EVENTS_JSON)]);
    expect(twice.audit.inputs.map((i: any) => [i.format, i.rowsRead, i.rowsUsed, i.rowsRejected])).toEqual([
      ['sendgrid-events', 45, 45, 0],
      ['sendgrid-events', 45, 45, 0],
    ]);
    expect(allFigures(twice)).toEqual(allFigures(result));
    expect(twice.audit.campaigns.map((c: any) => [c.complaintRate, c.bounceRate, c.openRate])).toEqual(result.audit.campaigns.map((c: any) => [c.complaintRate, c.bounceRate, c.openRate]));
    expect(twice.audit.bounces.byKind).toEqual(result.audit.bounces.byKind);
    expect(twice.bounces).toEqual(result.bounces);
    expect(twice.audit.audience).toEqual(result.audit.audience);
    expect(suppressedPairs(twice)).toEqual(suppressedPairs(result));
    expect(twice.audit.verdict.level).toBe('suspended');
  });
});

describe('events.ndjson: a Marketing Campaigns single send (category [])', () => {
  const result = audit([EVENTS_NDJSON]);

  it('names the campaign from marketing_campaign_name and gives the Black Friday Preview figures', () => {
    expect(result.audit.inputs[0]).toMatchObject({ format: 'sendgrid-events', container: 'json', shape: 'lines', rowsRead: 10, rowsUsed: 10, rowsRejected: 0, rowsIgnored: {}, campaignFromFileName: 0 });
    expect(result.audit.campaigns.map((c: any) => c.campaign)).toEqual(['Black Friday Preview']);
    expect(figures(result.audit.campaigns[0])).toEqual(BLACK_FRIDAY);
    expect(result.audit.campaigns[0]).toMatchObject({ sentAt: '2026-11-17T14:00:01.000Z', complaintRate: 1 / 3, bounceRate: 0, openRate: 1 / 3 });
  });

  it('counts a group_resubscribe as read and used but ignored, changing no figure', () => {
    const resubscribe = {
      category: [], email: 'ada.lovelace@example.com', event: 'group_resubscribe', marketing_campaign_id: 40213, marketing_campaign_name: 'Black Friday Preview',
      sg_event_id: 'rS7uBq2Lk9XwVn4TcPd1Ha==', sg_message_id: 'fkC8jthifnAGk7M5hWZLoQ.recvd-7f9c6dno3x-x2k6b-1-USM1KD7F-6.0', timestamp: 1794930000, asm_group_id: 12,
    };
    const file = join(tempDir(), 'events.ndjson');
    writeFileSync(file, `${readFileSync(EVENTS_NDJSON, 'utf8').trimEnd()}\n${JSON.stringify(resubscribe)}\n`);
    const withResubscribe = audit([file]);
    expect(withResubscribe.audit.inputs[0]).toMatchObject({ rowsRead: 11, rowsUsed: 11, rowsRejected: 0, rowsIgnored: { 'group_resubscribe event': 1 } });
    expect(allFigures(withResubscribe)).toEqual(allFigures(result));
    expect(withResubscribe.audit.audience).toEqual(result.audit.audience);
  });
});

describe('events.json + events.ndjson: the three campaigns together', () => {
  const result = audit([EVENTS_JSON, EVENTS_NDJSON]);

  it('gives each campaign its own figures, and the audience of the 11 recipients (3 eligible under Intercom’s restriction)', () => {
    expect(allFigures(result)).toEqual([
      ['October Newsletter', OCTOBER],
      ['Product Update', PRODUCT_UPDATE],
      ['Black Friday Preview', BLACK_FRIDAY],
    ]);
    expect(result.audit.inputs.map((i: any) => [i.file, i.format, i.rowsRead, i.rowsUsed + i.rowsRejected])).toEqual([
      [EVENTS_JSON, 'sendgrid-events', 45, 45],
      [EVENTS_NDJSON, 'sendgrid-events', 10, 10],
    ]);
    // Bounce rate 4/17 over the three campaigns, above Intercom's 3%: the 6 recipients without an open or a
    // click are suppressed as inactive (alan and barbara for that alone); margaret, who opened in October, is not.
    expect(verdictReasons(result)).toEqual([
      ['emma.suspended', 'October Newsletter', 1, 7],
      ['emma.suspended', 'Black Friday Preview', 1, 3],
      ['intercom.bounce_rate', undefined, 4, 17],
    ]);
    expect(result.audit.audience).toMatchObject({ total: 11, logOnly: 11, eligible: 3, suppressed: 8, active: 5, restrictedToActive: true });
    expect(result.audit.audience.suppressedByReason).toEqual({ ...noReasons, complained: 2, hard_bounce: 2, unsubscribed: 2, inactive: 6 });
    expect(result.eligible.map((r) => r['email'])).toEqual(['ada.lovelace@example.com', 'grace.hopper@example.org', 'katherine.j.lk@gmail.com']);
    expect(result.audit.bounces.byKind).toEqual({ hard: { events: 1, addresses: 1 }, soft: { events: 1, addresses: 1 }, block: { events: 2, addresses: 1 }, undetermined: { events: 0, addresses: 0 } });
  });

  it('changes nothing when events.json comes twice', () => {
    const twice = audit([EVENTS_JSON, EVENTS_NDJSON, copyOf(EVENTS_JSON)]);
    expect(allFigures(twice)).toEqual(allFigures(result));
    expect(twice.audit.audience).toEqual(result.audit.audience);
    expect(suppressedPairs(twice)).toEqual(suppressedPairs(result));
  });
});

/** The suppression exports' rows: 4 + 2 + 2 + 2 read, 9 used, 1 rejected. */
const SUPPRESSION_ROWS = [
  ['bounces.csv', 4, 4, 0],
  ['blocks.csv', 2, 2, 0],
  ['spam_reports.csv', 2, 2, 0],
  ['invalid_emails.csv', 2, 1, 1],
];
const REJECTED_ROW = {
  file: `${DIR}/invalid_emails.csv`,
  line: '3',
  column: '1',
  reason: 'email "anna.b@@example.com" is not an email address (more than one @); expected an email address such as name@example.com',
  row: 'anna.b@@example.com,1789911910,Invalid email address',
};

describe('the four suppression exports, positionally', () => {
  const result = audit(SUPPRESSIONS);

  it('are read as SendGrid suppression exports: rows read = used + rejected', () => {
    expect(result.audit.inputs.map((i: any) => [basename(i.file), i.format, i.role, i.layout, i.rowsRead, i.rowsUsed, i.rowsRejected])).toEqual(
      SUPPRESSION_ROWS.map(([f, read, used, rejected]) => [f, 'sendgrid-suppressions', 'results', 'contacts', read, used, rejected]),
    );
    for (const i of result.audit.inputs) expect(i.rowsRead).toBe(i.rowsUsed + i.rowsRejected);
    expect(result.audit.inputs.map((i: any) => i.notes)).toEqual([
      ['SendGrid bounces list (file name "bounces.csv" contains "bounce"): every address is marked hard-bounced, since SendGrid drops every later send to it; "created" is checked, not counted as activity.'],
      ['SendGrid blocks list (file name "blocks.csv" contains "block"): no address is suppressed for it, since SendGrid still sends to blocked addresses; "created" is checked, not counted as activity.'],
      ['SendGrid spam reports list (file name "spam_reports.csv" contains "spam"): every address is marked as having complained; "created" is checked, not counted as activity.'],
      ['SendGrid invalid emails list (file name "invalid_emails.csv" contains "invalid"): every address is marked hard-bounced, since SendGrid drops every later send to it; "created" is checked, not counted as activity.'],
    ]);
    expect(result.audit.rejectedRows).toBe(1);
    expect(result.rejected).toEqual([REJECTED_ROW]);
  });

  it('name 9 contacts: bounces and invalid emails hard-bounced, spam reports complained, blocks eligible', () => {
    expect(result.audit.campaigns).toEqual([]);
    expect(result.audit.audience).toMatchObject({ total: 9, fromContacts: 9, logOnly: 0, duplicateContactRows: 0, eligible: 2, suppressed: 7, active: 0 });
    expect(result.audit.audience.suppressedByReason).toEqual({ ...noReasons, complained: 2, hard_bounce: 5 });
    expect(result.suppressed).toEqual([
      { email: 'alan.t.lk@gmail.com', reasons: 'hard_bounce', detail: `marked as hard-bounced (${DIR}/bounces.csv)` },
      { email: 'edsger.d.lk@outlook.com', reasons: 'hard_bounce', detail: `marked as hard-bounced (${DIR}/bounces.csv)` },
      { email: 'john.b.lk@hotmail.com', reasons: 'complained', detail: `marked email as spam (${DIR}/spam_reports.csv)` },
      { email: 'margaret.h.lk@gmail.com', reasons: 'complained', detail: `marked email as spam (${DIR}/spam_reports.csv)` },
      { email: 'old.customer@example.net', reasons: 'hard_bounce', detail: `marked as hard-bounced (${DIR}/bounces.csv)` },
      { email: 'r.kowalski@larkspur-typo.example', reasons: 'hard_bounce', detail: `marked as hard-bounced (${DIR}/invalid_emails.csv)` },
      { email: 'radia.p@example.com', reasons: 'hard_bounce', detail: `marked as hard-bounced (${DIR}/bounces.csv)` },
    ]);
    // Blocked addresses stay mailable, with their export columns passed through.
    expect(result.eligible).toEqual([
      {
        email: 'barbara.l.lk@yahoo.com',
        created: '1793216720',
        reason: '554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes',
        status: '5.7.9',
        ip: '',
      },
      { email: 'it-desk@example.org', created: '1789470151', reason: 'error dialing remote address: dial tcp 192.0.2.45:25: i/o timeout', status: '4.0.0', ip: '' },
    ]);
    // No campaign, nothing to judge: the verdict is ok.
    expect(result.run.status).toBe(0);
    expect(result.audit.verdict.level).toBe('ok');
  });

  it('change nothing when the bounce export comes twice', () => {
    const twice = audit([...SUPPRESSIONS, copyOf(SUPPRESSIONS[0]!)]);
    expect(twice.audit.audience).toEqual({ ...result.audit.audience, duplicateContactRows: 4 });
    expect(suppressedPairs(twice)).toEqual(suppressedPairs(result));
  });
});

describe('events.json + events.ndjson with the four suppression exports as --contacts', () => {
  const contacts = SUPPRESSIONS.flatMap((f) => ['--contacts', f]);
  const result = audit([EVENTS_JSON, EVENTS_NDJSON, ...contacts]);

  it('reads the exports as contact files first, then the dumps', () => {
    expect(result.audit.inputs.map((i: any) => [basename(i.file), i.format, i.role, i.rowsRead, i.rowsUsed, i.rowsRejected])).toEqual([
      ...SUPPRESSION_ROWS.map(([f, read, used, rejected]) => [f, 'sendgrid-suppressions', 'contacts', read, used, rejected]),
      ['events.json', 'sendgrid-events', 'results', 45, 45, 0],
      ['events.ndjson', 'sendgrid-events', 'results', 10, 10, 0],
    ]);
    expect(result.rejected).toEqual([REJECTED_ROW]);
  });

  it('leaves every campaign figure as the dumps alone give it', () => {
    expect(allFigures(result)).toEqual([
      ['October Newsletter', OCTOBER],
      ['Product Update', PRODUCT_UPDATE],
      ['Black Friday Preview', BLACK_FRIDAY],
    ]);
  });

  it('merges by address: 9 contacts from the exports plus 5 only in the logs; 11 suppressed, 3 eligible under Intercom’s restriction', () => {
    // Bounce rate 4/17, above Intercom's 3%: sending is restricted to active users. The exports' `created`
    // is no activity, so only the 5 who opened or clicked in the logs are active.
    expect(verdictReasons(result)).toEqual([
      ['emma.suspended', 'October Newsletter', 1, 7],
      ['emma.suspended', 'Black Friday Preview', 1, 3],
      ['intercom.bounce_rate', undefined, 4, 17],
    ]);
    expect(result.audit.audience).toMatchObject({ total: 14, fromContacts: 9, logOnly: 5, duplicateContactRows: 0, eligible: 3, suppressed: 11, active: 5, restrictedToActive: true });
    expect(result.audit.audience.suppressedByReason).toEqual({ ...noReasons, complained: 2, hard_bounce: 5, unsubscribed: 2, inactive: 9 });
    expect(suppressedPairs(result)).toEqual([
      ['alan.t.lk@gmail.com', 'hard_bounce;inactive'],
      ['barbara.l.lk@yahoo.com', 'inactive'],
      ['edsger.d.lk@outlook.com', 'hard_bounce;inactive'],
      ['frances.a@example.net', 'unsubscribed;inactive'],
      ['it-desk@example.org', 'inactive'],
      ['john.b.lk@hotmail.com', 'complained;inactive'],
      ['margaret.h.lk@gmail.com', 'complained'],
      ['old.customer@example.net', 'hard_bounce;inactive'],
      ['r.kowalski@larkspur-typo.example', 'hard_bounce;inactive'],
      ['radia.p@example.com', 'hard_bounce;inactive'],
      ['tim.bl@example.org', 'unsubscribed'],
    ]);
    // The logs explain an address before the export does.
    expect(result.suppressed.find((r) => r['email'] === 'edsger.d.lk@outlook.com')!['detail']).toBe(
      'hard bounce 550-5.5.0 on 2026-10-14 in "October Newsletter"; no recorded activity (last seen, heard from, opened or clicked) while sending is restricted to active users',
    );
    // Blocks still suppress no one: barbara and it-desk are suppressed only as inactive (their columns
    // passing through are checked on the exports alone, above). The eligible keep the exports' header.
    expect(result.eligible).toEqual([
      { email: 'ada.lovelace@example.com', created: '', reason: '', status: '', ip: '' },
      { email: 'grace.hopper@example.org', created: '', reason: '', status: '', ip: '' },
      { email: 'katherine.j.lk@gmail.com', created: '', reason: '', status: '', ip: '' },
    ]);
  });

  it('changes no figure and no suppression when events.json comes twice', () => {
    const twice = audit([EVENTS_JSON, EVENTS_NDJSON, copyOf(EVENTS_JSON), ...contacts]);
    expect(allFigures(twice)).toEqual(allFigures(result));
    expect(twice.audit.audience).toEqual(result.audit.audience);
    expect(twice.suppressed).toEqual(result.suppressed);
    expect(twice.eligible).toEqual(result.eligible);
  });
});

// events.csv needs the `sendgrid-events-csv` registry line (see src/inputs/sendgrid/events-csv.ts).
describe.runIf(isFormatName('sendgrid-events-csv'))('events.csv: the same events as CSV', () => {
  it('is read as a SendGrid event CSV: 13 rows, the group_resubscribe ignored', () => {
    const result = audit([EVENTS_CSV]);
    expect(result.audit.inputs[0]).toMatchObject({
      file: EVENTS_CSV,
      format: 'sendgrid-events-csv',
      container: 'csv',
      delimiter: ',',
      rowsRead: 13,
      rowsUsed: 13,
      rowsRejected: 0,
      rowsIgnored: { 'group_resubscribe event': 1 },
      campaignFromFileName: 0,
    });
    expect(allFigures(result)).toEqual([
      [
        'Product Update',
        {
          sent: 4, delivered: 2, deliveredMethod: 'delivered_events', hardBounces: 0, softBounces: 1, blockBounces: 1, undeterminedBounces: 0,
          bounced: 2, deferred: 1, dropped: 1, complaints: 0, uniqueOpens: 1, uniqueClicks: 1, unsubscribes: 0,
        },
      ],
    ]);
    expect(result.audit.campaigns[0]).toMatchObject({ bounceRate: 0.5, openRate: 0.5, complaintRate: 0 });
  });

  it('adds nothing to events.json: every figure is that of events.json alone', () => {
    const alone = audit([EVENTS_JSON]);
    const both = audit([EVENTS_JSON, EVENTS_CSV]);
    expect(allFigures(both)).toEqual(allFigures(alone));
    expect(both.audit.audience).toEqual(alone.audit.audience);
    expect(suppressedPairs(both)).toEqual(suppressedPairs(alone));
  });
});
