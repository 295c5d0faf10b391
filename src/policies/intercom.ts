import { policySchema, type Policy } from './policy-schema.js';

const RESTRICTIONS = 'seeds/000 Intercom, "Email sending restrictions explained"';
const GUIDELINES = 'seeds/001 Intercom, "Intercom\'s email sending guidelines"';
const RESTRICTED = 'email sending is restricted to active users only (the 180-day rule)';

/**
 * Intercom restricts a workspace to active users when spam-trap hits, low open rates or
 * bounces cross thresholds it does not publish. The trigger numbers below are deliv's
 * estimates from published guidance; override them when Intercom tells you otherwise.
 */
export const intercomPolicy: Policy = policySchema.parse({
  name: 'intercom',
  title: 'Intercom: restriction to active users',
  url: 'https://www.intercom.com/help/en/articles/2085591-email-sending-restrictions-explained',
  appliesTo: 'email sent from an Intercom workspace',
  restrictedMode: {
    activityWindowDays: {
      value: 180,
      source: `${RESTRICTIONS}: "Been active within the last 180 days" / messaged / opened or clicked an email "in the last 180 days"`,
      estimate: false,
    },
  },
  thresholds: [
    {
      id: 'spam_trap_rate',
      metric: 'spam_trap_rate',
      scope: 'audit',
      value: 0.001,
      comparison: 'above',
      level: 'restricted',
      window: 'not published; deliv uses every campaign audited',
      denominator: 'not published; deliv uses messages sent',
      consequence: RESTRICTED,
      source:
        `Estimate; Intercom does not publish it ("We restrict sending when spam trap hit rate has exceeded our thresholds", ${RESTRICTIONS}). Revinate deliverability guidance: hit "very few Recycled Traps (Less than .1%) and no Pristine Traps" (https://revinate.zendesk.com/hc/en-us/articles/12386179098139-Spam-Traps)`,
      estimate: true,
    },
    {
      id: 'low_open_rate',
      metric: 'open_rate',
      scope: 'campaign',
      value: 0.1,
      comparison: 'below',
      level: 'restricted',
      window: '"low open rates over an extended period": the most recent campaigns in a row',
      denominator: 'not published; deliv uses unique opens / delivered',
      consequence: RESTRICTED,
      source:
        "Estimate; Intercom does not publish it. Under half of Mailchimp's lowest industry average unique open rate (15.03%; all industries 21.33%, https://mailchimp.com/resources/email-marketing-benchmarks/)",
      estimate: true,
      minVolume: {
        value: 100,
        source:
          'Estimate: an open rate on fewer than 100 deliveries is too noisy to judge (Mailchimp computes its benchmarks only on campaigns to at least 1,000 subscribers)',
        estimate: true,
      },
      sustained: {
        campaigns: {
          value: 3,
          source: `Estimate for "low open rates over an extended period" (${RESTRICTIONS}): one bad send is not a trend`,
          estimate: true,
        },
        minSpanDays: {
          value: 30,
          source: `Estimate for "over an extended period" (${RESTRICTIONS}): the low campaigns must span at least a month`,
          estimate: true,
        },
      },
    },
    {
      id: 'bounce_rate',
      metric: 'bounce_rate',
      scope: 'audit',
      value: 0.03,
      comparison: 'above',
      level: 'restricted',
      window: 'not published; deliv uses every campaign audited',
      denominator: 'not published; deliv uses recipients that bounced / sent',
      consequence: `${RESTRICTED}; Intercom may also suspend sending while it investigates (${GUIDELINES})`,
      source:
        'Estimate for the trigger; the band is published: "A bounce rate within the range of 0% to 3% is considered healthy" (https://www.intercom.com/help/en/articles/567399-intercom-s-workspace-review-process); "High bounce rates" over "our reasonable internal thresholds" lead to suspension (seeds/001)',
      estimate: true,
    },
  ],
  notChecked: [
    {
      requirement: 'Every message carries an easy unsubscribe option and a physical address of your business',
      check: 'Send yourself a test of each message and template, and find both',
      source: `${GUIDELINES}: "Include an easy to use unsubscribe option and a physical address to your business on all messages"`,
    },
    {
      requirement: 'Permission: every recipient opted in; no purchased, rented, scraped or borrowed lists',
      check: 'Keep each contact\'s opt-in source and date; Intercom may ask for proof',
      source: GUIDELINES,
    },
    {
      requirement: 'Links are not flagged as malicious and the sending domain is not blocklisted',
      check: 'Check your link domains with Google Safe Browsing and your sending domain on the major blocklists',
      source: 'Intercom workspace review (https://www.intercom.com/help/en/articles/567399-intercom-s-workspace-review-process), research/policies.md §10',
    },
  ],
} satisfies Policy);
