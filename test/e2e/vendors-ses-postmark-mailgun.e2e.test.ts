/**
 * The SES, Postmark and Mailgun samples in fixtures/vendors/, audited by the built CLI: the
 * figures of each folder's EXPECTED.md, read from audit.json, suppressed.csv and bounces.csv.
 */
import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, readOut, runCli, tempDir } from './run-cli.js';

interface Audited {
  status: number | null;
  stderr: string;
  audit: any;
  suppressed: Record<string, string>;
  bounces: Record<string, { kind: string; reason: string }>;
}

function audit(files: readonly string[]): Audited {
  const out = tempDir();
  const run = runCli(['audit', ...files, '--as-of', '2026-11-23', '--out', out, '--fail-on', 'never', '-q']);
  if (run.status !== 0) throw new Error(`deliv audit ${files.join(' ')} exited ${run.status}: ${run.stderr}`);
  return {
    status: run.status,
    stderr: run.stderr,
    audit: JSON.parse(readOut(out, 'audit.json')),
    suppressed: Object.fromEntries(parseCsv(readOut(out, 'suppressed.csv')).map((r) => [r['email'], r['reasons']])),
    bounces: Object.fromEntries(parseCsv(readOut(out, 'bounces.csv')).map((r) => [r['email'], { kind: r['kind']!, reason: r['reason']! }])),
  };
}

/** The counted figures of a campaign (what EXPECTED.md gives), without its files and ladder. */
function figures(campaign: any) {
  const { sent, delivered, deliveredMethod, hardBounces, softBounces, blockBounces, undeterminedBounces, bounced, deferred, dropped, complaints, uniqueOpens, uniqueClicks, unsubscribes } = campaign;
  return { sent, delivered, deliveredMethod, hardBounces, softBounces, blockBounces, undeterminedBounces, bounced, deferred, dropped, complaints, uniqueOpens, uniqueClicks, unsubscribes };
}

function byName(result: Audited): Record<string, any> {
  return Object.fromEntries(result.audit.campaigns.map((c: any) => [c.campaign, c]));
}

const noReasons = { complained: 0, hard_bounce: 0, spam_trap: 0, unsubscribed: 0, soft_bounce_limit: 0, platform_suppressed: 0, archived: 0, no_opt_in: 0, inactive: 0 };

/** The Intercom reason of a run: its bounce-rate trigger (3%), over every campaign audited. */
function intercomBounceRate(result: Audited): [number, number] | undefined {
  const reason = result.audit.verdict.reasons.find((r: any) => r.code === 'intercom.bounce_rate');
  return reason && [reason.numerator, reason.denominator];
}

/** The same dump passed twice (a copy under the same name elsewhere) changes no figure. */
function expectIdempotent(file: string, once: Audited): void {
  const copy = join(tempDir(), basename(file));
  copyFileSync(file, copy);
  const twice = audit([file, copy]);
  expect(twice.status).toBe(0);
  const strip = (c: any) => ({ ...c, files: undefined });
  expect(twice.audit.campaigns.map(strip)).toEqual(once.audit.campaigns.map(strip));
  expect(twice.audit.audience).toEqual(once.audit.audience);
  expect(twice.suppressed).toEqual(once.suppressed);
  expect(twice.bounces).toEqual(once.bounces);
  expect(twice.audit.verdict.level).toBe(once.audit.verdict.level);
  expect(twice.audit.inputs.map((i: any) => i.rowsRead)).toEqual([once.audit.inputs[0].rowsRead, once.audit.inputs[0].rowsRead]);
}

