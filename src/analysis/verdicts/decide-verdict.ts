import type { PolicySet } from '../../policies/index.js';
import type { CampaignResult, VerdictLevel, VerdictReason } from '../audit-result.js';
import { VERDICT_LEVELS } from '../audit-result.js';
import { DAY_MS } from '../eligibility/activity-window.js';
import { tripsThreshold } from '../rates/rate-threshold.js';
import { wilsonInterval } from '../rates/wilson-interval.js';

export interface Verdict {
  level: VerdictLevel;
  /** Each policy's own verdict: the worst level its reasons reach. */
  byPolicy: Record<VerdictPolicy, VerdictLevel>;
  reasons: VerdictReason[];
  notes: string[];
}

/** The policies that give verdicts (hygiene only suppresses addresses). */
export const VERDICT_POLICIES = ['emma', 'intercom'] as const satisfies readonly VerdictReason['policy'][];
export type VerdictPolicy = (typeof VERDICT_POLICIES)[number];

const percent = (x: number) => `${(x * 100).toFixed(2).replace(/\.?0+$/, '')}%`;

/**
 * The account verdict is the worst level any policy reaches:
 * - suspended: a campaign above Emma's 0.5% (suspends the whole account);
 * - restricted: Intercom's triggers (spam-trap hit rate, sustained low open rates);
 * - warning: a campaign at Emma's warning or second warning;
 * - ok otherwise (an `elevated` campaign is a note, not a warning).
 */
export function decideVerdict(campaigns: readonly CampaignResult[], policies: PolicySet): Verdict {
  const reasons: VerdictReason[] = [
    ...complaintLadderReasons(campaigns, policies),
    ...spamTrapReasons(campaigns, policies),
    ...lowOpenRateReasons(campaigns, policies),
  ].map(withEvidenceStrength);
  const worst = (list: readonly VerdictReason[]) => list.reduce<VerdictLevel>((w, r) => (rank(r.level) > rank(w) ? r.level : w), 'ok');
  const byPolicy = Object.fromEntries(VERDICT_POLICIES.map((p) => [p, worst(reasons.filter((r) => r.policy === p))])) as Record<VerdictPolicy, VerdictLevel>;
  return { level: worst(reasons), byPolicy, reasons, notes: dataNotes(campaigns, policies) };
}

const rank = (level: VerdictLevel) => VERDICT_LEVELS.indexOf(level);

/** A reason as the rules build it; its evidence strength is added from its counts. */
type ReasonDraft = Omit<VerdictReason, 'interval' | 'thinEvidence'>;

/**
 * The 95% Wilson interval of the rate behind a reason, and whether it straddles the
 * threshold (thin evidence: the literal rule still decides, but the report says so).
 */
function withEvidenceStrength(reason: ReasonDraft): VerdictReason {
  const interval = wilsonInterval(reason.numerator, reason.denominator);
  const thinEvidence = interval !== null && interval.low <= reason.threshold && reason.threshold <= interval.high;
  return { ...reason, interval, thinEvidence };
}

function complaintLadderReasons(campaigns: readonly CampaignResult[], { emma }: PolicySet): ReasonDraft[] {
  const reasons: ReasonDraft[] = [];
  const ladder = emma.complaintLadder;
  for (const c of campaigns) {
    if (c.complaintRate === null) continue;
    const base = {
      policy: 'emma' as const,
      metric: 'complaint_rate',
      value: c.complaintRate,
      window: `campaign "${c.campaign}": complaints / delivered`,
      campaign: c.campaign,
      numerator: c.complaints,
      denominator: c.delivered,
    };
    const rateText = `${percent(c.complaintRate)} (${c.complaints} of ${c.delivered} delivered)`;
    switch (c.complaintLevel) {
      case 'suspended':
        reasons.push({
          ...base,
          code: 'emma.suspended',
          level: 'suspended',
          message: `Campaign "${c.campaign}" has a complaint rate of ${rateText}, above ${percent(ladder.suspended.value)}: Emma suspends the whole account.`,
          threshold: ladder.suspended.value,
          comparison: ladder.suspended.comparison,
          source: ladder.suspended.source,
          estimate: ladder.suspended.estimate,
        });
        break;
      case 'second_warning':
      case 'warning': {
        const second = c.complaintLevel === 'second_warning';
        reasons.push({
          ...base,
          code: second ? 'emma.second_warning' : 'emma.warning',
          level: 'warning',
          message: second
            ? `Campaign "${c.campaign}" went above ${percent(ladder.warning.value)} and ${c.complaintsAfterWarning} more complaint(s) arrived afterwards; now ${rateText}: Emma's second warning.`
            : `Campaign "${c.campaign}" has a complaint rate of ${rateText}, above ${percent(ladder.warning.value)}: Emma's first warning.`,
          threshold: ladder.warning.value,
          comparison: ladder.warning.comparison,
          source: ladder.warning.source,
          estimate: ladder.warning.estimate,
        });
        break;
      }
      case 'elevated':
        reasons.push({
          ...base,
          code: 'emma.elevated',
          level: 'ok',
          message: `Campaign "${c.campaign}" has a complaint rate of ${rateText}, at or above the ${percent(ladder.elevated.value)} industry standard (no warning yet).`,
          threshold: ladder.elevated.value,
          comparison: ladder.elevated.comparison,
          source: ladder.elevated.source,
          estimate: ladder.elevated.estimate,
        });
        break;
      case 'ok':
        break;
    }
  }
  return reasons;
}

