import { describe, expect, it } from 'vitest';
import { BOUNCE_REASON_INFO } from './bounce-reasons.js';
import { classifyBounce, type BounceInput, type PlatformBounceType } from './classify-bounce.js';
import { readPlatformBounce } from './platform-bounce-types.js';

const ses = (bounceType: string, bounceSubType?: string): PlatformBounceType =>
  bounceSubType === undefined ? { platform: 'ses', bounceType } : { platform: 'ses', bounceType, bounceSubType };
const postmark = (typeCode: number): PlatformBounceType => ({ platform: 'postmark', typeCode });
const sendgrid = (type: string, bounceClassification?: string): PlatformBounceType =>
  bounceClassification === undefined ? { platform: 'sendgrid', type } : { platform: 'sendgrid', type, bounceClassification };
const mailgun = (severity: string, reason?: string): PlatformBounceType =>
  reason === undefined ? { platform: 'mailgun', severity } : { platform: 'mailgun', severity, reason };

const pick = (input: BounceInput) => {
  const c = classifyBounce(input);
  return { kind: c.kind, reason: c.reason };
};

const USER_UNKNOWN = '550 5.1.1 The email account that you tried to reach does not exist.';
const MAILBOX_FULL = '552 5.2.2 The email account that you tried to reach is over quota.';
const SPAMHAUS = '554 5.7.1 Service unavailable; Client host [1.2.3.4] blocked using zen.spamhaus.org';
const TSS04 = '421 4.7.0 [TSS04] Messages from 1.2.3.4 temporarily deferred due to unexpected volume or user complaints';

describe('readPlatformBounce', () => {
  it.each<[PlatformBounceType, object]>([
    [ses('Permanent', 'General'), { label: 'SES Permanent/General', strength: 'lean', kind: 'hard', reason: 'other_permanent' }],
    [ses('Permanent', 'NoEmail'), { strength: 'lean', kind: 'hard', reason: 'user_unknown' }],
    [ses('Permanent', 'Suppressed'), { strength: 'not-attempted', kind: 'hard' }],
    [ses('Permanent', 'OnAccountSuppressionList'), { strength: 'not-attempted', kind: 'hard' }],
    [ses('Transient', 'General'), { strength: 'lean', kind: 'soft', reason: 'other_temporary' }],
    [ses('Transient', 'MailboxFull'), { strength: 'fixed', kind: 'soft', reason: 'mailbox_full' }],
    [ses('Transient', 'MessageTooLarge'), { strength: 'fixed', kind: 'soft', reason: 'message_too_large' }],
    [ses('Transient', 'ContentRejected'), { strength: 'fixed', kind: 'block', reason: 'spam_content' }],
    [ses('Transient', 'AttachmentRejected'), { strength: 'fixed', kind: 'block', reason: 'policy' }],
    [ses('Undetermined', 'Undetermined'), { strength: 'lean', label: 'SES Undetermined/Undetermined' }],
    [ses('permanent', 'no email'), { kind: 'hard', reason: 'user_unknown' }],
    [postmark(1), { label: 'Postmark HardBounce (1)', strength: 'lean', kind: 'hard' }],
    [postmark(2), { strength: 'lean', kind: 'soft' }],
    [postmark(256), { strength: 'lean', kind: 'soft', reason: 'network_error' }],
    [postmark(512), { strength: 'fixed', kind: 'block', reason: 'spam_content' }],
    [postmark(4096), { strength: 'lean', kind: 'soft', reason: 'other_temporary' }],
    [postmark(8192), { strength: 'fixed', kind: 'block', reason: 'virus_detected' }],
    [postmark(100000), { strength: 'lean', kind: 'hard', reason: 'invalid_address' }],
    [postmark(100002), { strength: 'not-attempted', kind: 'hard' }],
    [postmark(100006), { strength: 'fixed', kind: 'block', reason: 'policy' }],
    [postmark(100009), { strength: 'fixed', kind: 'block', reason: 'auth_failure' }],
    [postmark(64), { strength: 'not-a-bounce' }],
    [postmark(100001), { strength: 'not-a-bounce' }],
    [{ platform: 'postmark', type: 'SoftBounce' }, { label: 'Postmark SoftBounce (4096)', kind: 'soft' }],
    [sendgrid('bounce'), { strength: 'lean', kind: 'hard', reason: 'other_permanent' }],
    [sendgrid('blocked'), { strength: 'lean', kind: 'block', reason: 'policy' }],
    [sendgrid('bounce', 'Invalid Address'), { kind: 'hard', reason: 'user_unknown' }],
    [sendgrid('bounce', 'Mailbox Unavailable'), { kind: 'hard', reason: 'mailbox_disabled' }],
    [sendgrid('blocked', 'Content'), { kind: 'block', reason: 'spam_content' }],
    [sendgrid('bounce', 'Reputation'), { kind: 'block', reason: 'bad_reputation' }],
    [sendgrid('blocked', 'Frequency or Volume Too High'), { kind: 'block', reason: 'sender_throttled' }],
    [sendgrid('bounce', 'Technical Failure'), { kind: 'soft', reason: 'system_error' }],
    [sendgrid('bounce', 'Unclassified'), { kind: 'hard', reason: 'other_permanent' }],
    [mailgun('permanent'), { strength: 'lean', kind: 'hard' }],
    [mailgun('temporary'), { strength: 'lean', kind: 'soft' }],
    [mailgun('permanent', 'suppress-bounce'), { strength: 'not-attempted', kind: 'hard' }],
    [mailgun('permanent', 'suppress-complaint'), { strength: 'not-a-bounce' }],
    [mailgun('temporary', 'greylisted'), { strength: 'fixed', kind: 'soft', reason: 'greylisted' }],
  ])('%j', (platform, expected) => {
    expect(readPlatformBounce(platform)).toMatchObject(expected);
  });

  it('ignores labels it does not know', () => {
    expect(readPlatformBounce(postmark(999))).toBeUndefined();
    expect(readPlatformBounce(sendgrid('open'))).toBeUndefined();
    expect(readPlatformBounce(mailgun('whatever'))).toBeUndefined();
  });
});

