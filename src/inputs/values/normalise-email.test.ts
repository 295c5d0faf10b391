import { describe, expect, it } from 'vitest';
import { EMAIL_EXPECTED, normaliseEmail } from './normalise-email.js';

describe('normaliseEmail', () => {
  it('keeps the trimmed address as written and lower-cases the key', () => {
    expect(normaliseEmail('  Ann.Lee@Example.COM\t')).toEqual({ email: 'Ann.Lee@Example.COM', key: 'ann.lee@example.com' });
    expect(normaliseEmail('a@b.co')).toEqual({ email: 'a@b.co', key: 'a@b.co' });
  });

  it('splits at the last @', () => {
    expect(normaliseEmail('"odd@local"@x.io')).toEqual({ email: '"odd@local"@x.io', key: '"odd@local"@x.io' });
    expect(normaliseEmail('a@b.io@')).toBeUndefined();
  });

  it('accepts plus tags, sub-domains and non-ASCII letters', () => {
    expect(normaliseEmail('Ann+news@mail.Example.co.uk')?.key).toBe('ann+news@mail.example.co.uk');
    expect(normaliseEmail('Jürgen@Bücher.DE')?.key).toBe('jürgen@bücher.de');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'only whitespace'],
    ['ann lee@x.io', 'inner space'],
    ['ann@x.io\u00A0x', 'no-break space'],
    ['Ann <ann lee@x.io>', 'display name around a bad address'],
    ['Ann <ann@x.io', 'unclosed angle bracket'],
    ['ann@x.io>', 'closing angle bracket alone'],
    ['<ann@<x.io>', 'nested angle brackets'],
    ['Ann <>', 'empty angle brackets'],
    ['ann.x.io', 'no @'],
    ['@x.io', 'empty local part'],
    ['ann@', 'empty domain'],
    ['ann@localhost', 'domain without a dot'],
    ['ann@.x.io', 'domain starting with a dot'],
    ['ann@x.io.', 'domain ending with a dot'],
    ['ann@x..io', 'domain with ..'],
  ])('%j is invalid (%s)', (text) => {
    expect(normaliseEmail(text)).toBeUndefined();
  });

  it('takes the address out of a display-name form (Name <address>)', () => {
    expect(normaliseEmail('Ann Lee <Ann@X.io>')).toEqual({ email: 'Ann@X.io', key: 'ann@x.io' });
    expect(normaliseEmail(' <ann@x.io> ')).toEqual({ email: 'ann@x.io', key: 'ann@x.io' });
    expect(normaliseEmail('"Lee, Ann" < ann@x.io >')).toEqual({ email: 'ann@x.io', key: 'ann@x.io' });
  });

  it('does not check the local part beyond being non-empty', () => {
    expect(normaliseEmail('a..b.@x.io')).toEqual({ email: 'a..b.@x.io', key: 'a..b.@x.io' });
  });

  it('describes what it accepts', () => {
    expect(EMAIL_EXPECTED).toBe('an email address such as name@example.com');
  });
});
