import { policySchema, type Policy } from './policy-schema.js';

const WHY = 'Brevo, "Why has my account been suspended?" (https://help.brevo.com/hc/en-us/articles/360017299259)';
const WINDOW = '"Email campaigns sent in the last 24h" (deliv: at each send, the campaigns sent in the 24 hours up to it)';
const SUSPENDED = 'campaigns and the account are suspended until revalidated; the next suspension can lead to permanent deactivation';

/** Brevo (ex-Sendinblue): the negative results that suspend an account. */
export const brevoPolicy: Policy = policySchema.parse({
  name: 'brevo',
  title: 'Brevo: account suspension (last 24 hours)',
  url: 'https://help.brevo.com/hc/en-us/articles/360017299259',
  appliesTo: 'campaigns sent through Brevo',
  thresholds: [
    {
      id: 'hard_bounce_rate',
      metric: 'hard_bounce_rate',
      scope: 'rolling_window',
      windowHours: 24,
      value: 0.02,
      comparison: 'above',
      level: 'suspended',
      window: WINDOW,
      denominator: 'not published; deliv uses hard bounces / sent',
      consequence: SUSPENDED,
      source: `${WHY}: negative results include "hard bounce rate > 2%"`,
      estimate: false,
    },
    {
      id: 'unsubscribe_rate',
      metric: 'unsubscribe_rate',
      scope: 'rolling_window',
      windowHours: 24,
      value: 0.01,
      comparison: 'above',
      level: 'suspended',
      window: WINDOW,
      denominator: 'not published; deliv uses unsubscribes / delivered',
      consequence: SUSPENDED,
      source: `${WHY}: negative results include "unsubscribe rate > 1%"`,
      estimate: false,
    },
    {
      id: 'complaint_rate',
      metric: 'complaint_rate',
      scope: 'rolling_window',
      windowHours: 24,
      value: 0.002,
      comparison: 'above',
      level: 'suspended',
      window: WINDOW,
      denominator: 'not published; deliv uses complaints / delivered',
      consequence: SUSPENDED,
      source: `${WHY}: negative results include "complaint rate > 0.2%"`,
      estimate: false,
    },
  ],
  notChecked: [
    {
      requirement: "Brevo's 1-3 hour test of a send to new contacts",
      check: 'A campaign to newly imported contacts is first sent to a random subset; check its bounces and complaints before the rest goes out',
      source: 'Brevo, "How to reactivate my account after a suspension" (https://help.brevo.com/hc/en-us/articles/209408165)',
    },
  ],
} satisfies Policy);
