/**
 * What SMTP codes alone say about a bounce: enhanced status codes (RFC 3463 and the IANA
 * "SMTP Enhanced Status Codes" registry, plus the provider-specific codes that Gmail and
 * Microsoft document) and, as a last resort, RFC 5321 reply codes.
 *
 * Lookup order for an enhanced code `c.s.d`:
 *   1. the exact code (`5.3.2`), 2. the code for either class (`x.2.2`),
 *   3. a documented provider range (`5.7.606`-`5.7.649`),
 *   4. the class/subject fallback (`5.2.x`), 5. nothing (class 2 = success).
 * Steps 1-3 are "exact" matches: the code has a known meaning, so it beats weak wording
 * ("service unavailable", "access denied"). Step 4 is a "subject" match: the code only says
 * which area failed, so weak wording may still decide (see bounce-text-rules.ts).
 *
 * Where a provider reuses a registry code with another meaning, the table follows the meaning
 * that is by far the most common in real bounces, and says so:
 * - `4.2.1`: Gmail's "receiving mail at a rate that prevents additional messages" (the
 *   registry's "mailbox disabled" is only kept for class 5).
 * - `x.1.10`: Microsoft's "RESOLVER.ADR.RecipientNotFound" (the recipient does not exist); the
 *   registry's "recipient address has null MX" is rare in practice and is hard either way.
 * - `5.4.1`: Microsoft's "Recipient address rejected: Access denied" (directory-based edge
 *   blocking: the recipient does not exist); the registry's "no answer from host" is `4.4.1`.
 * - `x.7.29`: Gmail's "not sent over a TLS connection" (registry: ARC validation failure).
 * - `x.7.30`: Gmail's "DKIM did not pass" (registry: REQUIRETLS support required).
 * - `x.7.23`: the registry's SPF failure; Gmail's `451 4.7.23` means a missing PTR, and its
 *   text ("PTR record") decides before the code is consulted.
 */

import type { BounceReason } from './bounce-reasons.js';

