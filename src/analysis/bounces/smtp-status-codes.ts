/**
 * What SMTP codes alone say about a bounce: enhanced status codes (RFC 3463 and the IANA
 * "SMTP Enhanced Status Codes" registry) and, as a last resort, RFC 5321 reply codes.
 *
 * Lookup order for an enhanced code `c.s.d`:
 *   1. the exact code (`5.3.2`), 2. the code for either class (`x.2.2`),
 *   3. the class/subject fallback (`5.2.x`), 4. nothing (class 2 = success).
 */

import type { BounceReason } from './bounce-reasons.js';

export interface EnhancedCodeEntry {
  reason: BounceReason;
  /** The registry's title for the code (for documentation and tests). */
  meaning: string;
}

/**
 * Exact codes. Keys are `c.s.d` for one class or `x.s.d` for both 4 and 5. A reason that is
 * normally hard still comes out soft when the code's class is 4 (see classify-bounce.ts).
 */
export const ENHANCED_CODE_TABLE: Readonly<Record<string, EnhancedCodeEntry>> = {
  // X.1.X addressing
  '5.1.0': { reason: 'user_unknown', meaning: 'Other address status' },
  'x.1.1': { reason: 'user_unknown', meaning: 'Bad destination mailbox address' },
  'x.1.2': { reason: 'domain_not_found', meaning: 'Bad destination system address' },
  'x.1.3': { reason: 'invalid_address', meaning: 'Bad destination mailbox address syntax' },
  'x.1.6': { reason: 'mailbox_moved', meaning: 'Destination mailbox has moved, no forwarding address' },
  'x.1.7': { reason: 'sender_rejected', meaning: "Bad sender's mailbox address syntax" },
  'x.1.8': { reason: 'sender_rejected', meaning: "Bad sender's system address" },
  'x.1.10': { reason: 'no_mail_accepted', meaning: 'Recipient address has null MX (RFC 7505)' },
  // X.2.X mailbox
  'x.2.1': { reason: 'mailbox_disabled', meaning: 'Mailbox disabled, not accepting messages' },
  'x.2.2': { reason: 'mailbox_full', meaning: 'Mailbox full' },
  'x.2.3': { reason: 'message_too_large', meaning: 'Message length exceeds administrative limit' },
  // X.3.X mail system
  'x.3.1': { reason: 'system_error', meaning: 'Mail system full' },
  '4.3.2': { reason: 'system_error', meaning: 'System not accepting network messages (for now)' },
  '5.3.2': { reason: 'no_mail_accepted', meaning: 'System not accepting network messages' },
  'x.3.4': { reason: 'message_too_large', meaning: 'Message too big for system' },
  'x.3.5': { reason: 'system_error', meaning: 'System incorrectly configured' },
  // X.4.X network and routing
  'x.4.1': { reason: 'network_error', meaning: 'No answer from host' },
  'x.4.2': { reason: 'network_error', meaning: 'Bad connection' },
  'x.4.3': { reason: 'network_error', meaning: 'Directory server failure' },
  'x.4.4': { reason: 'unroutable', meaning: 'Unable to route' },
  'x.4.5': { reason: 'system_error', meaning: 'Mail system congestion' },
  'x.4.6': { reason: 'unroutable', meaning: 'Routing loop detected' },
  'x.4.7': { reason: 'expired', meaning: 'Delivery time expired' },
  // X.5.X protocol
  'x.5.3': { reason: 'rate_limited', meaning: 'Too many recipients' },
  // X.6.X content: all subject 6 codes are content_error (fallback below)
  // X.7.X security and policy
  'x.7.1': { reason: 'policy', meaning: 'Delivery not authorized, message refused' },
  'x.7.2': { reason: 'policy', meaning: 'Mailing list expansion prohibited' },
  'x.7.13': { reason: 'mailbox_disabled', meaning: 'User account disabled' },
  'x.7.16': { reason: 'message_too_large', meaning: 'Message is too big for the specified priority' },
  'x.7.17': { reason: 'mailbox_moved', meaning: 'Mailbox owner has changed' },
  'x.7.18': { reason: 'mailbox_moved', meaning: 'Domain owner has changed' },
  'x.7.20': { reason: 'auth_failure', meaning: 'No passing DKIM signature found' },
  'x.7.21': { reason: 'auth_failure', meaning: 'No acceptable DKIM signature found' },
  'x.7.22': { reason: 'auth_failure', meaning: 'No valid author-matched DKIM signature found' },
  'x.7.23': { reason: 'auth_failure', meaning: 'SPF validation failed' },
  'x.7.24': { reason: 'auth_failure', meaning: 'SPF validation error' },
  'x.7.25': { reason: 'ptr_missing', meaning: 'Reverse DNS validation failed' },
  'x.7.26': { reason: 'auth_failure', meaning: 'Multiple authentication checks failed' },
  // The registry says "sender address has null MX"; Gmail sends 4.7.27/5.7.27 when SPF did not
  // pass. Either way the sender's domain is at fault: authentication is the more useful advice.
  'x.7.27': { reason: 'auth_failure', meaning: 'Sender address has null MX (Gmail: SPF did not pass)' },
  'x.7.28': { reason: 'sender_throttled', meaning: 'Mail flood detected' },
  'x.7.29': { reason: 'auth_failure', meaning: 'ARC validation failure' },
  'x.7.30': { reason: 'tls_required', meaning: 'REQUIRETLS support required' },
};

