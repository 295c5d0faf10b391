/**
 * Classifies one bounce (status + diagnostic text + the sending platform's own bounce type)
 * into a kind and a reason, with a plain-language explanation and advice. Pure: no I/O, no
 * clock.
 *
 * Codes come from the status column first, then the text (extract-smtp-codes.ts); when a
 * relaying server wraps another server's reply (Gmail's "5.1.0 - Unknown address error
 * 550-'5.2.2 …'", a DSN `Status: 5.0.0` around `550 5.7.1 …`) the inner, specific reply counts.
 *
 * Precedence for codes and text (first that applies decides):
 *  1. Strong text (bounce-text-rules.ts; providers' reason tokens such as Yahoo `[TSS04]` or
 *     Cox `AUP#CXBL` first, provider-codes.ts). Telling wording overrules any code: "550 5.1.1
 *     mailbox full" is a full mailbox, a 5.7.1 naming Spamhaus is a blocklisting, Outlook's
 *     "550 5.4.1 Recipient address rejected: Access denied" is an unknown user.
 *  2. Weak text ("try again later", "recipient rejected", "service unavailable", "access
 *     denied"), but only when the enhanced code is vague: absent, generic (`x.y.0`), the
 *     catch-all `x.7.1`, or unknown beyond its subject (`4.7.700`). "Try again later" also
 *     needs a 4xx/4.x.x code.
 *  3. Seed table (seed-error-codes.ts): a reply + enhanced code pair from the Intercom
 *     delivery-error article (`550-5.1.1`, `552-5.2.2`, …), or such an enhanced code without a
 *     reply code (`5.4.7`). The article's explanation is used. When rule 1 or 2 named the same
 *     reason, the seed's explanation is still used.
 *  4. Enhanced status code with a known meaning (smtp-status-codes.ts): exact code, code for
 *     either class (`x.2.2`), or a documented provider range (Microsoft `5.7.606`-`5.7.649`).
 *  5. Enhanced code's class/subject fallback (`5.2.x`, `4.7.x`).
 *  6. Reply code alone: `550` (the seed's explanation; also with the empty `5.0.0`, before
 *     rule 5), 421 system_error, 530/535 relay_denied, 521/556 no_mail_accepted, other 4xx
 *     other_temporary, 5xx other_permanent.
 *  7. Nothing known: `undetermined`.
 * Success codes (2xx, 2.x.x) are reported in `codes` but carry no failure information.
 *
 * Kind: the reason's kind from bounce-reasons.ts, except that a reason that is normally hard
 * comes out SOFT when the server said the condition is temporary: a 4xx reply or 4.x.x
 * enhanced code, or, with no permanent (5xx/5.x.x) code, wording such as "TempFail",
 * "temporary failure" or "try again later". Soft and block reasons keep their kind whatever
 * the class (a 552 full mailbox is still soft; a 421 throttle is still the sender's problem).
 *
 * The platform's own bounce type (`input.platform`, platform-bounce-types.ts) is applied last:
 *  P1. Not a bounce (Postmark AutoResponder/SpamComplaint/…, Mailgun suppress-unsubscribe):
 *      kind and reason `undetermined`, never counted against the recipient.
 *  P2. Not attempted (SES Permanent/Suppressed or OnAccountSuppressionList, Postmark
 *      ManuallyDeactivated, Mailgun suppress-bounce, SendGrid dropped): `hard`; the reason is
 *      the text's when it is a hard reason (SES: "suppressed … as an invalid address" with 5.1.1
 *      -> user_unknown), else other_permanent; the explanation says "already suppressed, not
 *      attempted".
 *  P3. Fixed (SES Transient/MailboxFull -> soft mailbox_full, Transient/MessageTooLarge ->
 *      soft message_too_large, Transient/ContentRejected -> block spam_content,
 *      Transient/AttachmentRejected -> block policy, Postmark SpamNotification,
 *      VirusNotification, Blocked, DMARCPolicy, Unconfirmed, Mailgun greylisted/old): the
 *      platform's kind stands; a telling text of the same kind refines the reason
 *      (ContentRejected + "virus" -> virus_detected), otherwise the platform's reason.
 *  P4. Lean (SES Permanent/General|NoEmail, Transient/General; Postmark HardBounce,
 *      Transient, SoftBounce, DnsError, BadEmailAddress, AddressChange; SendGrid bounce /
 *      blocked and its bounce_classification; Mailgun permanent/temporary severity):
 *      - when rules 1, 3 or 4 decided (telling text or a code with a known meaning), that
 *        classification stands, with one change: a hard reason becomes soft when the
 *        platform calls the failure temporary (SES Transient, Mailgun temporary). A postmaster
 *        trusts the server's words over the platform's bucket: SES Permanent/General with
 *        "552 5.2.2 mailbox full" is a soft full mailbox (SES may still suppress the address;
 *        the explanation says so); SendGrid "blocked" with "550 5.1.1 user unknown" is hard;
 *        SendGrid "bounce" with "Spamhaus" is a block.
 *      - otherwise (weak text, a vague code, a bare reply code, nothing) the platform's class
 *        decides the kind, except that a 4xx code keeps a hard-leaning platform type soft
 *        (SendGrid "bounce" is hard "unless the code says temporary"); the reason is the
 *        text's/code's when it has that kind, else the platform's default (other_permanent,
 *        other_temporary, policy, or the SendGrid classification's).
 *      SES Undetermined, Postmark Unknown/SMTPApiError give no class: codes and text decide.
 */

