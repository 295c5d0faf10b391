/**
 * Providers' own reason tokens, written into their SMTP replies next to (or instead of) a
 * readable reason. When present they are the most specific thing in a bounce, so they are
 * the first text rules tried (see bounce-text-rules.ts).
 *
 * Sources (the providers' postmaster pages, summarised in deliv's own words):
 * - Yahoo / AOL (senders.yahooinc.com error codes): `[TSnn]`/`[TSSnn]` deferrals; TS01-TS03
 *   TS01/TS03 and the permanent TSS09/TSS11 are about complaints and the reputation of the
 *   sending IP; TS02 ("temporarily deferred": unusual traffic, unless the text names
 *   complaints) and TSS04 (unexpected volume) are throttling; `[BLnn]` means the IP is on a blocklist (Spamhaus);
 *   `[PHnn]` means the content was refused for policy reasons (phishing/spam-like content).
 *   Legacy AOL tokens: `(RTR:BL)`/`(RTR:DU)` blocked or dynamic IP, `(RTR:RD)`/`(DNS:NR)`
 *   missing reverse DNS, `(DYN:Tn)` dynamic throttling, `(HVU:Bn)` blocked for volume of
 *   unknown recipients and complaints.
 * - Cox / Charter-Spectrum (Cloudmark-based `AUP#` codes): `AUP#…BL` block lists,
 *   `AUP#CXDNS` reverse DNS, `AUP#CXCNCT`/`AUP#CXMXRT` connection and message-rate limits,
 *   `AUP#[I-|In-|Out-]13nn` timed rate-limit blocks, `AUP#[I-]10nn-12nn` IP blocks.
 * - Outlook.com (legacy Hotmail codes): `RP-001`-`RP-003` are rate limits on the sending IP;
 *   `SC-002` (namespace mining) and `SC-004` (complaints) are verdicts on the IP's behaviour,
 *   although the reply text is the generic "part of their network is on our block list".
 * - Comcast: `BL000000` the sending IP's reputation; `RL0000nn` rate limits.
 * - T-Online: a reply ending in `(BL)` marks its IP block list.
 */

import type { BounceTextRule } from './bounce-text-rules.js';

const token = (reason: BounceTextRule['reason'], pattern: RegExp): BounceTextRule => ({
  reason,
  patterns: [pattern],
  strength: 'strong',
});

export const PROVIDER_CODE_RULES: readonly BounceTextRule[] = [
  // Yahoo / AOL
  token('sender_throttled', /\[TSS04\]/i),
  token('sender_throttled', /\[TSS?02\](?![^]*\bcomplaints?\b)/i),
  token('bad_reputation', /\[TSS?0[13]\]|\[TSS(?:09|1[01])\]/i),
  token('blocklisted', /\[BL\d{2}\]/i),
  token('spam_content', /\[PH\d{2}\]/i),
  token('blocklisted', /\(RTR:(?:BL|DU|BB)\)/i),
  token('ptr_missing', /\(RTR:RD\)|\(DNS:NR\)/i),
  token('sender_throttled', /\(DYN:T\d\)/i),
  token('bad_reputation', /\(HVU:B\d\)/i),
  // Cox / Charter-Spectrum (Cloudmark)
  token('ptr_missing', /\bAUP#CXDNS\b/i),
  token('sender_throttled', /\bAUP#CX(?:CNCT|MXRT)\b|\bAUP#(?:[A-Z]{1,3}-)?13\d\d\b/i),
  token('blocklisted', /\bAUP#[A-Z]*BL\b/i),
  token('bad_reputation', /\bAUP#(?:[A-Z]{1,3}-)?1[0-2]\d\d\b/i),
  // Outlook.com legacy codes: "RP-00n" rate limits on the sending IP; SC-002 (namespace mining)
  // and SC-004 (complaints) judge the IP's behaviour, whatever the generic "block list" text says.
  token('sender_throttled', /\bRP-00\d\b/i),
  token('bad_reputation', /\bSC-00[24]\b/i),
  // Comcast
  token('bad_reputation', /\bBL000000\b/i),
  token('sender_throttled', /\bRL0000\d\d\b/i),
  // T-Online
  token('blocklisted', /\(BL\)\s*$/i),
];
