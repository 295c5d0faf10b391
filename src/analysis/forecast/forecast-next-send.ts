import { METRIC_DEFINITIONS, type Policy, type PolicyMetric, type PolicyThreshold, type VerdictLevel } from '../../policies/policy-schema.js';
import type { CampaignResult, ProviderRates } from '../audit-result.js';
import { DAY_MS } from '../eligibility/activity-window.js';
import type { MailboxProvider } from '../providers/mailbox-providers.js';
import { campaignCounts, providerCounts } from '../rates/metric-counts.js';
import { largestNumeratorBelow } from '../rates/rate-threshold.js';
import { binomialTailAbove, binomialTailBelow } from './binomial.js';

/**
 * The rates of the next send are the pooled rates of the campaigns sent in this many days up
 * to the latest send: recent enough to reflect the list as it is, long enough to pool
 * several campaigns. A modelling choice, not a provider's number.
 */
export const FORECAST_BASIS_DAYS = 30;

type RateMetric = Exclude<PolicyMetric, 'messages_sent'>;
const RATE_METRICS: readonly RateMetric[] = ['complaint_rate', 'bounce_rate', 'hard_bounce_rate', 'unsubscribe_rate', 'spam_trap_rate', 'open_rate'];

/** Counts the forecast pools, per metric: [numerator, denominator]. */
type Pooled = Record<RateMetric, [number, number]>;

export interface ThresholdForecast {
  policy: string;
  code: string;
  metric: PolicyMetric;
  scope: PolicyThreshold['scope'];
  level: VerdictLevel;
  threshold: number;
  comparison: PolicyThreshold['comparison'];
  /** The next send's denominator for this threshold: messages sent or expected deliveries (to the providers, if filtered). */
  volume: number;
  /** The rate assumed for the next send (null for counts). */
  rate: number | null;
  /** Expected count of the metric's events. */
  expected: number;
  /** The most events the send can have without crossing (null for `below` thresholds and counts). */
  limit: number | null;
  /** Probability that the next send crosses the threshold (0 or 1 for counts). */
  probability: number;
}

export interface Forecast {
  /** Eligible contacts: the next send goes to each of them once. */
  audience: number;
  /** The campaigns the rates come from. */
  basis: { campaigns: string[]; from: string | null; to: string | null; sent: number; delivered: number };
  /** Pooled rates of the basis (null where the basis has no denominator). */
  rates: Record<RateMetric, number | null>;
  /** Expected counts for the next send. */
  expected: { sent: number; delivered: number; complaints: number; bounces: number; hardBounces: number; unsubscribes: number; spamTrapHits: number };
  thresholds: ThresholdForecast[];
  /** What the forecast assumes, for the report. */
  assumptions: string[];
  /** Thresholds it does not forecast, and why. */
  notForecast: string[];
}

export interface ForecastInputs {
  campaigns: readonly CampaignResult[];
  providers: { total: readonly ProviderRates[]; daily: readonly ProviderRates[] };
  audienceByProvider: ReadonlyMap<MailboxProvider, number>;
  policies: readonly Policy[];
}

/**
 * The risk of sending next to the whole eligible audience: each recipient independently
 * bounces, complains, unsubscribes (and so on) at the pooled rate of the recent campaigns,
 * so each count is binomial. Returns null with no eligible contact or no send data.
 */
