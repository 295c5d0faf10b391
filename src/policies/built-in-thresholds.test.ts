import { campaignResult } from '../analysis/testing/campaign-result.js';
import { describe, expect, it } from 'vitest';
import type { ProviderRates } from '../analysis/audit-result.js';
import { judgePolicy, type JudgeInputs } from '../analysis/verdicts/judge-policy.js';
import { BUILT_IN_POLICIES, hygienePolicy } from './index.js';
import { listThresholds } from './list-thresholds.js';
import { METRIC_DEFINITIONS, type Policy, type PolicyThreshold } from './policy-schema.js';

/**
 * Every built-in threshold at its edge, figures worked by hand: with `denominator`
 * deliveries (or sends), `under` / `at` / `over` events are one below, exactly at and one
 * above value × denominator. `above` crosses only over; `at_or_above` at and over; `below`
 * only under. A count (messages a day) uses the count itself.
 */
const EDGES: [code: string, value: number, comparison: PolicyThreshold['comparison'], denominator: number, under: number, at: number, over: number][] = [
  ['emma.elevated', 0.001, 'at_or_above', 10_000, 9, 10, 11],
  ['emma.warning', 0.002, 'above', 10_000, 19, 20, 21],
  ['emma.suspended', 0.005, 'above', 10_000, 49, 50, 51],
  ['intercom.spam_trap_rate', 0.001, 'above', 10_000, 9, 10, 11],
  ['intercom.low_open_rate', 0.1, 'below', 1_000, 99, 100, 101],
  ['intercom.bounce_rate', 0.03, 'above', 10_000, 299, 300, 301],
  ['ses.bounce_recommended', 0.02, 'at_or_above', 10_000, 199, 200, 201],
  ['ses.bounce_review', 0.05, 'at_or_above', 10_000, 499, 500, 501],
  ['ses.bounce_pause', 0.1, 'at_or_above', 10_000, 999, 1_000, 1_001],
  ['ses.complaint_review', 0.001, 'at_or_above', 10_000, 9, 10, 11],
  ['ses.complaint_pause', 0.005, 'at_or_above', 10_000, 49, 50, 51],
  ['gmail.spam_rate', 0.001, 'above', 10_000, 9, 10, 11],
  ['gmail.spam_rate_limit', 0.003, 'at_or_above', 10_000, 29, 30, 31],
  ['gmail.bulk_sender', 5_000, 'at_or_above', 0, 4_999, 5_000, 5_001],
  ['yahoo.spam_rate', 0.003, 'at_or_above', 10_000, 29, 30, 31],
  ['brevo.hard_bounce_rate', 0.02, 'above', 10_000, 199, 200, 201],
  ['brevo.unsubscribe_rate', 0.01, 'above', 10_000, 99, 100, 101],
  ['brevo.complaint_rate', 0.002, 'above', 10_000, 19, 20, 21],
  ['microsoft.high_volume_sender', 5_000, 'above', 0, 4_999, 5_000, 5_001],
];

const DAY = '2026-11-10';


/** The counts that put `numerator` over `denominator` on the threshold's metric. */
function countsFor(t: PolicyThreshold, numerator: number, denominator: number) {
  switch (t.metric) {
    case 'complaint_rate':
      return { sent: denominator, delivered: denominator, complaints: numerator };
    case 'bounce_rate':
      return { sent: denominator, delivered: denominator - numerator, bounced: numerator };
    case 'hard_bounce_rate':
      return { sent: denominator, delivered: denominator - numerator, bounced: numerator, hardBounces: numerator };
    case 'unsubscribe_rate':
      return { sent: denominator, delivered: denominator, unsubscribes: numerator };
    case 'spam_trap_rate':
      return { sent: denominator, delivered: denominator, spamTrapHits: numerator };
    case 'open_rate':
      return { sent: denominator, delivered: denominator, uniqueOpens: numerator };
    case 'messages_sent':
      return { sent: numerator, delivered: numerator };
  }
}

