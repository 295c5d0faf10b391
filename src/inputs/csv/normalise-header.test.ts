import { describe, expect, it } from 'vitest';
import { normaliseHeader } from './normalise-header.js';

describe('normaliseHeader', () => {
  it('lower-cases and drops spaces, underscores and hyphens', () => {
    expect(normaliseHeader('Last Opened Email')).toBe('lastopenedemail');
    expect(normaliseHeader('last_opened-email')).toBe('lastopenedemail');
    expect(normaliseHeader('EMAIL')).toBe('email');
  });

  it('drops a BOM and other whitespace', () => {
    expect(normaliseHeader('\uFEFFEmail Address')).toBe('emailaddress');
    expect(normaliseHeader(' \tOpt\u00A0In \r\n')).toBe('optin');
  });

  it('keeps other punctuation and letters', () => {
    expect(normaliseHeader('Sent (UTC)')).toBe('sent(utc)');
    expect(normaliseHeader('Émail')).toBe('émail');
  });

  it('maps a name of only ignored characters to the empty string', () => {
    expect(normaliseHeader(' _-_ ')).toBe('');
  });
});
