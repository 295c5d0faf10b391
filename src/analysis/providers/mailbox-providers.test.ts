import { describe, expect, it } from 'vitest';
import { mailboxProviderOf } from './mailbox-providers.js';

describe('mailboxProviderOf', () => {
  it('maps consumer domains to their provider', () => {
    expect(mailboxProviderOf('ada@gmail.com')).toBe('google');
    expect(mailboxProviderOf('ada@googlemail.com')).toBe('google');
    expect(mailboxProviderOf('ada@hotmail.co.uk')).toBe('microsoft');
    expect(mailboxProviderOf('ada@outlook.com')).toBe('microsoft');
    expect(mailboxProviderOf('ada@aol.com')).toBe('yahoo');
    expect(mailboxProviderOf('ada@sbcglobal.net')).toBe('yahoo');
    expect(mailboxProviderOf('ada@me.com')).toBe('apple');
  });
  it('leaves company domains and look-alikes as other', () => {
    expect(mailboxProviderOf('ada@example.org')).toBe('other');
    expect(mailboxProviderOf('ada@yahoo.co.jp')).toBe('other');
    expect(mailboxProviderOf('ada@gmail.co')).toBe('other');
    expect(mailboxProviderOf('ada@mail.gmail.com')).toBe('other');
  });
});
