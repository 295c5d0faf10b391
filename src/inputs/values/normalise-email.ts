/**
 * Email addresses as identities: checked for the obvious breakage that makes a row
 * unusable, then keyed case-insensitively so that `Ann@X.io` and `ann@x.io` match.
 */

/** What {@link normaliseEmail} accepts, for error messages ("expected …"). */
export const EMAIL_EXPECTED = 'an email address such as name@example.com';

const DOT = 46;
const SPACE = 32;
const DELETE = 127;
const OPEN_ANGLE = 60;
const CLOSE_ANGLE = 62;
const UPPER_A = 65;
const UPPER_Z = 90;
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
  // Nearly every address is printable ASCII without angle brackets: then there is nothing to
  // trim or unwrap and nothing the regex could find, and only A-Z change in lower case. One
  // pass over the characters tells; an address already in lower case is its own key.
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= SPACE || c >= DELETE || c === OPEN_ANGLE || c === CLOSE_ANGLE) return normaliseWrittenEmail(text);
    if (c >= UPPER_A && c <= UPPER_Z) upper = true;
  }
  if (!isAddress(text)) return undefined;
  return { email: text, key: upper ? text.toLowerCase() : text };
}

/**
 * Any text: trimmed, unwrapped from a display-name form, then checked. normaliseEmail's
 * general path (exported so that its fast path is tested against it).
 */
export function normaliseWrittenEmail(text: string): NormalisedEmail | undefined {
  let email = text.trim();
  // `Ann Lee <ann@x.io>` or `<ann@x.io>`, as mail clients and some exports write it: the address.
  if (email.charCodeAt(email.length - 1) === CLOSE_ANGLE) {
    const open = email.lastIndexOf('<');
    if (open < 0) return undefined;
    email = email.slice(open + 1, -1).trim();
  }
  if (FORBIDDEN.test(email) || !isAddress(email)) return undefined;
  return { email, key: email.toLowerCase() };
}

/** The checks after the last `@`: a non-empty local part, and a domain with an inner dot and no `..`. */
function isAddress(email: string): boolean {
  const at = email.lastIndexOf('@');
  // -1: no @ at all (or empty); 0: nothing before it.
  if (at <= 0) return false;
  const domain = at + 1;
  const end = email.length;
  if (domain === end || email.indexOf('.', domain) < 0) return false;
  if (email.charCodeAt(domain) === DOT || email.charCodeAt(end - 1) === DOT) return false;
  return email.indexOf('..', domain) < 0;
}
