/**
 * What the server's words say. An ordered table: the first rule that matches decides.
 *
 * Order:
 *  1. providers' own reason tokens (`[TSS04]`, `AUP#CXBL`; provider-codes.ts);
 *  2. sender-side causes that are named outright (blocklist, virus, throttling,
 *     authentication, reverse DNS, TLS, relaying, the sender address, reputation), because
 *     their texts often also contain recipient-ish or spam-ish boilerplate ("To protect our
 *     users from spam, mail sent from your IP address has been temporarily rate limited");
 *  3. states of the recipient's mailbox and address, specific before general;
 *  4. delivery given up, greylisting, recipient-side rates;
 *  5. format, spam and policy wording (format first: Gmail's "not RFC 5322 compliant … To
 *     reduce the amount of spam …" is a format problem);
 *  6. transport problems;
 *  7. weak rules.
 *
 * Strong rules win over any code (a postmaster trusts "mailbox full" over a 5.1.1). Weak
 * rules are wording too vague to overrule a code with a known meaning: they only decide when
 * the enhanced code is vague: absent, generic (`5.0.0`, `5.7.0`), a catch-all (`x.7.1`), or
 * unknown beyond its subject (`4.7.700`); see `isVagueEnhancedCode`.
 *
 * Patterns run on the text with SMTP codes, email addresses, `host[ip]` names and help-link
 * sentences removed (see `textForRules`), case-insensitively.
 */

import type { BounceReason } from './bounce-reasons.js';
import { isTemporaryCode, stripSmtpCodes, type SmtpCodes } from './extract-smtp-codes.js';
import { PROVIDER_CODE_RULES } from './provider-codes.js';
import { isGenericEnhancedCode, isVagueEnhancedCode } from './smtp-status-codes.js';

