import type { AuditAccumulator, DailyTally } from '../audit-accumulator.js';
import type { AuditResult, ProviderRates, RateEvidence } from '../audit-result.js';
import { DAY_MS } from '../eligibility/activity-window.js';
import { wilsonInterval } from '../rates/wilson-interval.js';
import { MAILBOX_PROVIDER_NAMES, MAILBOX_PROVIDERS, type MailboxProvider } from './mailbox-providers.js';

/** Rates per mailbox provider, over the audit and per UTC day, each with its evidence. */
export function summariseProviderRates(acc: AuditAccumulator): AuditResult['providers'] {
  const daily: ProviderRates[] = [];
  const totals = new Map<MailboxProvider, DailyTally>();
  const keys = [...acc.daily.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    const tally = acc.daily.get(key)!;
    if (tally.sent + tally.delivered + tally.bounced + tally.complaints + tally.unsubscribes === 0) continue;
    const provider = MAILBOX_PROVIDERS[key % 8]!;
    const day = new Date(Math.floor(key / 8) * DAY_MS).toISOString().slice(0, 10);
    daily.push(rates(provider, day, tally));
    const total = totals.get(provider) ?? { sent: 0, delivered: 0, bounced: 0, hardBounces: 0, complaints: 0, unsubscribes: 0 };
    for (const field of Object.keys(total) as (keyof DailyTally)[]) total[field] += tally[field];
    totals.set(provider, total);
  }
  const total = MAILBOX_PROVIDERS.filter((p) => totals.has(p)).map((p) => rates(p, null, totals.get(p)!));
  return { total, daily };
}

function rates(provider: MailboxProvider, day: string | null, t: DailyTally): ProviderRates {
  return {
    provider,
    name: MAILBOX_PROVIDER_NAMES[provider],
    day,
    ...t,
    complaintRate: evidence(t.complaints, t.delivered),
    hardBounceRate: evidence(t.hardBounces, t.sent),
  };
}

/**
 * Complaints are counted on the day they are reported, as Gmail's daily spam rate is, so a
 * day's complaints can exceed its deliveries: the interval is then taken at 100%.
 */
function evidence(numerator: number, denominator: number): RateEvidence | null {
  const interval = wilsonInterval(Math.min(numerator, denominator), denominator);
  return interval ? { numerator, denominator, ...interval } : null;
}