describe('P1: not a bounce', () => {
  it.each<[PlatformBounceType]>([[postmark(64)], [postmark(100001)], [mailgun('permanent', 'suppress-unsubscribe')]])(
    '%j is undetermined whatever the text',
    (platform) => {
      const c = classifyBounce({ platform, diagnostic: USER_UNKNOWN });
      expect(c).toMatchObject({ kind: 'undetermined', reason: 'undetermined', decidedBy: 'platform' });
      expect(c.platformLabel).toBeDefined();
      expect(c.explanation).not.toBe(BOUNCE_REASON_INFO.undetermined.explanation);
    },
  );
});

describe('P2: not attempted (already suppressed)', () => {
  it('SES Suppressed with the SES text: hard, unknown user, says it was not attempted', () => {
    const c = classifyBounce({
      platform: ses('Permanent', 'Suppressed'),
      status: '5.1.1',
      diagnostic: 'Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address.',
    });
    expect(c).toMatchObject({ kind: 'hard', reason: 'user_unknown', decidedBy: 'platform', platformLabel: 'SES Permanent/Suppressed' });
    expect(c.explanation).toContain('already suppressed, not attempted');
  });
  it('SES OnAccountSuppressionList without text: hard, other_permanent', () => {
    const c = classifyBounce({ platform: ses('Permanent', 'OnAccountSuppressionList') });
    expect(c).toMatchObject({ kind: 'hard', reason: 'other_permanent', decidedBy: 'platform' });
    expect(c.explanation).toContain('already suppressed, not attempted');
  });
  it('a non-hard text does not change a not-attempted verdict', () => {
    expect(pick({ platform: postmark(100002), diagnostic: MAILBOX_FULL })).toEqual({ kind: 'hard', reason: 'other_permanent' });
    expect(pick({ platform: mailgun('permanent', 'suppress-bounce') })).toEqual({ kind: 'hard', reason: 'other_permanent' });
    expect(pick({ platform: sendgrid('dropped') })).toEqual({ kind: 'hard', reason: 'other_permanent' });
  });
});

