import { policySchema, type Policy } from './policy-schema.js';

const BLOG =
  'Microsoft Defender for Office 365 Blog, "Strengthening Email Ecosystem: Outlook\'s New Requirements for High-Volume Senders" (2 Apr 2025, updated 29-30 Apr 2025), on techcommunity.microsoft.com';

/** Outlook.com's high-volume sender line (hotmail.com, live.com, outlook.com and their variants). */
export const microsoftPolicy: Policy = policySchema.parse({
  name: 'microsoft',
  title: 'Microsoft Outlook.com: high-volume senders',
  appliesTo: 'mail to Outlook.com consumer addresses (hotmail.com, live.com, outlook.com, msn.com and regional variants)',
  thresholds: [
    {
      id: 'high_volume_sender',
      metric: 'messages_sent',
      scope: 'day',
      providers: ['microsoft'],
      value: 5000,
      comparison: 'above',
      level: 'ok',
      window: 'per day (deliv counts each UTC day)',
      denominator: 'messages to Outlook.com consumer addresses',
      consequence:
        'the high-volume sender requirements apply: SPF, DKIM and DMARC must pass, or mail is rejected with 550 5.7.515 (from 5 May 2025)',
      source: `${BLOG}: "domains sending more than 5,000 emails per day"`,
      estimate: false,
    },
  ],
  notChecked: [
    {
      requirement: 'SPF passes, DKIM passes, and DMARC (p=none at least) aligns with SPF or DKIM',
      check: 'Read the Authentication-Results header of a message delivered to an Outlook.com address',
      source: BLOG,
    },
    {
      requirement: 'A working From/Reply-To address, a visible unsubscribe link, and regular removal of inactive and invalid addresses',
      check: 'Review your templates; deliv\'s suppressed.csv covers bounces and inactivity',
      source: BLOG,
    },
  ],
} satisfies Policy);