import {
  BOUNCE_REASON_INFO,
  type BounceKind,
  type BounceReason,
} from './bounce-reasons.js';
import { findTextRule, textForRules, type BounceTextRule } from './bounce-text-rules.js';
import {
  extractSmtpCodes,
  failureCodes,
  formatSmtpCodes,
  isTemporaryCode,
  type BounceInput as CodeInput,
  type SmtpCodes,
} from './extract-smtp-codes.js';
import { readPlatformBounce, type PlatformBounceType, type PlatformVerdict } from './platform-bounce-types.js';
import { findSeedErrorCode, type SeedErrorCode } from './seed-error-codes.js';
import { lookupBasicCode, lookupEnhancedCode } from './smtp-status-codes.js';

export type { SmtpCodes } from './extract-smtp-codes.js';
export { extractSmtpCodes } from './extract-smtp-codes.js';
export { BOUNCE_REASONS, type BounceKind, type BounceReason } from './bounce-reasons.js';
export type { PlatformBounceType } from './platform-bounce-types.js';

export interface BounceInput extends CodeInput {
  /** The sending platform's own bounce type, when the export carries one. */
  platform?: PlatformBounceType;
}

/** Which precedence rule decided. */
export type BounceDecider = 'seed-table' | 'text' | 'enhanced-code' | 'basic-code' | 'platform' | 'none';

export interface BounceClassification {
  kind: BounceKind;
  reason: BounceReason;
  /** The codes found, from the status column or inside the text. */
  codes: SmtpCodes;
  /** The seed-table / display code, e.g. '550-5.1.1' or '552-5.2.2' or '550' or '5.4.7'; '' when none. */
  displayCode: string;
  /** What happened, in plain language. */
  explanation: string;
  /** What the sender should do, in plain language. */
  advice: string;
  /** Which rule decided: 'seed-table' | 'text' | 'enhanced-code' | 'basic-code' | 'platform' | 'none'. */
  decidedBy: BounceDecider;
  /** The platform's bounce type as read, e.g. "SES Permanent/General"; absent without one. */
  platformLabel?: string;
}

/** Wording that says the failure is temporary (only used when no code says it is permanent). */
const TEMPORARY_WORDING =
  /\btemp ?fail(?:ure|ed)?\b|\btemporar(?:y|ily)\b|\b(?:please )?try (?:again )?later\b|\bwill be (?:re-?tried|re-?attempted)\b|\breattempted\b|\bdeferred\b/i;
const PERMANENT_WORDING = /\bpermanent(?:ly)?\b/i;

const isPermanentCode = (codes: SmtpCodes): boolean =>
  codes.basic?.startsWith('5') === true || codes.enhanced?.startsWith('5') === true;

/**
 * The kind of a reason under the given codes: hard softens to soft with a temporary code, or
 * (when `text` is given and no code says the failure is permanent) with temporary wording.
 */
export function kindFor(reason: BounceReason, codes: SmtpCodes, text?: string): BounceKind {
  const kind = BOUNCE_REASON_INFO[reason].kind;
  if (kind !== 'hard') return kind;
  if (isTemporaryCode(codes)) return 'soft';
  if (text !== undefined && !isPermanentCode(codes) && TEMPORARY_WORDING.test(text) && !PERMANENT_WORDING.test(text))
    return 'soft';
  return kind;
}

interface Decision {
  reason: BounceReason;
  decidedBy: BounceDecider;
  /** True when telling text or a code with a known meaning decided (rules 1, 3, 4). */
  telling: boolean;
  seed?: SeedErrorCode;
}