export interface EnhancedCodeEntry {
  reason: BounceReason;
  /** The registry's (or provider's) title for the code (for documentation and tests). */
  meaning: string;
  /**
   * True for codes servers use as a catch-all (`x.7.1` "delivery not authorized"): weak
   * wording may still decide, as with a generic `x.y.0` code.
   */
  vague?: boolean;
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
  'x.1.8': { reason: 'sender_rejected', meaning: "Bad sender's system address (Microsoft: bad outbound sender)" },
  'x.1.10': { reason: 'user_unknown', meaning: 'Microsoft: recipient not found by SMTP address lookup (registry: null MX)' },
  '5.1.90': { reason: 'sender_throttled', meaning: "Microsoft: sender's daily recipient limit reached" },
  // X.2.X mailbox
  '4.2.1': { reason: 'rate_limited', meaning: 'Gmail: recipient receiving mail too quickly (registry: mailbox disabled)' },
  '5.2.1': { reason: 'mailbox_disabled', meaning: 'Mailbox disabled, not accepting messages' },
  'x.2.2': { reason: 'mailbox_full', meaning: 'Mailbox full' },
  'x.2.3': { reason: 'message_too_large', meaning: 'Message length exceeds administrative limit' },
  '5.2.121': { reason: 'rate_limited', meaning: "Microsoft: recipient's per-hour limit from this sender exceeded" },
  '5.2.122': { reason: 'rate_limited', meaning: "Microsoft: recipient's per-hour receive limit exceeded" },
  // X.3.X mail system
  'x.3.1': { reason: 'system_error', meaning: 'Mail system full' },
  '4.3.2': { reason: 'system_error', meaning: 'System not accepting network messages (for now)' },
  '5.3.2': { reason: 'no_mail_accepted', meaning: 'System not accepting network messages' },
  'x.3.4': { reason: 'message_too_large', meaning: 'Message too big for system' },
  'x.3.5': { reason: 'system_error', meaning: 'System incorrectly configured' },
  // X.4.X network and routing
  '5.4.1': { reason: 'user_unknown', meaning: 'Microsoft: recipient address rejected, access denied (registry: no answer from host)' },
  '4.4.1': { reason: 'network_error', meaning: 'No answer from host' },
  'x.4.2': { reason: 'network_error', meaning: 'Bad connection' },
  'x.4.3': { reason: 'network_error', meaning: 'Directory server failure' },
  'x.4.4': { reason: 'unroutable', meaning: 'Unable to route' },
  'x.4.5': { reason: 'system_error', meaning: 'Mail system congestion' },
  'x.4.6': { reason: 'unroutable', meaning: 'Routing loop detected' },
  'x.4.7': { reason: 'expired', meaning: 'Delivery time expired' },
  '5.4.300': { reason: 'expired', meaning: 'Microsoft: message expired' },
  '5.4.310': { reason: 'domain_not_found', meaning: 'Microsoft: DNS domain does not exist' },
  '5.4.316': { reason: 'expired', meaning: 'Microsoft: message expired, connection refused' },
  // X.5.X protocol: only "too many recipients" says more than "the sending client misbehaved".
  'x.5.3': { reason: 'other_temporary', meaning: 'Too many recipients (the rest are sent in another transaction)' },
  // X.6.X content: all subject 6 codes are content_error (fallback below)
  // X.7.X security and policy
  'x.7.1': { reason: 'policy', meaning: 'Delivery not authorized, message refused', vague: true },
  'x.7.2': { reason: 'policy', meaning: 'Mailing list expansion prohibited' },
  'x.7.5': { reason: 'auth_failure', meaning: 'Cryptographic failure (DKIM/DMARC evaluation)' },
  'x.7.8': { reason: 'relay_denied', meaning: 'Authentication credentials invalid (SMTP AUTH)' },
  'x.7.9': { reason: 'relay_denied', meaning: 'Authentication mechanism is too weak (SMTP AUTH)' },
  'x.7.10': { reason: 'tls_required', meaning: 'Encryption needed' },
  'x.7.11': { reason: 'tls_required', meaning: 'Encryption required for requested authentication mechanism' },
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
  'x.7.26': { reason: 'auth_failure', meaning: 'Multiple authentication checks failed (Gmail: unauthenticated, DMARC)' },
  // The registry says "sender address has null MX"; Gmail sends 4.7.27/5.7.27 when SPF did not
  // pass. Either way the sender's domain is at fault: authentication is the more useful advice.
  'x.7.27': { reason: 'auth_failure', meaning: 'Sender address has null MX (Gmail: SPF did not pass)' },
  'x.7.28': { reason: 'sender_throttled', meaning: 'Mail flood detected (Gmail: unusual rate of mail)' },
  'x.7.29': { reason: 'tls_required', meaning: 'Gmail: message not sent over TLS (registry: ARC validation failure)' },
  'x.7.30': { reason: 'auth_failure', meaning: 'Gmail: DKIM did not pass (registry: REQUIRETLS support required)' },
  'x.7.32': { reason: 'auth_failure', meaning: 'Gmail: From: header not aligned with SPF or DKIM domain (DMARC alignment)' },
  'x.7.40': { reason: 'auth_failure', meaning: 'Gmail: sending domain has no DMARC record or policy' },
  '5.7.54': { reason: 'relay_denied', meaning: 'Microsoft: unable to relay recipients in this domain' },
  '5.7.57': { reason: 'relay_denied', meaning: 'Microsoft: client not authenticated to send mail (SMTP AUTH)' },
  '5.7.64': { reason: 'relay_denied', meaning: 'Microsoft: tenant attribution, relay access denied' },
  '4.7.321': { reason: 'tls_required', meaning: 'Microsoft: destination mail server must support TLS' },
  '5.7.350': { reason: 'spam_content', meaning: 'Microsoft: remote server returned message detected as spam' },
  '5.7.367': { reason: 'relay_denied', meaning: 'Microsoft: remote server returned not permitted to relay' },
  '5.7.501': { reason: 'bad_reputation', meaning: 'Microsoft: access denied, spam abuse detected' },
  '5.7.504': { reason: 'user_unknown', meaning: 'Microsoft: recipient address rejected, access denied' },
  '5.7.506': { reason: 'policy', meaning: 'Microsoft: access denied, bad HELO' },
  '5.7.508': { reason: 'sender_throttled', meaning: 'Microsoft: sending IP exceeded permitted limits' },
  '5.7.509': { reason: 'auth_failure', meaning: 'Microsoft: sending domain does not pass DMARC verification' },
  '5.7.510': { reason: 'policy', meaning: 'Microsoft: recipient domain does not accept email over IPv6' },
  '5.7.511': { reason: 'blocklisted', meaning: 'Microsoft: access denied, banned sender (delisting required)' },
  '5.7.512': { reason: 'content_error', meaning: 'Microsoft: message must be RFC 5322 section 3.6.2 compliant (From header)' },
  '5.7.513': { reason: 'blocklisted', meaning: "Microsoft: client host blocked by the recipient domain's block list" },
  '5.7.515': { reason: 'auth_failure', meaning: "Microsoft: sending domain doesn't meet the required authentication level" },
  '5.7.520': { reason: 'policy', meaning: 'Microsoft: organization does not allow external forwarding' },
  '5.7.750': { reason: 'policy', meaning: 'Microsoft: client blocked from sending from unregistered domains' },
};

