import { policySchema, type Policy } from './policy-schema.js';

const FAQ = 'Amazon SES, "Sending review process FAQs" (https://docs.aws.amazon.com/ses/latest/dg/faqs-enforcement.html)';
const WINDOW = 'a "representative volume" of your recent mail, not a fixed period; deliv uses everything audited';
const BOUNCES = 'hard bounces to domains you have not verified / emails sent (temporary failures and blocked-IP bounces excluded)';
const COMPLAINTS = 'complaints / emails sent to domains that send complaint feedback to SES; deliv uses all delivered mail';

/** Amazon SES's account-level bounce and complaint rates and what each level leads to. */
export const sesPolicy: Policy = policySchema.parse({
  name: 'ses',
  title: 'Amazon SES: bounce and complaint rates',
  url: 'https://docs.aws.amazon.com/ses/latest/dg/faqs-enforcement.html',
  appliesTo: 'mail sent through an Amazon SES account',
  thresholds: [
    {
      id: 'bounce_recommended',
      metric: 'hard_bounce_rate',
      scope: 'audit',
      value: 0.02,
      comparison: 'at_or_above',
      level: 'ok',
      window: WINDOW,
      denominator: BOUNCES,
      consequence: 'above the recommended level: no action yet',
      source: `${FAQ}: "For best results, you should maintain a bounce rate below 2%"`,
      estimate: false,
    },
    {
      id: 'bounce_review',
      metric: 'hard_bounce_rate',
      scope: 'audit',
      value: 0.05,
      comparison: 'at_or_above',
      level: 'warning',
      window: WINDOW,
      denominator: BOUNCES,
      consequence: 'the account is placed under review (you can still send; fix it before the review period ends)',
      source: `${FAQ}: "If your bounce rate is 5% or greater, we'll place your account under review"`,
      estimate: false,
    },
    {
      id: 'bounce_pause',
      metric: 'hard_bounce_rate',
      scope: 'audit',
      value: 0.1,
      comparison: 'at_or_above',
      level: 'suspended',
      window: WINDOW,
      denominator: BOUNCES,
      consequence: "SES might pause the account's ability to send",
      source: `${FAQ}: "If your bounce rate is 10% or greater, we might pause your account's ability to send"`,
      estimate: false,
    },
    {
      id: 'complaint_review',
      metric: 'complaint_rate',
      scope: 'audit',
      value: 0.001,
      comparison: 'at_or_above',
      level: 'warning',
      window: WINDOW,
      denominator: COMPLAINTS,
      consequence: 'the account is placed under review (you can still send; fix it before the review period ends)',
      source: `${FAQ}: "If your complaint rate is 0.1% or greater, we'll place your account under review"`,
      estimate: false,
    },
    {
      id: 'complaint_pause',
      metric: 'complaint_rate',
      scope: 'audit',
      value: 0.005,
      comparison: 'at_or_above',
      level: 'suspended',
      window: WINDOW,
      denominator: COMPLAINTS,
      consequence: "SES might pause the account's ability to send",
      source: `${FAQ}: "If your complaint rate is 0.5% or greater, we might pause your account's ability to send"`,
      estimate: false,
    },
  ],
  notChecked: [
    {
      requirement: 'Spam-trap hits and complaints made directly to AWS',
      check: 'SES does not disclose how many trap hits trigger action; watch the account dashboard and answer any notice within three weeks',
      source: `${FAQ}`,
    },
    {
      requirement: "SES's own bounce and complaint figures, over its representative volume",
      check: 'Compare with the reputation metrics in the SES console (Reputation metrics / Virtual Deliverability Manager)',
      source: 'Amazon SES, "Using reputation metrics" (https://docs.aws.amazon.com/ses/latest/dg/reputation-dashboard-dg.html)',
    },
  ],
} satisfies Policy);
