/**
 * deliv's bounce vocabulary: every reason a bounce can be classified as, which kind it
 * belongs to, and what to tell the sender about it in plain language.
 *
 * Kinds:
 * - `hard`: the recipient address itself is permanently unusable; stop sending to it.
 * - `soft`: a temporary or message-specific failure; the address is fine, retry later.
 * - `block`: rejected because of the SENDER (reputation, authentication, content, policy).
 *   Never a reason to drop the recipient: fix the sending side instead.
 * - `undetermined`: nothing at all is known about the failure.
 */

export const BOUNCE_KINDS = ['hard', 'soft', 'block', 'undetermined'] as const;
export type BounceKind = (typeof BOUNCE_KINDS)[number];

export const BOUNCE_REASONS = [
  // hard
  'user_unknown',
  'mailbox_disabled',
  'mailbox_moved',
  'domain_not_found',
  'no_mail_accepted',
  'unroutable',
  'invalid_address',
  'other_permanent',
  // soft
  'mailbox_full',
  'message_too_large',
  'rate_limited',
  'greylisted',
  'expired',
  'network_error',
  'system_error',
  'content_error',
  'other_temporary',
  // block
  'blocklisted',
  'bad_reputation',
  'sender_throttled',
  'spam_content',
  'virus_detected',
  'policy',
  'auth_failure',
  'ptr_missing',
  'tls_required',
  'relay_denied',
  'sender_rejected',
  // nothing known
  'undetermined',
] as const;
export type BounceReason = (typeof BOUNCE_REASONS)[number];

export interface BounceReasonInfo {
  /** The kind this reason normally has (a temporary SMTP code can soften a hard reason). */
  kind: BounceKind;
  /** Short label for tables, e.g. "Mailbox full". */
  title: string;
  /** What happened, in plain language. */
  explanation: string;
  /** What the sender should do, in plain language. */
  advice: string;
}