/** Rules 1-7 on the codes and text. */
function decide(codes: SmtpCodes, text: string): Decision {
  const rule: BounceTextRule | undefined = findTextRule(text, codes);
  const seed = findSeedErrorCode(codes);
  const seedWithEnhanced = seed !== undefined && seed.enhanced !== undefined ? seed : undefined;

  // 1-2. Text, strong or (with a vague code) weak. A seed naming the same reason lends its words.
  if (rule) {
    const sameSeed = seed !== undefined && seed.reason === rule.reason ? seed : undefined;
    return {
      reason: rule.reason,
      decidedBy: sameSeed ? 'seed-table' : 'text',
      telling: rule.strength === 'strong' || sameSeed?.enhanced !== undefined,
      ...(sameSeed ? { seed: sameSeed } : {}),
    };
  }
  // 3. Seed pair (or its enhanced code alone).
  if (seedWithEnhanced) return { reason: seedWithEnhanced.reason, decidedBy: 'seed-table', telling: true, seed: seedWithEnhanced };
  // 4. Enhanced status code with a known meaning.
  const enhanced = codes.enhanced !== undefined ? lookupEnhancedCode(codes.enhanced) : undefined;
  if (enhanced?.match === 'exact')
    return { reason: enhanced.reason, decidedBy: 'enhanced-code', telling: enhanced.vague !== true };
  // "550" with no enhanced code or only 5.0.0 is the seed's (before 5.0.0's own fallback).
  if (seed) return { reason: seed.reason, decidedBy: 'seed-table', telling: false, seed };
  // 5. The enhanced code's class/subject fallback.
  if (enhanced) return { reason: enhanced.reason, decidedBy: 'enhanced-code', telling: false };
  // 6. Reply code.
  const basic = codes.basic !== undefined ? lookupBasicCode(codes.basic) : undefined;
  if (basic) return { reason: basic, decidedBy: 'basic-code', telling: false };
  // 7. Nothing known.
  return { reason: 'undetermined', decidedBy: 'none', telling: false };
}

export function classifyBounce(input: BounceInput): BounceClassification {
  const found = extractSmtpCodes(input);
  const codes = failureCodes(found);
  const displayCode = formatSmtpCodes(found);
  const text = textForRules(input.status, input.diagnostic);
  const decision = decide(codes, text);

  const base: BounceClassification = {
    kind: kindFor(decision.reason, codes, text),
    reason: decision.reason,
    codes: found,
    displayCode,
    explanation: decision.seed?.meaning ?? BOUNCE_REASON_INFO[decision.reason].explanation,
    advice: decision.seed?.advice ?? BOUNCE_REASON_INFO[decision.reason].advice,
    decidedBy: decision.decidedBy,
  };
  const verdict = input.platform ? readPlatformBounce(input.platform) : undefined;
  return verdict ? applyPlatform(base, decision, verdict, codes) : base;
}

const kindOf = (reason: BounceReason): BounceKind => BOUNCE_REASON_INFO[reason].kind;

/** P1-P4: weigh the platform's verdict against the code/text classification. */
function applyPlatform(
  base: BounceClassification,
  decision: Decision,
  verdict: PlatformVerdict,
  codes: SmtpCodes,
): BounceClassification {
  const withReason = (
    kind: BounceKind,
    reason: BounceReason,
    decidedBy: BounceDecider,
    note?: string,
  ): BounceClassification => {
    const keepWords = reason === base.reason;
    const explanation = keepWords ? base.explanation : BOUNCE_REASON_INFO[reason].explanation;
    return {
      ...base,
      kind,
      reason,
      explanation: note ? `${explanation} ${note}` : explanation,
      advice: keepWords ? base.advice : BOUNCE_REASON_INFO[reason].advice,
      decidedBy,
      platformLabel: verdict.label,
    };
  };

  switch (verdict.strength) {
    case 'not-a-bounce':
      return {
        ...base,
        kind: 'undetermined',
        reason: 'undetermined',
        explanation: verdict.note ?? BOUNCE_REASON_INFO.undetermined.explanation,
        advice: 'Nothing to do for this address: it is not a delivery failure.',
        decidedBy: 'platform',
        platformLabel: verdict.label,
      };
    case 'not-attempted': {
      const reason = kindOf(base.reason) === 'hard' ? base.reason : (verdict.reason ?? 'other_permanent');
      return withReason('hard', reason, 'platform', verdict.note);
    }
    case 'fixed': {
      const kind = verdict.kind ?? base.kind;
      const reason =
        decision.telling && kindOf(base.reason) === kind ? base.reason : (verdict.reason ?? base.reason);
      return withReason(kind, reason, reason === base.reason ? base.decidedBy : 'platform');
    }
    case 'lean': {
      if (verdict.kind === undefined) return { ...base, platformLabel: verdict.label };
      if (decision.telling) {
        const softened = verdict.kind === 'soft' && base.kind === 'hard';
        const kind: BounceKind = softened ? 'soft' : base.kind;
        const note =
          kind === 'soft' && verdict.kind === 'hard'
            ? `${verdict.label} called this a permanent bounce, but the server's reply describes a temporary or message-specific problem, so deliv treats it as soft (the platform may still have suppressed the address).`
            : softened
              ? `${verdict.label} called this a temporary failure, so deliv treats it as soft for now.`
              : undefined;
        return withReason(kind, base.reason, base.decidedBy, note);
      }
      // Not telling: the platform's class decides; a 4xx code keeps a hard lean soft.
      const kind: BounceKind = verdict.kind === 'hard' && isTemporaryCode(codes) ? 'soft' : verdict.kind;
      const own = base.reason !== 'undetermined' && !base.reason.startsWith('other_') && kindFor(base.reason, codes) === kind;
      const reason = own ? base.reason : kind === verdict.kind ? (verdict.reason ?? base.reason) : base.reason;
      return withReason(kind, reason, own ? base.decidedBy : 'platform');
    }
  }
}
