import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { EVENT_TYPES, type DeliveryEvent } from '../inputs/canonical-records.js';
import { newFileSummary } from '../inputs/read-input-file.js';
import { defaultPolicies, emmaLadderPolicy } from '../policies/index.js';
import { AuditAccumulator } from './audit-accumulator.js';
import { COMPLAINT_LEVELS, complaintLadderOf, placeOnComplaintLadder } from './rates/complaint-ladder.js';
import { finishAudit } from './run-audit.js';
import { bouncesCsv } from '../outputs/bounces-csv.js';
import { eligibleCsv, suppressedCsv } from '../outputs/audience-csv.js';
import { rejectedCsv } from '../outputs/rejected-csv.js';
import { jsonReport } from '../reports/json-report.js';
import { markdownReport } from '../reports/markdown-report.js';

const STATUSES = ['', '550 5.1.1', '452 4.2.2', '550 5.7.1', '421 4.7.28', '554 5.4.7'];

const eventArb = fc.record({
  campaign: fc.constantFrom('A', 'B', 'C'),
  user: fc.integer({ min: 0, max: 30 }),
  upper: fc.boolean(),
  event: fc.constantFrom(...EVENT_TYPES),
  day: fc.integer({ min: 0, max: 400 }),
  status: fc.constantFrom(...STATUSES),
});

interface RawEvent {
  campaign: string;
  user: number;
  upper: boolean;
  event: DeliveryEvent['event'];
  day: number;
  status: string;
}

function toEvent(e: RawEvent): DeliveryEvent {
  const email = `user${e.user}@example.com`;
  return {
    campaign: e.campaign,
    email: e.upper ? email.toUpperCase() : email,
    emailKey: email,
    event: e.event,
    at: Date.UTC(2025, 10, 1) + e.day * 86_400_000,
    ...(e.event === 'bounce' && e.status ? { status: e.status } : {}),
  };
}

function run(events: readonly DeliveryEvent[]) {
  const acc = new AuditAccumulator();
  acc.beginFile(newFileSummary('e.csv', 'results', { timezone: 'UTC' }));
  for (const e of events) acc.addEvent(e, 'e.csv');
  return finishAudit(acc, { policies: defaultPolicies, asOf: Date.UTC(2026, 10, 23), toolVersion: 'test' });
}

/** The result minus first spellings, which legitimately depend on which row came first. */
/** Every output file's bytes, as deliv would write them. */
function comparable(events: readonly DeliveryEvent[]) {
  const result = run(events);
  return [
    ...suppressedCsv(result),
    '\u0000',
    ...eligibleCsv(result),
    '\u0000',
    ...bouncesCsv(result),
    '\u0000',
    ...rejectedCsv(result),
    '\u0000',
    markdownReport(result),
    jsonReport(result),
  ].join('');
}

describe('audit invariants', () => {
  test.prop([fc.array(eventArb, { maxLength: 120 })])('every recipient lands in exactly one of eligible / suppressed', (raw) => {
    const result = run(raw.map(toEvent));
    const keys = new Set(raw.map((e) => `user${e.user}@example.com`));
    expect(result.contacts).toHaveLength(keys.size);
    for (const c of result.contacts) expect(c.eligible).toBe(c.reasons.length === 0);
    expect(result.audience.eligible + result.audience.suppressed).toBe(keys.size);
  });

  test.prop([fc.array(eventArb, { maxLength: 120 })])('rates stay within [0, 1]', (raw) => {
    for (const c of run(raw.map(toEvent)).campaigns) {
      for (const r of [c.complaintRate, c.bounceRate, c.hardBounceRate, c.openRate, c.clickRate, c.unsubscribeRate, c.spamTrapRate]) {
        if (r !== null) {
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  test.prop([fc.array(eventArb, { maxLength: 80 }).chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length, maxLength: a.length })))])(
    'the order of input rows changes no output byte (address spellings included)',
    ([raw, shuffled]) => {
      expect(comparable(shuffled.map(toEvent))).toBe(comparable(raw.map(toEvent)));
    },
  );

  test.prop([fc.array(eventArb, { maxLength: 80 })])('feeding the same events twice changes no figure', (raw) => {
    const events = raw.map(toEvent);
    const once = run(events);
    const twice = run([...events, ...events]);
    expect(twice.campaigns.map(({ campaign, sent, delivered, complaints, complaintLevel }) => [campaign, sent, delivered, complaints, complaintLevel])).toEqual(
      once.campaigns.map(({ campaign, sent, delivered, complaints, complaintLevel }) => [campaign, sent, delivered, complaints, complaintLevel]),
    );
    expect(twice.verdict.level).toBe(once.verdict.level);
    expect([...twice.contacts].map((c) => c.reasons)).toEqual([...once.contacts].map((c) => c.reasons));
  });

  test.prop([fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 20_000 })])('a campaign never moves down the ladder when a complaint is added', (complaints, delivered) => {
    const rank = (c: number) => COMPLAINT_LEVELS.indexOf(placeOnComplaintLadder(c, delivered, complaintLadderOf(emmaLadderPolicy(defaultPolicies))).level);
    expect(rank(complaints + 1)).toBeGreaterThanOrEqual(rank(complaints));
  });
});