/** Inputs where the threshold's campaign, day, window or audit measures exactly these counts. */
function inputsFor(t: PolicyThreshold, numerator: number, denominator: number): JudgeInputs {
  const counts = countsFor(t, numerator, denominator);
  // A sustained rule needs its run of campaigns: the same counts in each, 15 days apart.
  const runLength = t.sustained?.campaigns.value ?? 1;
  const campaigns = Array.from({ length: runLength }, (_, i) => campaignResult(`c${i}`, new Date(Date.UTC(2026, 9, 1 + 15 * i, 9)).toISOString(), counts));
  const daily: ProviderRates[] = t.scope === 'day'
    ? [{ provider: t.providers?.[0] ?? 'other', name: 'x', day: DAY, ...{ bounced: 0, hardBounces: 0, complaints: 0, unsubscribes: 0, ...counts }, complaintRate: null, hardBounceRate: null }]
    : [];
  return { campaigns, providers: { total: daily.map((d) => ({ ...d, day: null })), daily }, complaintTimesOf: () => undefined };
}

const find = (code: string): [Policy, PolicyThreshold] => {
  const [name, id] = code.split('.');
  const policy = BUILT_IN_POLICIES[name!]!;
  return [policy, policy.thresholds.find((t) => t.id === id)!];
};

/** Does a policy with only this threshold give a reason for these counts? */
function crosses(code: string, numerator: number, denominator: number): boolean {
  const [policy, t] = find(code);
  const alone: Policy = { ...policy, thresholds: [t] };
  return judgePolicy(alone, inputsFor(t, numerator, denominator)).reasons.length > 0;
}

describe('every built-in threshold at its edge (just under, at, just over)', () => {
  it('the table covers every built-in threshold', () => {
    const all = Object.values(BUILT_IN_POLICIES).flatMap((p) => p.thresholds.map((t) => `${p.name}.${t.id}`));
    expect(EDGES.map(([code]) => code).sort()).toEqual(all.sort());
  });
  for (const [code, value, comparison, denominator, under, at, over] of EDGES) {
    it(`${code}: ${comparison} ${value}${denominator ? ` of ${denominator}` : ''}: ${under} / ${at} / ${over}`, () => {
      const [, t] = find(code);
      expect([t.value, t.comparison]).toEqual([value, comparison]);
      if (METRIC_DEFINITIONS[t.metric].kind === 'rate') expect(at).toBe(Math.round(value * denominator));
      const expected = comparison === 'above' ? [false, false, true] : comparison === 'at_or_above' ? [false, true, true] : [true, false, false];
      expect([crosses(code, under, denominator), crosses(code, at, denominator), crosses(code, over, denominator)]).toEqual(expected);
    });
  }
  it('Intercom judges an open rate only on campaigns with at least 100 deliveries', () => {
    // 9 opens of 99 delivered (9.1%) is below 10%, but too small to count.
    expect(crosses('intercom.low_open_rate', 9, 99)).toBe(false);
    expect(crosses('intercom.low_open_rate', 9, 100)).toBe(true);
  });
});

describe('every number has a source (contract)', () => {
  it('each threshold, volume floor, run rule and restricted mode names where it comes from', () => {
    for (const policy of [...Object.values(BUILT_IN_POLICIES), hygienePolicy]) {
      const numbers = listThresholds(policy);
      expect(numbers.length).toBeGreaterThan(0);
      for (const n of numbers) {
        expect(n.source.trim().length, `${policy.name}.${n.path}`).toBeGreaterThan(10);
        // A published number cites its page (a URL, a seed, or the site where its archive has
        // no exact URL); an estimate says it is one.
        if (n.estimate) expect(n.source, `${policy.name}.${n.path}`).toMatch(/estimate/i);
        else expect(n.source, `${policy.name}.${n.path}`).toMatch(/https?:\/\/|seeds\/\d{3}|set with --|\bon [a-z0-9-]+(\.[a-z0-9-]+)*\.com\b/);
      }
    }
  });
  it('each threshold says its window, denominator and consequence', () => {
    for (const policy of Object.values(BUILT_IN_POLICIES)) {
      for (const t of policy.thresholds) {
        expect(t.window.length, `${policy.name}.${t.id}`).toBeGreaterThan(5);
        expect(t.denominator.length, `${policy.name}.${t.id}`).toBeGreaterThan(5);
        expect(t.consequence.length, `${policy.name}.${t.id}`).toBeGreaterThan(5);
      }
    }
  });
});
