import type { CampaignSummaryRow } from '../../inputs/canonical-records.js';
import type { AuditAccumulator, CampaignState } from '../audit-accumulator.js';
import { CAMPAIGN_RATE_NAMES, type CampaignRateName, type CampaignResult, type RateEvidence } from '../audit-result.js';
import { wilsonInterval } from './wilson-interval.js';
import { placeOnComplaintLadder, type ComplaintLadder } from './complaint-ladder.js';
import { sentAndDelivered } from './sent-and-delivered.js';
import { rate } from './rate-threshold.js';

/**
 * Per-campaign counts and rates. Counts of complaints, opens and clicks are distinct
 * recipients. Campaign summaries that repeat a campaign already known are moved to the
 * rejects (a campaign is never counted twice).
 */
export function computeCampaignResults(acc: AuditAccumulator, emma: ComplaintLadder): CampaignResult[] {
  const results: Omit<CampaignResult, 'evidence'>[] = [];
  for (const state of acc.campaigns.values()) results.push(fromEvents(state, acc, emma));
  const firstSummary = new Map<string, CampaignSummaryRow>();
  for (const entry of acc.summaries) {
    const name = entry.summary.campaign;
    const events = acc.campaigns.get(name);
    if (events) {
      acc.rejectUsedRow({
        file: entry.file,
        line: entry.line,
        reason: `campaign "${name}" is also in an event log (${[...events.files].join(', ')}); the event log's figures are used`,
        fields: entry.fields,
      });
      continue;
    }
    const first = firstSummary.get(name);
    if (first) {
      const same = first.fields.join('\u0000') === entry.fields.join('\u0000');
      acc.rejectUsedRow({
        file: entry.file,
        line: entry.line,
        reason: same
          ? `duplicate of the summary of "${name}" at ${first.file}:${first.line}`
          : `campaign "${name}" is already summarised at ${first.file}:${first.line}; that row is used`,
        fields: entry.fields,
      });
      continue;
    }
    firstSummary.set(name, entry);
    results.push(fromSummary(entry, emma));
  }
  return results.map(withEvidence).sort(bySendTimeThenName);
}

/** Every rate with the counts it rests on and its 95% Wilson interval. */
function withEvidence(c: Omit<CampaignResult, 'evidence'>): CampaignResult {
  const counts: Record<CampaignRateName, [number | null, number] | null> = {
    complaintRate: c.complaintRate === null ? null : [c.complaints, c.delivered],
    bounceRate: c.bounceRate === null ? null : [c.bounced, c.sent],
    hardBounceRate: c.hardBounceRate === null ? null : [c.hardBounces, c.sent],
    openRate: c.openRate === null ? null : [c.uniqueOpens, c.delivered],
    clickRate: c.clickRate === null ? null : [c.uniqueClicks, c.delivered],
    unsubscribeRate: c.unsubscribeRate === null ? null : [c.unsubscribes, c.delivered],
    spamTrapRate: c.spamTrapRate === null ? null : [c.spamTrapHits, c.sent],
  };
  const evidence = Object.fromEntries(
    CAMPAIGN_RATE_NAMES.map((name) => {
      const pair = counts[name];
      const interval = pair && pair[0] !== null ? wilsonInterval(pair[0], pair[1]) : null;
      return [name, pair && interval ? { numerator: pair[0]!, denominator: pair[1], ...interval } : null];
    }),
  ) as Record<CampaignRateName, RateEvidence | null>;
  return { ...c, evidence };
}

