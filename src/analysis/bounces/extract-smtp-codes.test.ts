import { describe, expect, it } from 'vitest';
import {
  extractSmtpCodes,
  failureCodes,
  formatSmtpCodes,
  isTemporaryCode,
  stripSmtpCodes,
} from './extract-smtp-codes.js';

describe('extractSmtpCodes', () => {
  it.each([
    ['550-5.1.1', { basic: '550', enhanced: '5.1.1' }],
    ['550 5.1.1', { basic: '550', enhanced: '5.1.1' }],
    ['550  5.1.1', { basic: '550', enhanced: '5.1.1' }],
    ['550', { basic: '550' }],
    ['5.1.1', { enhanced: '5.1.1' }],
    ['4.4.7', { enhanced: '4.4.7' }],
    ['smtp; 550 5.1.1 user unknown', { basic: '550', enhanced: '5.1.1' }],
    ['smtp;550 5.1.1', { basic: '550', enhanced: '5.1.1' }],
    ['5.7.1 (delivery not authorized)', { enhanced: '5.7.1' }],
    ['  452 4.2.2  ', { basic: '452', enhanced: '4.2.2' }],
    ['451 4.7.500 Server busy', { basic: '451', enhanced: '4.7.500' }],
    ['550 5.1.10 RESOLVER.ADR.RecipientNotFound', { basic: '550', enhanced: '5.1.10' }],
  ])('reads the status %j', (status, expected) => {
    expect(extractSmtpCodes({ status })).toEqual(expected);
  });

  it.each([
    ['Remote server returned <#5.4.4 smtp; 554 5.4.4 SMTPSEND.DNS.NonExistentDomain>', { basic: '554', enhanced: '5.4.4' }],
    ['Remote server returned (5.7.1) blocked', { enhanced: '5.7.1' }],
    ['Remote server returned #5.4.4 no route', { enhanced: '5.4.4' }],
    ['Reporting-MTA: dns; mx.example.com dsn=5.1.1, status=bounced', { enhanced: '5.1.1' }],
    ['<a@b.c>: host mx.b.c[203.0.113.5] said: 550 5.1.1 <a@b.c>: Recipient address rejected', { basic: '550', enhanced: '5.1.1' }],
    ['550 Requested action not taken: mailbox unavailable', { basic: '550' }],
    ['421 Service not available, closing transmission channel', { basic: '421' }],
  ])('reads the diagnostic %j', (diagnostic, expected) => {
    expect(extractSmtpCodes({ diagnostic })).toEqual(expected);
  });

  it('reads Gmail continuation lines as one pair', () => {
    const diagnostic =
      "550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking the recipient's email address for typos or\n550-5.1.1 unnecessary spaces. For more information, go to\n550 5.1.1 https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7-b6e3c3fe1c5si1239784a12.166 - gsmtp";
    expect(extractSmtpCodes({ diagnostic })).toEqual({ basic: '550', enhanced: '5.1.1' });
  });

  it('prefers the pair over earlier loose codes', () => {
    expect(extractSmtpCodes({ diagnostic: 'after 5.0.0 attempts; said: 552 5.2.2 mailbox full' })).toEqual({
      basic: '552',
      enhanced: '5.2.2',
    });
  });

  it('prefers failure codes over success codes in a transcript', () => {
    expect(
      extractSmtpCodes({ diagnostic: '250 2.1.0 Sender OK; RCPT TO:<a@b.c> 550 5.1.1 User unknown' }),
    ).toEqual({ basic: '550', enhanced: '5.1.1' });
  });

  it('returns success codes only when there is no failure code', () => {
    expect(extractSmtpCodes({ status: '250 2.0.0 OK' })).toEqual({ basic: '250', enhanced: '2.0.0' });
  });

  describe('splits between status and diagnostic', () => {
    it('status enhanced, diagnostic with the pair', () => {
      expect(extractSmtpCodes({ status: '5.1.1', diagnostic: '550 5.1.1 user unknown' })).toEqual({
        basic: '550',
        enhanced: '5.1.1',
      });
    });
    it('status reply code, diagnostic starting with the enhanced code', () => {
      expect(extractSmtpCodes({ status: '550', diagnostic: '5.1.1 <a@b.c>: Recipient address rejected' })).toEqual({
        basic: '550',
        enhanced: '5.1.1',
      });
    });
    it('status wins over the diagnostic', () => {
      expect(extractSmtpCodes({ status: '552 5.2.2', diagnostic: '550 5.1.1 user unknown' })).toEqual({
        basic: '552',
        enhanced: '5.2.2',
      });
    });
    it('does not complete a status with a code of another class', () => {
      expect(extractSmtpCodes({ status: '5.1.1', diagnostic: '452 4.2.2 over quota' })).toEqual({
        enhanced: '5.1.1',
      });
      expect(extractSmtpCodes({ status: '5.1.1', diagnostic: '452 4.2.2 then 550 user unknown' })).toEqual({
        basic: '550',
        enhanced: '5.1.1',
      });
    });
    it('status without codes falls through to the diagnostic', () => {
      expect(extractSmtpCodes({ status: 'bounced', diagnostic: '554 5.4.7 delivery expired' })).toEqual({
        basic: '554',
        enhanced: '5.4.7',
      });
    });
  });

  describe('is not fooled', () => {
    it.each([
      'Client host [192.168.1.10] blocked',
      'connect to 10.250.4.1 port 25: refused',
      'from [250.1.2.3]',
      'host 4.4.4.4 refused',
      '5.6.7.8 said nothing',
      'Postfix version 5.1.1 ready',
      'Exim 4.94.2 here',
      'running v4.2.1',
      'queued on 5.1.2024 at 12:45:50',
      'date 2024-05-21 time 10:20',
      'message size 552 bytes over',
      'waited 450 seconds',
      'at most 500 recipients',
      'call 555-1234',
      'id 4523abc',
      'ref 550x',
      'ticket #12550',
      'A550 5.1.1Z',
      '',
    ])('%j', (diagnostic) => {
      expect(extractSmtpCodes({ diagnostic })).toEqual({});
    });
  });

  it('returns nothing for empty input', () => {
    expect(extractSmtpCodes({})).toEqual({});
    expect(extractSmtpCodes({ status: '  ', diagnostic: '' })).toEqual({});
  });
});

