/**
 * What the server's words say. An ordered table: the first rule that matches decides.
 * Order: sender-side causes that are named outright (blocklist, virus, throttling,
 * authentication, ...) first, because their texts often also contain recipient-ish or
 * spam-ish boilerplate; then states of the recipient's mailbox and address (specific
 * before general); then spam/content/policy wording; then transport problems; then the
 * weak rules.
 *
 * Strong rules win over any code (a postmaster trusts "mailbox full" over a 5.1.1). Weak
 * rules are wording too vague to overrule a specific code: they only decide when the code
 * is generic (no enhanced code, or an "other/undefined" one such as 5.0.0 or 5.7.0), or is
 * one the rule lists as too vague itself (`vagueCodes`: 4.7.1 for "try again later").
 *
 * Patterns run on the text with SMTP codes, email addresses and `host[ip]` names removed
 * (see `textForRules`), case-insensitively.
 */

import type { BounceReason } from './bounce-reasons.js';
import { isTemporaryCode, stripSmtpCodes, type SmtpCodes } from './extract-smtp-codes.js';
import { isGenericEnhancedCode } from './smtp-status-codes.js';

export interface BounceTextRule {
  reason: BounceReason;
  /** All patterns must match. */
  patterns: readonly RegExp[];
  /** 'weak': only decides when the code is generic. */
  strength: 'strong' | 'weak';
  /** Only applies when a code says the failure is temporary (4xx / 4.x.x). */
  temporaryOnly?: boolean;
  /** Only applies with this enhanced code. */
  enhanced?: string;
  /** For a weak rule: enhanced codes too vague to overrule it, besides the generic ones. */
  vagueCodes?: readonly string[];
}

const strong = (reason: BounceReason, ...patterns: RegExp[]): BounceTextRule => ({
  reason,
  patterns,
  strength: 'strong',
});
const weak = (reason: BounceReason, ...patterns: RegExp[]): BounceTextRule => ({
  reason,
  patterns,
  strength: 'weak',
});

/** Wording about sending too much or too fast (either side). */
const RATE =
  /\brate[- ]?limit(?:ed|ing|s)?\b|\b(?:unusual|high|excessive) (?:rate|volume)\b|\bunexpected volume\b|\btoo many (?:messages|e-?mails|mails|connections|recipients|sessions)\b|\bthrottl(?:ed|ing|e)\b|\bexceeded (?:the |a |its )?(?:message |connection )?rate\b/i;
