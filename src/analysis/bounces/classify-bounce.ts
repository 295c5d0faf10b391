/**
 * Classifies one bounce (status + diagnostic text) into a kind and a reason, with a
 * plain-language explanation and advice. Pure: no I/O, no clock.
 *
 * Precedence (first that applies decides):
 *  1. Seed table (seed-error-codes.ts): the reply + enhanced code pair of a code explained in
 *     the Intercom delivery-error article (`550-5.1.1`, `552-5.2.2`, ...), an enhanced code of
 *     one without a reply code (`5.4.7`), or `550` without an enhanced code (or with `5.0.0`).
 *     The article's explanation is used. Overruled only by rule 2 naming a DIFFERENT reason.
 *  2. Text (bounce-text-rules.ts): an ordered table of wordings. Strong rules overrule any code
 *     ("550 5.1.1 mailbox full" is a full mailbox; a 5.7.1 naming Spamhaus is a blocklisting).
 *     Weak rules ("try again later", "recipient rejected", "service unavailable") only decide
 *     when the code is generic: no enhanced code, or an x.y.0 one ("try again later" also with
 *     4.7.1, the code greylisting servers send). "Try again later" also needs a 4xx/4.x.x code.
 *  3. Enhanced status code (smtp-status-codes.ts): exact code, then code for either class
 *     (`x.2.2`), then the class/subject fallback (`5.2.x`, `4.7.x`).
 *  4. Reply code alone: 421 system_error, other 4xx other_temporary, 5xx other_permanent.
 *  5. Nothing known: `undetermined`.
 *
 * Success codes (2xx, 2.x.x) are reported in `codes` but carry no failure information, so
 * they are ignored by rules 1-4.
 *
 * Kind: the reason's kind from bounce-reasons.ts, except that a reason that is normally hard
 * comes out SOFT when the reply code is 4xx or the enhanced code is 4.x.x: the server said
 * the condition is temporary (e.g. "450 4.1.2 Domain not found" during a DNS outage), so the
 * address must not be dropped yet. Soft and block reasons keep their kind whatever the class
 * (a 552 full mailbox is still soft; a 421 throttle is still the sender's problem).
 */

import {
  BOUNCE_REASON_INFO,
  type BounceKind,
  type BounceReason,
} from './bounce-reasons.js';
import { findTextRule, textForRules } from './bounce-text-rules.js';
import {
  extractSmtpCodes,
  failureCodes,
  formatSmtpCodes,
  isTemporaryCode,
  type BounceInput,
  type SmtpCodes,
} from './extract-smtp-codes.js';
import { findSeedErrorCode } from './seed-error-codes.js';
import { lookupBasicCode, lookupEnhancedCode } from './smtp-status-codes.js';

export type { BounceInput, SmtpCodes } from './extract-smtp-codes.js';
export { extractSmtpCodes } from './extract-smtp-codes.js';
export { BOUNCE_REASONS, type BounceKind, type BounceReason } from './bounce-reasons.js';

/** Which precedence rule decided. */
export type BounceDecider = 'seed-table' | 'text' | 'enhanced-code' | 'basic-code' | 'none';

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
  /** Which rule decided: 'seed-table' | 'text' | 'enhanced-code' | 'basic-code' | 'none'. */
  decidedBy: BounceDecider;
}

/** The kind of a reason under the given codes: hard softens to soft with a temporary code. */
export function kindFor(reason: BounceReason, codes: SmtpCodes): BounceKind {
  const kind = BOUNCE_REASON_INFO[reason].kind;
  return kind === 'hard' && isTemporaryCode(codes) ? 'soft' : kind;
}

export function classifyBounce(input: BounceInput): BounceClassification {
  const found = extractSmtpCodes(input);
  const codes = failureCodes(found);
  const displayCode = formatSmtpCodes(found);

  const fromReason = (reason: BounceReason, decidedBy: BounceDecider): BounceClassification => ({
    kind: kindFor(reason, codes),
    reason,
    codes: found,
    displayCode,
    explanation: BOUNCE_REASON_INFO[reason].explanation,
    advice: BOUNCE_REASON_INFO[reason].advice,
    decidedBy,
  });

  const seed = findSeedErrorCode(codes);
  const rule = findTextRule(textForRules(input.status, input.diagnostic), codes);

  // 1. Seed table, unless the text names another reason.
  if (seed && (rule === undefined || rule.reason === seed.reason)) {
    return {
      kind: kindFor(seed.reason, codes),
      reason: seed.reason,
      codes: found,
      displayCode,
      explanation: seed.meaning,
      advice: seed.advice,
      decidedBy: 'seed-table',
    };
  }
  // 2. Telling text.
  if (rule) return fromReason(rule.reason, 'text');
  // 3. Enhanced status code.
  const enhanced = codes.enhanced !== undefined ? lookupEnhancedCode(codes.enhanced) : undefined;
  if (enhanced) return fromReason(enhanced.reason, 'enhanced-code');
  // 4. Reply code.
  const basic = codes.basic !== undefined ? lookupBasicCode(codes.basic) : undefined;
  if (basic) return fromReason(basic, 'basic-code');
  // 5. Nothing known.
  return fromReason('undetermined', 'none');
}
