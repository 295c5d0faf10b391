/**
 * The "Common delivery errors" table of Intercom's help article "Email delivery errors"
 * (Inbox and Help Desk versions). deliv explains these codes the way the article does:
 * `meaning` is the article's text, quoted as written; `advice` is the article's advice where
 * it gives one for the code, otherwise deliv's, built on the article's general advice
 * ("try sending again later, or reach out to the customer through another address or channel").
 *
 * The one edit: the 421-4.7.28 row says the deferral is "controlled by Gmail’s policies and not
 * by Intercom"; deliv reads exports from any platform, so it says "not by your sending platform".
 *
 * `kind` and `reason` are deliv's own classification of each code.
 */

import type { BounceKind, BounceReason } from './bounce-reasons.js';
import type { SmtpCodes } from './extract-smtp-codes.js';

export interface SeedErrorCode {
  /** As the article writes it: `550-5.1.1`, or `550` alone. */
  code: string;
  basic: string;
  enhanced?: string;
  /** The article's "What it means", quoted. */
  meaning: string;
  /** What the sender should do. */
  advice: string;
  kind: BounceKind;
  reason: BounceReason;
}

/** Shared by 554-5.4.4 and 554-5.4.7: the article gives both the same text. */
const NO_ROUTE_MEANING =
  "This typically means that the recipient's mail server could not find a route to deliver your email. DNS may be misconfigured on their mail server, there may be policy restrictions that block certain types of email, or there may be a temporary issue with the server or network.";

export const SEED_ERROR_CODES = [
  {
    code: '421-4.7.28',
    basic: '421',
    enhanced: '4.7.28',
    meaning:
      'This is a temporary rate-limit deferral from Gmail when Gmail detects an “unusual rate of mail originating from your SPF domain.” Gmail may defer delivery of your message with this code if its spam prevention systems see an atypical sending pattern — for example, a sudden increase in send volume from a new or low-volume domain. This is controlled by Gmail’s policies and not by your sending platform.',
    advice:
      'You can try sending again later, and ensuring your sending domain is authenticated (SPF/DKIM) and warmed up can reduce these rate-limits over time.',
    kind: 'block',
    reason: 'sender_throttled',
  },
  {
    code: '550',
    basic: '550',
    meaning:
      'This can mean a variety of different things, such as the recipient address not existing, the email being filtered as spam, or the mailbox being full. The error message usually provides more detailed information about what’s going wrong.',
    advice:
      'Read the full error message for the actual cause. If it does not make it clear, you can try sending again later, or reach out to the contact through another address or channel if available.',
    kind: 'hard',
    reason: 'other_permanent',
  },
  {
    code: '550-5.1.1',
    basic: '550',
    enhanced: '5.1.1',
    meaning:
      'This typically means that the email address you are trying to send to is not valid. The recipient may have closed their email account, or there may be a typo in their email address.',
    advice:
      'Check the address for a typo. If it is correct, stop sending to it and reach out to the contact through another address or channel if available.',
    kind: 'hard',
    reason: 'user_unknown',
  },
  {
    code: '550-5.7.1',
    basic: '550',
    enhanced: '5.7.1',
    meaning:
      'This error is often associated with issues related to email security, spam, or policy violations. The email may have triggered spam or virus protection filters, failed authentication checks, or been rejected due to policy violations related to the source or content.',
    advice:
      'Ensure your sending domain is authenticated (SPF/DKIM) and ask end-user to check which rule could be rejecting these emails.',
    kind: 'block',
    reason: 'policy',
  },
  {
    code: '552-5.2.2',
    basic: '552',
    enhanced: '5.2.2',
    meaning:
      "This indicates that the recipient's mailbox is full and cannot accept any more messages until space is freed up.",
    advice:
      'Try sending again later, once the mailbox is no longer full. If it stays full, reach out to the contact through another address or channel if available.',
    kind: 'soft',
    reason: 'mailbox_full',
  },
  {
    code: '554-5.4.4',
    basic: '554',
    enhanced: '5.4.4',
    meaning: NO_ROUTE_MEANING,
    advice:
      "The problem is on the recipient's side. Reach out to the contact through another address or channel if available; stop sending to the address if it keeps failing.",
    kind: 'hard',
    reason: 'unroutable',
  },
  {
    code: '554-5.4.7',
    basic: '554',
    enhanced: '5.4.7',
    meaning: NO_ROUTE_MEANING,
    advice:
      'Delivery was retried until it timed out. You can try sending again later, or reach out to the contact through another address or channel if available.',
    kind: 'soft',
    reason: 'expired',
  },
] as const satisfies readonly SeedErrorCode[];

export type SeedCode = (typeof SEED_ERROR_CODES)[number]['code'];

/** Enhanced codes that say no more than their class ("other undefined status"). */
const UNINFORMATIVE_ENHANCED = new Set(['5.0.0']);

/**
 * The seed entry for a bounce's codes:
 * - reply and enhanced code both match an entry (`550` + `5.1.1` -> `550-5.1.1`);
 * - an enhanced code without a reply code matches on the enhanced code (`5.4.7` -> `554-5.4.7`);
 * - `550` with no enhanced code, or with the uninformative `5.0.0`, is the `550` entry.
 * A mismatched pair (`553` + `5.1.1`) is not a seed match.
 */
export function findSeedErrorCode(codes: SmtpCodes): SeedErrorCode | undefined {
  const { basic, enhanced } = codes;
  if (enhanced !== undefined && !UNINFORMATIVE_ENHANCED.has(enhanced)) {
    return SEED_ERROR_CODES.find(
      (s) => 'enhanced' in s && s.enhanced === enhanced && (basic === undefined || s.basic === basic),
    );
  }
  if (basic === '550') return SEED_ERROR_CODES.find((s) => s.code === '550');
  return undefined;
}

