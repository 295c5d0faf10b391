import { describe, expect, it } from 'vitest';
import { BOUNCE_REASON_INFO } from './bounce-reasons.js';
import { classifyBounce, kindFor, type BounceInput } from './classify-bounce.js';
import { SEED_ERROR_CODES } from './seed-error-codes.js';

const pick = (input: BounceInput) => {
  const c = classifyBounce(input);
  return { kind: c.kind, reason: c.reason, decidedBy: c.decidedBy };
};

describe('seed codes in every spelling', () => {
  const seedsWithEnhanced = SEED_ERROR_CODES.filter((s) => 'enhanced' in s);
  // Wording that tells nothing, so only the code can decide.
  const bland = 'Requested action not taken';

  describe.each(seedsWithEnhanced.map((s) => [s.code, s] as const))('%s', (code, seed) => {
    const { basic, enhanced } = seed as { basic: string; enhanced: string };
    const spellings: [string, BounceInput][] = [
      ['status basic-enhanced', { status: `${basic}-${enhanced}` }],
      ['status basic enhanced', { status: `${basic} ${enhanced}` }],
      ['diagnostic with smtp; prefix', { diagnostic: `smtp; ${basic} ${enhanced} ${bland}` }],
      ['diagnostic with dash', { diagnostic: `${basic}-${enhanced} ${bland}` }],
      ['status enhanced, diagnostic pair', { status: enhanced, diagnostic: `${basic} ${enhanced} ${bland}` }],
      ['status basic, diagnostic starts with enhanced', { status: basic, diagnostic: `${enhanced} ${bland}` }],
      ['Exchange #code form', { diagnostic: `Remote server returned '<#${enhanced} smtp;${basic} ${enhanced} ${bland}>'` }],
    ];
    it.each(spellings)('%s', (_label, input) => {
      const c = classifyBounce(input);
      expect(c).toEqual({
        kind: seed.kind,
        reason: seed.reason,
        codes: { basic, enhanced },
        displayCode: code,
        explanation: seed.meaning,
        advice: seed.advice,
        decidedBy: 'seed-table',
      });
    });
    it('enhanced code alone', () => {
      const c = classifyBounce({ status: enhanced });
      expect(c).toMatchObject({ kind: seed.kind, reason: seed.reason, decidedBy: 'seed-table', displayCode: enhanced });
      expect(c.explanation).toBe(seed.meaning);
    });
  });

  describe('550 alone', () => {
    const seed550 = SEED_ERROR_CODES.find((s) => s.code === '550');
    it.each<[string, BounceInput]>([
      ['status', { status: '550' }],
      ['diagnostic', { diagnostic: '550 Requested action not taken: mailbox unavailable' }],
      ['smtp; prefix', { diagnostic: 'smtp; 550 Requested action not taken: mailbox unavailable' }],
      ['with 5.0.0', { status: '550 5.0.0' }],
    ])('%s', (_label, input) => {
      const c = classifyBounce(input);
      expect(c).toMatchObject({ kind: 'hard', reason: 'other_permanent', decidedBy: 'seed-table' });
      expect(c.explanation).toBe(seed550?.meaning);
      expect(c.explanation.startsWith('This can mean a variety of different things')).toBe(true);
    });
  });

  it('a realistic Gmail 550-5.1.1 keeps the seed explanation', () => {
    const c = classifyBounce({
      status: '5.1.1',
      diagnostic:
        "smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking the recipient's email address for typos or\n550-5.1.1 unnecessary spaces. For more information, go to\n550 5.1.1  https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7-b6e3c3fe1c5si1239784a12.166 - gsmtp",
    });
    expect(c).toMatchObject({
      kind: 'hard',
      reason: 'user_unknown',
      decidedBy: 'seed-table',
      displayCode: '550-5.1.1',
      codes: { basic: '550', enhanced: '5.1.1' },
    });
    expect(c.explanation).toBe(
      'This typically means that the email address you are trying to send to is not valid. The recipient may have closed their email account, or there may be a typo in their email address.',
    );
  });

  it('a realistic Gmail 421-4.7.28 keeps the seed explanation and advice', () => {
    const c = classifyBounce({
      diagnostic:
        '421-4.7.28 [203.0.113.7      15] Our system has detected an unusual rate of\n421-4.7.28 unsolicited mail originating from your IP address. To protect our\n421-4.7.28 users from spam, mail sent from your IP address has been temporarily\n421-4.7.28 rate limited. Please visit\n421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to\n421 4.7.28 review our Bulk Email Senders Guidelines. x12si - gsmtp',
    });
    expect(c).toMatchObject({ kind: 'block', reason: 'sender_throttled', decidedBy: 'seed-table', displayCode: '421-4.7.28' });
    expect(c.advice).toBe(
      'You can try sending again later, and ensuring your sending domain is authenticated (SPF/DKIM) and warmed up can reduce these rate-limits over time.',
    );
  });

  it('a Gmail 550-5.7.1 relay-policy text keeps the seed advice', () => {
    const c = classifyBounce({
      diagnostic:
        "550-5.7.1 [1.2.3.4] The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead.",
    });
    expect(c).toMatchObject({ kind: 'block', reason: 'policy', decidedBy: 'seed-table' });
    expect(c.advice).toBe(
      'Ensure your sending domain is authenticated (SPF/DKIM) and ask end-user to check which rule could be rejecting these emails.',
    );
  });

  it('Postfix 550 5.1.1 "User unknown" agrees with the seed, so the seed explains it', () => {
    const c = classifyBounce({
      diagnostic:
        'host mx.b.c[203.0.113.5] said: 550 5.1.1 <a@b.c>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)',
    });
    expect(c).toMatchObject({ kind: 'hard', reason: 'user_unknown', decidedBy: 'seed-table', displayCode: '550-5.1.1' });
  });

  it('a seed needs both codes to match', () => {
    expect(pick({ status: '553 5.1.1' })).toEqual({ kind: 'hard', reason: 'user_unknown', decidedBy: 'enhanced-code' });
    expect(pick({ status: '550 5.2.2' })).toEqual({ kind: 'soft', reason: 'mailbox_full', decidedBy: 'enhanced-code' });
    expect(pick({ status: '451 4.7.28' })).toEqual({ kind: 'block', reason: 'sender_throttled', decidedBy: 'enhanced-code' });
  });
});

