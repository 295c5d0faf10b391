import type { AuditAccumulator } from '../audit-accumulator.js';
import type { AuditResult, ProviderRates, RateEvidence } from '../audit-result.js';
import { DAY_MS } from '../eligibility/activity-window.js';
import { sentAndDelivered } from '../rates/sent-and-delivered.js';
import { wilsonInterval } from '../rates/wilson-interval.js';
import type { RecipientSet } from '../recipient-set.js';
import { MAILBOX_PROVIDER_NAMES, MAILBOX_PROVIDERS, type MailboxProvider } from './mailbox-providers.js';

/** Counts for one provider on one day (or over the audit). */
interface Tally {
  sent: number;
  delivered: number;
  bounced: number;
  hardBounces: number;
  complaints: number;
  unsubscribes: number;
}

const empty = (): Tally => ({ sent: 0, delivered: 0, bounced: 0, hardBounces: 0, complaints: 0, unsubscribes: 0 });

/**
 * Rates per mailbox provider, over the audit and per UTC day, from sources that record
 * sends. A campaign's sends, deliveries, bounces and unsubscribes count on its send day (its
 * earliest event); each complaint counts on the day it was first reported, as Gmail's daily
 * spam rate does. Computed from the final state, so the order of input rows never matters.
 */
export function summariseProviderRates(acc: AuditAccumulator): AuditResult['providers'] {
  const byDay = new Map<number, Tally>();
  const tally = (dayNumber: number, provider: MailboxProvider) => {
    const key = dayNumber * 8 + MAILBOX_PROVIDERS.indexOf(provider);
    let t = byDay.get(key);
    if (!t) byDay.set(key, (t = empty()));
    return t;
  };
  const providerOf = (n: number) => acc.contacts.providerOf(n);
  for (const campaign of acc.campaigns.values()) {
    if (!campaign.hasSendData) continue;
    const sentAt = campaign.firstSentAt ?? campaign.firstEventAt;
    if (sentAt === undefined) continue;
    const day = Math.floor(sentAt / DAY_MS);
    // The campaign's own sent and delivered recipients, split by provider.
    const { sent, delivered } = sentAndDelivered(campaign);
    const count = (set: RecipientSet, field: keyof Tally) => set.forEach((id) => void tally(day, providerOf(id))[field]++);
    count(sent, 'sent');
    count(delivered, 'delivered');
    count(campaign.bounced, 'bounced');
    count(campaign.hard, 'hardBounces');
    count(campaign.unsubscribed, 'unsubscribes');
    for (const [id, at] of campaign.complaintTimes) tally(Math.floor(at / DAY_MS), providerOf(id)).complaints++;
  }

  const daily: ProviderRates[] = [];
  const totals = new Map<MailboxProvider, Tally>();
  for (const key of [...byDay.keys()].sort((a, b) => a - b)) {
    const t = byDay.get(key)!;
    const provider = MAILBOX_PROVIDERS[key % 8]!;
    daily.push(rates(provider, new Date(Math.floor(key / 8) * DAY_MS).toISOString().slice(0, 10), t));
    const total = totals.get(provider) ?? empty();
    for (const field of Object.keys(total) as (keyof Tally)[]) total[field] += t[field];
    totals.set(provider, total);
  }
  const total = MAILBOX_PROVIDERS.filter((p) => totals.has(p)).map((p) => rates(p, null, totals.get(p)!));
  return { total, daily };
}

function rates(provider: MailboxProvider, day: string | null, t: Tally): ProviderRates {
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
 * Complaints are counted on the day they are reported, so a day's complaints can exceed its
 * deliveries: the interval is then taken at 100%.
 */
function evidence(numerator: number, denominator: number): RateEvidence | null {
  const interval = wilsonInterval(Math.min(numerator, denominator), denominator);
  return interval ? { numerator, denominator, ...interval } : null;
}
