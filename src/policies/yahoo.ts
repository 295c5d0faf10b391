import { policySchema, type Policy } from './policy-schema.js';

const PRACTICES = 'Yahoo, "Sender Best Practices" (https://senders.yahooinc.com/best-practices/)';

/** Yahoo's requirements for mail to Yahoo Mail, AOL and other Yahoo-hosted domains. */
export const yahooPolicy: Policy = policySchema.parse({
  name: 'yahoo',
  title: 'Yahoo: sender requirements (spam rate)',
  url: 'https://senders.yahooinc.com/best-practices/',
  appliesTo: 'mail to Yahoo Mail, AOL and other Yahoo-hosted addresses',
  thresholds: [
    {
      id: 'spam_rate',
      metric: 'complaint_rate',
      scope: 'day',
      providers: ['yahoo'],
      value: 0.003,
      comparison: 'at_or_above',
      level: 'restricted',
      window: 'Yahoo "continuously evaluates mail" and publishes no window; deliv judges each UTC day, as Gmail does',
      denominator: '"mail delivered to the inbox"; deliv uses all mail delivered to Yahoo-hosted domains',
      consequence: 'mail from the domain may be deferred, sent to the spam folder or rejected',
      source: `${PRACTICES}: "Keep your spam rate below 0.3%"; Yahoo, "FAQs" (https://senders.yahooinc.com/faqs/): "we may defer mail from domains with a high complaint rate"`,
      estimate: false,
    },
  ],
  notChecked: [
    {
      requirement: 'SPF or DKIM for all senders; SPF and DKIM and a passing DMARC policy (p=none at least) for bulk senders',
      check: 'Look up your SPF, DKIM and _dmarc DNS records, or read the Authentication-Results header of a message sent to a Yahoo address',
      source: PRACTICES,
    },
    {
      requirement: 'One-click unsubscribe (List-Unsubscribe, RFC 8058 POST recommended) and a visible unsubscribe link; unsubscribes honoured within 2 days',
      check: 'View the raw message and find the List-Unsubscribe and List-Unsubscribe-Post headers',
      source: PRACTICES,
    },
    {
      requirement: 'Valid forward and reverse DNS, and RFC 5321/5322-compliant messages',
      check: 'Check the PTR record of dedicated sending IPs',
      source: PRACTICES,
    },
  ],
} satisfies Policy);
