import { policySchema, type Policy } from './policy-schema.js';

const ARTICLE = 'seeds/003 Emma, "Account suspension due to spam complaints"';
const PER_CAMPAIGN = 'one campaign';
const DELIVERED = 'delivered emails of that single campaign';

/** Emma: complaint rate per campaign = complaints / delivered emails of that campaign (seeds/003). */
export const emmaPolicy: Policy = policySchema.parse({
  name: 'emma',
  title: 'Emma: spam complaints per campaign',
  url: 'https://support.e2ma.net/Resource_Center/Help_articles/account-suspension-due-to-spam-complaints',
  appliesTo: 'campaigns sent through Emma',
  thresholds: [
    {
      id: 'elevated',
      metric: 'complaint_rate',
      scope: 'campaign',
      value: 0.001,
      comparison: 'at_or_above',
      level: 'ok',
      window: PER_CAMPAIGN,
      denominator: DELIVERED,
      consequence: 'at or above the industry standard: no warning yet',
      source: `${ARTICLE}: "Industry standard for spam complaints is less than 0.1%"`,
      estimate: false,
    },
    {
      id: 'warning',
      metric: 'complaint_rate',
      scope: 'campaign',
      value: 0.002,
      comparison: 'above',
      level: 'warning',
      window: PER_CAMPAIGN,
      denominator: DELIVERED,
      consequence: "Emma's first warning email",
      source: `${ARTICLE}: "First warning: If you send an email that receives more than a 0.2% complaint rate"`,
      estimate: false,
      ifComplaintsContinue: {
        id: 'second_warning',
        consequence: "Emma's second warning email; the account is suspended if the rate goes above 0.5%",
        source: `${ARTICLE}: "Second warning: If complaints continue to be received for the same email"`,
      },
    },
    {
      id: 'suspended',
      metric: 'complaint_rate',
      scope: 'campaign',
      value: 0.005,
      comparison: 'above',
      level: 'suspended',
      window: PER_CAMPAIGN,
      denominator: DELIVERED,
      consequence: 'the whole account is suspended automatically; it may be closed if unresolved',
      source: `${ARTICLE}: "accounts are automatically suspended when that limit [0.5%] is exceeded"`,
      estimate: false,
    },
  ],
  notChecked: [
    {
      requirement: 'Every message carries an unsubscribe link and your physical address',
      check: "Send yourself a test of the campaign and find both in the footer",
      source: 'seeds/001 (permission and CAN-SPAM requirements)',
    },
  ],
} satisfies Policy);
