/**
 * What a sending platform's own bounce type says (Amazon SES `bounceType`/`bounceSubType`,
 * Postmark `Type`/`TypeCode`, SendGrid `type` and `bounce_classification`, Mailgun
 * `severity`/`reason`), read the way a postmaster reads it. classify-bounce.ts weighs the
 * verdict against the SMTP codes and text; this module only translates the platform's labels.
 *
 * A verdict has one of four strengths:
 * - `not-a-bounce`: no delivery failure at all (auto-reply, complaint, subscription change,
 *   unsubscribe suppression): kind `undetermined`, so it never counts against the recipient.
 * - `not-attempted`: the platform did not even try, because the address was already on a
 *   suppression list (SES Suppressed/OnAccountSuppressionList, Postmark ManuallyDeactivated,
 *   Mailgun suppress-bounce): kind `hard`; the text may still say why (user_unknown).
 * - `fixed`: the platform names the cause precisely (SES Transient/MailboxFull, Postmark
 *   DMARCPolicy): its kind stands; a telling text of the same kind may refine the reason.
 * - `lean`: the platform gives the class only (SES Permanent/General, SendGrid bounce,
 *   Mailgun permanent): a telling text or code decides; otherwise the platform's class does.
 *
 * Postmark TypeCodes and SES subtypes: ../../../../shared/research/bounces.md §3-§4.
 */

import type { BounceKind, BounceReason } from './bounce-reasons.js';
import type { PlatformBounceType } from '../../inputs/canonical-records.js';

export type { PlatformBounceType } from '../../inputs/canonical-records.js';

export type PlatformStrength = 'not-a-bounce' | 'not-attempted' | 'fixed' | 'lean';

export interface PlatformVerdict {
  /** Human label, e.g. "SES Permanent/General", "Postmark SoftBounce (4096)". */
  label: string;
  strength: PlatformStrength;
  /** The platform's class; absent when it gives none (SES Undetermined, Postmark Unknown). */
  kind?: Exclude<BounceKind, 'undetermined'>;
  /** Reason to use when neither text nor code tells more. */
  reason?: BounceReason;
  /** A sentence added to the explanation (e.g. "already suppressed, not attempted"). */
  note?: string;
}

/** Lower-case with spaces, dashes and underscores removed: "Mailbox Unavailable" -> "mailboxunavailable". */
const norm = (value: string | undefined): string => (value ?? '').toLowerCase().replace(/[\s_-]+/g, '');

const lean = (
  label: string,
  kind: PlatformVerdict['kind'],
  reason?: BounceReason,
  note?: string,
): PlatformVerdict => ({
  label,
  strength: 'lean',
  ...(kind !== undefined ? { kind } : {}),
  ...(reason !== undefined ? { reason } : {}),
  ...(note !== undefined ? { note } : {}),
});
const fixed = (label: string, kind: NonNullable<PlatformVerdict['kind']>, reason: BounceReason): PlatformVerdict => ({
  label,
  strength: 'fixed',
  kind,
  reason,
});
const notAttempted = (label: string, note: string): PlatformVerdict => ({
  label,
  strength: 'not-attempted',
  kind: 'hard',
  reason: 'other_permanent',
  note,
});
const notABounce = (label: string, note: string): PlatformVerdict => ({ label, strength: 'not-a-bounce', note });

function readSes(bounceType: string, bounceSubType: string | undefined): PlatformVerdict {
  const type = norm(bounceType);
  const sub = norm(bounceSubType);
  const label = `SES ${bounceType}${bounceSubType ? `/${bounceSubType}` : ''}`;
  if (type === 'permanent') {
    if (sub === 'suppressed')
      return notAttempted(label, 'SES did not attempt delivery: the address is on the SES global suppression list (already suppressed, not attempted).');
    if (sub === 'onaccountsuppressionlist')
      return notAttempted(label, "SES did not attempt delivery: the address is on your account's suppression list (already suppressed, not attempted).");
    if (sub === 'noemail') return lean(label, 'hard', 'user_unknown');
    return lean(label, 'hard', 'other_permanent');
  }
  if (type === 'transient') {
    if (sub === 'mailboxfull') return fixed(label, 'soft', 'mailbox_full');
    if (sub === 'messagetoolarge') return fixed(label, 'soft', 'message_too_large');
    if (sub === 'contentrejected') return fixed(label, 'block', 'spam_content');
    if (sub === 'attachmentrejected') return fixed(label, 'block', 'policy');
    return lean(label, 'soft', 'other_temporary');
  }
  // Undetermined (or unknown): SES could not tell; the text decides.
  return lean(label, undefined);
}