/**
 * Class/subject fallbacks for codes not in the table. Class 4 is temporary, so only the
 * subjects that say something beyond "try again" get their own reason.
 */
export const ENHANCED_SUBJECT_FALLBACK: Readonly<Record<'4' | '5', Readonly<Record<string, EnhancedCodeEntry>>>> = {
  '4': {
    '0': { reason: 'other_temporary', meaning: 'Other or undefined status' },
    '1': { reason: 'other_temporary', meaning: 'Addressing status' },
    '2': { reason: 'other_temporary', meaning: 'Mailbox status' },
    '3': { reason: 'system_error', meaning: 'Mail system status' },
    '4': { reason: 'other_temporary', meaning: 'Network and routing status' },
    '5': { reason: 'other_temporary', meaning: 'Mail delivery protocol status' },
    '6': { reason: 'content_error', meaning: 'Message content or media status' },
    '7': { reason: 'policy', meaning: 'Security or policy status' },
  },
  '5': {
    '0': { reason: 'other_permanent', meaning: 'Other or undefined status' },
    '1': { reason: 'user_unknown', meaning: 'Addressing status' },
    '2': { reason: 'mailbox_disabled', meaning: 'Mailbox status' },
    '3': { reason: 'system_error', meaning: 'Mail system status' },
    '4': { reason: 'unroutable', meaning: 'Network and routing status' },
    '5': { reason: 'other_permanent', meaning: 'Mail delivery protocol status' },
    '6': { reason: 'content_error', meaning: 'Message content or media status' },
    '7': { reason: 'policy', meaning: 'Security or policy status' },
  },
};

export interface EnhancedCodeLookup extends EnhancedCodeEntry {
  /** 'exact' when the code itself is in the table, 'subject' for a class/subject fallback. */
  match: 'exact' | 'subject';
}

/** What an enhanced status code (`5.1.1`) says, or undefined for success or malformed codes. */
export function lookupEnhancedCode(enhanced: string): EnhancedCodeLookup | undefined {
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(enhanced);
  if (!m) return undefined;
  const [, cls = '', subject = '', detail = ''] = m;
  if (cls === '2') return undefined;
  const exact =
    ENHANCED_CODE_TABLE[`${cls}.${subject}.${detail}`] ?? ENHANCED_CODE_TABLE[`x.${subject}.${detail}`];
  if (exact) return { ...exact, match: 'exact' };
  const fallback = ENHANCED_SUBJECT_FALLBACK[cls as '4' | '5'][subject];
  return fallback ? { ...fallback, match: 'subject' } : undefined;
}

/** True for codes that only give a class or subject ("other or undefined"): `x.0.0`, `5.7.0`. */
export function isGenericEnhancedCode(enhanced: string): boolean {
  return /^[245]\.\d{1,3}\.0$/.test(enhanced);
}

/** Reply codes that say more than their class (RFC 5321 section 4.2.2/4.2.3). */
export const BASIC_CODE_TABLE: Readonly<Record<string, BounceReason>> = {
  // "Service not available, closing transmission channel": the server itself is unavailable.
  '421': 'system_error',
};

/** What a reply code alone says: 421 system_error, other 4xx other_temporary, 5xx other_permanent. */
export function lookupBasicCode(basic: string): BounceReason | undefined {
  const exact = BASIC_CODE_TABLE[basic];
  if (exact) return exact;
  if (basic.startsWith('4')) return 'other_temporary';
  if (basic.startsWith('5')) return 'other_permanent';
  return undefined;
}
