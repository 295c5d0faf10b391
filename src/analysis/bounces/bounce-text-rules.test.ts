import { describe, expect, it } from 'vitest';
import { BOUNCE_REASONS } from './bounce-reasons.js';
import { BOUNCE_TEXT_RULES, findTextRule, isGenericCode, textForRules } from './bounce-text-rules.js';
import type { SmtpCodes } from './extract-smtp-codes.js';

const reasonOf = (text: string, codes: SmtpCodes = {}) => findTextRule(text, codes)?.reason;

describe('textForRules', () => {
  it('removes codes, addresses and host[ip] names, and joins the fields', () => {
    expect(
      textForRules(
        'smtp; 550 5.1.1',
        'host spam.example.com[203.0.113.5] said: 550 5.1.1 <spam@example.com>: Recipient address rejected',
      ),
    ).toBe('smtp; host said: : Recipient address rejected');
  });
  it('is empty for no input', () => {
    expect(textForRules(undefined, undefined)).toBe('');
  });
});

describe('isGenericCode', () => {
  it.each([
    [{}, true],
    [{ basic: '550' }, true],
    [{ basic: '550', enhanced: '5.0.0' }, true],
    [{ basic: '451', enhanced: '4.7.0' }, true],
    [{ basic: '550', enhanced: '5.1.1' }, false],
    [{ enhanced: '4.7.1' }, false],
  ])('%j -> %s', (codes, generic) => {
    expect(isGenericCode(codes)).toBe(generic);
  });
});

describe('findTextRule: each reason from realistic wording', () => {
  it.each<[string, string]>([
    ['Client host [1.2.3.4] blocked using zen.spamhaus.org', 'blocklisted'],
    ['JunkMail rejected - 1.2.3.4 is in an RBL', 'blocklisted'],
    ['your IP is listed at b.barracudacentral.org', 'blocklisted'],
    ['part of their network is on our block list (S3150)', 'blocklisted'],
    ['Message rejected due to virus (Eicar-Test-Signature)', 'virus_detected'],
    ['This message was blocked because its content presents a potential security issue.', 'virus_detected'],

    ['Daily user sending quota exceeded.', 'sender_throttled'],
    ['Submission quota exceeded', 'sender_throttled'],
    ['has exceeded its quota for sending messages with the same Message-ID', 'sender_throttled'],
    ['Messages from 1.2.3.4 temporarily deferred due to unexpected volume or user complaints', 'sender_throttled'],
    ['Too many connections from your IP', 'sender_throttled'],
    ['This mail is unauthenticated, which poses a security risk', 'auth_failure'],
    ['Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy', 'auth_failure'],
    ['SPF check for [example.com] did not pass', 'auth_failure'],
    ['The IP address sending this message does not have a PTR record setup', 'ptr_missing'],
    ['Client host rejected: cannot find your reverse hostname, [1.2.3.4]', 'ptr_missing'],
    ['Must issue a STARTTLS command first', 'tls_required'],
    ['TLS is required for this domain', 'tls_required'],
    ['Relay access denied', 'relay_denied'],
    ['Unable to relay for a@b.c', 'relay_denied'],
    ["sorry, that domain isn't in my list of allowed rcpthosts", 'relay_denied'],
    ['Sender address rejected: Domain not found', 'sender_rejected'],
    ['Domain of sender address x@nx.example does not exist', 'sender_rejected'],
    ['Sender verify failed', 'sender_rejected'],
    ['This message is suspicious due to the very low reputation of the sending domain', 'bad_reputation'],
    ['Insufficient system storage', 'system_error'],
    ['The email account that you tried to reach is over quota', 'mailbox_full'],
    ['Quota exceeded', 'mailbox_full'],
    // Full AND inactive is abandoned (Gmail links it to OverQuotaPerm): a dead address.
    ["The recipient's inbox is out of storage space and inactive", 'mailbox_disabled'],
    ['mailbox size limit exceeded', 'mailbox_full'],
    ['Insufficient storage', 'mailbox_full'],
    ['Message size exceeds fixed maximum message size', 'message_too_large'],
    ['Message too large', 'message_too_large'],
    ['The email account that you tried to reach is disabled', 'mailbox_disabled'],
    ['This mailbox is disabled (554.30)', 'mailbox_disabled'],
    ['Account inactive', 'mailbox_disabled'],
    ['User not local; please try <b@c.d>', 'mailbox_moved'],
    ['Destination mailbox has moved, no forwarding address', 'mailbox_moved'],
    ['Recipient address rejected: need fully-qualified address', 'invalid_address'],
    ['Bad recipient address syntax', 'invalid_address'],
    ['Domain example.com does not accept mail (nullMX)', 'no_mail_accepted'],
    ['recipient domain has a null MX', 'no_mail_accepted'],
    ['Host unknown (Name server: nx.example: host not found)', 'domain_not_found'],
    ['SMTPSEND.DNS.NonExistentDomain; nonexistent domain', 'domain_not_found'],
    ['DNS domain nx.example does not exist [Message=InfoDomainNonexistent]', 'domain_not_found'],
    ['Recipient address rejected: Domain not found', 'domain_not_found'],

    ['mail for example.com loops back to myself', 'unroutable'],
    ['Recipient address rejected: User unknown in virtual mailbox table', 'user_unknown'],
    ['The email account that you tried to reach does not exist.', 'user_unknown'],
    ['No such user here', 'user_unknown'],
    ['Mailbox not found', 'user_unknown'],
    ['RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', 'user_unknown'],
    ['Invalid recipient', 'user_unknown'],
    ['User not listed in public Name & Address Book', 'user_unknown'],
    ["This user doesn't have a yahoo.com account", 'user_unknown'],
    ['Message expired: unable to deliver in 840 minutes', 'expired'],
    ['retry timeout exceeded', 'expired'],
    ['Delivery expired (message too old)', 'expired'],
    ['Greylisted, see http://postgrey.schweikert.ch/help/b.c.html', 'greylisted'],
    ['The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered', 'rate_limited'],
    ['Too many messages for this mailbox', 'rate_limited'],
    ['Our system has detected that this message is likely unsolicited mail', 'spam_content'],
    ['Message rejected as spam by Content Filtering', 'spam_content'],
    ['This message is not RFC 5322 compliant', 'content_error'],
    ['Messages missing a valid messageId header are not accepted', 'content_error'],
    ['Message not accepted for policy reasons', 'policy'],
    ["The IP you're using to send mail is not authorized to send email directly to our servers", 'blocklisted'],
    ['connect to mx.b.c[203.0.113.9]:25: Connection timed out', 'network_error'],
    ['Connection refused', 'network_error'],
    ['Temporary local problem - please try later', 'system_error'],
    ['Server busy', 'system_error'],
  ])('%j -> %s', (text, reason) => {
    // Strong rules decide even with a specific code of another reason.
    expect(reasonOf(textForRules(undefined, text), { basic: '550', enhanced: '5.6.1' })).toBe(reason);
  });
});