export function forecastNextSend({ campaigns, providers, audienceByProvider, policies }: ForecastInputs): Forecast | null {
  let audience = 0;
  for (const count of audienceByProvider.values()) audience += count;
  const withSends = campaigns.filter((c) => c.deliveredMethod !== 'no_send_data' && c.sent > 0);
  if (audience === 0 || !withSends.length) return null;

  const dated = withSends.filter((c) => c.sentAt !== null);
  const latest = dated.reduce((m, c) => Math.max(m, Date.parse(c.sentAt!)), -Infinity);
  const basis = dated.length ? dated.filter((c) => Date.parse(c.sentAt!) > latest - FORECAST_BASIS_DAYS * DAY_MS) : withSends;
  const from = dated.length ? basis.reduce((m, c) => (c.sentAt! < m ? c.sentAt! : m), basis[0]!.sentAt!) : null;
  const to = dated.length ? new Date(latest).toISOString() : null;
  const pooled = poolCampaigns(basis);
  const rates = Object.fromEntries(RATE_METRICS.map((m) => [m, ratio(pooled[m])])) as Forecast['rates'];
  const deliveredShare = 1 - (rates.bounce_rate ?? 0);
  const delivered = audience * deliveredShare;

  // Per-provider rates over the basis days, for thresholds that count mail to some providers only.
  const fromDay = from?.slice(0, 10);
  const toDay = to?.slice(0, 10);
  const basisDaily = providers.daily.filter((d) => fromDay === undefined || (d.day! >= fromDay && d.day! <= toDay!));

  const thresholds: ThresholdForecast[] = [];
  const notForecast: string[] = [];
  for (const policy of policies) {
    for (const t of policy.thresholds) {
      const code = `${policy.name}.${t.id}`;
      if (t.sustained) {
        notForecast.push(`${code}: depends on a run of ${t.sustained.campaigns.value} campaigns, not on one send`);
        continue;
      }
      const sent = t.providers ? t.providers.reduce((n, p) => n + (audienceByProvider.get(p) ?? 0), 0) : audience;
      const def = METRIC_DEFINITIONS[t.metric];
      const base = { policy: policy.name, code, metric: t.metric, scope: t.scope, level: t.level, threshold: t.value, comparison: t.comparison };
      if (def.kind === 'count') {
        const crosses = t.comparison === 'above' ? sent > t.value : t.comparison === 'at_or_above' ? sent >= t.value : sent < t.value;
        thresholds.push({ ...base, volume: sent, rate: null, expected: sent, limit: null, probability: crosses ? 1 : 0 });
        continue;
      }
      const metric = t.metric as RateMetric;
      const pool = (m: RateMetric) => (t.providers ? poolProviders(basisDaily.filter((d) => t.providers!.includes(d.provider)), m) : pooled[m]);
      const p = ratio(pool(metric));
      if (p === null) {
        notForecast.push(`${code}: no ${def.denominator} in the recent campaigns${t.providers ? ' to those providers' : ''} to take a rate from`);
        continue;
      }
      const volume = def.denominator === 'delivered' ? Math.round(sent * (1 - (ratio(pool('bounce_rate')) ?? 0))) : sent;
      // An audit-wide rule adds the next send to everything already audited.
      const prior = t.scope === 'audit' ? auditTotals(t, metric, campaigns, providers.total) : ([0, 0] as [number, number]);
      const crossing = crossingProbability(t, volume, p, prior);
      thresholds.push({ ...base, volume, rate: p, expected: volume * p, ...crossing });
    }
  }

  return {
    audience,
    basis: { campaigns: basis.map((c) => c.campaign), from, to, sent: pooled.bounce_rate[1], delivered: pooled.complaint_rate[1] },
    rates,
    expected: {
      sent: audience,
      delivered,
      complaints: delivered * (rates.complaint_rate ?? 0),
      bounces: audience * (rates.bounce_rate ?? 0),
      hardBounces: audience * (rates.hard_bounce_rate ?? 0),
      unsubscribes: delivered * (rates.unsubscribe_rate ?? 0),
      spamTrapHits: audience * (rates.spam_trap_rate ?? 0),
    },
    thresholds,
    assumptions: [
      `The next send goes once to each of the ${audience.toLocaleString('en-US')} eligible contacts, as one campaign on one day.`,
      dated.length
        ? `Each recipient bounces, complains, unsubscribes or hits a trap independently, at the pooled rate of the campaigns sent in the ${FORECAST_BASIS_DAYS} days up to the latest send (${basis.length} campaign(s)); per-provider rules use that provider's own rates over the same days.`
        : `Each recipient bounces, complains, unsubscribes or hits a trap independently, at the pooled rate of all ${basis.length} campaign(s) with send data (none has a send date).`,
      'Deliveries are the audience minus the expected bounces; counts are binomial. Suppressing more contacts, a different audience or new content change the real rates.',
      'Rules over the whole audit add the next send to everything already audited; per-campaign, per-day and 24-hour rules judge the send on its own.',
    ],
    notForecast,
  };
}

function ratio([numerator, denominator]: [number, number]): number | null {
  return denominator > 0 ? Math.min(1, numerator / denominator) : null;
}

function poolCampaigns(campaigns: readonly CampaignResult[]): Pooled {
  const pooled = Object.fromEntries(RATE_METRICS.map((m) => [m, [0, 0]])) as Pooled;
  for (const c of campaigns) {
    for (const m of RATE_METRICS) {
      const counts = campaignCounts(c, m);
      if (!counts) continue;
      pooled[m][0] += counts.numerator;
      pooled[m][1] += counts.denominator ?? 0;
    }
  }
  return pooled;
}

function poolProviders(rows: readonly ProviderRates[], metric: RateMetric): [number, number] {
  let n = 0;
  let d = 0;
  for (const r of rows) {
    const counts = providerCounts(r, metric);
    if (!counts) continue;
    n += counts.numerator;
    d += counts.denominator ?? 0;
  }
  return [n, d];
}

/** What an audit-wide threshold already counts: [numerator, denominator]. */
function auditTotals(t: PolicyThreshold, metric: RateMetric, campaigns: readonly CampaignResult[], totals: readonly ProviderRates[]): [number, number] {
  if (t.providers) return poolProviders(totals.filter((r) => t.providers!.includes(r.provider)), metric);
  return poolCampaigns(campaigns)[metric];
}

/** P(the send crosses t) with `volume` trials at rate p, on top of `prior` counts. */
function crossingProbability(t: PolicyThreshold, volume: number, p: number, [priorN, priorD]: [number, number]): { limit: number | null; probability: number } {
  const denominator = priorD + volume;
  if (denominator <= 0) return { limit: null, probability: 0 };
  if (t.comparison === 'below') {
    // Crosses when (priorN + X) / denominator < value: X below the smallest passing count.
    const passing = Math.ceil((Math.round(t.value * 1_000_000) * denominator) / 1_000_000) - priorN;
    return { limit: null, probability: binomialTailBelow(volume, p, passing) };
  }
  const limit = largestNumeratorBelow(denominator, t)! - priorN;
  return { limit, probability: limit < 0 ? 1 : binomialTailAbove(volume, p, limit) };
}