describe('ses/events.jsonl: SES event publishing', () => {
  const file = 'fixtures/vendors/ses/events.jsonl';
  const result = audit([file]);

  it('reads 36 records, two of them understood but not counted', () => {
    expect(result.status).toBe(0);
    expect(result.audit.inputs).toHaveLength(1);
    expect(result.audit.inputs[0]).toMatchObject({
      format: 'ses-events',
      shape: 'lines',
      rowsRead: 36,
      rowsUsed: 36,
      rowsRejected: 0,
      rowsIgnored: { 'Complaint with feedback type not-spam (not a complaint)': 1, 'Rendering Failure event (the message was not sent)': 1 },
      campaignFromFileName: 0,
      bouncesOnly: false,
    });
    expect(result.audit.inputs[0].rowsRead).toBe(result.audit.inputs[0].rowsUsed + result.audit.inputs[0].rowsRejected);
  });

  it('November Digest: sent 10 (11 Send recipients less priya, suppressed), delivered 7, 2 hard, 1 soft, 1 complaint', () => {
    const digest = byName(result)['November Digest'];
    expect(figures(digest)).toEqual({
      sent: 10,
      delivered: 7,
      deliveredMethod: 'delivered_events',
      hardBounces: 2,
      softBounces: 1,
      blockBounces: 0,
      undeterminedBounces: 0,
      bounced: 3,
      deferred: 1, // chen's DeliveryDelay before his Transient bounce
      dropped: 2, // priya (Suppressed) and zoe (Reject, never in a Send)
      complaints: 1,
      uniqueOpens: 2,
      uniqueClicks: 1,
      unsubscribes: 1,
    });
    expect(digest).toMatchObject({ sentAt: '2026-11-10T15:00:01.120Z', complaintRate: 1 / 7, bounceRate: 3 / 10, openRate: 2 / 7, complaintLevel: 'suspended' });
  });

  it('Webinar Invite: sent 2 (noor on the account suppression list), delivered 2, 1 open', () => {
    const webinar = byName(result)['Webinar Invite'];
    expect(figures(webinar)).toEqual({
      sent: 2,
      delivered: 2,
      deliveredMethod: 'delivered_events',
      hardBounces: 0,
      softBounces: 0,
      blockBounces: 0,
      undeterminedBounces: 0,
      bounced: 0,
      deferred: 0,
      dropped: 1,
      complaints: 0,
      uniqueOpens: 1,
      uniqueClicks: 0,
      unsubscribes: 0,
    });
    expect(webinar).toMatchObject({ sentAt: '2026-11-18T17:00:01.010Z', complaintRate: 0, bounceRate: 0, openRate: 0.5 });
    expect(result.audit.campaigns.map((c: any) => c.campaign)).toEqual(['November Digest', 'Webinar Invite']);
  });

  it('bounces classified by code and text; suppressions from bounces, SES suppression lists, the complaint, the unsubscribe and, under Intercom’s restriction, every recipient who never opened or clicked', () => {
    expect(result.bounces).toEqual({
      'chen.l@example.org': { kind: 'soft', reason: 'mailbox_full' },
      'noor.h.lk@outlook.com': { kind: 'hard', reason: 'user_unknown' },
      'sales-team@example.com': { kind: 'hard', reason: 'user_unknown' },
    });
    // Bounce rate 3/12 (Digest 3/10, Webinar 0/2), above Intercom's 3%: sending is restricted to active
    // users, and only lin.w and omar.k opened or clicked. A delivery, complaint or unsubscribe is no activity.
    expect(intercomBounceRate(result)).toEqual([3, 12]);
    expect(result.suppressed).toEqual({
      'chen.l@example.org': 'inactive',
      'finance-team@example.com': 'inactive',
      'ivan.p.lk@outlook.com': 'inactive',
      'mateo.g@example.com': 'unsubscribed;inactive',
      'noor.h.lk@outlook.com': 'hard_bounce;platform_suppressed;inactive',
      'ops-team@example.com': 'inactive',
      'priya.s.lk@yahoo.com': 'hard_bounce;inactive',
      'sales-team@example.com': 'hard_bounce;inactive',
      'sofia.r.lk@yahoo.com': 'complained;inactive',
      'zoe.k@example.com': 'inactive',
    });
    // 11 Send recipients of the Digest plus zoe (Reject); ivan's not-spam report suppresses nothing (he goes as inactive only).
    expect(result.audit.audience).toMatchObject({
      total: 12,
      logOnly: 12,
      eligible: 2,
      suppressed: 10,
      active: 2,
      restrictedToActive: true,
      suppressedByReason: { ...noReasons, complained: 1, hard_bounce: 3, unsubscribed: 1, platform_suppressed: 1, inactive: 10 },
    });
    expect(result.audit.verdict.level).toBe('suspended');
  });

  it('feeding the dump twice changes nothing (Sofia\'s duplicate complaint already counts once)', () => {
    expectIdempotent(file, result);
  });
});

