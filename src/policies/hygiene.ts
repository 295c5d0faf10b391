import { hygienePolicySchema, type HygienePolicy } from './policy-schema.js';

/** deliv's own list-hygiene rules. */
export const hygienePolicy: HygienePolicy = hygienePolicySchema.parse({
  name: 'hygiene',
  title: 'deliv list hygiene',
  softBounceLimit: {
    count: {
      value: 3,
      source:
        'Estimate: Keila marks a contact unreachable after 3 soft bounces among its last 5 sends; Mailchimp cleans after 7 (research/peers.md, research/policies.md)',
      estimate: true,
    },
    minSpanDays: {
      value: 7,
      source: 'Estimate: the soft bounces must span a week, so one bad day at a mail server suppresses no one',
      estimate: true,
    },
  },
} satisfies HygienePolicy);