describe('rule 2: telling text wins over the code', () => {
  it.each<[string, BounceInput, string, string]>([
    ['mailbox full beats 5.1.1', { diagnostic: '550 5.1.1 mailbox full' }, 'soft', 'mailbox_full'],
    ['Spamhaus beats 5.7.1', { diagnostic: '550 5.7.1 Service unavailable, Client host [1.2.3.4] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/1.2.3.4 (AS3130)' }, 'block', 'blocklisted'],
    ['Microsoft block list beats 5.7.1', { diagnostic: "550 5.7.1 Unfortunately, messages from [1.2.3.4] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150)." }, 'block', 'blocklisted'],
    ['relay access denied beats 5.7.1', { diagnostic: '554 5.7.1 <a@b.c>: Relay access denied' }, 'block', 'relay_denied'],
    ['spam text beats 5.7.1', { diagnostic: '550-5.7.1 [1.2.3.4] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.' }, 'block', 'spam_content'],
    ['virus text beats 5.7.1', { diagnostic: '550 5.7.1 Message rejected due to virus (Eicar-Test-Signature)' }, 'block', 'virus_detected'],
    ['DMARC text beats 5.7.509', { diagnostic: '550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and has a DMARC policy of reject.' }, 'block', 'auth_failure'],
    ['nonexistent domain beats 5.4.4', { diagnostic: '554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain' }, 'hard', 'domain_not_found'],
    ['recipient not found beats 5.1.10', { diagnostic: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup' }, 'hard', 'user_unknown'],
    ['Microsoft 5.4.1 access denied is an unknown recipient', { diagnostic: '550 5.4.1 Recipient address rejected: Access denied. AS(201806281)' }, 'hard', 'user_unknown'],
    ['sender domain beats 5.1.8', { diagnostic: '553 5.1.8 <x@nx.example>... Domain of sender address x@nx.example does not exist' }, 'block', 'sender_rejected'],
    ['rate text beats 4.2.1', { diagnostic: '450-4.2.1 The user you are trying to contact is receiving mail at a rate that\n450-4.2.1 prevents additional messages from being delivered.' }, 'soft', 'rate_limited'],
    ['Yahoo volume deferral', { diagnostic: '421 4.7.0 [TSS04] Messages from 1.2.3.4 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes' }, 'block', 'sender_throttled'],
    ['Microsoft IP rate limit', { diagnostic: '451 4.7.650 The mail server [1.2.3.4] has been temporarily rate limited due to IP reputation.' }, 'block', 'sender_throttled'],
    ['Gmail not RFC compliant', { diagnostic: '550-5.7.1 This message is not RFC 5322 compliant.' }, 'soft', 'content_error'],
    ['SES expired with inner 421', { diagnostic: '554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.0 Unable to lookup DNS for example.com>' }, 'soft', 'expired'],
    ['Gmail 552 out of storage and inactive', { diagnostic: "552-5.2.2 The recipient's inbox is out of storage space and inactive. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm" }, 'soft', 'mailbox_full'],
  ])('%s', (_label, input, kind, reason) => {
    const c = classifyBounce(input);
    expect({ kind: c.kind, reason: c.reason }).toEqual({ kind, reason });
    expect(['text', 'seed-table']).toContain(c.decidedBy);
    if (c.decidedBy === 'text') expect(c.explanation).toBe(BOUNCE_REASON_INFO[c.reason].explanation);
  });

  it('decides by text where the seed would say otherwise', () => {
    expect(pick({ diagnostic: '550 5.1.1 mailbox full' }).decidedBy).toBe('text');
    expect(pick({ diagnostic: '550 5.7.1 blocked using Spamhaus' }).decidedBy).toBe('text');
  });

  it('552 5.2.2 mailbox full is the seed; 550 5.1.1 mailbox full is text', () => {
    expect(pick({ diagnostic: '552 5.2.2 mailbox full' })).toEqual({ kind: 'soft', reason: 'mailbox_full', decidedBy: 'seed-table' });
    expect(pick({ diagnostic: '550 5.1.1 mailbox full' })).toEqual({ kind: 'soft', reason: 'mailbox_full', decidedBy: 'text' });
  });

  it.each<[string, BounceInput, string, string]>([
    ['Gmail 452-4.2.2 over quota', { diagnostic: '452-4.2.2 The email account that you tried to reach is over quota. Please direct\n452-4.2.2 the recipient to\n452 4.2.2 https://support.google.com/mail/?p=OverQuotaTemp a1si123 - gsmtp' }, 'soft', 'mailbox_full'],
    ['Postfix user unknown with 553', { diagnostic: 'host mx.b.c[203.0.113.5] said: 553 5.1.1 <a@b.c>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)' }, 'hard', 'user_unknown'],
    ['Gmail disabled account', { diagnostic: '550-5.2.1 The email account that you tried to reach is disabled.' }, 'hard', 'mailbox_disabled'],
    ['Gmail unauthenticated', { diagnostic: '550-5.7.26 This mail is unauthenticated, which poses a security risk to the\n550-5.7.26 sender and Gmail users, and has been blocked. The sender must\n550-5.7.26 authenticate with at least one of SPF or DKIM.' }, 'block', 'auth_failure'],
    ['Gmail PTR', { diagnostic: '550-5.7.25 The IP address sending this message does not have a PTR record setup' }, 'block', 'ptr_missing'],
    ['Postfix STARTTLS', { diagnostic: '530 5.7.0 Must issue a STARTTLS command first' }, 'block', 'tls_required'],
    ['size limit', { diagnostic: '552 5.3.4 Message size exceeds fixed limit' }, 'soft', 'message_too_large'],
    ['Sendmail host unknown', { diagnostic: '550 5.1.2 Host unknown (Name server: nx.example: host not found)' }, 'hard', 'domain_not_found'],
    ['Domino not listed', { diagnostic: '550 User not listed in public Name & Address Book' }, 'hard', 'user_unknown'],
    ['Yahoo no account', { diagnostic: "554 delivery error: dd This user doesn't have a yahoo.com account (a@yahoo.com) [0] - mta1.mail.yahoo.com" }, 'hard', 'user_unknown'],
    ['postgrey', { diagnostic: '450 4.2.0 <a@b.c>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/b.c.html' }, 'soft', 'greylisted'],
    ['greylisting reply 451 4.7.1', { diagnostic: '451 4.7.1 Please try again later' }, 'soft', 'greylisted'],
    ['connection timed out, no code', { diagnostic: 'connect to mx.example.com[203.0.113.9]:25: Connection timed out' }, 'soft', 'network_error'],
    ['user unknown, no code', { diagnostic: 'User unknown' }, 'hard', 'user_unknown'],
  ])('%s', (_label, input, kind, reason) => {
    const c = classifyBounce(input);
    expect({ kind: c.kind, reason: c.reason, decidedBy: c.decidedBy }).toEqual({ kind, reason, decidedBy: 'text' });
  });

  it('weak wording does not overrule a specific code', () => {
    expect(pick({ diagnostic: '554 5.7.1 <a@b.c>: Recipient address rejected: Access denied' })).toEqual({
      kind: 'block',
      reason: 'policy',
      decidedBy: 'enhanced-code',
    });
    expect(pick({ diagnostic: '421 4.7.28 Please try again later' })).toEqual({
      kind: 'block',
      reason: 'sender_throttled',
      decidedBy: 'seed-table',
    });
    expect(pick({ diagnostic: '550 5.7.1 Service unavailable' })).toMatchObject({ reason: 'policy' });
  });

  it('weak wording decides over a bare reply code', () => {
    expect(pick({ diagnostic: '550 Recipient address rejected' })).toEqual({ kind: 'hard', reason: 'user_unknown', decidedBy: 'text' });
    expect(pick({ diagnostic: '451 Please try again later' })).toEqual({ kind: 'soft', reason: 'greylisted', decidedBy: 'text' });
    expect(pick({ diagnostic: '554 Service unavailable' })).toEqual({ kind: 'soft', reason: 'system_error', decidedBy: 'text' });
    expect(pick({ status: 'Permanent', diagnostic: 'General' })).toEqual({ kind: 'hard', reason: 'other_permanent', decidedBy: 'text' });
  });

  it('"try again later" is not greylisting without a temporary code', () => {
    expect(pick({ diagnostic: 'Please try again later' })).toEqual({ kind: 'undetermined', reason: 'undetermined', decidedBy: 'none' });
  });
});

describe('rule 3: enhanced code', () => {
  it.each<[string, string, string]>([
    ['4.4.7', 'soft', 'expired'],
    ['5.1.2', 'hard', 'domain_not_found'],
    ['5.1.3', 'hard', 'invalid_address'],
    ['5.1.6', 'hard', 'mailbox_moved'],
    ['5.1.10', 'hard', 'no_mail_accepted'],
    ['5.2.1', 'hard', 'mailbox_disabled'],
    ['5.3.2', 'hard', 'no_mail_accepted'],
    ['4.3.1', 'soft', 'system_error'],
    ['4.4.1', 'soft', 'network_error'],
    ['5.6.1', 'soft', 'content_error'],
    ['5.7.13', 'hard', 'mailbox_disabled'],
    ['5.7.23', 'block', 'auth_failure'],
    ['5.7.25', 'block', 'ptr_missing'],
    ['5.7.30', 'block', 'tls_required'],
    ['5.1.7', 'block', 'sender_rejected'],
    ['5.7.606', 'block', 'policy'],
    ['4.7.500', 'block', 'policy'],
    ['4.9.9', 'undetermined', 'undetermined'],
  ])('bare %s -> %s %s', (status, kind, reason) => {
    const c = classifyBounce({ status });
    expect({ kind: c.kind, reason: c.reason }).toEqual({ kind, reason });
    if (reason !== 'undetermined') {
      expect(c.decidedBy).toBe('enhanced-code');
      expect(c.explanation).toBe(BOUNCE_REASON_INFO[c.reason].explanation);
      expect(c.displayCode).toBe(status);
    }
  });

  it('a bare 4.4.7 is a soft expiry', () => {
    expect(classifyBounce({ status: '4.4.7' })).toEqual({
      kind: 'soft',
      reason: 'expired',
      codes: { enhanced: '4.4.7' },
      displayCode: '4.4.7',
      explanation: BOUNCE_REASON_INFO.expired.explanation,
      advice: BOUNCE_REASON_INFO.expired.advice,
      decidedBy: 'enhanced-code',
    });
  });
});

describe('kind: a normally hard reason with a temporary code is soft', () => {
  it.each<[BounceInput, string]>([
    [{ status: '450 4.1.1' }, 'user_unknown'],
    [{ status: '4.1.2' }, 'domain_not_found'],
    [{ diagnostic: '450 4.1.2 <a@b.c>: Recipient address rejected: Domain not found' }, 'domain_not_found'],
    [{ diagnostic: '450 4.2.1 Mailbox disabled' }, 'mailbox_disabled'],
    [{ diagnostic: '451 User unknown' }, 'user_unknown'],
    [{ status: '4.4.4' }, 'unroutable'],
  ])('%j', (input, reason) => {
    expect(classifyBounce(input)).toMatchObject({ kind: 'soft', reason });
  });

  it('block reasons stay block and soft reasons stay soft whatever the class', () => {
    expect(classifyBounce({ status: '4.7.1' })).toMatchObject({ kind: 'block', reason: 'policy' });
    expect(classifyBounce({ status: '552 5.2.2' })).toMatchObject({ kind: 'soft', reason: 'mailbox_full' });
    expect(classifyBounce({ status: '5.4.7' })).toMatchObject({ kind: 'soft', reason: 'expired' });
  });

  it('kindFor', () => {
    expect(kindFor('user_unknown', { basic: '550', enhanced: '5.1.1' })).toBe('hard');
    expect(kindFor('user_unknown', { basic: '450' })).toBe('soft');
    expect(kindFor('user_unknown', { enhanced: '4.1.1' })).toBe('soft');
    expect(kindFor('user_unknown', {})).toBe('hard');
    expect(kindFor('blocklisted', { basic: '421' })).toBe('block');
    expect(kindFor('undetermined', { basic: '421' })).toBe('undetermined');
  });
});

describe('rule 4: reply code alone', () => {
  it.each<[string, string, string]>([
    ['421', 'soft', 'system_error'],
    ['450', 'soft', 'other_temporary'],
    ['451', 'soft', 'other_temporary'],
    ['452', 'soft', 'other_temporary'],
    ['551', 'hard', 'other_permanent'],
    ['553', 'hard', 'other_permanent'],
    ['554', 'hard', 'other_permanent'],
  ])('%s -> %s %s', (status, kind, reason) => {
    expect(pick({ status })).toEqual({ kind, reason, decidedBy: 'basic-code' });
  });
  it('421 with the standard wording (the weak "service not available" rule agrees)', () => {
    expect(pick({ diagnostic: '421 Service not available, closing transmission channel' })).toEqual({
      kind: 'soft',
      reason: 'system_error',
      decidedBy: 'text',
    });
  });
});

describe('rule 5: nothing known', () => {
  it.each<[BounceInput]>([
    [{}],
    [{ status: '', diagnostic: '' }],
    [{ status: 'bounced' }],
    [{ diagnostic: 'Undelivered Mail Returned to Sender' }],
    [{ status: '250 2.0.0 OK' }],
  ])('%j', (input) => {
    const c = classifyBounce(input);
    expect(c).toMatchObject({ kind: 'undetermined', reason: 'undetermined', decidedBy: 'none' });
    expect(c.explanation).toBe(BOUNCE_REASON_INFO.undetermined.explanation);
  });
  it('reports success codes it ignored', () => {
    expect(classifyBounce({ status: '250 2.0.0 OK' })).toMatchObject({
      codes: { basic: '250', enhanced: '2.0.0' },
      displayCode: '250-2.0.0',
    });
  });
});

describe('IP addresses and numbers are not codes', () => {
  it('an IP that looks like an enhanced code', () => {
    expect(classifyBounce({ diagnostic: 'Client host [5.1.1.4] said: 550 5.7.1 Delivery not authorized' })).toMatchObject({
      codes: { basic: '550', enhanced: '5.7.1' },
      reason: 'policy',
    });
  });
  it('only an IP: nothing known', () => {
    expect(classifyBounce({ diagnostic: 'Connection from 192.168.1.10 closed by 250.10.4.1' })).toMatchObject({
      codes: {},
      displayCode: '',
      reason: 'undetermined',
    });
  });
  it('a 4.4.4.4 resolver is not 4.4.4', () => {
    expect(classifyBounce({ diagnostic: 'lookup via 4.4.4.4' })).toMatchObject({ codes: {}, reason: 'undetermined' });
  });
});

describe('purity', () => {
  it('is deterministic and does not touch its input', () => {
    const input = Object.freeze({ status: '5.1.1', diagnostic: '550 5.1.1 user unknown' });
    expect(classifyBounce(input)).toEqual(classifyBounce({ ...input }));
  });
});