describe('forms servers use (issue 3)', () => {
  it.each<[string, { status?: string; diagnostic?: string }, object]>([
    ['status column only', { status: '550 5.1.1' }, { basic: '550', enhanced: '5.1.1' }],
    ['dash form in text', { diagnostic: '550-5.1.1 The email account that you tried to reach does not exist.' }, { basic: '550', enhanced: '5.1.1' }],
    ['space form in text', { diagnostic: '550 5.1.1 User unknown' }, { basic: '550', enhanced: '5.1.1' }],
    ['qmail/Exchange hash form', { diagnostic: "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)" }, { enhanced: '5.4.4' }],
    ['qmail reply code with hash', { diagnostic: 'Remote host said: 550 #5.1.0 Address rejected.' }, { basic: '550', enhanced: '5.1.0' }],
    [
      "Gmail's wrapper: the inner reply is the real one",
      { diagnostic: "5.1.0 - Unknown address error 550-'5.2.2 The email account that you tried to reach is over quota'" },
      { basic: '550', enhanced: '5.2.2' },
    ],
    [
      "Gmail's wrapper with its 5.1.0 in the status column",
      { status: '5.1.0', diagnostic: "5.1.0 - Unknown address error 550-'5.2.2 The email account that you tried to reach is over quota'" },
      { basic: '550', enhanced: '5.2.2' },
    ],
    ['a generic DSN status around a specific reply', { status: '5.0.0', diagnostic: 'smtp; 550 5.7.1 Message rejected' }, { basic: '550', enhanced: '5.7.1' }],
    ['a specific status is kept over the text', { status: '5.7.1', diagnostic: '550 5.0.0 Rejected' }, { basic: '550', enhanced: '5.7.1' }],
    ['Yahoo/AOL dotted reply code', { diagnostic: 'Sorry, your message to a@aol.com cannot be delivered. This mailbox is disabled (554.30).' }, { basic: '554' }],
    ['repeated continuation lines', { diagnostic: '421-4.7.28 Gmail has detected\n421-4.7.28 an unusual rate\n421 4.7.28 of mail. - gsmtp' }, { basic: '421', enhanced: '4.7.28' }],
    ['smtp; prefix', { diagnostic: 'smtp;550 5.1.1 <a@b.com>... User unknown' }, { basic: '550', enhanced: '5.1.1' }],
    ['X-Postfix; prefix', { diagnostic: 'X-Postfix; host mx.b.com[1.2.3.4] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)' }, { basic: '552', enhanced: '5.2.2' }],
    ['a reply text starting with a capitalised noun is still a reply', { diagnostic: '557 Email address - a@b.com - is not available here.' }, { basic: '557' }],
    ['"550 Message was not accepted" is a reply, not 550 messages', { diagnostic: '550 Message was not accepted -- invalid mailbox' }, { basic: '550' }],
  ])('%s', (_label, input, expected) => {
    expect(extractSmtpCodes(input)).toEqual(expected);
  });

  it('still reads lower-case counts as quantities', () => {
    expect(extractSmtpCodes({ diagnostic: 'sent 500 messages and 250 emails' })).toEqual({});
  });
});

describe('stripSmtpCodes', () => {
  it('joins Gmail continuation lines into one sentence', () => {
    expect(stripSmtpCodes('452-4.2.2 The email account that you tried to reach is over\n452-4.2.2 quota. Please direct')).toBe(
      'The email account that you tried to reach is over quota. Please direct',
    );
  });
  it('keeps IP addresses', () => {
    expect(stripSmtpCodes('550 5.7.1 Client host [1.2.3.4] blocked')).toBe('Client host [1.2.3.4] blocked');
  });
});

describe('helpers', () => {
  it('formatSmtpCodes', () => {
    expect(formatSmtpCodes({ basic: '550', enhanced: '5.1.1' })).toBe('550-5.1.1');
    expect(formatSmtpCodes({ basic: '550' })).toBe('550');
    expect(formatSmtpCodes({ enhanced: '5.4.7' })).toBe('5.4.7');
    expect(formatSmtpCodes({})).toBe('');
  });
  it('isTemporaryCode', () => {
    expect(isTemporaryCode({ basic: '450' })).toBe(true);
    expect(isTemporaryCode({ enhanced: '4.1.1' })).toBe(true);
    expect(isTemporaryCode({ basic: '550', enhanced: '5.1.1' })).toBe(false);
    expect(isTemporaryCode({})).toBe(false);
  });
  it('failureCodes drops success codes', () => {
    expect(failureCodes({ basic: '250', enhanced: '2.0.0' })).toEqual({});
    expect(failureCodes({ basic: '550', enhanced: '2.0.0' })).toEqual({ basic: '550' });
  });
});
