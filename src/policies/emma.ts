import { emmaPolicySchema, type EmmaPolicy } from './policy-schema.js';

const ARTICLE = 'seeds/003 Emma, "Account suspension due to spam complaints"';

/** Emma: complaint rate per campaign = complaints / delivered emails of that campaign. */
export const emmaPolicy: EmmaPolicy = emmaPolicySchema.parse({
  name: 'emma',
  title: 'Emma: spam complaints per campaign',
  url: 'https://support.e2ma.net/Resource_Center/Help_articles/account-suspension-due-to-spam-complaints',
  denominator: 'delivered emails of a single campaign',
  complaintLadder: {
    elevated: {
      value: 0.001,
      comparison: 'at_or_above',
      source: `${ARTICLE}: "Industry standard for spam complaints is less than 0.1%"`,
      estimate: false,
    },
    warning: {
      value: 0.002,
      comparison: 'above',
      source: `${ARTICLE}: "First warning: If you send an email that receives more than a 0.2% complaint rate"`,
      estimate: false,
    },
    suspended: {
      value: 0.005,
      comparison: 'above',
      source: `${ARTICLE}: "accounts are automatically suspended when that limit [0.5%] is exceeded"`,
      estimate: false,
    },
  },
} satisfies EmmaPolicy);