describe('P3: fixed platform types', () => {
  it.each<[string, BounceInput, string, string]>([
    ['SES MailboxFull without text', { platform: ses('Transient', 'MailboxFull') }, 'soft', 'mailbox_full'],
    ['SES MailboxFull with a 5.1.1', { platform: ses('Transient', 'MailboxFull'), diagnostic: '550 5.1.1 Mailbox unavailable' }, 'soft', 'mailbox_full'],
    ['SES MessageTooLarge', { platform: ses('Transient', 'MessageTooLarge') }, 'soft', 'message_too_large'],
    ['SES ContentRejected', { platform: ses('Transient', 'ContentRejected') }, 'block', 'spam_content'],
    ['SES ContentRejected naming a virus', { platform: ses('Transient', 'ContentRejected'), diagnostic: '554 5.7.1 Message rejected: virus found' }, 'block', 'virus_detected'],
    ['SES AttachmentRejected', { platform: ses('Transient', 'AttachmentRejected') }, 'block', 'policy'],
    ['Postmark SpamNotification', { platform: postmark(512) }, 'block', 'spam_content'],
    ['Postmark Blocked naming Spamhaus', { platform: postmark(100006), diagnostic: SPAMHAUS }, 'block', 'blocklisted'],
    ['Postmark Blocked with an unknown-user text stays a block', { platform: postmark(100006), diagnostic: USER_UNKNOWN }, 'block', 'policy'],
    ['Postmark DMARCPolicy', { platform: postmark(100009) }, 'block', 'auth_failure'],
    ['Mailgun greylisted', { platform: mailgun('temporary', 'greylisted'), diagnostic: '451 4.7.1 Try later' }, 'soft', 'greylisted'],
  ])('%s', (_label, input, kind, reason) => {
    expect(pick(input)).toEqual({ kind, reason });
  });
});

describe('P4: platform class with telling text or code', () => {
  it.each<[string, BounceInput, string, string]>([
    ['SES Permanent/General + unknown user', { platform: ses('Permanent', 'General'), diagnostic: USER_UNKNOWN }, 'hard', 'user_unknown'],
    ['SES Permanent/General + mailbox full: soft (the server says full)', { platform: ses('Permanent', 'General'), diagnostic: MAILBOX_FULL }, 'soft', 'mailbox_full'],
    ['SES Permanent/General + Spamhaus: block', { platform: ses('Permanent', 'General'), diagnostic: SPAMHAUS }, 'block', 'blocklisted'],
    ['SES Transient/General + unknown user: softened', { platform: ses('Transient', 'General'), diagnostic: USER_UNKNOWN }, 'soft', 'user_unknown'],
    ['SES Transient/General + Yahoo throttle: block', { platform: ses('Transient', 'General'), diagnostic: TSS04 }, 'block', 'sender_throttled'],
    ['SES Undetermined + unknown user', { platform: ses('Undetermined', 'Undetermined'), diagnostic: USER_UNKNOWN }, 'hard', 'user_unknown'],
    ['Postmark HardBounce + mailbox full', { platform: postmark(1), diagnostic: MAILBOX_FULL }, 'soft', 'mailbox_full'],
    ['Postmark SoftBounce + mailbox full', { platform: postmark(4096), diagnostic: MAILBOX_FULL }, 'soft', 'mailbox_full'],
    ['Postmark BadEmailAddress + unknown user', { platform: postmark(100000), diagnostic: USER_UNKNOWN }, 'hard', 'user_unknown'],
    ['SendGrid blocked + unknown user: the text clearly names the recipient', { platform: sendgrid('blocked'), diagnostic: USER_UNKNOWN }, 'hard', 'user_unknown'],
    ['SendGrid blocked + Spamhaus', { platform: sendgrid('blocked'), diagnostic: SPAMHAUS }, 'block', 'blocklisted'],
    ['SendGrid bounce + Spamhaus: block', { platform: sendgrid('bounce'), diagnostic: SPAMHAUS }, 'block', 'blocklisted'],
    ['SendGrid Mailbox Unavailable + mailbox full', { platform: sendgrid('bounce', 'Mailbox Unavailable'), diagnostic: MAILBOX_FULL }, 'soft', 'mailbox_full'],
    ['Mailgun permanent + unknown user', { platform: mailgun('permanent'), diagnostic: USER_UNKNOWN }, 'hard', 'user_unknown'],
    ['Mailgun temporary + unknown user: softened', { platform: mailgun('temporary'), diagnostic: USER_UNKNOWN }, 'soft', 'user_unknown'],
    ['Mailgun temporary + Yahoo throttle: block', { platform: mailgun('temporary'), diagnostic: TSS04 }, 'block', 'sender_throttled'],
  ])('%s', (_label, input, kind, reason) => {
    expect(pick(input)).toEqual({ kind, reason });
  });

  it('says so in the explanation when it overrules a permanent platform label', () => {
    const c = classifyBounce({ platform: ses('Permanent', 'General'), diagnostic: MAILBOX_FULL });
    expect(c.explanation).toContain('SES Permanent/General called this a permanent bounce');
    expect(c.decidedBy).toBe('seed-table');
    expect(c.platformLabel).toBe('SES Permanent/General');
  });
});