/** Postmark bounce types by TypeCode (Postmark's bounce API; the same enum is in its npm client). */
const POSTMARK_TYPES: Readonly<Record<number, { name: string; verdict: (label: string) => PlatformVerdict }>> = {
  1: { name: 'HardBounce', verdict: (l) => lean(l, 'hard', 'other_permanent') },
  2: { name: 'Transient', verdict: (l) => lean(l, 'soft', 'other_temporary') },
  16: { name: 'Unsubscribe', verdict: (l) => notABounce(l, 'Postmark reports an unsubscribe request, not a delivery failure.') },
  32: { name: 'Subscribe', verdict: (l) => notABounce(l, 'Postmark reports a subscribe request, not a delivery failure.') },
  64: { name: 'AutoResponder', verdict: (l) => notABounce(l, 'Postmark reports an automatic reply (e.g. out of office): the message was delivered.') },
  128: { name: 'AddressChange', verdict: (l) => lean(l, 'hard', 'mailbox_moved') },
  256: { name: 'DnsError', verdict: (l) => lean(l, 'soft', 'network_error') },
  512: { name: 'SpamNotification', verdict: (l) => fixed(l, 'block', 'spam_content') },
  1024: { name: 'OpenRelayTest', verdict: (l) => notABounce(l, 'Postmark reports an open-relay test message, not a delivery failure.') },
  2048: { name: 'Unknown', verdict: (l) => lean(l, undefined) },
  4096: { name: 'SoftBounce', verdict: (l) => lean(l, 'soft', 'other_temporary') },
  8192: { name: 'VirusNotification', verdict: (l) => fixed(l, 'block', 'virus_detected') },
  16384: {
    name: 'ChallengeVerification',
    verdict: (l) => notABounce(l, 'Postmark reports a challenge-response request from the recipient server, not a delivery failure.'),
  },
  100000: { name: 'BadEmailAddress', verdict: (l) => lean(l, 'hard', 'invalid_address') },
  100001: { name: 'SpamComplaint', verdict: (l) => notABounce(l, 'Postmark reports a spam complaint by the recipient, not a delivery failure.') },
  100002: {
    name: 'ManuallyDeactivated',
    verdict: (l) => notAttempted(l, 'Postmark did not attempt delivery: the address was deactivated in Postmark (already suppressed, not attempted).'),
  },
  100003: { name: 'Unconfirmed', verdict: (l) => fixed(l, 'block', 'sender_rejected') },
  100006: { name: 'Blocked', verdict: (l) => fixed(l, 'block', 'policy') },
  100007: { name: 'SMTPApiError', verdict: (l) => lean(l, undefined) },
  100008: { name: 'InboundError', verdict: (l) => notABounce(l, 'Postmark reports an inbound processing error, not an outbound delivery failure.') },
  100009: { name: 'DMARCPolicy', verdict: (l) => fixed(l, 'block', 'auth_failure') },
};

/** Postmark types known by name only (no TypeCode in the research notes). */
const POSTMARK_NAMED_ONLY: Readonly<Record<string, (label: string) => PlatformVerdict>> = {
  templaterenderingfailed: (l) => notABounce(l, 'Postmark could not render the template: the message was never sent.'),
};

function readPostmark(type: string | undefined, typeCode: number | undefined): PlatformVerdict | undefined {
  const byCode = typeCode !== undefined ? POSTMARK_TYPES[typeCode] : undefined;
  const entry =
    byCode ?? Object.values(POSTMARK_TYPES).find((t) => type !== undefined && norm(t.name) === norm(type));
  if (!entry) {
    const named = POSTMARK_NAMED_ONLY[norm(type)];
    return named ? named(`Postmark ${type ?? ''}`) : undefined;
  }
  const code = typeCode ?? Number(Object.entries(POSTMARK_TYPES).find(([, t]) => t === entry)?.[0]);
  return entry.verdict(`Postmark ${entry.name} (${code})`);
}

/** SendGrid's bounce classifications (Bounce Classification API). */
const SENDGRID_CLASSIFICATIONS: Readonly<Record<string, { kind: NonNullable<PlatformVerdict['kind']>; reason: BounceReason }>> = {
  invalidaddress: { kind: 'hard', reason: 'user_unknown' },
  mailboxunavailable: { kind: 'hard', reason: 'mailbox_disabled' },
  content: { kind: 'block', reason: 'spam_content' },
  reputation: { kind: 'block', reason: 'bad_reputation' },
  frequencyorvolumetoohigh: { kind: 'block', reason: 'sender_throttled' },
  technicalfailure: { kind: 'soft', reason: 'system_error' },
};

function readSendgrid(type: string, classification: string | undefined): PlatformVerdict | undefined {
  const t = norm(type);
  const label = `SendGrid ${type}${classification ? ` (${classification})` : ''}`;
  // The classification is more specific than the event type: "bounce" + "Reputation" is a block.
  const c = SENDGRID_CLASSIFICATIONS[norm(classification)];
  if (c) return lean(label, c.kind, c.reason);
  if (t === 'blocked' || t === 'block') return lean(label, 'block', 'policy');
  if (t === 'bounce' || t === 'bounced') return lean(label, 'hard', 'other_permanent');
  if (t === 'deferred') return lean(label, 'soft', 'other_temporary');
  if (t === 'dropped')
    return notAttempted(label, 'SendGrid did not attempt delivery: the address is on a suppression list (already suppressed, not attempted).');
  return undefined;
}

function readMailgun(severity: string, reason: string | undefined): PlatformVerdict | undefined {
  const s = norm(severity);
  const r = norm(reason);
  const label = `Mailgun ${severity}${reason ? ` (${reason})` : ''}`;
  if (r === 'suppressbounce')
    return notAttempted(label, 'Mailgun did not attempt delivery: the address previously bounced (already suppressed, not attempted).');
  if (r === 'suppressunsubscribe' || r === 'suppresscomplaint')
    return notABounce(label, 'Mailgun did not send: the recipient unsubscribed or complained earlier. Not a delivery failure.');
  if (r === 'greylisted') return fixed(label, 'soft', 'greylisted');
  if (r === 'old') return fixed(label, 'soft', 'expired');
  if (s === 'permanent') return lean(label, 'hard', 'other_permanent');
  if (s === 'temporary') return lean(label, 'soft', 'other_temporary');
  return undefined;
}

/** The verdict of a platform's bounce type, or undefined when the labels are unknown. */
export function readPlatformBounce(p: PlatformBounceType): PlatformVerdict | undefined {
  switch (p.platform) {
    case 'ses':
      return readSes(p.bounceType, p.bounceSubType);
    case 'postmark':
      return readPostmark(p.type, p.typeCode);
    case 'sendgrid':
      return readSendgrid(p.type, p.bounceClassification);
    case 'mailgun':
      return readMailgun(p.severity, p.reason);
    default:
      return undefined;
  }
}
