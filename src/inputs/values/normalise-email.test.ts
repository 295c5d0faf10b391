import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMAIL_EXPECTED, normaliseEmail, normaliseWrittenEmail } from './normalise-email.js';

/** Characters that decide a path or a result: case, the edges of printable ASCII, whitespace of all kinds, brackets. */
const TRICKY = ['a', 'z', 'A', 'Z', 'M', '@', '.', '+', '"', '<', '>', ' ', '\t', '\n', '\r', '\u000b', '\u0000', '\u001f', '!', '~', '\u007f', '\u0080', '\u00a0', '\ufeff', '\u2028', '\u3000', 'é', 'É', 'İ', 'ß', 'Σ', '😀', '\ud800'];

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

  it('keys a lower-case ASCII address with the address itself', () => {
    const email = ['ann', 'x.io'].join('@');
    const normalised = normaliseEmail(email);
    expect(normalised).toEqual({ email, key: email });
    expect(normalised?.email).toBe(email);
  });

  it.each([
    'Ann@X.IO',
    'ann@x.io',
    'ANN@X.IO ',
    '\u00a0ann@x.io',
    'ann@x.io\ufeff',
    'İnci@x.io',
    'ANN@ÉCOLE.FR',
    'Ann <ann@x.io>',
    'ann@x.io<',
    '<>',
    'a@b.c\u007f',
    '\u0001a@b.c',
    'a\u000b@b.c',
    '~!#$%&*+/=?^_`{|}@x.io',
    '"a b"@x.io',
    'a@@b.c',
    '@',
    '.@.',
    'a@b.c.',
    'a@b..c',
  ])('agrees with the general path on %j', (text) => {
    expect(normaliseEmail(text)).toEqual(normaliseWrittenEmail(text));
  });

  it('agrees with the general path on any text', () => {
    const address = fc.tuple(fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 8 }), fc.constantFrom('@', ''), fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 8 }));
    fc.assert(
      fc.property(fc.oneof(address.map((parts) => parts.join('')), fc.string(), fc.string({ unit: 'binary' })), (text) => {
        expect(normaliseEmail(text)).toEqual(normaliseWrittenEmail(text));
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it('describes what it accepts', () => {
    expect(EMAIL_EXPECTED).toBe('an email address such as name@example.com');
  });
});