interface EnhancedCodeRange {
  cls: '4' | '5';
  subject: number;
  from: number;
  to: number;
  entry: EnhancedCodeEntry;
}

/** Documented provider ranges (Microsoft Exchange Online NDR reference). */
export const ENHANCED_CODE_RANGES: readonly EnhancedCodeRange[] = [
  {
    cls: '4',
    subject: 7,
    from: 500,
    to: 699,
    entry: { reason: 'sender_throttled', meaning: 'Microsoft: access denied, try again later (suspicious activity from the sending IP)' },
  },
  {
    cls: '4',
    subject: 7,
    from: 850,
    to: 899,
    entry: { reason: 'sender_throttled', meaning: 'Microsoft: access denied, try again later (sending IP temporarily restricted)' },
  },
  {
    cls: '5',
    subject: 7,
    from: 606,
    to: 649,
    entry: { reason: 'blocklisted', meaning: 'Microsoft: access denied, banned sending IP (on its block list)' },
  },
  {
    cls: '5',
    subject: 7,
    from: 700,
    to: 749,
    entry: { reason: 'bad_reputation', meaning: 'Microsoft: access denied, sending tenant or IP exceeded its spam threshold' },
  },
  {
    cls: '5',
    subject: 7,
    from: 31,
    to: 49,
    entry: { reason: 'auth_failure', meaning: 'Gmail: authentication requirements for bulk senders (SPF, DKIM, DMARC)' },
  },
  {
    cls: '4',
    subject: 7,
    from: 31,
    to: 49,
    entry: { reason: 'auth_failure', meaning: 'Gmail: authentication requirements for bulk senders (SPF, DKIM, DMARC)' },
  },
];

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
    '4': { reason: 'network_error', meaning: 'Network and routing status' },
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
    // Protocol errors (bad command sequence, syntax, HELO argument) are the sending client's.
    '5': { reason: 'policy', meaning: 'Mail delivery protocol status (the sending client broke the protocol)' },
    '6': { reason: 'content_error', meaning: 'Message content or media status' },
    '7': { reason: 'policy', meaning: 'Security or policy status' },
  },
};

export interface EnhancedCodeLookup extends EnhancedCodeEntry {
  /** 'exact' when the code (or a documented range) is known, 'subject' for a class/subject fallback. */
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
  const range = ENHANCED_CODE_RANGES.find(
    (r) => r.cls === cls && r.subject === Number(subject) && Number(detail) >= r.from && Number(detail) <= r.to,
  );
  if (range) return { ...range.entry, match: 'exact' };
  const fallback = ENHANCED_SUBJECT_FALLBACK[cls as '4' | '5'][subject];
  return fallback ? { ...fallback, match: 'subject' } : undefined;
}

/** True for codes that only give a class or subject ("other or undefined"): `x.0.0`, `5.7.0`. */
export function isGenericEnhancedCode(enhanced: string): boolean {
  return /^[245]\.\d{1,3}\.0$/.test(enhanced);
}

/**
 * True when an enhanced code is too unspecific to overrule weak wording: generic (`x.y.0`),
 * a catch-all (`x.7.1`), or unknown beyond its subject (`4.7.700`, `5.5.4`).
 */
export function isVagueEnhancedCode(enhanced: string): boolean {
  if (isGenericEnhancedCode(enhanced)) return true;
  const found = lookupEnhancedCode(enhanced);
  return found === undefined || found.match === 'subject' || found.vague === true;
}

/** Reply codes that say more than their class (RFC 5321 section 4.2.2/4.2.3, RFC 4954, RFC 7504). */
export const BASIC_CODE_TABLE: Readonly<Record<string, BounceReason>> = {
  // "Service not available, closing transmission channel": the server itself is unavailable.
  '421': 'system_error',
  // RFC 4954: "Authentication required" / "Authentication credentials invalid" (submission).
  '530': 'relay_denied',
  '535': 'relay_denied',
  // RFC 7504: "Host does not accept mail" / "Domain does not accept mail".
  '521': 'no_mail_accepted',
  '556': 'no_mail_accepted',
};

/** What a reply code alone says: the table above, other 4xx other_temporary, 5xx other_permanent. */
export function lookupBasicCode(basic: string): BounceReason | undefined {
  const exact = BASIC_CODE_TABLE[basic];
  if (exact) return exact;
  if (basic.startsWith('4')) return 'other_temporary';
  if (basic.startsWith('5')) return 'other_permanent';
  return undefined;
}
