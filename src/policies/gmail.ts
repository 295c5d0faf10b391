import { policySchema, type Policy } from './policy-schema.js';

const GUIDELINES = 'Google, "Email sender guidelines" (https://support.google.com/a/answer/81126)';
const FAQ = 'Google, "Email sender guidelines FAQ" (https://support.google.com/a/answer/14229414)';
const DAILY = 'each day ("Spam rate is calculated daily"); deliv counts sends on the send day and complaints on the day reported (UTC)';
const SPAM_DENOMINATOR =
  'Postmaster Tools: mail that reached the inbox of active personal Gmail users; deliv uses all mail delivered to gmail.com and googlemail.com, which gives a lower rate when mail already lands in spam';

/** Google's rules for mail to personal Gmail accounts (gmail.com, googlemail.com). */
export const gmailPolicy: Policy = policySchema.parse({
  name: 'gmail',
  title: 'Gmail: sender guidelines (spam rate, bulk senders)',
  url: 'https://support.google.com/a/answer/81126',
  appliesTo: 'mail to personal Gmail accounts (gmail.com, googlemail.com); not Google Workspace domains',
  thresholds: [
    {
      id: 'spam_rate',
      metric: 'complaint_rate',
      scope: 'day',
      providers: ['google'],
      value: 0.001,
      comparison: 'above',
      level: 'warning',
      window: DAILY,
      denominator: SPAM_DENOMINATOR,
      consequence: 'a negative impact on inbox delivery',
      source: `${GUIDELINES}: keep spam rates "below 0.10%"; ${FAQ}: "user-reported spam rates greater than 0.1% have a negative impact on email inbox delivery"`,
      estimate: false,
    },
    {
      id: 'spam_rate_limit',
      metric: 'complaint_rate',
      scope: 'day',
      providers: ['google'],
      value: 0.003,
      comparison: 'at_or_above',
      level: 'restricted',
      window: DAILY,
      denominator: SPAM_DENOMINATOR,
      consequence:
        'mail may be rejected or sent to spam, and bulk senders are ineligible for mitigation until the rate stays below 0.3% for 7 consecutive days',
      source: `${GUIDELINES}: "avoid ever reaching a spam rate of 0.30% or higher"; ${FAQ}: eligible again "when their spam rates remain below 0.3% for 7 consecutive days"`,
      estimate: false,
    },
    {
      id: 'bulk_sender',
      metric: 'messages_sent',
      scope: 'day',
      providers: ['google'],
      value: 5000,
      comparison: 'at_or_above',
      level: 'ok',
      window: 'within a 24-hour period (deliv counts each UTC day); messages from the same primary domain add up',
      denominator: 'messages to personal Gmail accounts',
      consequence:
        'you are permanently a bulk sender: SPF and DKIM, DMARC, From alignment and one-click unsubscribe become required',
      source: `${GUIDELINES}: "any email sender that sends close to 5,000 messages or more to personal Gmail accounts within a 24-hour period"; senders who meet it "at least once are permanently considered bulk senders"`,
      estimate: false,
    },
  ],
  notChecked: [
    {
      requirement: 'SPF or DKIM for all senders; SPF and DKIM, and a DMARC record (p=none at least) for bulk senders',
      check: 'Look up your SPF, DKIM and _dmarc DNS records, or read the Authentication-Results header of a message you sent to a Gmail address',
      source: GUIDELINES,
    },
    {
      requirement: "The From domain aligns with the SPF or DKIM domain (bulk senders)",
      check: 'In a delivered message, the DKIM d= domain or the SPF (Return-Path) domain matches the From domain',
      source: GUIDELINES,
    },
    {
      requirement: 'One-click unsubscribe (List-Unsubscribe and List-Unsubscribe-Post headers, RFC 8058) on marketing mail, and unsubscribes honoured within 48 hours',
      check: 'Show original on a message in Gmail and find both headers; test that the POST unsubscribes',
      source: `${GUIDELINES}; ${FAQ}`,
    },
    {
      requirement: 'Valid forward and reverse DNS (PTR) for sending IPs, and TLS',
      check: 'Your platform manages these for shared IPs; for dedicated IPs check the PTR record and the TLS line in Received headers',
      source: GUIDELINES,
    },
    {
      requirement: "The spam rate Gmail itself measures (Postmaster Tools)",
      check: 'Register your domain in Google Postmaster Tools and compare its daily spam rate with deliv\'s',
      source: 'Google, "Sender requirements & Postmaster Tools FAQ" (https://support.google.com/a/answer/14289100)',
    },
  ],
} satisfies Policy);