describe('ses/sns-notifications.json: SNS-wrapped identity notifications', () => {
  const file = 'fixtures/vendors/ses/sns-notifications.json';
  const result = audit([file]);

  it('unwraps 6 envelopes; no tags, so one campaign named after the file', () => {
    expect(result.status).toBe(0);
    expect(result.audit.inputs[0]).toMatchObject({ format: 'ses-events', shape: 'array', rowsRead: 6, rowsUsed: 6, rowsRejected: 0, rowsIgnored: {}, campaignFromFileName: 6 });
    expect(result.audit.campaigns.map((c: any) => c.campaign)).toEqual(['sns-notifications']);
  });

  it('3 delivered + 2 proven by complaints, 1 hard, 1 soft, slow.server deferred, 2 complaints; all 8 inactive under Intercom’s restriction', () => {
    const campaign = result.audit.campaigns[0];
    expect(figures(campaign)).toEqual({
      sent: 8,
      delivered: 5,
      deliveredMethod: 'delivered_events',
      hardBounces: 1,
      softBounces: 1,
      blockBounces: 0,
      undeterminedBounces: 0,
      bounced: 2,
      deferred: 1,
      dropped: 0,
      complaints: 2,
      uniqueOpens: null,
      uniqueClicks: null,
      unsubscribes: 0,
    });
    // Events are dated by their own timestamp (hana's delivery), not mail.timestamp.
    expect(campaign).toMatchObject({ sentAt: '2026-11-05T14:05:47.311Z', complaintRate: 2 / 5, bounceRate: 2 / 8 });
    expect(result.bounces).toEqual({
      'busy.box@example.com': { kind: 'soft', reason: 'expired' },
      'old.address@example.net': { kind: 'hard', reason: 'user_unknown' },
    });
    // Bounce rate 2/8, above Intercom's 3%: restricted to active users. Identity notifications carry no
    // opens or clicks, so no recipient has recorded activity and all 8 are suppressed as inactive.
    expect(intercomBounceRate(result)).toEqual([2, 8]);
    expect(result.suppressed).toEqual({
      'busy.box@example.com': 'inactive',
      'eli.s.lk@outlook.com': 'complained;inactive',
      'hana.m@example.com': 'inactive',
      'kai.w.lk@yahoo.com': 'complained;inactive',
      'li.na@example.com': 'inactive',
      'old.address@example.net': 'hard_bounce;inactive',
      'raj.p@example.com': 'inactive',
      'slow.server@example.org': 'inactive',
    });
    expect(result.audit.audience).toMatchObject({ total: 8, eligible: 0, suppressed: 8, active: 0, restrictedToActive: true, suppressedByReason: { ...noReasons, complained: 2, hard_bounce: 1, inactive: 8 } });
  });

  it('feeding the dump twice changes nothing', () => {
    expectIdempotent(file, result);
  });
});

describe('postmark/bounces.json: Bounces API answer', () => {
  const file = 'fixtures/vendors/postmark/bounces.json';
  const result = audit([file]);

  it('reads 8 bounce records from the wrapper; a bounce-only source; 2 untagged', () => {
    expect(result.status).toBe(0);
    expect(result.audit.inputs[0]).toMatchObject({
      format: 'postmark-bounces',
      shape: 'wrapped',
      rowsRead: 8,
      rowsUsed: 8,
      rowsRejected: 0,
      rowsIgnored: {},
      campaignFrom: 'Tag',
      campaignFromFileName: 2,
      bouncesOnly: true,
    });
  });

  it('per Tag: counts, no rates (no send data)', () => {
    const campaigns = byName(result);
    expect(Object.keys(campaigns).sort()).toEqual(['Trial Ending', 'Welcome Series', 'bounces']);
    const common = { deliveredMethod: 'no_send_data', undeterminedBounces: 0, uniqueOpens: null, uniqueClicks: null, unsubscribes: 0 };
    // sent = recipients with an event; delivered = only what the records prove (a complaint
    // proves delivery; a deferral does not), and without send data no rate is built on them.
    expect(figures(campaigns['Trial Ending'])).toEqual({ ...common, sent: 3, delivered: 1, hardBounces: 1, softBounces: 1, blockBounces: 0, bounced: 2, deferred: 0, dropped: 0, complaints: 1 });
    expect(figures(campaigns['Welcome Series'])).toEqual({ ...common, sent: 3, delivered: 0, hardBounces: 0, softBounces: 0, blockBounces: 2, bounced: 2, deferred: 1, dropped: 0, complaints: 0 });
    // Untagged: shafi's DMARC block, dennis's manual deactivation (not sent).
    expect(figures(campaigns['bounces'])).toEqual({ ...common, sent: 1, delivered: 0, hardBounces: 0, softBounces: 0, blockBounces: 1, bounced: 1, deferred: 0, dropped: 1, complaints: 0 });
    for (const c of result.audit.campaigns) {
      expect([c.complaintRate, c.bounceRate, c.hardBounceRate, c.openRate, c.clickRate]).toEqual([null, null, null, null, null]);
    }
    // The first bounce (linus) is BouncedAt 2026-11-12T09:00:07.2735393-05:00: seven digits and an offset.
    expect(campaigns['Trial Ending'].sentAt).toBe('2026-11-12T14:00:07.273Z');
    expect(campaigns['Welcome Series'].sentAt).toBe('2026-11-03T19:02:36.887Z');
  });

  it('classifies by Type and text; suppresses linus (hard), ken (complaint) and dennis (deactivated in Postmark)', () => {
    expect(result.bounces).toEqual({
      'hedy.l.lk@gmail.com': { kind: 'block', reason: 'spam_content' },
      'john.m.lk@outlook.com': { kind: 'block', reason: 'spam_content' },
      'linus.t@example.net': { kind: 'hard', reason: 'user_unknown' },
      'mary.k.lk@yahoo.com': { kind: 'soft', reason: 'mailbox_full' },
      'shafi.g@example.com': { kind: 'block', reason: 'auth_failure' },
    });
    expect(result.suppressed).toEqual({ 'dennis.r@example.com': 'platform_suppressed', 'ken.t@example.org': 'complained', 'linus.t@example.net': 'hard_bounce' });
    // Bounce-only: no sends, so no bounce rate for Intercom's trigger, no restriction, nobody suppressed as inactive.
    expect(result.audit.audience).toMatchObject({ total: 8, eligible: 5, suppressed: 3, restrictedToActive: false, suppressedByReason: { ...noReasons, complained: 1, hard_bounce: 1, platform_suppressed: 1 } });
    expect(intercomBounceRate(result)).toBeUndefined();
    expect(result.audit.verdict.level).toBe('ok');
  });

  it('feeding the dump twice changes nothing', () => {
    expectIdempotent(file, result);
  });
});

