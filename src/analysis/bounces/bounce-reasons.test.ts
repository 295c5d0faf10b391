import { describe, expect, it } from 'vitest';
import { BOUNCE_KINDS, BOUNCE_REASON_INFO, BOUNCE_REASONS, kindOfReason, type BounceKind } from './bounce-reasons.js';

describe('BOUNCE_REASON_INFO', () => {
  it.each(BOUNCE_REASONS.map((r) => [r]))('%s has a kind, title, explanation and advice', (reason) => {
    const info = BOUNCE_REASON_INFO[reason];
    expect(BOUNCE_KINDS).toContain(info.kind);
    expect(info.title.trim()).not.toBe('');
    expect(info.explanation.trim()).not.toBe('');
    expect(info.advice.trim()).not.toBe('');
  });

  it('has an entry for exactly the reasons in BOUNCE_REASONS', () => {
    expect(Object.keys(BOUNCE_REASON_INFO).sort()).toEqual([...BOUNCE_REASONS].sort());
    expect(new Set(BOUNCE_REASONS).size).toBe(BOUNCE_REASONS.length);
  });

  it('sorts the reasons into the fixed kinds', () => {
    const byKind = (kind: BounceKind) => BOUNCE_REASONS.filter((r) => kindOfReason(r) === kind);
    expect(byKind('hard')).toEqual([
      'user_unknown',
      'mailbox_disabled',
      'mailbox_moved',
      'domain_not_found',
      'no_mail_accepted',
      'unroutable',
      'invalid_address',
      'other_permanent',
    ]);
    expect(byKind('soft')).toEqual([
      'mailbox_full',
      'message_too_large',
      'rate_limited',
      'greylisted',
      'expired',
      'network_error',
      'system_error',
      'content_error',
      'other_temporary',
    ]);
    expect(byKind('block')).toEqual([
      'blocklisted',
      'bad_reputation',
      'sender_throttled',
      'spam_content',
      'virus_detected',
      'policy',
      'auth_failure',
      'ptr_missing',
      'tls_required',
      'relay_denied',
      'sender_rejected',
    ]);
    expect(byKind('undetermined')).toEqual(['undetermined']);
  });

  it('titles are unique', () => {
    const titles = BOUNCE_REASONS.map((r) => BOUNCE_REASON_INFO[r].title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