describe('findTextRule: weak rules', () => {
  it.each<[string, SmtpCodes, string | undefined]>([
    ['Service unavailable', { basic: '554' }, 'system_error'],
    ['Service unavailable', { basic: '550', enhanced: '5.7.1' }, undefined],
    ['Please try again later', { basic: '451' }, 'greylisted'],
    ['Please try again later', { basic: '451', enhanced: '4.7.1' }, 'greylisted'],
    ['Please try again later', { basic: '421', enhanced: '4.7.28' }, undefined],
    ['Please try again later', { basic: '550' }, undefined],
    ['Please try again later', {}, undefined],
    ['Recipient address rejected: Access denied', { basic: '550' }, 'user_unknown'],
    ['Recipient address rejected: Access denied', { basic: '554', enhanced: '5.7.1' }, 'policy'],
    ['Recipient address rejected', { basic: '554', enhanced: '5.7.1' }, undefined],
    ['Server busy', { basic: '451', enhanced: '4.7.700' }, 'system_error'],
    ['Server busy', { basic: '451', enhanced: '4.7.500' }, undefined],
    ['Requested action not taken: mailbox unavailable', { basic: '550' }, 'user_unknown'],
    ['Requested action not taken: mailbox unavailable', { basic: '550', enhanced: '5.2.2' }, undefined],
    ['Recipient address rejected: Access denied', { basic: '550', enhanced: '5.4.1' }, 'user_unknown'],
    ['Access denied', { basic: '550' }, 'policy'],
    ['Access denied', { basic: '550', enhanced: '5.7.606' }, undefined],
    ['Delivery to the following recipient failed permanently', {}, 'other_permanent'],
    ['Permanent', {}, 'other_permanent'],
    ['Hard bounce', {}, 'other_permanent'],
    ['Transient', {}, 'other_temporary'],
    ['Temporary failure', { basic: '451', enhanced: '4.4.1' }, undefined],
  ])('%j with %j -> %s', (text, codes, reason) => {
    expect(reasonOf(text, codes)).toBe(reason);
  });
});

describe('findTextRule: ordering', () => {
  it('sender-side causes win over boilerplate about spam or users', () => {
    expect(
      reasonOf(
        'Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.',
      ),
    ).toBe('sender_throttled');
    expect(reasonOf('Service unavailable, Client host [1.2.3.4] blocked using Spamhaus')).toBe('blocklisted');
  });
  it('recipient-side rate limiting is not sender throttling', () => {
    expect(reasonOf('receiving mail too quickly')).toBe('rate_limited');
  });
  it('"not listed in" is not a blocklisting', () => {
    expect(reasonOf('Recipient not listed in Domino Directory')).toBe('user_unknown');
  });
  it('an address mentioning spam is not spam', () => {
    expect(reasonOf(textForRules(undefined, '<spam@example.com>: Mailbox not found'))).toBe('user_unknown');
  });
  it('nothing matches plain boilerplate', () => {
    expect(reasonOf('Requested action not taken', { basic: '550' })).toBeUndefined();
    expect(reasonOf('', {})).toBeUndefined();
  });
});

describe('BOUNCE_TEXT_RULES', () => {
  it('use known reasons, case-insensitive stateless patterns', () => {
    for (const rule of BOUNCE_TEXT_RULES) {
      expect(BOUNCE_REASONS).toContain(rule.reason);
      expect(rule.reason).not.toBe('undetermined');
      for (const p of rule.patterns) {
        expect(p.flags).toContain('i');
        expect(p.flags).not.toContain('g');
      }
    }
  });
  it('put every weak rule after every strong rule', () => {
    const strengths = BOUNCE_TEXT_RULES.map((r) => r.strength);
    expect(strengths.indexOf('weak')).toBeGreaterThan(strengths.lastIndexOf('strong'));
  });
});