describe('P4: platform class when text and code tell little', () => {
  it.each<[string, BounceInput, string, string]>([
    ['SES Permanent/General, nothing else', { platform: ses('Permanent', 'General') }, 'hard', 'other_permanent'],
    ['SES Permanent/NoEmail, nothing else', { platform: ses('Permanent', 'NoEmail') }, 'hard', 'user_unknown'],
    ['SES Transient/General, nothing else', { platform: ses('Transient', 'General') }, 'soft', 'other_temporary'],
    ['SES Undetermined, nothing else', { platform: ses('Undetermined') }, 'undetermined', 'undetermined'],
    ['Postmark HardBounce, bare 554', { platform: postmark(1), diagnostic: '554 Transaction failed' }, 'hard', 'other_permanent'],
    ['Postmark Transient, bare 554', { platform: postmark(2), diagnostic: '554 Transaction failed' }, 'soft', 'other_temporary'],
    ['Postmark DnsError', { platform: postmark(256) }, 'soft', 'network_error'],
    ['SendGrid blocked, weak recipient wording: still a block', { platform: sendgrid('blocked'), diagnostic: '550 Recipient address rejected' }, 'block', 'policy'],
    ['SendGrid blocked, 5.7.x fallback keeps its reason', { platform: sendgrid('blocked'), diagnostic: '550 5.7.0 Rejected' }, 'block', 'policy'],
    ['SendGrid bounce, weak recipient wording', { platform: sendgrid('bounce'), diagnostic: '550 Recipient address rejected' }, 'hard', 'user_unknown'],
    ['SendGrid bounce with a 4xx code: soft', { platform: sendgrid('bounce'), diagnostic: '451 4.3.0 Mail server temporarily rejected message' }, 'soft', 'other_temporary'],
    ['SendGrid Reputation, nothing else', { platform: sendgrid('bounce', 'Reputation') }, 'block', 'bad_reputation'],
    ['SendGrid Technical Failure, nothing else', { platform: sendgrid('bounce', 'Technical Failure') }, 'soft', 'system_error'],
    ['Mailgun permanent, nothing else', { platform: mailgun('permanent') }, 'hard', 'other_permanent'],
    ['Mailgun temporary, bare 550', { platform: mailgun('temporary'), diagnostic: '550 Message rejected' }, 'soft', 'other_temporary'],
  ])('%s', (_label, input, kind, reason) => {
    expect(pick(input)).toEqual({ kind, reason });
  });

  it('reports the platform label and decider', () => {
    expect(classifyBounce({ platform: ses('Permanent', 'General') })).toMatchObject({
      decidedBy: 'platform',
      platformLabel: 'SES Permanent/General',
      explanation: BOUNCE_REASON_INFO.other_permanent.explanation,
    });
    expect(classifyBounce({ diagnostic: USER_UNKNOWN }).platformLabel).toBeUndefined();
  });
});
