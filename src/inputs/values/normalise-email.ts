/**
 * Email addresses as identities: checked for the obvious breakage that makes a row
 * unusable, then keyed case-insensitively so that `Ann@X.io` and `ann@x.io` match.
 */

/** What {@link normaliseEmail} accepts, for error messages ("expected …"). */
export const EMAIL_EXPECTED = 'an email address such as name@example.com';

const DOT = 46;
const CLOSE_ANGLE = 62;
// One test per value, not per character: whitespace or angle brackets left in the address.
const FORBIDDEN = /[\s<>]/;

/** The address as written and as compared. */
export interface NormalisedEmail {
  /** The trimmed text as written. */
  email: string;
  /** The trimmed text, lower-cased. */
  key: string;
}

/**
 * Checks and keys an address. A display name form (`Ann <ann@x.io>`, `<ann@x.io>`) gives
 * the address between the angle brackets. Undefined when it is empty, contains whitespace
 * or other angle brackets, or (split at the last `@`) has an empty local part or a domain that is empty,
 * has no dot, starts or ends with a dot or contains `..`.
 */
export function normaliseEmail(text: string): NormalisedEmail | undefined {
  let email = text.trim();
  // `Ann Lee <ann@x.io>` or `<ann@x.io>`, as mail clients and some exports write it: the address.
  if (email.charCodeAt(email.length - 1) === CLOSE_ANGLE) {
    const open = email.lastIndexOf('<');
    if (open < 0) return undefined;
    email = email.slice(open + 1, -1).trim();
  }
  if (email.length === 0 || FORBIDDEN.test(email)) return undefined;
  const at = email.lastIndexOf('@');
  // -1: no @ at all; 0: nothing before it.
  if (at <= 0) return undefined;
  const domain = at + 1;
  const end = email.length;
  if (domain === end || email.indexOf('.', domain) < 0) return undefined;
  if (email.charCodeAt(domain) === DOT || email.charCodeAt(end - 1) === DOT) return undefined;
  if (email.indexOf('..', domain) >= 0) return undefined;
  return { email, key: email.toLowerCase() };
}
