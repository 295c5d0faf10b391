/**
 * Header names are matched loosely: `Last Opened Email`, `last_opened-email` and
 * `LASTOPENEDEMAIL` all name the same column.
 */

// \s covers spaces, tabs, no-break spaces and the BOM (U+FEFF) that Excel leaves on the first name.
const IGNORED = /[\s_-]+/g;

/** The comparable form of a header name: lower case, without a BOM, whitespace, `_` or `-`. */
export function normaliseHeader(name: string): string {
  return name.replace(IGNORED, '').toLowerCase();
}