function fromEvents(state: CampaignState, acc: AuditAccumulator, emma: ComplaintLadder): Omit<CampaignResult, 'evidence'> {
  const sets = sentAndDelivered(state);
  const sent = sets.sent.size;
  const delivered = sets.delivered.size;
  const bounced = state.bounced.size;
  const complaints = state.complained.size;
  const engagementKnown = [...state.files].some((f) => acc.filesWithEngagement.has(f));
  const uniqueOpens = engagementKnown ? state.opened.size : null;
  const uniqueClicks = engagementKnown ? state.clicked.size : null;
  const sentAt = state.firstSentAt ?? state.firstEventAt;
  // A campaign known only from a bounce dump has no sends to divide by: counts, no rates.
  const rates = state.hasSendData;
  const ladder = rates
    ? placeOnComplaintLadder(complaints, delivered, emma, [...state.complaintTimes.values()])
    : placeOnComplaintLadder(0, 0, emma);
  const ratio = (n: number | null, d: number) => (rates && n !== null ? rate(n, d) : null);
  return {
    campaign: state.name,
    source: 'event_log',
    files: [...state.files].sort(),
    sentAt: sentAt === undefined ? null : new Date(sentAt).toISOString(),
    sent,
    delivered,
    deliveredMethod: !rates ? 'no_send_data' : state.hasDeliveredEvents ? 'delivered_events' : 'sent_minus_bounced',
    hardBounces: state.hard.size,
    softBounces: state.soft.size,
    blockBounces: state.block.size,
    undeterminedBounces: state.undetermined.size,
    bounced,
    deferred: state.deferred.size,
    dropped: state.dropped.size,
    complaints,
    uniqueOpens,
    uniqueClicks,
    unsubscribes: state.unsubscribed.size,
    spamTrapHits: state.spamTrap.size,
    complaintRate: ratio(complaints, delivered),
    bounceRate: ratio(bounced, sent),
    hardBounceRate: ratio(state.hard.size, sent),
    openRate: ratio(uniqueOpens, delivered),
    clickRate: ratio(uniqueClicks, delivered),
    unsubscribeRate: ratio(state.unsubscribed.size, delivered),
    spamTrapRate: ratio(state.spamTrap.size, sent),
    complaintLevel: ladder.level,
    complaintHeadroom: ladder.headroom,
    complaintsContinued: ladder.complaintsContinued,
    complaintsAfterWarning: ladder.complaintsAfterWarning,
  };
}

function fromSummary(entry: CampaignSummaryRow, emma: ComplaintLadder): Omit<CampaignResult, 'evidence'> {
  const s = entry.summary;
  const hard = s.hardBounces ?? 0;
  const soft = s.softBounces ?? 0;
  // Without bounce columns, what was sent and not delivered bounced.
  const bounced = entry.known.hardBounces || entry.known.softBounces ? hard + soft : s.sent - s.delivered;
  const ladder = placeOnComplaintLadder(s.complaints, s.delivered, emma);
  const opens = entry.known.opens ? (s.uniqueOpens ?? 0) : null;
  const clicks = entry.known.clicks ? (s.uniqueClicks ?? 0) : null;
  const traps = s.spamTrapHits ?? 0;
  const unsubscribes = s.unsubscribes ?? 0;
  return {
    campaign: s.campaign,
    source: 'campaign_summary',
    files: [entry.file],
    sentAt: s.sentAt === undefined ? null : new Date(s.sentAt).toISOString(),
    sent: s.sent,
    delivered: s.delivered,
    deliveredMethod: 'summary',
    hardBounces: hard,
    softBounces: soft,
    blockBounces: 0,
    undeterminedBounces: 0,
    bounced,
    deferred: 0,
    dropped: 0,
    complaints: s.complaints,
    uniqueOpens: opens,
    uniqueClicks: clicks,
    unsubscribes,
    spamTrapHits: traps,
    complaintRate: rate(s.complaints, s.delivered),
    bounceRate: rate(bounced, s.sent),
    hardBounceRate: entry.known.hardBounces ? rate(hard, s.sent) : null,
    openRate: opens === null ? null : rate(opens, s.delivered),
    clickRate: clicks === null ? null : rate(clicks, s.delivered),
    unsubscribeRate: entry.known.unsubscribes ? rate(unsubscribes, s.delivered) : null,
    spamTrapRate: entry.known.spamTraps ? rate(traps, s.sent) : null,
    complaintLevel: ladder.level,
    complaintHeadroom: ladder.headroom,
    complaintsContinued: ladder.complaintsContinued,
    complaintsAfterWarning: ladder.complaintsAfterWarning,
  };
}

function bySendTimeThenName(a: Pick<CampaignResult, 'sentAt' | 'campaign'>, b: Pick<CampaignResult, 'sentAt' | 'campaign'>): number {
  if (a.sentAt !== b.sentAt) {
    if (a.sentAt === null) return 1;
    if (b.sentAt === null) return -1;
    return a.sentAt < b.sentAt ? -1 : 1;
  }
  return a.campaign < b.campaign ? -1 : a.campaign > b.campaign ? 1 : 0;
}