export const BOUNCE_REASON_INFO = {
  // ---- hard: the address is permanently unusable ----
  user_unknown: {
    kind: 'hard',
    title: 'Recipient does not exist',
    explanation:
      'The receiving server says there is no mailbox with this address. The account may have been closed, or the address has a typo.',
    advice:
      'Check the address for typos. If it is correct, stop sending to it and reach the contact through another address or channel.',
  },
  mailbox_disabled: {
    kind: 'hard',
    title: 'Mailbox disabled',
    explanation:
      'The mailbox exists but has been disabled, suspended or left inactive, so it does not accept mail.',
    advice:
      'Stop sending to this address. If the contact matters, reach them through another address or channel.',
  },
  mailbox_moved: {
    kind: 'hard',
    title: 'Mailbox moved',
    explanation:
      'The mailbox has moved or changed owner and the receiving server gives no forwarding address.',
    advice: 'Stop sending to this address and ask the contact for their new one.',
  },
  domain_not_found: {
    kind: 'hard',
    title: 'Domain does not exist',
    explanation:
      'The part of the address after the @ is not a domain that can receive mail: it does not exist in DNS or has no mail server.',
    advice:
      'Check the domain for typos (e.g. gmial.com). If it is correct, the domain is gone: stop sending to the address.',
  },
  no_mail_accepted: {
    kind: 'hard',
    title: 'Domain accepts no mail',
    explanation:
      'The recipient domain states that it does not accept email at all (for example with a "null MX" record).',
    advice: 'Stop sending to this address; nothing sent to this domain will be delivered.',
  },
  unroutable: {
    kind: 'hard',
    title: 'No route to recipient',
    explanation:
      "The recipient's mail server could not be reached by any route, usually because of broken DNS or a routing loop on their side.",
    advice:
      'Treat the address as undeliverable. If the contact matters, reach them through another channel and let them know their mail setup is broken.',
  },
  invalid_address: {
    kind: 'hard',
    title: 'Invalid address',
    explanation: 'The address is not a valid email address (bad syntax).',
    advice: 'Fix the address at its source (sign-up form, import) or remove it.',
  },
  other_permanent: {
    kind: 'hard',
    title: 'Permanent failure',
    explanation:
      'The receiving server refused the message permanently and did not say why in a way deliv recognises.',
    advice:
      "Read the server's full error message. If it does not point to a sending problem, stop sending to the address.",
  },

  // ---- soft: temporary or message-specific ----
  mailbox_full: {
    kind: 'soft',
    title: 'Mailbox full',
    explanation:
      "The recipient's mailbox is full and cannot accept more messages until space is freed up.",
    advice:
      'Try again later. If the mailbox stays full for weeks it is probably abandoned: stop sending to it.',
  },
  message_too_large: {
    kind: 'soft',
    title: 'Message too large',
    explanation: 'The message is bigger than the receiving server or mailbox allows.',
    advice: 'Make the message smaller: link to large files instead of attaching them, compress images.',
  },
  rate_limited: {
    kind: 'soft',
    title: 'Recipient rate-limited',
    explanation:
      'The recipient is receiving too many messages too quickly, so their server is holding new mail back for now.',
    advice: 'Retry later and avoid sending several messages to the same person in a short time.',
  },
  greylisted: {
    kind: 'soft',
    title: 'Greylisted',
    explanation:
      'The receiving server temporarily refused the message to see whether the sender retries, a common anti-spam check.',
    advice: 'Nothing to fix: a normal mail server retries and the message is then accepted.',
  },
  expired: {
    kind: 'soft',
    title: 'Delivery expired',
    explanation:
      'The sending server kept retrying but could not deliver the message in time and gave up.',
    advice:
      'Send again later. If the same address keeps expiring, the recipient server is probably gone.',
  },
  network_error: {
    kind: 'soft',
    title: 'Network error',
    explanation:
      "The connection to the recipient's mail server failed (timeout, refused connection or DNS lookup failure).",
    advice: 'Retry later; if it persists for days, the recipient domain may no longer receive mail.',
  },
  system_error: {
    kind: 'soft',
    title: 'Recipient server error',
    explanation:
      "The recipient's mail system had a problem of its own (busy, out of disk space, misconfigured or unavailable).",
    advice: 'Retry later. This is on the recipient side and not a reason to drop the address.',
  },
  content_error: {
    kind: 'soft',
    title: 'Message format problem',
    explanation:
      'The receiving server could not accept the message because of its format, headers, encoding or media type.',
    advice:
      'Check the message for broken headers, missing Message-ID or Date, non-standard encoding, or unsupported attachments.',
  },
  other_temporary: {
    kind: 'soft',
    title: 'Temporary failure',
    explanation: 'The receiving server refused the message temporarily without a reason deliv recognises.',
    advice: 'Retry later. Only worry if the same address keeps failing.',
  },

  // ---- block: the sender was refused ----
  blocklisted: {
    kind: 'block',
    title: 'Sender on a blocklist',
    explanation:
      'The sending IP address or domain is listed on a blocklist (such as Spamhaus, SpamCop or Barracuda) that the receiving server uses.',
    advice:
      'Look up your sending IP and domain on the named blocklist, fix the cause (often list hygiene or a compromised account) and request delisting. Do not drop the recipient.',
  },
  bad_reputation: {
    kind: 'block',
    title: 'Poor sender reputation',
    explanation:
      'The receiving server refused the message because of the reputation of the sending IP address or domain.',
    advice:
      'Send only to engaged, opted-in contacts, remove bounced and inactive addresses, and check your reputation in the provider tools (e.g. Google Postmaster Tools).',
  },
  sender_throttled: {
    kind: 'block',
    title: 'Sender throttled',
    explanation:
      'The receiving server is deferring mail because it sees an unusual volume or rate of mail from your IP address or domain.',
    advice:
      'Slow down and retry later. Authenticate your domain (SPF/DKIM), warm up new domains and IPs gradually, and avoid sudden volume spikes.',
  },
  spam_content: {
    kind: 'block',
    title: 'Rejected as spam',
    explanation: 'The receiving server judged the message to be spam or unsolicited mail.',
    advice:
      'Review the content, links and targeting of the campaign; send only to people who asked for your mail. Do not drop the recipient for this.',
  },
  virus_detected: {
    kind: 'block',
    title: 'Virus or malware detected',
    explanation: 'The receiving server found a virus, malware or dangerous attachment in the message.',
    advice: 'Scan your attachments and links, and check that your sending systems are not compromised.',
  },
  policy: {
    kind: 'block',
    title: 'Refused by policy',
    explanation:
      "The receiving server refused the message because of one of its security or policy rules (source, content or authentication).",
    advice:
      'Ensure your sending domain is authenticated (SPF/DKIM) and ask the recipient which rule is rejecting your emails.',
  },
  auth_failure: {
    kind: 'block',
    title: 'Authentication failed',
    explanation: 'The message failed SPF, DKIM or DMARC checks at the receiving server.',
    advice:
      'Publish a correct SPF record, sign with DKIM, align your From domain and publish a DMARC record.',
  },
  ptr_missing: {
    kind: 'block',
    title: 'Missing reverse DNS',
    explanation:
      'The sending IP address has no valid reverse DNS (PTR) record, which many receivers require.',
    advice:
      'Ask whoever owns the sending IP (your provider) to publish a PTR record that matches the sending host name.',
  },
  tls_required: {
    kind: 'block',
    title: 'Encryption required',
    explanation: 'The receiving server only accepts mail over an encrypted (TLS) connection.',
    advice: 'Make sure your sending server supports and uses STARTTLS.',
  },
  relay_denied: {
    kind: 'block',
    title: 'Relaying denied',
    explanation:
      'The server that was contacted refused to pass the message on, because it does not handle mail for that domain from you.',
    advice:
      "Check that mail goes to the recipient domain's own MX servers, and that your sending server is allowed to relay.",
  },
  sender_rejected: {
    kind: 'block',
    title: 'Sender address rejected',
    explanation:
      'The receiving server refused the sender (MAIL FROM / return-path) address or its domain, e.g. because it does not exist or cannot receive replies.',
    advice:
      'Use a sender and return-path address on a real domain with working DNS and MX records.',
  },

  // ---- nothing known ----
  undetermined: {
    kind: 'undetermined',
    title: 'Unknown',
    explanation: 'The bounce carries no SMTP code and no text deliv recognises.',
    advice: 'Look at the raw bounce in your sending platform for details.',
  },
} as const satisfies Record<BounceReason, BounceReasonInfo>;

/** The kind a reason normally has, before any softening by a temporary (4xx / 4.x.x) code. */
export function kindOfReason(reason: BounceReason): BounceKind {
  return BOUNCE_REASON_INFO[reason].kind;
}
