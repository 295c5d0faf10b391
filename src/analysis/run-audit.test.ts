import { describe, expect, it } from 'vitest';
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, EventType } from '../inputs/canonical-records.js';
import { newFileSummary } from '../inputs/read-input-file.js';
import { defaultPolicies, type PolicySet } from '../policies/index.js';
import { AuditAccumulator } from './audit-accumulator.js';
import type { InputFileSummary } from './audit-result.js';
import { finishAudit } from './run-audit.js';

const AS_OF = Date.UTC(2026, 10, 23);
const day = (d: number) => Date.UTC(2026, 8, 1) + d * 86_400_000; // 2026-09-01 + d days

function fileSummary(file: string, layout: InputFileSummary['layout']): InputFileSummary {
  return { ...newFileSummary(file, layout === 'contacts' ? 'contacts' : 'results', { timezone: 'UTC' }), layout };
}

function event(campaign: string, email: string, type: EventType, at: number, status?: string, diagnostic?: string): DeliveryEvent {
  return { campaign, email, emailKey: email.toLowerCase(), event: type, at, ...(status ? { status } : {}), ...(diagnostic ? { diagnostic } : {}) };
}

function summaryRow(campaign: string, sent: number, delivered: number, complaints: number, extra: Partial<CampaignSummaryRow['summary']> = {}, line = 2): CampaignSummaryRow {
  const summary = { campaign, sent, delivered, complaints, ...extra };
  return {
    summary,
    file: 's.csv',
    line,
    fields: [campaign, String(sent), String(delivered), String(complaints), String(extra.uniqueOpens ?? '')],
    known: { opens: extra.uniqueOpens !== undefined, clicks: false, hardBounces: false, softBounces: false, unsubscribes: false, spamTraps: false },
  };
}

function audit(build: (acc: AuditAccumulator) => void, policies: PolicySet = defaultPolicies) {
  const acc = new AuditAccumulator();
  acc.beginFile(fileSummary('e.csv', 'event_log'));
  acc.beginFile(fileSummary('s.csv', 'campaign_summary'));
  acc.beginFile(fileSummary('c.csv', 'contacts'));
  build(acc);
  return finishAudit(acc, { policies, asOf: AS_OF, toolVersion: 'test' });
}

const softBounce = (campaign: string, email: string, at: number) => event(campaign, email, 'bounce', at, '452 4.2.2', 'mailbox full');

describe('soft-bounce escalation (3 in a row, no delivery in between, spanning at least 7 days)', () => {
  // Hygiene alone: one address bouncing in every campaign would also cross Intercom's bounce-rate trigger.
  const hygieneOnly: PolicySet = { ...defaultPolicies, judged: [] };
  it('suppresses an address with 3 soft bounces over 20 days, whatever the input order', () => {
    const result = audit((acc) => {
      for (const d of [20, 0, 10]) acc.addEvent(softBounce(`c${d}`, 'x@example.com', day(d)), 'e.csv');
    }, hygieneOnly);
    expect([...result.contacts][0]).toMatchObject({ eligible: false, reasons: ['soft_bounce_limit'] });
  });
  it('does not suppress when a delivery came between them', () => {
    const result = audit((acc) => {
      acc.addEvent(softBounce('c0', 'x@example.com', day(0)), 'e.csv');
      acc.addEvent(softBounce('c20', 'x@example.com', day(20)), 'e.csv');
      acc.addEvent(event('c5', 'x@example.com', 'delivered', day(5)), 'e.csv');
      acc.addEvent(softBounce('c10', 'x@example.com', day(10)), 'e.csv');
    }, hygieneOnly);
    expect([...result.contacts][0]).toMatchObject({ eligible: true, reasons: [] });
  });
  it('does not suppress 3 soft bounces within a week', () => {
    const result = audit((acc) => {
      for (const d of [0, 2, 6]) acc.addEvent(softBounce(`c${d}`, 'x@example.com', day(d)), 'e.csv');
    }, hygieneOnly);
    expect([...result.contacts][0]!.eligible).toBe(true);
  });
});

describe('evidence strength', () => {
  it('tells 1 complaint in 150 (thin) from 40 in 5,000 (firm): both suspend, one says so on thin evidence', () => {
    const result = audit((acc) => {
      acc.addSummary(summaryRow('thin', 150, 150, 1, {}, 2));
      acc.addSummary(summaryRow('firm', 5000, 5000, 40, {}, 3));
    });
    const byCampaign = Object.fromEntries(result.verdict.reasons.map((r) => [r.campaign, r]));
    // 1/150 = 0.67%: 95% Wilson interval 0.118%..3.679% straddles 0.5%.
    expect(byCampaign['thin']).toMatchObject({ code: 'emma.suspended', thinEvidence: true });
    expect(byCampaign['thin']!.interval!.low).toBeCloseTo(0.001178, 5);
    // 40/5000 = 0.8%: 0.588%..1.088% lies wholly above 0.5%.
    expect(byCampaign['firm']).toMatchObject({ code: 'emma.suspended', thinEvidence: false });
    expect(byCampaign['firm']!.interval!.low).toBeCloseTo(0.005881, 5);
    expect(result.campaigns.find((c) => c.campaign === 'firm')!.evidence.complaintRate).toMatchObject({ numerator: 40, denominator: 5000 });
  });
});

