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
      ['diagnostic', { diagnostic: '550 Requested action not taken' }],
      ['smtp; prefix', { diagnostic: 'smtp; 550 Requested action not taken' }],
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

  it('a Gmail 550-5.7.1 policy text keeps the seed advice', () => {
    const c = classifyBounce({
      diagnostic:
        '550-5.7.1 The user or domain that you are sending to (or from) has a policy that prohibits the email that you sent.',
    });
    expect(c).toMatchObject({ kind: 'block', reason: 'policy', decidedBy: 'seed-table' });
    expect(c.advice).toBe(
      'Ensure your sending domain is authenticated (SPF/DKIM) and ask end-user to check which rule could be rejecting these emails.',
    );
  });

  it("Gmail's refusal of IPs that must use a relay is a block-list decision, not the seed's policy", () => {
    const c = classifyBounce({
      diagnostic:
        "550-5.7.1 [1.2.3.4] The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead.",
    });
    expect(c).toMatchObject({ kind: 'block', reason: 'blocklisted', decidedBy: 'text' });
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
    ['Microsoft IP rate limit names reputation', { diagnostic: '451 4.7.650 The mail server [1.2.3.4] has been temporarily rate limited due to IP reputation.' }, 'block', 'bad_reputation'],
    ['Gmail not RFC compliant', { diagnostic: '550-5.7.1 This message is not RFC 5322 compliant.' }, 'soft', 'content_error'],
    ['SES expired with inner 421', { diagnostic: '554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.0 Unable to lookup DNS for example.com>' }, 'soft', 'expired'],
    // Google's link says permanent (OverQuotaPerm): an abandoned full mailbox never empties.
    ['Gmail 552 out of storage and inactive', { diagnostic: "552-5.2.2 The recipient's inbox is out of storage space and inactive. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm" }, 'hard', 'mailbox_disabled'],
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
    // 5.7.1 is a catch-all, so weak wording may decide; the recipient rule stays out of 5.7.x.
    expect(pick({ diagnostic: '554 5.7.1 <a@b.c>: Recipient address rejected: Access denied' })).toEqual({
      kind: 'block',
      reason: 'policy',
      decidedBy: 'text',
    });
    expect(pick({ diagnostic: '554 5.4.7 Service unavailable' })).toEqual({
      kind: 'soft',
      reason: 'expired',
      decidedBy: 'seed-table',
    });
    expect(pick({ diagnostic: '451 4.7.500 Server busy. Please try again later from [1.2.3.4]. (AS770)' })).toEqual({
      kind: 'block',
      reason: 'sender_throttled',
      decidedBy: 'enhanced-code',
    });
    expect(pick({ diagnostic: '550 5.7.1 Service unavailable' })).toMatchObject({ kind: 'block', reason: 'policy' });
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
    ['5.1.10', 'hard', 'user_unknown'],
    ['5.2.1', 'hard', 'mailbox_disabled'],
    ['5.3.2', 'hard', 'no_mail_accepted'],
    ['4.3.1', 'soft', 'system_error'],
    ['4.4.1', 'soft', 'network_error'],
    ['5.6.1', 'soft', 'content_error'],
    ['5.7.13', 'hard', 'mailbox_disabled'],
    ['5.7.23', 'block', 'auth_failure'],
    ['5.7.25', 'block', 'ptr_missing'],
    ['5.7.29', 'block', 'tls_required'],
    ['5.7.30', 'block', 'auth_failure'],
    ['5.7.40', 'block', 'auth_failure'],
    ['5.1.7', 'block', 'sender_rejected'],
    ['5.7.606', 'block', 'blocklisted'],
    ['5.7.649', 'block', 'blocklisted'],
    ['5.7.515', 'block', 'auth_failure'],
    ['5.7.510', 'block', 'policy'],
    ['5.7.708', 'block', 'bad_reputation'],
    ['4.7.500', 'block', 'sender_throttled'],
    ['4.7.652', 'block', 'sender_throttled'],
    ['5.4.1', 'hard', 'user_unknown'],
    ['4.2.1', 'soft', 'rate_limited'],
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

describe('precedence as documented in classify-bounce.ts', () => {
  it('1. strong text beats a code of another reason', () => {
    expect(pick({ diagnostic: '550 5.1.1 <a@b.c>: Recipient address rejected: Mailbox full' })).toEqual({ kind: 'soft', reason: 'mailbox_full', decidedBy: 'text' });
    expect(pick({ diagnostic: '550 5.2.1 Your IP 1.2.3.4 is listed on SORBS' })).toEqual({ kind: 'block', reason: 'blocklisted', decidedBy: 'text' });
  });
  it('1. a provider token is the first text rule', () => {
    expect(pick({ diagnostic: '421 4.7.0 [TS01] Messages from 1.2.3.4 temporarily deferred' })).toMatchObject({ reason: 'bad_reputation' });
    expect(pick({ diagnostic: '554 cox IP=1.2.3.4 rejected. AUP#CXBL' })).toMatchObject({ kind: 'block', reason: 'blocklisted' });
    expect(pick({ diagnostic: '550 5.1.0 <a@b.c> sender rejected. AUP#In-1310' })).toMatchObject({ reason: 'sender_throttled' });
  });
  it('2. weak text decides only over a vague code', () => {
    // 5.0.0, x.7.1, unknown details: vague.
    expect(pick({ diagnostic: '550 5.0.0 Recipient address rejected' })).toMatchObject({ reason: 'user_unknown', decidedBy: 'text' });
    expect(pick({ diagnostic: '451 4.7.700 PFA agent busy, please try again.' })).toMatchObject({ kind: 'soft', reason: 'system_error', decidedBy: 'text' });
    // A code with a known meaning is not overruled by weak wording.
    expect(pick({ diagnostic: '552 5.2.2 Recipient address rejected' })).toMatchObject({ reason: 'mailbox_full', decidedBy: 'seed-table' });
    expect(pick({ diagnostic: '550 5.7.606 Access denied' })).toMatchObject({ reason: 'blocklisted', decidedBy: 'enhanced-code' });
  });
  it('3. a seed pair beats the generic table and lends its words to agreeing text', () => {
    const c = classifyBounce({ diagnostic: '552-5.2.2 The email account that you tried to reach is over quota.' });
    expect(c).toMatchObject({ kind: 'soft', reason: 'mailbox_full', decidedBy: 'seed-table' });
    expect(c.explanation).toContain("recipient's mailbox is full");
  });
  it('4-5. an exact code beats its subject fallback', () => {
    expect(pick({ status: '5.7.26' })).toEqual({ kind: 'block', reason: 'auth_failure', decidedBy: 'enhanced-code' });
    expect(pick({ status: '5.7.99' })).toEqual({ kind: 'block', reason: 'policy', decidedBy: 'enhanced-code' });
  });
  it('6. reply codes with their own meaning', () => {
    expect(pick({ status: '530' })).toEqual({ kind: 'block', reason: 'relay_denied', decidedBy: 'basic-code' });
    expect(pick({ status: '535' })).toEqual({ kind: 'block', reason: 'relay_denied', decidedBy: 'basic-code' });
    expect(pick({ status: '556' })).toEqual({ kind: 'hard', reason: 'no_mail_accepted', decidedBy: 'basic-code' });
    expect(pick({ status: '550 5.0.0' })).toEqual({ kind: 'hard', reason: 'other_permanent', decidedBy: 'seed-table' });
  });
  it('kind: temporary wording softens a hard reason only without a permanent code', () => {
    expect(pick({ diagnostic: 'TempFail stat=No MX found for domain' })).toMatchObject({ kind: 'soft', reason: 'no_mail_accepted' });
    expect(pick({ diagnostic: 'User unknown, will be retried' })).toMatchObject({ kind: 'soft', reason: 'user_unknown' });
    expect(pick({ diagnostic: '550 User unknown, temporarily' })).toMatchObject({ kind: 'hard' });
    expect(kindFor('user_unknown', {}, 'temporary failure')).toBe('soft');
    expect(kindFor('user_unknown', {}, 'permanent failure, temporarily logged')).toBe('hard');
  });
  it('Exim "Unrouteable address": local routing failure vs a remote RCPT answer', () => {
    expect(pick({ diagnostic: 'Unrouteable address' })).toMatchObject({ kind: 'hard', reason: 'unroutable' });
    expect(pick({ diagnostic: '550 Unrouteable address' })).toMatchObject({ kind: 'hard', reason: 'user_unknown' });
    expect(pick({ diagnostic: '451 4.4.8 Unroutable email address.' })).toMatchObject({ kind: 'soft', reason: 'unroutable' });
  });
  it("Gmail's unusual-rate wording: a deferral or x.7.28 is throttling, a 5xx under another code is reputation", () => {
    const text = 'There is an unusual rate of unsolicited mail originating from your IP address.';
    expect(pick({ diagnostic: `421 4.7.0 ${text}` })).toMatchObject({ reason: 'sender_throttled' });
    expect(pick({ diagnostic: `550 5.7.28 ${text}` })).toMatchObject({ reason: 'sender_throttled' });
    expect(pick({ diagnostic: `550 5.7.1 ${text}` })).toMatchObject({ reason: 'bad_reputation' });
    expect(pick({ diagnostic: text })).toMatchObject({ reason: 'sender_throttled' });
  });
  it("Exim's appended retry timeout leaves the cause to the reply it follows", () => {
    expect(pick({ diagnostic: '451 4.5.1 The recipient has exceeded their message rate limit. Try again later.: retry timeout exceeded' })).toMatchObject({ kind: 'soft', reason: 'rate_limited' });
    expect(pick({ diagnostic: 'retry timeout exceeded' })).toMatchObject({ kind: 'soft', reason: 'expired' });
  });
});

describe('wrapped and oddly spelled codes classify by the real reply', () => {
  it.each<[string, BounceInput, string, string]>([
    ["Gmail's Unknown address error wrapping a full mailbox", { status: '5.1.0', diagnostic: "5.1.0 - Unknown address error 550-'5.2.2 The email account that you tried to reach is over quota'" }, 'soft', 'mailbox_full'],
    ["Gmail's wrapper around an unknown user", { diagnostic: "5.1.0 - Unknown address error 550-'No such user (a@b.c)'" }, 'hard', 'user_unknown'],
    ["Gmail's 4xx wrapper does not read as an unknown address", { diagnostic: "4.0.0 - Undeliverable address error 451-'4.3.0 Temporary failure'" }, 'soft', 'other_temporary'],
    ['Yahoo/AOL (554.30)', { diagnostic: 'Sorry, your message to a@aol.com cannot be delivered. This mailbox is disabled (554.30).' }, 'hard', 'mailbox_disabled'],
    ['qmail #5.4.4', { diagnostic: "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)" }, 'hard', 'unroutable'],
    ['Exchange #code form', { diagnostic: '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##' }, 'hard', 'user_unknown'],
    ['X-Postfix prefix', { diagnostic: 'X-Postfix; mail for b.com loops back to myself' }, 'hard', 'unroutable'],
    ['DSN Status 5.0.0 around a Gmail 5.7.1 spam reply', { status: '5.0.0', diagnostic: '550-5.7.1 Our system has detected that this message is 550-5.7.1 likely unsolicited mail.' }, 'block', 'spam_content'],
    ['literal \\n escapes of an Exim log', { diagnostic: '421-4.7.0 Our system has detected an unusual rate of\\n421-4.7.0 unsolicited mail originating from your IP address.' }, 'block', 'sender_throttled'],
  ])('%s', (_label, input, kind, reason) => {
    expect(pick(input)).toMatchObject({ kind, reason });
  });
});

describe('provider knowledge (issue 3)', () => {
  it.each<[string, string, string, string]>([
    ['Gmail 4.7.26 unauthenticated', '421 4.7.26 This mail has been rate limited because it is unauthenticated.', 'block', 'auth_failure'],
    ['Gmail 4.7.27 SPF', '421 4.7.27 Your email has been rate limited because SPF authentication didn\'t pass for this message.', 'block', 'auth_failure'],
    ['Gmail 4.7.28 unusual rate', '421 4.7.28 Gmail has detected an unusual rate of unsolicited email originating from your SPF domain.', 'block', 'sender_throttled'],
    ['Gmail 4.7.28 Message-ID quota', '421 4.7.28 Gmail has detected this sender exceeded the quota for sending messages that have the same Message-ID:.', 'block', 'sender_throttled'],
    ['Gmail 5.7.28', '550 5.7.28 There is an unusual rate of unsolicited email originating from your IP address.', 'block', 'sender_throttled'],
    ['Gmail 4.7.29 TLS', "421 4.7.29 Your email has been rate limited because you're not using a TLS connection.", 'block', 'tls_required'],
    ['Gmail 4.7.30 DKIM', "421 4.7.30 Your email has been rate limited because DKIM authentication didn't pass for this message.", 'block', 'auth_failure'],
    ['Gmail 4.7.32 alignment', "421 4.7.32 Your email has been rate limited because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain.", 'block', 'auth_failure'],
    ['Gmail 4.7.40 DMARC record', "421 4.7.40 Your email has been rate limited because the sending domain doesn't have a DMARC record.", 'block', 'auth_failure'],
    ['Gmail 4.7.40 code alone', '421 4.7.40', 'block', 'auth_failure'],
    ['Gmail 5.7.1 spam', '550 5.7.1 This message is likely unsolicited email. To reduce the amount of spam sent to Gmail, this message has been blocked.', 'block', 'spam_content'],
    ['Gmail 5.7.1 reputation', '550 5.7.1 This message is likely suspicious due to the very low reputation of the sending IP address.', 'block', 'bad_reputation'],
    ['Gmail 4.7.23 PTR', "451 4.7.23 The sending IP address for this message doesn't have a PTR record.", 'block', 'ptr_missing'],
    ['Microsoft 5.7.515', "550 5.7.515 Access denied, sending domain b.com doesn't meet the required authentication level.", 'block', 'auth_failure'],
    ['Microsoft 5.7.510', '550 5.7.510 Access denied, b.com does not accept email over IPv6', 'block', 'policy'],
    ['Microsoft 5.7.606', '550 5.7.606 Access denied, banned sending IP [1.2.3.4].', 'block', 'blocklisted'],
    ['Microsoft 5.7.649', '550 5.7.649 Access denied, banned sending IP [1.2.3.4].', 'block', 'blocklisted'],
    ['Microsoft 5.4.1', '550 5.4.1 Recipient address rejected: Access denied. AS(201806281)', 'hard', 'user_unknown'],
    ['Microsoft 5.1.10', '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', 'hard', 'user_unknown'],
    ['Microsoft 4.7.650 (rate limit for IP reputation)', '451 4.7.650 The mail server [1.2.3.4] has been temporarily rate limited due to IP reputation.', 'block', 'bad_reputation'],
    ['Microsoft 5.7.57', '530 5.7.57 Client not authenticated to send mail.', 'block', 'relay_denied'],
    ['Yahoo TSS04', '421 4.7.0 [TSS04] Messages from 1.2.3.4 temporarily deferred due to unexpected volume or user complaints', 'block', 'sender_throttled'],
    ['Yahoo TS01', '421 4.7.0 [TS01] Messages from 1.2.3.4 temporarily deferred due to user complaints', 'block', 'bad_reputation'],
    ['Yahoo TS02', '421 4.7.0 [TS02] Temporarily deferred', 'block', 'sender_throttled'],
    ['Yahoo TS03', '421 4.7.1 [TS03] All messages from 1.2.3.4 permanently deferred', 'block', 'bad_reputation'],
    ['Yahoo BL21', "553 5.7.1 [BL21] Connections will not be accepted from 1.2.3.4, because the ip is in Spamhaus's list", 'block', 'blocklisted'],
    ['Yahoo BL21 token alone', '553 5.7.1 [BL21]', 'block', 'blocklisted'],
    ['Yahoo PH01', '554 Message not allowed - [PH01] Email not accepted for policy reasons.', 'block', 'spam_content'],
    ['Spamhaus', '554 5.7.1 Service unavailable; Client host [1.2.3.4] blocked using zen.spamhaus.org', 'block', 'blocklisted'],
    ['SORBS', '554 5.7.1 Service unavailable; Client host [1.2.3.4] blocked using dnsbl.sorbs.net', 'block', 'blocklisted'],
    ['SpamCop', '550 5.7.1 Service unavailable; client [1.2.3.4] blocked using bl.spamcop.net', 'block', 'blocklisted'],
    ['Barracuda', '554 Service unavailable; Client host [1.2.3.4] blocked using b.barracudacentral.org', 'block', 'blocklisted'],
    ['UCEPROTECT', '550 5.7.1 Rejected: 1.2.3.4 is listed at UCEPROTECT-Level2', 'block', 'blocklisted'],
    ['Proofpoint', '554 5.7.1 Blocked - see https://ipcheck.proofpoint.com/?ip=1.2.3.4', 'block', 'blocklisted'],
    ['Cloudmark list (Orange)', '550 mwinf ME Client host blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com', 'block', 'blocklisted'],
    ['Cloudmark reputation (GoDaddy)', '554 Connection refused. This IP has a poor reputation on Cloudmark Sender Intelligence (CSI). IB103', 'block', 'bad_reputation'],
    ['Mimecast greylisting', '451 Internal resource temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451', 'soft', 'greylisted'],
    ['Mimecast reputation', '550 csi.mimecast.org Poor Reputation Sender.', 'block', 'bad_reputation'],
    ['Cox', '554 esmtp.cox.net cox IP=1.2.3.4 is blocked. AUP#CXBL', 'block', 'blocklisted'],
    ['GMX PTR', '554-gmx.net (mxgmx110) Nemesis ESMTP Service not available 554-No SMTP service 554-Bad DNS PTR resource record.', 'block', 'ptr_missing'],
    ['mail.ru spam', '550 spam message rejected. Please visit http://help.mail.ru/notspam-support/id?c=abc', 'block', 'spam_content'],
  ])('%s', (_label, diagnostic, kind, reason) => {
    expect(pick({ diagnostic })).toMatchObject({ kind, reason });
  });
});

describe('classifyBounce on hostile lengths', () => {
  it('stays linear: a 1 MB diagnostic of spaces, addresses or codes classifies at once (it once took minutes)', () => {
    for (const filler of [' ', 'a@b ', 'x', '550 ', 'v 5.1.1 ']) {
      const diagnostic = `550 5.1.1 ${filler.repeat(Math.floor(1_000_000 / filler.length))} user unknown`;
      expect(classifyBounce({ status: '550', diagnostic })).toMatchObject({ kind: 'hard', reason: 'user_unknown' });
    }
  });
});
