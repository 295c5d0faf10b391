import type { PolicyMetric } from '../../policies/policy-schema.js';
import type { CampaignResult, ProviderRates } from '../audit-result.js';

/**
 * The one place that says what each policy metric counts: its numerator and denominator
 * (null for counts such as messages sent). The judge and the forecast both read it.
 */
export interface MetricCounts {
  numerator: number;
  denominator: number | null;
}

/** numerator / denominator of a metric for one campaign; null when the campaign cannot tell. */
export function campaignCounts(c: CampaignResult, metric: PolicyMetric): MetricCounts | null {
  if (c.deliveredMethod === 'no_send_data') return null;
  switch (metric) {
    case 'complaint_rate':
      return { numerator: c.complaints, denominator: c.delivered };
    case 'bounce_rate':
      return { numerator: c.bounced, denominator: c.sent };
    case 'hard_bounce_rate':
      return { numerator: c.hardBounces, denominator: c.sent };
    case 'unsubscribe_rate':
      return { numerator: c.unsubscribes, denominator: c.delivered };
    case 'spam_trap_rate':
      return { numerator: c.spamTrapHits, denominator: c.sent };
    case 'open_rate':
      return c.uniqueOpens === null ? null : { numerator: c.uniqueOpens, denominator: c.delivered };
    case 'messages_sent':
      return { numerator: c.sent, denominator: null };
  }
}

/** The same, from a provider tally; null for the metrics tallies do not carry (the policy schema allows none there). */
export function providerCounts(p: Pick<ProviderRates, 'sent' | 'delivered' | 'bounced' | 'hardBounces' | 'complaints' | 'unsubscribes'>, metric: PolicyMetric): MetricCounts | null {
  switch (metric) {
    case 'complaint_rate':
      return { numerator: p.complaints, denominator: p.delivered };
    case 'bounce_rate':
      return { numerator: p.bounced, denominator: p.sent };
    case 'hard_bounce_rate':
      return { numerator: p.hardBounces, denominator: p.sent };
    case 'unsubscribe_rate':
      return { numerator: p.unsubscribes, denominator: p.delivered };
    case 'messages_sent':
      return { numerator: p.sent, denominator: null };
    case 'spam_trap_rate':
    case 'open_rate':
      return null;
  }
}