describe('bounce classification cost', () => {
  it('classifies each distinct reply once, however many rows carry it', () => {
    const acc = new AuditAccumulator();
    acc.beginFile(fileSummary('e.csv', 'event_log'));
    for (let n = 0; n < 1000; n++) acc.addEvent(event('A', `u${n}@example.com`, 'bounce', day(1), '550 5.1.1', 'user unknown'), 'e.csv');
    acc.addEvent(event('A', 'v@example.com', 'bounce', day(1), '452 4.2.2', 'mailbox full'), 'e.csv');
    expect(acc.distinctBounceReplies).toBe(2);
  });
});

describe('campaign summaries', () => {
  it('counts a campaign once: a repeated summary row and a summary of a logged campaign are rejected', () => {
    const result = audit((acc) => {
      acc.addSummary(summaryRow('A', 100, 99, 0, {}, 2));
      acc.addSummary(summaryRow('A', 100, 99, 0, {}, 3));
      acc.addSummary(summaryRow('A', 200, 190, 1, {}, 4));
      acc.addEvent(event('B', 'x@example.com', 'sent', day(1)), 'e.csv');
      acc.addSummary(summaryRow('B', 100, 99, 0, {}, 5));
      // The reader counts rows; here all four summary rows were read and used.
      Object.assign(acc.files[1]!, { rowsRead: 4, rowsUsed: 4 });
    });
    expect(result.campaigns.map((c) => [c.campaign, c.sent])).toEqual([['B', 1], ['A', 100]]);
    expect(result.rejects.map((r) => [r.line, r.reason])).toEqual([
      [3, 'duplicate of the summary of "A" at s.csv:2'],
      [4, 'campaign "A" is already summarised at s.csv:2; that row is used'],
      [5, 'campaign "B" is also in an event log (e.csv); the event log\'s figures are used'],
    ]);
    expect(result.inputs[1]).toMatchObject({ rowsRead: 4, rowsUsed: 1, rowsRejected: 3 });
  });
});

describe("Intercom's low-open-rate trigger (estimate: 3 campaigns in a row below 10%, over 30+ days)", () => {
  const lowOpens = (spanDays: number, lastOpens = 50) => (acc: AuditAccumulator) => {
    acc.addSummary(summaryRow('a', 1000, 1000, 0, { uniqueOpens: 99, sentAt: day(0) }, 2));
    acc.addSummary(summaryRow('b', 1000, 1000, 0, { uniqueOpens: 80, sentAt: day(spanDays / 2) }, 3));
    acc.addSummary(summaryRow('c', 1000, 1000, 0, { uniqueOpens: lastOpens, sentAt: day(spanDays) }, 4));
  };
  it('restricts when the last 3 campaigns are all below 10% over 30 days', () => {
    const result = audit(lowOpens(30));
    expect(result.verdict.level).toBe('restricted');
    expect(result.verdict.reasons[0]).toMatchObject({ code: 'intercom.low_open_rate', numerator: 229, denominator: 3000, campaigns: ['a', 'b', 'c'] });
  });
  it('does not restrict over 29 days, or when the latest campaign is at 10%', () => {
    expect(audit(lowOpens(29)).verdict.level).toBe('ok');
    expect(audit(lowOpens(30, 100)).verdict.level).toBe('ok');
  });
});

describe('event logs', () => {
  it('computes delivered as sent minus bounced when the log has no delivered events, and says so', () => {
    const result = audit((acc) => {
      for (const n of [1, 2, 3, 4]) acc.addEvent(event('A', `u${n}@example.com`, 'sent', day(1)), 'e.csv');
      acc.addEvent(event('A', 'u4@example.com', 'bounce', day(1), '550 5.1.1', 'user unknown'), 'e.csv');
    });
    expect(result.campaigns[0]).toMatchObject({ sent: 4, delivered: 3, deliveredMethod: 'sent_minus_bounced', bounced: 1, hardBounces: 1, openRate: null });
    expect(result.verdict.notes[0]).toBe('No delivered events for "A": delivered = recipients sent minus recipients that bounced.');
  });
  it('counts a recipient whose complaint or open proves delivery as delivered, even without a delivered event', () => {
    const result = audit((acc) => {
      acc.addEvent(event('A', 'u1@example.com', 'delivered', day(1)), 'e.csv');
      acc.addEvent(event('A', 'u2@example.com', 'complaint', day(2)), 'e.csv');
      acc.addEvent(event('A', 'u3@example.com', 'open', day(2)), 'e.csv');
      acc.addEvent(event('A', 'u4@example.com', 'sent', day(1)), 'e.csv');
    });
    expect(result.campaigns[0]).toMatchObject({ sent: 4, delivered: 3, complaints: 1, complaintRate: 1 / 3, deliveredMethod: 'delivered_events' });
  });
  it('compares addresses case-insensitively and writes the first spelling seen', () => {
    const contact: ContactRecord = { email: 'Ada@Example.com', emailKey: 'ada@example.com', unsubscribed: false, markedSpam: false, hardBounced: false, archived: false, columns: { header: ['email'], values: ['Ada@Example.com'] } };
    const result = audit((acc) => {
      acc.addContact(contact, 'c.csv');
      acc.addEvent(event('A', 'ADA@EXAMPLE.COM', 'complaint', day(1)), 'e.csv');
    });
    expect(result.contacts).toHaveLength(1);
    expect([...result.contacts][0]).toMatchObject({ email: 'Ada@Example.com', reasons: ['complained'] });
  });
});