describe('mailgun/events.json: Events API page', () => {
  const file = 'fixtures/vendors/mailgun/events.json';
  const result = audit([file]);

  it('reads 25 events from the items wrapper, campaign from tags', () => {
    expect(result.status).toBe(0);
    expect(result.audit.inputs[0]).toMatchObject({ format: 'mailgun-events', shape: 'wrapped', rowsRead: 25, rowsUsed: 25, rowsRejected: 0, rowsIgnored: {}, campaignFromFileName: 0, bouncesOnly: false });
  });

  it('community-digest: sent 8 (lars suppressed), delivered 5, 1 hard, 1 block, 2 deferred, 1 complaint', () => {
    expect(result.audit.campaigns.map((c: any) => c.campaign)).toEqual(['community-digest']);
    const campaign = result.audit.campaigns[0];
    expect(figures(campaign)).toEqual({
      sent: 8,
      delivered: 5,
      deliveredMethod: 'delivered_events',
      hardBounces: 1,
      softBounces: 0,
      blockBounces: 1,
      undeterminedBounces: 0,
      bounced: 2,
      deferred: 2,
      dropped: 1,
      complaints: 1,
      uniqueOpens: 2,
      uniqueClicks: 1,
      unsubscribes: 1,
    });
    expect(campaign).toMatchObject({ sentAt: '2026-11-04T16:00:00.100Z', complaintRate: 1 / 5, bounceRate: 2 / 8, openRate: 2 / 5, complaintLevel: 'suspended' });
  });

  it('tomas is a block, yuki hard; lars suppressed through his dropped send; under Intercom’s restriction only amara and diego stay eligible', () => {
    expect(result.bounces).toEqual({
      'tomas.v.lk@gmail.com': { kind: 'block', reason: 'spam_content' },
      'yuki.t.lk@yahoo.com': { kind: 'hard', reason: 'user_unknown' },
    });
    // Bounce rate 2/8 (yuki, tomas), above Intercom's 3%: restricted to active users, and only amara and
    // diego opened or clicked. tomas's block suppresses nothing by itself: he goes as inactive only.
    expect(intercomBounceRate(result)).toEqual([2, 8]);
    expect(result.suppressed).toEqual({
      'fatima.z.lk@outlook.com': 'inactive',
      'ingrid.b@example.com': 'unsubscribed;inactive',
      'lars.n@example.org': 'hard_bounce;inactive',
      'olu.a.lk@yahoo.com': 'complained;inactive',
      'pierre.l@example.net': 'inactive',
      'tomas.v.lk@gmail.com': 'inactive',
      'yuki.t.lk@yahoo.com': 'hard_bounce;inactive',
    });
    expect(result.audit.audience).toMatchObject({ total: 9, eligible: 2, suppressed: 7, active: 2, restrictedToActive: true, suppressedByReason: { ...noReasons, complained: 1, hard_bounce: 2, unsubscribed: 1, inactive: 7 } });
    expect(result.audit.verdict.level).toBe('suspended');
  });

  it('feeding the dump twice changes nothing', () => {
    expectIdempotent(file, result);
  });
});
