import { intercomPolicySchema, type IntercomPolicy } from './policy-schema.js';

const RESTRICTIONS = 'seeds/000 Intercom, "Email sending restrictions explained"';

/**
 * Intercom restricts a workspace to active users when spam-trap hits or low open rates
 * cross thresholds it does not publish. The trigger numbers below are deliv's estimates
 * from published industry guidance; override them when Intercom tells you otherwise.
 */
export const intercomPolicy: IntercomPolicy = intercomPolicySchema.parse({
  name: 'intercom',
  title: 'Intercom: restriction to active users',
  url: 'https://www.intercom.com/help/en/articles/2085591-email-sending-restrictions-explained',
  activityWindowDays: {
    value: 180,
    source: `${RESTRICTIONS}: "Been active within the last 180 days" / messaged / opened or clicked an email "in the last 180 days"`,
    estimate: false,
  },
  spamTrapHitRate: {
    value: 0.001,
    comparison: 'above',
    source:
      'Estimate; Intercom does not publish it. Revinate deliverability guidance: hit "very few Recycled Traps (Less than .1%) and no Pristine Traps" (https://revinate.zendesk.com/hc/en-us/articles/12386179098139-Spam-Traps)',
    estimate: true,
  },
  lowOpenRate: {
    openRate: {
      value: 0.1,
      comparison: 'below',
      source:
        "Estimate; Intercom does not publish it. Under half of Mailchimp's lowest industry average unique open rate (15.03%; all industries 21.33%, https://mailchimp.com/resources/email-marketing-benchmarks/)",
      estimate: true,
    },
    consecutiveCampaigns: {
      value: 3,
      source: `Estimate for "low open rates over an extended period" (${RESTRICTIONS}): one bad send is not a trend`,
      estimate: true,
    },
    minSpanDays: {
      value: 30,
      source: `Estimate for "over an extended period" (${RESTRICTIONS}): the low campaigns must span at least a month`,
      estimate: true,
    },
    minDelivered: {
      value: 100,
      source:
        'Estimate: an open rate on fewer than 100 deliveries is too noisy to judge (Mailchimp computes its benchmarks only on campaigns to at least 1,000 subscribers)',
      estimate: true,
    },
  },
} satisfies IntercomPolicy);
