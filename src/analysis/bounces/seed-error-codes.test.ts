import { describe, expect, it } from 'vitest';
import { BOUNCE_REASON_INFO } from './bounce-reasons.js';
import { findSeedErrorCode, SEED_ERROR_CODES } from './seed-error-codes.js';

/** The article's "What it means" column, as published. */
const ARTICLE: Record<string, string> = {
  '550':
    'This can mean a variety of different things, such as the recipient address not existing, the email being filtered as spam, or the mailbox being full. The error message usually provides more detailed information about what’s going wrong.',
  '550-5.1.1':
    'This typically means that the email address you are trying to send to is not valid. The recipient may have closed their email account, or there may be a typo in their email address.',
  '550-5.7.1':
    'This error is often associated with issues related to email security, spam, or policy violations. The email may have triggered spam or virus protection filters, failed authentication checks, or been rejected due to policy violations related to the source or content.',
  '552-5.2.2':
    "This indicates that the recipient's mailbox is full and cannot accept any more messages until space is freed up.",
  '554-5.4.4':
    "This typically means that the recipient's mail server could not find a route to deliver your email. DNS may be misconfigured on their mail server, there may be policy restrictions that block certain types of email, or there may be a temporary issue with the server or network.",
  '554-5.4.7':
    "This typically means that the recipient's mail server could not find a route to deliver your email. DNS may be misconfigured on their mail server, there may be policy restrictions that block certain types of email, or there may be a temporary issue with the server or network.",
};

describe('SEED_ERROR_CODES', () => {
  it('has the article’s seven codes with deliv’s classification', () => {
    expect(SEED_ERROR_CODES.map((s) => [s.code, s.kind, s.reason])).toEqual([
      ['421-4.7.28', 'block', 'sender_throttled'],
      ['550', 'hard', 'other_permanent'],
      ['550-5.1.1', 'hard', 'user_unknown'],
      ['550-5.7.1', 'block', 'policy'],
      ['552-5.2.2', 'soft', 'mailbox_full'],
      ['554-5.4.4', 'hard', 'unroutable'],
      ['554-5.4.7', 'soft', 'expired'],
    ]);
  });

  it.each(Object.entries(ARTICLE))('%s quotes the article', (code, meaning) => {
    expect(SEED_ERROR_CODES.find((s) => s.code === code)?.meaning).toBe(meaning);
  });

  it('421-4.7.28 quotes the article, naming no platform', () => {
    const seed = SEED_ERROR_CODES.find((s) => s.code === '421-4.7.28');
    expect(seed?.meaning).toBe(
      'This is a temporary rate-limit deferral from Gmail when Gmail detects an “unusual rate of mail originating from your SPF domain.” Gmail may defer delivery of your message with this code if its spam prevention systems see an atypical sending pattern — for example, a sudden increase in send volume from a new or low-volume domain. This is controlled by Gmail’s policies and not by your sending platform.',
    );
    expect(seed?.advice).toBe(
      'You can try sending again later, and ensuring your sending domain is authenticated (SPF/DKIM) and warmed up can reduce these rate-limits over time.',
    );
  });

  it('550-5.7.1 gives the article’s advice', () => {
    expect(SEED_ERROR_CODES.find((s) => s.code === '550-5.7.1')?.advice).toBe(
      'Ensure your sending domain is authenticated (SPF/DKIM) and ask end-user to check which rule could be rejecting these emails.',
    );
  });

  it.each(SEED_ERROR_CODES.map((s) => [s.code, s]))('%s is consistent', (code, seed) => {
    expect(BOUNCE_REASON_INFO[seed.reason].kind).toBe(seed.kind);
    expect(seed.advice).not.toBe('');
    expect('enhanced' in seed ? `${seed.basic}-${seed.enhanced}` : seed.basic).toBe(code);
  });
});

describe('findSeedErrorCode', () => {
  it.each([
    [{ basic: '421', enhanced: '4.7.28' }, '421-4.7.28'],
    [{ basic: '550' }, '550'],
    [{ basic: '550', enhanced: '5.0.0' }, '550'],
    [{ basic: '550', enhanced: '5.1.1' }, '550-5.1.1'],
    [{ basic: '550', enhanced: '5.7.1' }, '550-5.7.1'],
    [{ basic: '552', enhanced: '5.2.2' }, '552-5.2.2'],
    [{ basic: '554', enhanced: '5.4.4' }, '554-5.4.4'],
    [{ basic: '554', enhanced: '5.4.7' }, '554-5.4.7'],
    [{ enhanced: '4.7.28' }, '421-4.7.28'],
    [{ enhanced: '5.1.1' }, '550-5.1.1'],
    [{ enhanced: '5.7.1' }, '550-5.7.1'],
    [{ enhanced: '5.2.2' }, '552-5.2.2'],
    [{ enhanced: '5.4.4' }, '554-5.4.4'],
    [{ enhanced: '5.4.7' }, '554-5.4.7'],
  ])('%j -> %s', (codes, code) => {
    expect(findSeedErrorCode(codes)?.code).toBe(code);
  });

  it.each([
    [{ basic: '553', enhanced: '5.1.1' }],
    [{ basic: '452', enhanced: '4.2.2' }],
    [{ basic: '550', enhanced: '5.2.2' }],
    [{ basic: '451', enhanced: '4.7.28' }],
    [{ basic: '550', enhanced: '5.7.26' }],
    [{ basic: '554' }],
    [{ basic: '421' }],
    [{ enhanced: '5.0.0' }],
    [{ enhanced: '4.4.7' }],
    [{}],
  ])('%j is not a seed code', (codes) => {
    expect(findSeedErrorCode(codes)).toBeUndefined();
  });
});