export interface BounceTextRule {
  reason: BounceReason;
  /** All patterns must match. */
  patterns: readonly RegExp[];
  /** 'weak': only decides when the code is vague. */
  strength: 'strong' | 'weak';
  /** Only applies when a code says the failure is temporary (4xx / 4.x.x). */
  temporaryOnly?: boolean;
  /** Only applies with this enhanced code. */
  enhanced?: string;
  /** For a weak rule: enhanced codes too vague to overrule it, besides the vague ones. */
  vagueCodes?: readonly string[];
  /** Only applies when the bounce's codes satisfy this condition. */
  when?: (codes: SmtpCodes) => boolean;
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
const only = (rule: BounceTextRule, when: (codes: SmtpCodes) => boolean): BounceTextRule => ({ ...rule, when });

/** The enhanced code's subject (`7` for `5.7.1`), or undefined. */
const subjectOf = (codes: SmtpCodes): string | undefined => codes.enhanced?.split('.')[1];
/** True when a code says the failure is permanent (5xx / 5.x.x). */
const isPermanentCode = (codes: SmtpCodes): boolean =>
  codes.basic?.startsWith('5') === true || codes.enhanced?.startsWith('5') === true;
/** SMTP AUTH reply codes (RFC 4954): 530 required, 534 too weak, 535 invalid, 538 encryption. */
const isSmtpAuthCode = (codes: SmtpCodes): boolean =>
  ['530', '534', '535', '538'].includes(codes.basic ?? '') || /^[45]\.7\.(?:8|9|57)$/.test(codes.enhanced ?? '');

/** Gmail's (and others') "unusual rate/amount of unsolicited mail originating from your IP". */
const UNUSUAL_RATE =
  /\bunusual (?:rate|amount) of (?:unsolicited )?e?-?mail\b|\bunsolicited e?-?mail originating from your\b/i;
/** Wording about sending too much or too fast (either side). */
const RATE =
  /\brate[- ]?limit(?:ed|ing|s)?\b|\b(?:unusual|high|excessive) (?:rate|volume)\b|\bunexpected volume\b|\btoo many (?:messages|e-?mails|mails|connections|sessions)\b|\bthrottl(?:ed|ing|e)\b|\bexceeded (?:the |a |its )?(?:message |connection )?rate\b/i;
/** Wording that puts the sending IP, domain or server in the subject. */
const SENDER_SIDE =
  /\b(?:your|the sending|sending|sender'?s?|originating|connecting|client) (?:ip|ip address|spf domain|domain|host|server|mta|network|account|netblock)\b|\bfrom (?:your|this|the sending) (?:ip|ip address|domain|host|server|network|account)\b|\bfrom \[?\d{1,3}(?:\.\d{1,3}){3}\b|\bserver \[\d{1,3}(?:\.\d{1,3}){3}\]|\bip reputation\b|\bthis ip\b/i;

export const BOUNCE_TEXT_RULES: readonly BounceTextRule[] = [
  // ---- 1. providers' own tokens ----
  ...PROVIDER_CODE_RULES,
  // Platforms' own "not attempted" texts: the address is on a suppression list (SES, Mailgun,
  // SendGrid "Bounced Address"). Hard: the platform will not mail it; a recorded invalid
  // address is an unknown user. Complaint/unsubscribe suppressions also mean "never mail".
  strong('user_unknown', /\bhistory of bouncing as an invalid address\b/i),
  strong('other_permanent', /\bnot delivering to (?:a user who|an? (?:unsubscribed|previously))\b/i),
  // A code with a known meaning (SES puts the original 5.1.1 in the status) says more.
  only(
    strong('other_permanent', /\bsuppressed sending\b|\bsuppression list\b|\bpreviously bounced\b|\bbounced address\b/i),
    (codes) => isVagueCode(codes),
  ),

  // ---- 2. sender-side causes named outright ----
  // A reputation verdict that happens to name its source ("poor reputation on Cloudmark Sender
  // Intelligence") is about reputation; a named list without such words is a listing.
  strong('bad_reputation', /\b(?:poor|low|bad) (?:sender |ip |domain )?reputation\b/i),
  // A named DNSBL, the word blocklist, or a delisting/lookup page: the sending IP/domain is listed.
  // "not listed in" is Domino's user unknown; "whitelist"/"allowlist" is a recipient policy.
  strong(
    'blocklisted',
    /\b(?:spamhaus|spamcop|sorbs|barracuda(?:central)?|uceprotect|spamrats|psbl|abuseat|surbl|uribl|cloudmark|mailspike|invaluement|nixspam|backscatterer)\b|\b(?:rbl|dnsbl|rhsbl|dbl)\b|\b(?:black|block|deny|ban)[- ]?list(?:ed|ing|s)?\b|\bblocked using\b|(?<!\bnot )\blisted (?:on|in|at|by)\b|\bremoval from (?:this|the|our) list\b|\bdelist(?:ing|ed)?\b|\bipcheck\.proofpoint\b|\bbanned sending ip\b|\bnot authori[sz]ed to send e?-?mail directly\b|\bip(?: address)?\s+\[?[\d.:a-f]+\]?\s+is blocked by\b|\bdynamic(?:ally)?[- ](?:assigned )?ip\b/i,
  ),
  // "Rejected for spam or virus content": a content filter, not a found virus.
  strong('spam_content', /\bspam or virus\b|\bvirus or spam\b/i),
  // Virus scanners name what they found; the message, not the address, is the problem.
  strong(
    'virus_detected',
    /\b(?:virus(?:es)?|malware|trojan|ransomware|infected)\b|\bpotential security issue\b|\b(?:harmful|dangerous|malicious) (?:content|attachments?|files?|links?|urls?)\b/i,
  ),
  // Gmail 4.7.28/5.7.28: "unusual rate of (unsolicited) mail originating from your IP/SPF
  // domain". Before the authentication rule: the text names the "SPF domain" it counts, not an
  // SPF failure. A deferral (4xx), no code, or Gmail's own x.7.28 is throttling of the sender;
  // the same words in a permanent refusal under another code ("550 5.7.1 … has been blocked")
  // are a verdict on the sender's reputation.
  only(
    strong('sender_throttled', UNUSUAL_RATE),
    (codes) => !isPermanentCode(codes) || /^[45]\.7\.28$/.test(codes.enhanced ?? ''),
  ),
  strong('bad_reputation', UNUSUAL_RATE),
  // Yahoo "deferred due to unexpected volume or user complaints": volume first.
  strong('sender_throttled', /\bunexpected volume\b/i),
  // SPF, DKIM, DMARC or ARC named: fix the sending domain's authentication.
  strong(
    'auth_failure',
    /\b(?:spf|dkim|dmarc|domainkeys|arc)\b|\bsender policy framework\b|\bsender[- ]id\b/i,
  ),
  // Reverse DNS of the sending IP (Postfix reject_unknown_client_hostname, Gmail 5.7.25).
  strong(
    'ptr_missing',
    /\bptr\b|\brdns\b|\breverse (?:dns|lookup|hostname|mapping|resolution|entry)\b|\bcannot find your (?:reverse )?hostname\b|\bhostname (?:does not|doesn't) (?:resolve|match)\b|\bforward[- ]confirmed\b/i,
  ),
  // The receiver's own trouble, even when it mentions TLS ("TLS not available due to local problem").
  strong('system_error', /\b(?:due to|because of) (?:a )?(?:local|temporary|internal) (?:problem|error|failure)\b/i),
  // The receiver insists on encryption (Postfix "Must issue a STARTTLS command first", Gmail 4.7.29).
  strong(
    'tls_required',
    /\b(?:starttls|tls)\b[^.;]{0,30}\b(?:required|mandatory|needed)\b|\bmust issue a starttls\b|\brequires? (?:a )?(?:secure|encrypted|tls|starttls)\b|\brequiretls\b|\bencryption (?:is )?(?:required|needed)\b|\b(?:not|wasn't|was not) (?:sent )?(?:over|using) (?:a )?tls\b|\b(?:not )?using a tls connection\b|\buse tls\b|\btls error\b|\bstarttls\b[^.;]{0,20}\b(?:got|failed|not (?:supported|offered|available))\b/i,
  ),
  // Microsoft group/mailbox delivery restrictions ("sender was not authenticated when sending to
  // this group"): a rule of the recipient's organisation, not SMTP AUTH.
  strong(
    'policy',
    /\bdelivery restriction\b|\bnot authenticated by (?:the |your )?organi[sz]ation\b|\bresolver\.rst\.\w+|\bsendernotauthenticatedfor\w+|\bnot authorized to send to (?:this|the) (?:group|recipient)\b/i,
  ),
  // The sending host's HELO/EHLO name was refused ("Helo command rejected: Host not found").
  strong('policy', /\bhelo (?:command )?rejected\b|\b(?:invalid|bad) (?:helo|ehlo)\b|\b(?:helo|ehlo) (?:name|argument)\b/i),
  // Submission / relaying: the contacted server will not pass the message on for us, or wants
  // SMTP AUTH (Postfix "Relay access denied", qmail rcpthosts, Microsoft 5.7.57, Gmail 530 5.5.1).
  strong(
    'relay_denied',
    /\brelay(?:ing)? (?:access )?(?:is )?(?:denied|prohibited|refused|not (?:permitted|allowed|authori[sz]ed))\b|\brelaying denied\b|\b(?:unable|not (?:permitted|allowed|authori[sz]ed)) to relay\b|\b(?:we|i) do not relay\b|\bno relaying\b|\ballowed rcpthosts\b|\bsmtp auth(?:entication)?\b|\bauthentication (?:is )?required\b|\bmust (?:first )?authenticate\b|\bclient (?:was |is )?not authenticated\b|\busername and password not accepted\b|\binvalid (?:login|credentials|username or password)\b|\bauthori[sz]ation (?:is )?required\b|\bwithout authori[sz]ation\b|\bnot logged in\b/i,
  ),
  // SMTP AUTH failures on submission ("535 Authentication failed") are credentials, not SPF/DKIM.
  only(strong('relay_denied', /\bauthenticat/i), isSmtpAuthCode),
  // The MAIL FROM address or its domain was refused; must precede the recipient rules ("Sender address rejected: Domain not found").
  strong(
    'sender_rejected',
    /\bsender (?:address |domain |mailbox |e-?mail )?(?:is )?(?:rejected|refused|invalid|unknown|not found|does not exist|doesn't exist|not valid)\b|\bdomain of sender address\b[^;]{0,80}\bdoes not (?:exist|resolve)\b|\bsender verif(?:y|ication) (?:failed|failure)\b|\bverification failed for\b|\b(?:invalid|unknown|bad|unverified|unroutable) sender\b|\bmail ?from (?:address |domain )?(?:is )?(?:rejected|invalid|refused|not accepted)\b|\brefused mail ?from\b|\benvelope[- ]?(?:sender|from) (?:domain|address)? ?must exist\b|\breturn (?:mx|path) does not exist\b|\bunresolvable (?:rfc\.?\s?532[12] )?from domain\b|\bsender (?:domain )?has no (?:a|mx|dns)\b|\b(?:blank|empty) from:? address(?:es)?\b|\bfrom:? domain is invalid\b|\bprovide a valid from\b|\bemetteur invalide\b|\binvalid dns mx or a\/aaaa resource record\b|\bsender address\b[^.;]{0,30}\b(?:not (?:a )?valid|invalid format)\b|\bbadmailfrom\b|\byour envelope sender is\b|\bcallback setup failed\b|\bsender address blocked\b|\benvelope blocked\b|\bfor your mail ?from address\b|\b(?:mail|e-?mail) sending denied\b|\bsender (?:address )?denied\b|\bsendasdenied\b|\bnot allowed to send as\b|\byour (?:sender |sending )?domain (?:has no|does not have|doesn't have|does not exist|is not valid|is invalid)\b|\bvalid envelope sender\b|\b(?:e-?mail )?address is not verified\b|\bidentit(?:y|ies) (?:is |are )?not verified\b|\bpermissions? to send as\b/i,
  ),
  // Authentication in general words (Gmail "unauthenticated", Microsoft "authentication level").
  strong(
    'auth_failure',
    /\bunauthenticated\b|\bnot authenticated\b|\bauthentication (?:checks?|failure|failed|did not pass|requirements?|level|results?)\b|\bfails? to pass authentication\b/i,
  ),
  // The sender's own quotas and connection limits: sending quota, relay limits, messages per
  // session/hour, too many connections or login attempts. Connection limits are per sending IP.
  strong(
    'sender_throttled',
    /\bsending (?:quota|limit)s? (?:exceeded|reached)\b|\bexceeded (?:the |your |its )?(?:daily |hourly )?sending (?:quota|limit)\b|\bquota for sending\b|\bsubmission quota\b|\b(?:daily|hourly|peak) (?:user |smtp )?(?:sending |relay |smtp relay |message |e-?mail )?(?:quota|limit) (?:exceeded|reached)\b|\brelay limit exceeded\b|\b(?:max(?:imum)?|too many) (?:number of )?(?:messages?|mails?|e-?mails?|recipients?) per (?:connection|session|hour|day|minute)\b|\bexceeded the max(?:imum)? number of (?:messages|connections|sessions)\b|\btoo many (?:concurrent |simultaneous |open |smtp )*(?:connections|sessions)\b|\bconnection (?:rate|count) limit\b|\bconcurrency limit\b|\btoo many (?:login|auth(?:entication)?) (?:attempts|failures)\b|\blimit on the number of (?:allowed )?(?:outgoing )?(?:messages|recipients)\b|\boutgoing (?:message|mail|e-?mail)s? (?:limit|quota)\b|\bunusual sending (?:activity|pattern)\b|\btoo many recipients\b|\bhow many messages can be sent\b|\btoo many errors\b|\bintrusion prevention\b/i,
  ),
  // Reputation named outright (Gmail "very low reputation of the sending IP/domain"), complaints
  // about the sender, a refused sending IP with no list named, Yahoo's "permanently deferred".
  strong(
    'bad_reputation',
    /\breputation\b|\bsender ?score\b|\buser complaints\b|\bcomplaints? (?:from|by) (?:our )?users\b|\bpermanently deferred\b|\bspam abuse\b|\btraffic not accepted from this ip\b|\b(?:this|your|the sending|sending|source|client|sender) ip(?: address)?\s+(?:\[?[\d.:a-f]+\]?\s+)?(?:(?:has been|is|was)\s+)?(?:temporarily\s+|permanently\s+)?(?:blocked|banned|refused|rejected)\b(?! by)|\b(?:high )?complaint rate\b|\bip\s+\[?\d{1,3}(?:\.\d{1,3}){3}\]?\s+(?:has been|is|was)\s+(?:temporarily\s+|permanently\s+)?(?:blocked|banned)\b(?! by)|\badresse ip source bloquee\b|\bweren't sent\b/i,
  ),
  // Per-transaction limits of the receiver ("try this recipient in a separate transaction"):
  // the sending MTA retries the rest; nothing wrong with the address or the sender.
  strong('other_temporary', /\bper transaction\b|\bseparate transaction\b|\baddress lookup failed\b/i),
  // Yahoo's "Message(s) from <IP> temporarily deferred": the sending IP is being held back.
  strong('sender_throttled', /\bmessages? from \(?\[?\d{1,3}(?:\.\d{1,3}){3}\]?\)? (?:will be |are |is )?temporarily deferred\b/i),
  // Rate/volume wording about the sending IP or domain: throttling of the sender.
  strong('sender_throttled', RATE, SENDER_SIDE),

  // ---- 3. the recipient's mailbox and address ----
  // The receiving system's own disk, not the mailbox: before mailbox_full ("insufficient system storage").
  strong(
    'system_error',
    /\binsufficient system (?:storage|resources)\b|\b(?:mail )?system (?:is )?full\b|\bdisk (?:is )?full\b|\bno space left on device\b/i,
  ),
  // A full mailbox that is also abandoned never empties: Gmail's 552 "over quota and inactive"
  // links to OverQuotaPerm (its 452 over-quota links to OverQuotaTemp). A dead address.
  strong('mailbox_disabled', /\b(?:over ?quota|full|out of (?:storage )?(?:space)?)\b[^.;]{0,40}\band inactive\b|\bOverQuotaPerm\b/i),
  // Full mailbox / quota; beats a 5.1.1 or 5.2.1 code because the text is specific.
  strong(
    'mailbox_full',
    /\b(?:mail ?box|in ?box|mail ?folder|maildir|account|storage) (?:is |was )?(?:currently )?full\b|\bfull mailbox\b|\bmailbox (?:size |storage )?(?:limit |quota )?exceeded\b|\bquota (?:usage )?(?:has been |was )?(?:exceeded|reached|full)\b|\bexceed(?:s|ed|ing)? (?:the |their |its |his |her |this |storage |mailbox |disk )*quota\b|\bover ?(?:the |their |its )?quota\b|\binsufficient (?:storage|disk space|space|quota)\b|\bout of (?:storage|disk|mailbox) ?(?:space)?\b|\bnot enough (?:storage|disk space|space)\b|\bexhausted (?:the |its |their |allowed |available )*(?:storage|quota|space)\b|\bstorage allocation\b|\bmax(?:imum)? mailbox size\b|\bhas too many messages\b|\btoo many messages (?:on the server|in (?:the |this |his |her )?(?:mail ?box|inbox))\b|\bspeichervolumen\b|\bpostfach (?:ist )?voll\b|\bbo[iî]te (?:aux lettres )?(?:du destinataire )?pleine\b/i,
  ),
  // Header size limits are a format problem, not a big message (Gmail 552 5.3.4 header limits).
  strong('content_error', /\bheader (?:value |name )?size\b|\bper individual header\b|\bheader fields?\b[^.;]{0,20}\bexceed/i),
  // Message size limits (after mailbox_full: "mailbox size limit exceeded" is a full mailbox).
  strong(
    'message_too_large',
    /\btoo (?:large|big)\b|\bsize (?:limit|exceeds|exceeded)\b|\bmessage (?:size|length) exceeds\b|\bexceeds? (?:the )?(?:fixed )?(?:maximum|max|allowed) (?:message )?size\b|\bmax(?:imum)? (?:message )?size\b|\boversized?\b|\bexceeded (?:google's |the )?message size\b|\bnumber of attachments\b/i,
  ),
  // A mailbox that exists but is switched off, closed or blocked (Gmail "account ... is
  // disabled", Yahoo "no longer valid", mail.ru "user is terminated"), not the sender's own account.
  strong(
    'mailbox_disabled',
    /(?<!\b(?:your|sender'?s?|sending|the sending) )\b(?:account|mailbox|user|address|recipient)\b[^.;]{0,40}\b(?:disabled|deactivated|inactive|suspended|terminated|discontinued)\b|\b(?:disabled|deactivated|inactive|suspended|terminated) (?:account|mailbox|user|address|recipient)\b|(?<!\b(?:your|sender'?s?|sending) )\b(?:account|mailbox) (?:is ?|has been |was )?(?:blocked|locked|frozen|closed|expired)\b|\bno longer (?:valid|active|in use)\b|\b(?:is|are) not active\b|\bnot (?:associated with )?an active (?:account|mailbox|user)\b|\bcompte du destinataire est bloque\b|\barchived (?:recipient|mailbox|account|user)\b|\b(?:boite|compte) du destinataire archivee?\b/i,
  ),
  // Moved mailbox without forwarding (RFC 5321 551 "User not local; please try <...>").
  strong(
    'mailbox_moved',
    /\b(?:mail ?box|user|recipient|address|account) (?:has )?(?:moved|relocated)\b|\bno forwarding address\b|\bchanged (?:his|her|their|its) (?:e-?mail )?address\b|\buser not local\b|\b(?:mailbox|domain) owner (?:has )?changed\b|\bno longer on (?:this )?server\b/i,
  ),
  // Address syntax: the address cannot be valid anywhere.
  strong(
    'invalid_address',
    /\baddress syntax\b|\bsyntax (?:error|invalid) in (?:the )?(?:recipient |e-?mail )?address\b|\bmalformed (?:recipient |e-?mail )?address\b|\bneed fully-qualified address\b|\bsyntactically invalid\b|\binvalid (?:e-?mail )?address format\b|\bnot a valid (?:rfc ?\d+ )?(?:e-?mail )?address\b|\bincorrectly constructed\b|\bmalformed local part\b/i,
  ),
  // The domain says it takes no mail at all (RFC 7505 null MX), or has no mail exchanger.
  strong(
    'no_mail_accepted',
    /\bnull ?mx\b|\b(?:does not|doesn't|do not) (?:accept|receive) (?:any )?(?:e-?mail|mail)\b(?! over| from)|\baccepts no (?:e-?)?mail\b|\bno mail (?:is )?accepted\b|\bno mx (?:records? )?found\b|\bname server: \.: host not found\b/i,
  ),
  // The MX host exists but has no address record (Postfix "Host found but no data record of requested type").
  strong('unroutable', /\bhost found but no data record\b|\bno data record of requested type\b/i),
  // A temporary DNS answer is a network problem, not a missing domain (Postfix "Host not found, try again").
  strong('network_error', /\bhost not found, try again\b|\btemporary failure in name resolution\b|\bservfail\b/i),
  // The recipient's domain does not resolve (must precede user_unknown's generic "does not exist").
  strong(
    'domain_not_found',
    /\bhost (?:or domain name )?(?:not found|unknown)\b|\bunknown (?:host|domain)\b|\b(?:no such|unresolvable) domain\b|\bnon-?existent ?domain\b|\bdomain (?:name )?(?:not found|does not exist|doesn't exist|unknown|could not be resolved)\b|\bdomain \S+ (?:does not exist|not found)\b|\bnxdomain\b|\bno (?:mx|mail exchanger) records?\b|\bname or service not known\b|\bpoint to non-?existent hosts\b|\bcouldn't find any host named\b|\bnot able to find the recipient domain\b|\bdomain (?:is )?not reachable\b/i,
  ),
  // Exim's "Unrouteable address" said by the SENDING server (no reply code) means it found no
  // route to the domain; a remote server answering RCPT with "550 Unrouteable address" means it
  // has no such recipient. An x.4.x code keeps the routing meaning.
  only(
    strong('unroutable', /\bun-?route?able\b/i),
    (codes) => codes.basic === undefined || subjectOf(codes) === '4',
  ),
  only(strong('user_unknown', /\bun-?route?able (?:e-?mail )?address\b/i), (codes) => codes.basic !== undefined),
  // No route to the recipient's mail server at the mail level (loops, "unable to route").
  strong(
    'unroutable',
    /\bunable to route\b|\bno route (?:to|for) (?:the )?(?:domain|recipient|destination)\b|\brouting loop\b|\bloops back to myself\b|\b(?:mail|message|e-?mail) loop\b|\bis looping\b|\bforwarding loop\b|\btoo many hops\b|\bhop count exceeded\b|\bexceeded \d+ hops\b|\bcouldn't find a mail exchanger or ip address\b/i,
  ),
  // Microsoft 5.4.1 "Recipient address rejected: Access denied": the recipient is not in the tenant's directory.
  { ...strong('user_unknown', /\brecipient address rejected: access denied\b/i), enhanced: '5.4.1' },
  // The classic "no such mailbox" wordings of Postfix, Exim, Sendmail, qmail, Gmail, Microsoft, Domino and Yahoo.
  strong(
    'user_unknown',
    /\buser unknown\b|\buser is unknown\b|\baddressee unknown\b|\bunknown (?:user|recipient|mailbox|local[- ]?part|address|e-?mail address)\b|\bno such (?:user|mailbox|recipient|account|address|person|local user|e-?mail)\b|\b(?:user|mailbox|recipient|address|account)(?: address)? (?:was )?not found\b|\brecip(?:ient)?notfound\b|\b(?:does not|doesn't|did not) exist\b|\bnot a (?:known|valid) (?:user|recipient|mailbox)\b|\binvalid (?:recipient|mailbox|user)\b(?! address)|\bnot listed in (?:the )?(?:public|domino|directory|address|name)\b|\b(?:does not|doesn't) have an? \S+ account\b|\bmailbox (?:is )?(?:unknown|invalid)\b|\bno mailbox here\b|\bundeliverable address\b|\bdestinataire (?:inconnu|invalide)\b|\bis not available here\b|\brecipient verif(?:y|ication) failed\b|\b(?:benutzer|empf(?:ä|ae)nger|postfach|adresse) (?:ist )?(?:unbekannt|nicht gefunden|existiert nicht)\b|\butente (?:inesistente|sconosciuto)\b|\busuario (?:desconocido|inexistente|no existe)\b|\bdestinatario (?:inesistente|sconosciuto|desconocido|inexistente)\b|\bno valid recipients?\b/i,
  ),

  // ---- 4. delivery given up, greylisting, recipient-side rates ----
  // The sending side retried until its queue lifetime ran out.
  strong(
    'expired',
    /\b(?:message|delivery|mail)(?: time)? (?:has )?expired\b|\bexpired after\b|\bretry time not reached for any host after a long failure period\b|\bhave been failing for a long time\b|\bcould not be delivered (?:for|within|in) \d+\b|\btoo long in (?:the )?queue\b|\bin (?:the )?queue too long\b|\b(?:gave|giving) up after\b|\bunable to deliver (?:in|within) \d+|\bmessage (?:is )?too old\b|\bexceeded (?:the )?max(?:imum)? time without delivery\b|\bmaximum (?:number of )?delivery attempts\b|\b(?:after|exceeded) (?:multiple|several|too many|\d+|the maximum number of) (?:delivery )?(?:retries|attempts)\b/i,
  ),
  // A connection that expired or broke is a network problem, after the expiry rule ("Message expired, connection refused" is an expiry).
  strong(
    'network_error',
    /\bconnection (?:was |has been )?(?:expired|refused|reset|closed|lost|dropped|failed|timed out)\b|\bclosed abruptly\b|\blost connection\b/i,
  ),
  // Greylisting named outright (postgrey, milter-greylist), and Mimecast's documented greylisting reply.
  strong('greylisted', /\bgr[ae]y[- ]?list(?:ed|ing|s)?\b|\binternal resource (?:is )?temporarily unavailable\b/i),
  // Recipient-side rate limits (Gmail 4.2.1 "receiving mail at a rate that prevents additional messages").
  strong(
    'rate_limited',
    /\breceiving (?:e-?mail|mail) (?:too quickly|at a rate)\b|\btoo many (?:messages|e-?mails|mails|deliveries) (?:for|to) (?:this|the) (?:recipient|mailbox|user|address)\b|\brecipient thread limit\b|\b(?:recipient|mailbox)'?s? (?:rate|receive|receiving) limit\b|\bmessages? (?:to|for)\s+(?:this (?:recipient|user|mailbox)\s+)?(?:are |were |is )?deferred due to (?:excessive|high|unusual) volume\b|\b(?:recipient|user|mailbox) has exceeded (?:their|its|the|his|her) (?:message |receiving )?rate limit\b|\bmailbox (?:is )?receiving too many\b/i,
  ),
  // Rate wording without saying whose: servers rate-limit the sending IP far more often than a mailbox.
  strong('sender_throttled', RATE),

  // ---- 5. what the receiver thought of the message ----
  // Format problems: headers, Message-ID, encoding (Gmail "not RFC 5322 compliant", "missing a valid messageId").
  strong(
    'content_error',
    /\bnot (?:rfc ?\d+ )?compliant\b|\bnon-?(?:rfc|standard)[- ]?compliant\b|\bmessage-?id\b|\b(?:malformed|invalid|broken|missing|duplicate|multiple) (?:mime|headers?|date|from|message-?id)\b|\bheader (?:is )?(?:invalid|malformed|missing|too long)\b|\bdisallowed header\b|\bbare (?:lf|cr|linefeed|line feed)'?s?\b|\bfrom:? header\b|\bencoded-word\b|\b(?:body )?line (?:too long|length)\b|\bmissing required\b[^.;]{0,30}\b(?:field|header)\b|\b(?:message|e-?mail) is malformed\b|\b(?:8-?bit|8bitmime|utf-?8|charset|encoding)\b[^.;]{0,30}\b(?:not supported|not allowed|required|invalid|error)\b|\bmedia (?:type )?not supported\b|\bconversion (?:required|failed|not supported)\b/i,
  ),
  // Spam filters: content or targeting, not the address.
  strong(
    'spam_content',
    /\bspam(?:my|assassin|mer|ming)?\b|\bunsolicited\b|\bjunk (?:e-?)?mail\b|\bbulk (?:e-?)?mail\b|\bphishing\b|\bcontent (?:was )?(?:rejected|filtered|blocked|not accepted)\b|\b(?:rejected|blocked|refused) (?:due to|because of|for) (?:its |the |message |unacceptable )?content\b|\bcontent (?:filter(?:ing)?|restrictions?)\b|\bUCE\b|\bfalse positive\b|\bnature of the content\b|\b(?:suspicious|objectionable|prohibited) (?:content|links?|urls?)\b/i,
  ),
  // A local rule of the receiver refused the message or the sender.
  strong(
    'policy',
    /\b(?:reject(?:ed)?|refused|blocked|denied|prohibited) (?:by|due to|because of|per|under|for) [^.;]{0,40}\b(?:polic(?:y|ies)|rules?|administrator)\b|\bpolicy (?:violations?|rejection|reasons|restrictions?)\b|\badministrative(?:ly)? (?:prohibit(?:ed|ion)|denied|rejected)\b|\bnot authori[sz]ed to (?:send|deliver|connect)\b|\bdelivery not authori[sz]ed\b|\bmessage refused\b|\b(?:sender|you) (?:is |are |has been |have been )?(?:blocked|denied|banned)\b|\bblocked sender\b|\b(?:host )?network not allowed\b|\bmy name was rejected\b|\brejected by (?:the )?destination (?:domain|server|system)\b|\bhelo\b|\behlo\b|\bprotocol (?:violation|error)\b|\bbad sequence of commands\b|\bclient host rejected\b|\bnot (?:in|on) (?:the |our )?(?:white|allow)[- ]?list\b|\brejected by (?:the |this )?(?:recipient|user)\b|\banti-?spoofing\b|\bipv6\b/i,
  ),

  // Exim appends "retry timeout exceeded" to the last reply it got; that reply, when telling,
  // decided above (a PTR refusal, a recipient rate limit). Alone it is a plain expiry.
  strong('expired', /\bretry (?:timeout|time-?out|time limit) exceeded\b/i),

  // ---- 6. transport ----
  // TCP/DNS trouble reaching the recipient's server.
  strong(
    'network_error',
    /\btimed? ?out\b|\btime-out\b|\bnetwork (?:is )?unreachable\b|\bno route to host\b|\bhost (?:is )?unreachable\b|\b(?:could not|couldn't|unable to|failed to|wasn't able to|was not able to) (?:connect|establish (?:an )?smtp connection)\b|\bbroken pipe\b|\bread error\b|\btemporary (?:dns|lookup|name resolution) (?:failure|error)\b|\bdns (?:lookup |query |resolution )?(?:failed|failure|error|timeout)\b|\bno (?:answer|response) from\b|\bretry time not reached\b|\bunexpected name server reply\b/i,
  ),
  // The remote system's own trouble (qmail/Exim "Temporary local problem", RFC 5321 451 wording).
  strong(
    'system_error',
    /\btemporary (?:local|system|server) (?:problem|failure|error)\b|\blocal error in processing\b|\binternal (?:server )?error\b|\bsystem (?:error|failure)\b|\bmisconfigur(?:ed|ation)\b|\bresources? (?:temporarily )?unavailable\b|\bunable to process (?:the )?connection\b|\bunder (?:maximum|heavy) load\b|\boverloaded\b|\bno (?:healthy )?(?:\w+ )?servers? (?:is |are )?available\b|\bwrite error\b|\bresource limitations?\b/i,
  ),

  // A sending MTA's local delivery agent exit status (`X-Unix; 67`, sendmail/Postfix sysexits).
  strong('user_unknown', /\bx-unix;\s*67\b/i),
  strong('domain_not_found', /\bx-unix;\s*68\b/i),
  strong('other_temporary', /\bx-unix;\s*75\b/i),
  strong('other_permanent', /\bx-unix;/i),
  strong('other_temporary', /\bcommand died with status 75\b/i),
  strong('other_permanent', /\bcommand (?:died|failed) with status\b/i),
  // "Service refused" to the connecting client: a permanent refusal judges the sender; a
  // temporary one says nothing more than "later".
  only(strong('bad_reputation', /\bservice refused\b/i), isPermanentCode),
  strong('other_temporary', /\bservice refused\b/i),
  // Refused at connection time with a permanent code: the receiver will not talk to this IP.
  only(strong('blocklisted', /\bnot accepting (?:connections|mail from)\b/i), isPermanentCode),

  // ---- 7. weak: only when the code is vague ----
  // "Service unavailable" / "busy" is also Microsoft's preamble to block messages: trust a
  // specific code over it, and never read it as the receiver's trouble under a 5.7.x refusal.
  only(
    weak(
      'system_error',
      /\b(?:service|server|system) (?:is |temporarily )*(?:unavailable|not available)\b|\b(?:server|system|service|agent) (?:is )?(?:too )?busy\b|\bnot accepting connections\b/i,
    ),
    (codes) => !(subjectOf(codes) === '7' && isPermanentCode(codes)),
  ),
  // A server closing the connection with "try again later" is limiting the client (Gmail's
  // "421 4.7.0 Try again later, closing connection"), unlike greylisting, which answers RCPT.
  { ...weak('sender_throttled', /\btry again later, closing connection\b/i), temporaryOnly: true },
  // "Try again later" with a 4xx and nothing else: the usual greylisting reply, often sent as 451 4.7.1.
  {
    ...weak('greylisted', /\b(?:please )?(?:try|retry|come back) (?:again )?later\b|\btry later\b/i),
    temporaryOnly: true,
  },
  // Postfix "Recipient address rejected: <why>", RFC 5321's "mailbox unavailable", "invalid
  // address": most often an unknown user. Not with a security/policy code (a Postfix access map
  // answering "554 5.7.1 Recipient address rejected: Access denied" is a local rule).
  only(
    weak(
      'user_unknown',
      /\brecipient (?:address )?rejected\b|\binvalid (?:e-?mail )?address\b|\bmailbox (?:is )?(?:currently )?unavailable\b|\bmailbox not available\b|\baddress rejected\b|\bdoes not like recipient\b/i,
    ),
    (codes) => subjectOf(codes) !== '7',
  ),
  // Bare "access denied" or "blocked": a local rule.
  weak('policy', /\baccess denied\b|\bblocked\b|\bnot allowed\b/i),
  // Platform labels or wording that only give the class.
  weak('other_permanent', /\bpermanent(?:ly)?\b|\bhard[- ]?bounce\b/i),
  weak('other_temporary', /\btemporar(?:y|ily)\b|\btransient\b|\bsoft[- ]?bounce\b|\bdeferred\b|\btemp ?fail(?:ure)?\b/i),
];

/**
 * The text a bounce's rules look at: status and diagnostic joined, with SMTP codes, email
 * addresses (`<spam@x.com>` is not spam), `host.name[1.2.3.4]` tokens, Gmail's help-link
 * sentences ("For more information, go to Allowlists, denylists, and approved senders.") and
 * Gmail's relay wrapper ("Unknown address error", which wraps the real reply) removed.
 */
export function textForRules(status: string | undefined, diagnostic: string | undefined): string {
  const joined = [status, diagnostic].filter((t): t is string => t !== undefined).join(' ');
  const withoutNames = joined
    .replace(/\\[nrt]/g, ' ')
    // Each pattern starts only where a token starts (the lookbehinds), so a long text without
    // spaces costs one scan, not one per character.
    .replace(/(?<![^\s<>()[\]"',;:])<?[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+>?/g, ' ')
    .replace(/(?<![\w.-])[\w-]+(?:\.[\w-]+)+\s?\[[0-9a-f.:]+\]/gi, ' ')
    .replace(/\b(?:unknown|undeliverable) address error\b/gi, ' ')
    .replace(/\b(?:for more information|to learn more|to review our [^,.]{0,60}),? (?:please )?(?:go to|visit|see|review)\b[^.?!]*[.?!]*/gi, ' ');
  return stripSmtpCodes(withoutNames);
}

/** True when the code gives no more than a class: no enhanced code, or `x.y.0`. */
export function isGenericCode(codes: SmtpCodes): boolean {
  return codes.enhanced === undefined || isGenericEnhancedCode(codes.enhanced);
}

/** True when the code is too vague to overrule a weak rule (see `isVagueEnhancedCode`). */
export function isVagueCode(codes: SmtpCodes): boolean {
  return codes.enhanced === undefined || isVagueEnhancedCode(codes.enhanced);
}

/** The first rule that matches `text` given the bounce's (failure) codes. */
export function findTextRule(text: string, codes: SmtpCodes): BounceTextRule | undefined {
  if (text === '') return undefined;
  const vagueCode = isVagueCode(codes);
  const temporary = isTemporaryCode(codes);
  const weakAllowed = (rule: BounceTextRule): boolean =>
    vagueCode || (codes.enhanced !== undefined && rule.vagueCodes?.includes(codes.enhanced) === true);
  return BOUNCE_TEXT_RULES.find(
    (rule) =>
      (rule.strength === 'strong' || weakAllowed(rule)) &&
      (!rule.temporaryOnly || temporary) &&
      (rule.enhanced === undefined || rule.enhanced === codes.enhanced) &&
      (rule.when === undefined || rule.when(codes)) &&
      rule.patterns.every((p) => p.test(text)),
  );
}
