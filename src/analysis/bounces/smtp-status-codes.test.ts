import { describe, expect, it } from 'vitest';
import { BOUNCE_REASONS } from './bounce-reasons.js';
import {
  ENHANCED_CODE_TABLE,
  ENHANCED_SUBJECT_FALLBACK,
  isGenericEnhancedCode,
  lookupBasicCode,
  lookupEnhancedCode,
} from './smtp-status-codes.js';

describe('lookupEnhancedCode: exact codes', () => {
  it.each([
    ['5.1.0', 'user_unknown'],
    ['5.1.1', 'user_unknown'],
    ['5.1.2', 'domain_not_found'],
    ['5.1.3', 'invalid_address'],
    ['5.1.6', 'mailbox_moved'],
    ['5.1.7', 'sender_rejected'],
    ['5.1.8', 'sender_rejected'],
    ['5.1.10', 'user_unknown'],
    ['5.2.1', 'mailbox_disabled'],
    ['4.2.1', 'rate_limited'],
    ['5.2.2', 'mailbox_full'],
    ['4.2.2', 'mailbox_full'],
    ['5.2.3', 'message_too_large'],
    ['5.3.4', 'message_too_large'],
    ['4.3.1', 'system_error'],
    ['4.3.2', 'system_error'],
    ['5.3.2', 'no_mail_accepted'],
    ['4.4.1', 'network_error'],
    ['4.4.2', 'network_error'],
    ['5.4.4', 'unroutable'],
    ['4.4.4', 'unroutable'],
    ['4.4.7', 'expired'],
    ['5.4.7', 'expired'],
    ['4.5.3', 'other_temporary'],
    ['5.5.3', 'other_temporary'],
    ['5.4.1', 'user_unknown'],
    ['4.4.1', 'network_error'],
    ['5.1.90', 'sender_throttled'],
    ['5.7.8', 'relay_denied'],
    ['5.7.57', 'relay_denied'],
    ['5.7.29', 'tls_required'],
    ['5.7.32', 'auth_failure'],
    ['4.7.40', 'auth_failure'],
    ['5.7.509', 'auth_failure'],
    ['5.7.515', 'auth_failure'],
    ['5.7.510', 'policy'],
    ['5.7.606', 'blocklisted'],
    ['5.7.625', 'blocklisted'],
    ['5.7.649', 'blocklisted'],
    ['5.7.708', 'bad_reputation'],
    ['4.7.500', 'sender_throttled'],
    ['4.7.699', 'sender_throttled'],
    ['4.7.850', 'sender_throttled'],
    ['5.7.1', 'policy'],
    ['4.7.1', 'policy'],
    ['5.7.13', 'mailbox_disabled'],
    ['5.7.20', 'auth_failure'],
    ['5.7.23', 'auth_failure'],
    ['5.7.26', 'auth_failure'],
    ['5.7.27', 'auth_failure'],
    ['5.7.25', 'ptr_missing'],
    ['4.7.25', 'ptr_missing'],
    ['5.7.28', 'sender_throttled'],
    ['4.7.28', 'sender_throttled'],
    ['5.7.30', 'auth_failure'],
  ])('%s -> %s', (code, reason) => {
    expect(lookupEnhancedCode(code)).toMatchObject({ reason, match: 'exact' });
  });
});

describe('lookupEnhancedCode: class/subject fallbacks', () => {
  it.each([
    ['4.0.0', 'other_temporary'],
    ['4.1.9', 'other_temporary'],
    ['4.2.9', 'other_temporary'],
    ['4.3.9', 'system_error'],
    ['4.4.9', 'network_error'],
    ['4.6.0', 'content_error'],
    ['4.7.700', 'policy'],
    ['5.0.0', 'other_permanent'],
    ['5.1.91', 'user_unknown'],
    ['5.2.0', 'mailbox_disabled'],
    ['5.3.0', 'system_error'],
    ['5.4.0', 'unroutable'],
    ['5.5.2', 'policy'],
    ['5.6.0', 'content_error'],
    ['5.6.7', 'content_error'],
    ['5.7.0', 'policy'],
    ['5.7.650', 'policy'],
    ['5.7.605', 'policy'],
  ])('%s -> %s', (code, reason) => {
    expect(lookupEnhancedCode(code)).toMatchObject({ reason, match: 'subject' });
  });

  it('says nothing for success or malformed codes', () => {
    expect(lookupEnhancedCode('2.0.0')).toBeUndefined();
    expect(lookupEnhancedCode('5.1')).toBeUndefined();
    expect(lookupEnhancedCode('5.9.1')).toBeUndefined();
    expect(lookupEnhancedCode('')).toBeUndefined();
  });
});

describe('tables', () => {
  it('use only known reasons and well-formed keys', () => {
    for (const [key, entry] of Object.entries(ENHANCED_CODE_TABLE)) {
      expect(key).toMatch(/^[45x]\.[0-7]\.\d{1,3}$/);
      expect(BOUNCE_REASONS).toContain(entry.reason);
      expect(entry.meaning).not.toBe('');
    }
    for (const cls of ['4', '5'] as const) {
      expect(Object.keys(ENHANCED_SUBJECT_FALLBACK[cls]).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    }
  });
});

describe('isGenericEnhancedCode', () => {
  it.each([
    ['5.0.0', true],
    ['5.7.0', true],
    ['4.2.0', true],
    ['5.1.1', false],
    ['5.7.10', false],
    ['4.7.500', false],
  ])('%s -> %s', (code, generic) => {
    expect(isGenericEnhancedCode(code)).toBe(generic);
  });
});

describe('lookupBasicCode', () => {
  it.each([
    ['421', 'system_error'],
    ['450', 'other_temporary'],
    ['451', 'other_temporary'],
    ['452', 'other_temporary'],
    ['550', 'other_permanent'],
    ['552', 'other_permanent'],
    ['554', 'other_permanent'],
  ])('%s -> %s', (code, reason) => {
    expect(lookupBasicCode(code)).toBe(reason);
  });
  it('says nothing for success codes', () => {
    expect(lookupBasicCode('250')).toBeUndefined();
  });
});
