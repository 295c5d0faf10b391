import type { CampaignResult } from '../audit-result.js';

/** A campaign result for tests: every count zero, every rate unknown, then the fields given. */
export function campaignResult(name: string, sentAt: string | null, fields: Partial<CampaignResult>): CampaignResult {
  return {
    campaign: name, source: 'event_log', files: ['e.csv'], sentAt, sent: 0, delivered: 0, deliveredMethod: 'delivered_events',
    hardBounces: 0, softBounces: 0, blockBounces: 0, undeterminedBounces: 0, bounced: 0, deferred: 0, dropped: 0, complaints: 0,
    uniqueOpens: null, uniqueClicks: null, unsubscribes: 0, spamTrapHits: 0, complaintRate: null, bounceRate: null, hardBounceRate: null,
    openRate: null, clickRate: null, unsubscribeRate: null, spamTrapRate: null, complaintLevel: 'ok', complaintHeadroom: null,
    complaintsContinued: 'not_applicable', complaintsAfterWarning: 0, evidence: {} as CampaignResult['evidence'], ...fields,
  };
}