function spamTrapReasons(campaigns: readonly CampaignResult[], { intercom }: PolicySet): ReasonDraft[] {
  const judged = campaigns.filter((c) => c.spamTrapRate !== null);
  const hits = judged.reduce((n, c) => n + c.spamTrapHits, 0);
  const sent = judged.reduce((n, c) => n + c.sent, 0);
  const threshold = intercom.spamTrapHitRate;
  if (!tripsThreshold(hits, sent, threshold)) return [];
  return [
    {
      code: 'intercom.spam_trap_rate',
      level: 'restricted',
      policy: 'intercom',
      message: `${hits} spam-trap hit(s) in ${sent} messages sent (${percent(hits / sent)}), above the ${percent(threshold.value)} estimate of Intercom's threshold: sending is restricted to active users.`,
      metric: 'spam_trap_hit_rate',
      value: hits / sent,
      threshold: threshold.value,
      comparison: threshold.comparison,
      window: `all ${judged.length} campaign(s) audited: spam-trap hits / sent`,
      campaigns: judged.filter((c) => c.spamTrapHits > 0).map((c) => c.campaign),
      numerator: hits,
      denominator: sent,
      source: threshold.source,
      estimate: threshold.estimate,
    },
  ];
}

/**
 * "Low open rates over an extended period": the most recent campaigns (with open data,
 * a send time and enough deliveries) are all below the open-rate floor, at least
 * `consecutiveCampaigns` of them in a row, spanning at least `minSpanDays`.
 */
function lowOpenRateReasons(campaigns: readonly CampaignResult[], { intercom }: PolicySet): ReasonDraft[] {
  const rule = intercom.lowOpenRate;
  const judged = campaigns
    .filter((c) => c.openRate !== null && c.uniqueOpens !== null && c.sentAt !== null && c.delivered >= rule.minDelivered.value)
    .sort((a, b) => (a.sentAt! < b.sentAt! ? -1 : a.sentAt! > b.sentAt! ? 1 : a.campaign < b.campaign ? -1 : 1));
  const run: CampaignResult[] = [];
  for (let i = judged.length - 1; i >= 0; i--) {
    const c = judged[i]!;
    if (!tripsThreshold(c.uniqueOpens!, c.delivered, rule.openRate)) break;
    run.unshift(c);
  }
  if (run.length < rule.consecutiveCampaigns.value) return [];
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const spanDays = (Date.parse(last.sentAt!) - Date.parse(first.sentAt!)) / DAY_MS;
  if (spanDays < rule.minSpanDays.value) return [];
  const opens = run.reduce((n, c) => n + c.uniqueOpens!, 0);
  const delivered = run.reduce((n, c) => n + c.delivered, 0);
  return [
    {
      code: 'intercom.low_open_rate',
      level: 'restricted',
      policy: 'intercom',
      message: `The last ${run.length} campaigns, sent over ${Math.floor(spanDays)} days, all had open rates below ${percent(rule.openRate.value)} (together ${percent(opens / delivered)}): Intercom restricts sending to active users when open rates stay low.`,
      metric: 'open_rate',
      value: opens / delivered,
      threshold: rule.openRate.value,
      comparison: rule.openRate.comparison,
      window: `${run.length} most recent campaigns, ${first.sentAt!.slice(0, 10)} to ${last.sentAt!.slice(0, 10)}: unique opens / delivered`,
      campaigns: run.map((c) => c.campaign),
      numerator: opens,
      denominator: delivered,
      source: `${rule.openRate.source}; run of ${rule.consecutiveCampaigns.value}+ campaigns over ${rule.minSpanDays.value}+ days: ${rule.minSpanDays.source}`,
      estimate: rule.openRate.estimate,
    },
  ];
}

/** What the reader should know about how far the data let deliv judge. */
function dataNotes(campaigns: readonly CampaignResult[], { intercom }: PolicySet): string[] {
  const notes: string[] = [];
  const computed = campaigns.filter((c) => c.deliveredMethod === 'sent_minus_bounced').map((c) => c.campaign);
  if (computed.length) {
    notes.push(`No delivered events for ${listNames(computed)}: delivered = recipients sent minus recipients that bounced.`);
  }
  const noSends = campaigns.filter((c) => c.deliveredMethod === 'no_send_data').map((c) => c.campaign);
  if (noSends.length) {
    notes.push(`${listNames(noSends)} appear only in failure reports (a bounce dump): without the sends, their rates cannot be computed and are not judged.`);
  }
  const noOpens = campaigns.filter((c) => c.openRate === null && c.deliveredMethod !== 'no_send_data').map((c) => c.campaign);
  if (noOpens.length) {
    notes.push(`No open data for ${listNames(noOpens)}: open rates there are unknown and not used for Intercom's low-open-rate trigger.`);
  }
  const unknownContinuation = campaigns.filter((c) => c.complaintsContinued === 'unknown').map((c) => c.campaign);
  if (unknownContinuation.length) {
    notes.push(`${listNames(unknownContinuation)} passed Emma's warning threshold, but the source has no complaint timestamps, so whether complaints continued (second warning) cannot be told.`);
  }
  const noDate = campaigns.filter((c) => c.sentAt === null).map((c) => c.campaign);
  if (noDate.length) {
    notes.push(`No send date for ${listNames(noDate)}: left out of the low-open-rate trend.`);
  }
  const small = campaigns.filter((c) => c.openRate !== null && c.delivered < intercom.lowOpenRate.minDelivered.value).map((c) => c.campaign);
  if (small.length) {
    notes.push(`${listNames(small)} delivered fewer than ${intercom.lowOpenRate.minDelivered.value} messages: too few to judge an open rate on.`);
  }
  return notes;
}

function listNames(names: string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length <= 5 ? quoted.join(', ') : `${quoted.slice(0, 5).join(', ')} and ${quoted.length - 5} more`;
}