/** Wording that puts the sending IP, domain or server in the subject. */
const SENDER_SIDE =
  /\b(?:your|the sending|sending|sender'?s?|originating|connecting|client) (?:ip|ip address|spf domain|domain|host|server|mta|network|account)\b|\bfrom (?:your|this|the sending) (?:ip|ip address|domain|host|server|network|account)\b|\bfrom \[?\d{1,3}(?:\.\d{1,3}){3}\b|\bserver \[\d{1,3}(?:\.\d{1,3}){3}\]|\bip reputation\b/i;

export const BOUNCE_TEXT_RULES: readonly BounceTextRule[] = [
  // ---- sender-side causes named outright ----
  // A named DNSBL or the word blocklist: the sending IP/domain is listed. "not listed in" is Domino's user unknown.
  strong(
    'blocklisted',
    /\b(?:spamhaus|spamcop|sorbs|barracuda(?:central)?|uceprotect|spamrats|psbl|abuseat|surbl|uribl)\b|\b(?:rbl|dnsbl|rhsbl)\b|\b(?:black|block|deny)[- ]?list(?:ed|ing|s)?\b|\bblocked using\b|(?<!\bnot )\blisted (?:on|in|at|by)\b/i,
  ),
  // Virus scanners name what they found; the message, not the address, is the problem.
  strong(
    'virus_detected',
    /\b(?:virus(?:es)?|malware|trojan|ransomware|infected)\b|\bpotential security issue\b|\b(?:harmful|dangerous|malicious) (?:content|attachments?|files?|links?|urls?)\b/i,
  ),
  // Gmail 4.7.28: "unusual rate of (unsolicited) mail originating from your IP/SPF domain".
  strong('sender_throttled', /\bunusual rate of (?:unsolicited )?mail\b/i),
  // The sender's own sending quota (daily sending limit, Exchange "submission quota"), not the recipient's mailbox quota.
  strong(
    'sender_throttled',
    /\bsending (?:quota|limit)s? (?:exceeded|reached)\b|\bexceeded (?:the |your |its )?(?:daily |hourly )?sending (?:quota|limit)\b|\bquota for sending\b|\bsubmission quota\b/i,
  ),
  // Rate/volume wording about the sending IP or domain: throttling of the sender.
  strong('sender_throttled', RATE, SENDER_SIDE),
  // SPF/DKIM/DMARC named, or "unauthenticated": fix the sending domain's authentication.
  strong(
    'auth_failure',
    /\b(?:spf|dkim|dmarc|domainkeys)\b|\bsender policy framework\b|\bsender[- ]id\b|\bunauthenticated\b|\bnot authenticated\b|\bauthentication (?:checks?|failure|failed|did not pass|requirements?)\b/i,
  ),
  // Reverse DNS of the sending IP (Postfix reject_unknown_client_hostname, Gmail 5.7.25).
  strong(
    'ptr_missing',
    /\bptr\b|\brdns\b|\breverse (?:dns|lookup|hostname|mapping|resolution)\b|\bcannot find your (?:reverse )?hostname\b|\bhostname (?:does not|doesn't) (?:resolve|match)\b/i,
  ),
  // The receiver insists on encryption (Postfix "Must issue a STARTTLS command first", RFC 8689 REQUIRETLS).
  strong(
    'tls_required',
    /\b(?:starttls|tls)\b[^.;]{0,30}\b(?:required|mandatory|needed)\b|\bmust issue a starttls\b|\brequires? (?:a )?(?:secure|encrypted|tls|starttls)\b|\brequiretls\b|\bencryption (?:is )?(?:required|needed)\b/i,
  ),
  // The contacted server will not relay for us (Postfix "Relay access denied", qmail rcpthosts).
  strong(
    'relay_denied',
    /\brelay(?:ing)? (?:access )?(?:is )?(?:denied|prohibited|not (?:permitted|allowed|authori[sz]ed))\b|\b(?:unable|not (?:permitted|allowed|authori[sz]ed)) to relay\b|\b(?:we|i) do not relay\b|\bno relaying\b|\ballowed rcpthosts\b/i,
  ),
  // The MAIL FROM address or its domain was refused; must precede the recipient rules ("Sender address rejected: Domain not found").
  strong(
    'sender_rejected',
    /\bsender (?:address |domain |mailbox |e-?mail )?(?:is )?(?:rejected|refused|invalid|unknown|not found|does not exist|doesn't exist|not valid)\b|\bdomain of sender address\b[^;]{0,80}\bdoes not (?:exist|resolve)\b|\bsender verif(?:y|ication) (?:failed|failure)\b|\b(?:invalid|unknown|bad|unverified|unroutable) sender\b|\bmail from (?:address |domain )?(?:is )?(?:rejected|invalid|refused)\b/i,
  ),
  // Reputation named outright (Gmail "very low reputation of the sending IP/domain").
  strong('bad_reputation', /\breputation\b|\bsender ?score\b/i),

  // ---- the recipient's mailbox and address ----
  // The receiving system's own disk, not the mailbox: before mailbox_full ("insufficient system storage").
  strong(
    'system_error',
    /\binsufficient system (?:storage|resources)\b|\b(?:mail )?system (?:is )?full\b|\bdisk (?:is )?full\b|\bno space left on device\b/i,
  ),
  // Full mailbox / quota; beats a 5.1.1 or 5.2.1 code because the text is specific.
  strong(
    'mailbox_full',
    /\b(?:mail ?box|in ?box|mail ?folder|account|storage) (?:is |was )?(?:currently )?full\b|\bfull mailbox\b|\bmailbox (?:size |storage )?(?:limit |quota )?exceeded\b|\bquota (?:has been |was )?(?:exceeded|reached|full)\b|\bexceed(?:s|ed|ing)? (?:the |their |its |his |her |this |storage |mailbox |disk )*quota\b|\bover ?(?:the |their |its )?quota\b|\binsufficient (?:storage|disk space|space|quota)\b|\bout of (?:storage|disk|mailbox) ?(?:space)?\b|\bnot enough (?:storage|disk space|space)\b/i,
  ),
  // Message size limits (after mailbox_full: "mailbox size limit exceeded" is a full mailbox).
  strong(
    'message_too_large',
    /\btoo (?:large|big)\b|\bsize (?:limit|exceeds|exceeded)\b|\bmessage (?:size|length) exceeds\b|\bexceeds? (?:the )?(?:fixed )?(?:maximum|max|allowed) (?:message )?size\b|\bmax(?:imum)? (?:message )?size\b|\boversized?\b/i,
  ),
  // A mailbox that exists but is switched off (Gmail "account ... is disabled"), not the sender's own account.
  strong(
    'mailbox_disabled',
    /(?<!\b(?:your|sender'?s?|sending) )\b(?:account|mailbox|user|address|recipient)\b[^.;]{0,40}\b(?:disabled|deactivated|inactive|suspended)\b|\b(?:disabled|deactivated|inactive|suspended) (?:account|mailbox|user|address|recipient)\b/i,
  ),
  // Moved mailbox without forwarding (RFC 5321 551 "User not local; please try <...>").
  strong(
    'mailbox_moved',
    /\b(?:mail ?box|user|recipient|address|account) (?:has )?(?:moved|relocated)\b|\bno forwarding address\b|\bchanged (?:his|her|their|its) (?:e-?mail )?address\b|\buser not local\b|\b(?:mailbox|domain) owner (?:has )?changed\b/i,
  ),
  // Address syntax: the address cannot be valid anywhere.
  strong(
    'invalid_address',
    /\baddress syntax\b|\bsyntax (?:error|invalid) in (?:the )?(?:recipient |e-?mail )?address\b|\bmalformed (?:recipient |e-?mail )?address\b|\bneed fully-qualified address\b|\bsyntactically invalid\b|\binvalid (?:e-?mail )?address format\b|\bnot a valid (?:rfc ?\d+ )?(?:e-?mail )?address\b/i,
  ),
  // The domain says it takes no mail at all (RFC 7505 null MX).
  strong(
    'no_mail_accepted',
    /\bnull mx\b|\b(?:does not|doesn't|do not) accept (?:any )?(?:e-?mail|mail)\b|\baccepts no (?:e-?)?mail\b|\bno mail (?:is )?accepted\b/i,
  ),
  // The recipient's domain does not resolve (must precede user_unknown's generic "does not exist").
  strong(
    'domain_not_found',
    /\bhost (?:or domain name )?(?:not found|unknown)\b|\bunknown (?:host|domain)\b|\b(?:no such|unresolvable) domain\b|\bnon-?existent ?domain\b|\bdomain (?:name )?(?:not found|does not exist|doesn't exist|unknown|could not be resolved)\b|\bdomain \S+ (?:does not exist|not found)\b|\bnxdomain\b|\bno mx\b|\bno (?:mx|mail exchanger) records?\b|\bname or service not known\b/i,
  ),
  // No route to the recipient's mail server at the mail level (Exim "Unrouteable address", loops).
  strong(
    'unroutable',
    /\bunable to route\b|\bun-?routea?ble\b|\bno route (?:to|for) (?:the )?(?:domain|recipient|destination)\b|\brouting loop\b|\bloops back to myself\b|\bmail loop\b|\btoo many hops\b|\bhop count exceeded\b/i,
  ),
  // Microsoft 5.4.1 "Recipient address rejected: Access denied": the recipient is not in the tenant's directory.
  { ...strong('user_unknown', /\brecipient address rejected: access denied\b/i), enhanced: '5.4.1' },
  // The classic "no such mailbox" wordings of Postfix, Exim, Sendmail, Gmail, Microsoft, Domino and Yahoo.
  strong(
    'user_unknown',
    /\buser unknown\b|\bunknown (?:user|recipient|mailbox|local[- ]?part|address)\b|\bno such (?:user|mailbox|recipient|account|address|person|local user)\b|\b(?:user|mailbox|recipient|address|account) (?:was )?not found\b|\brecip(?:ient)?notfound\b|\b(?:does not|doesn't|did not) exist\b|\bnot a (?:known|valid) (?:user|recipient|mailbox)\b|\binvalid (?:recipient|mailbox|user)\b|\bnot listed in (?:the )?(?:public|domino|directory|address|name)\b|\b(?:does not|doesn't) have an? \S+ account\b|\bmailbox (?:is )?(?:unknown|invalid)\b|\bno mailbox here\b|\bundeliverable address\b/i,
  ),

  // ---- delivery given up, greylisting, rates ----
  // The sending side retried until its queue lifetime ran out.
  strong(
    'expired',
    /\b(?:message|delivery|mail)(?: time)? (?:has )?expired\b|\bexpired after\b|\bretry (?:timeout|time-?out|time limit) exceeded\b|\bretry time not reached for any host after a long failure period\b|\bcould not be delivered (?:for|within|in) \d+\b|\btoo long in (?:the )?queue\b|\bin (?:the )?queue too long\b|\bgave up\b|\bgiving up\b|\bunable to deliver (?:in|within) \d+|\bmessage (?:is )?too old\b/i,
  ),
  // Greylisting named outright (postgrey, milter-greylist).
  strong('greylisted', /\bgr[ae]y[- ]?list(?:ed|ing|s)?\b/i),
  // Recipient-side rate limits (Gmail 4.2.1 "receiving mail at a rate that prevents additional messages").
  strong(
    'rate_limited',
    /\breceiving mail (?:too quickly|at a rate)\b|\btoo many (?:messages|e-?mails|mails|deliveries)\b|\brate[- ]?limit(?:ed|ing|s)?\b|\bthrottl(?:ed|ing|e)\b|\btoo many (?:concurrent |simultaneous )?(?:connections|sessions)\b|\btoo many recipients\b|\bexceed(?:ed|s) (?:the |a )?(?:message |delivery )?rate\b/i,
  ),

  // ---- what the receiver thought of the message ----
  // Spam filters: content or targeting, not the address.
  strong(
    'spam_content',
    /\bspam(?:my)?\b|\bunsolicited\b|\bjunk (?:e-?)?mail\b|\bbulk (?:e-?)?mail\b|\bphishing\b|\bcontent (?:was )?(?:rejected|filtered|blocked|not accepted)\b|\b(?:rejected|blocked|refused) (?:due to|because of|for) (?:its |the |message )?content\b|\bcontent filter(?:ing)?\b|\bUCE\b/i,
  ),
  // Format problems: headers, Message-ID, encoding (Gmail "not RFC 5322 compliant", "missing a valid messageId").
  strong(
    'content_error',
    /\bnot (?:rfc ?\d+ )?compliant\b|\bnon-?(?:rfc|standard)[- ]compliant\b|\bmessage-?id\b|\b(?:malformed|invalid|broken|missing|duplicate) (?:mime|headers?|date|from)\b|\bheader (?:is )?(?:invalid|malformed|missing|too long)\b|\bline too long\b|\b(?:8-?bit|8bitmime|utf-?8|charset|encoding)\b[^.;]{0,30}\b(?:not supported|not allowed|required|invalid|error)\b|\bmedia (?:type )?not supported\b|\bconversion (?:required|failed|not supported)\b/i,
  ),
  // A local rule of the receiver refused the message or the sender.
  strong(
    'policy',
    /\b(?:rejected|refused|blocked|denied|prohibited) (?:by|due to|because of|per|under) (?:the )?(?:local |recipient'?s? |site |domain |organi[sz]ation'?s? |security |administrative |our )?(?:polic(?:y|ies)|rules?|administrator)\b|\bpolicy (?:violations?|rejection|reasons|restrictions?)\b|\badministratively (?:prohibited|denied|rejected)\b|\bnot authori[sz]ed to (?:send|deliver|connect)\b|\bdelivery not authori[sz]ed\b|\bmessage refused\b|\b(?:sender|you) (?:is |are |has been |have been )?(?:blocked|denied|banned)\b|\bblocked sender\b/i,
  ),

  // ---- transport ----
  // TCP/DNS trouble reaching the recipient's server.
  strong(
    'network_error',
    /\btimed? ?out\b|\btime-out\b|\bconnection (?:refused|reset|closed|lost|dropped|failed)\b|\blost connection\b|\bnetwork (?:is )?unreachable\b|\bno route to host\b|\bhost (?:is )?unreachable\b|\b(?:could not|couldn't|unable to|failed to) connect\b|\bbroken pipe\b|\btemporary (?:dns|lookup|name resolution) (?:failure|error)\b|\bdns (?:lookup |query |resolution )?(?:failed|failure|error|timeout)\b|\bservfail\b/i,
  ),
  // The remote system's own trouble (qmail/Exim "Temporary local problem", RFC 5321 451 wording).
  strong(
    'system_error',
    /\b(?:server|system|service) (?:is )?(?:too )?busy\b|\btemporary (?:local|system|server) (?:problem|failure|error)\b|\blocal error in processing\b|\binternal (?:server )?error\b|\bsystem (?:error|failure)\b|\bmisconfigur(?:ed|ation)\b|\bresources? (?:temporarily )?unavailable\b/i,
  ),

  // ---- weak: only when the code is generic ----
  // "Service unavailable" is also Microsoft's preamble to block messages: trust a specific code over it.
  weak('system_error', /\bservice (?:is |temporarily )*(?:unavailable|not available)\b/i),
  // "Try again later" with a 4xx and nothing else: the usual greylisting reply, often sent as 451 4.7.1.
  {
    ...weak('greylisted', /\b(?:please )?(?:try|retry|come back) (?:again )?later\b|\btry later\b/i),
    temporaryOnly: true,
    vagueCodes: ['4.7.1'],
  },
  // Postfix "Recipient address rejected: <why>" without a why deliv knows: most often an unknown user.
  weak('user_unknown', /\brecipient (?:address )?rejected\b/i),
  // Bare "access denied": a local rule.
  weak('policy', /\baccess denied\b/i),
  // Platform labels or wording that only give the class.
  weak('other_permanent', /\bpermanent(?:ly)?\b|\bhard[- ]?bounce\b/i),
  weak('other_temporary', /\btemporar(?:y|ily)\b|\btransient\b|\bsoft[- ]?bounce\b|\bdeferred\b/i),
];

/**
 * The text a bounce's rules look at: status and diagnostic joined, with SMTP codes, email
 * addresses (`<spam@x.com>` is not spam) and `host.name[1.2.3.4]` tokens removed.
 */
export function textForRules(status: string | undefined, diagnostic: string | undefined): string {
  const joined = [status, diagnostic].filter((t): t is string => t !== undefined).join(' ');
  const withoutNames = joined
    .replace(/<?[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+>?/g, ' ')
    .replace(/[\w-]+(?:\.[\w-]+)+\s?\[[0-9a-f.:]+\]/gi, ' ');
  return stripSmtpCodes(withoutNames);
}

/** True when the code gives no more than a class: no enhanced code, or `x.y.0`. */
export function isGenericCode(codes: SmtpCodes): boolean {
  return codes.enhanced === undefined || isGenericEnhancedCode(codes.enhanced);
}

/** The first rule that matches `text` given the bounce's (failure) codes. */
export function findTextRule(text: string, codes: SmtpCodes): BounceTextRule | undefined {
  if (text === '') return undefined;
  const generic = isGenericCode(codes);
  const temporary = isTemporaryCode(codes);
  const vague = (rule: BounceTextRule): boolean =>
    generic || (codes.enhanced !== undefined && rule.vagueCodes?.includes(codes.enhanced) === true);
  return BOUNCE_TEXT_RULES.find(
    (rule) =>
      (rule.strength === 'strong' || vague(rule)) &&
      (!rule.temporaryOnly || temporary) &&
      (rule.enhanced === undefined || rule.enhanced === codes.enhanced) &&
      rule.patterns.every((p) => p.test(text)),
  );
}
