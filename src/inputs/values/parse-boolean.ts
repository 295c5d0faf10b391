/**
 * Yes/no columns (unsubscribed, marked as spam, opt-in…) as exports write them.
 */

/** What {@link parseBoolean} accepts, for error messages ("expected …"). */
export const BOOLEAN_EXPECTED = 'true/false, yes/no, y/n or 1/0 (empty means false)';

/**
 * true or false for `text` (trimmed, any case); an empty value is false;
 * undefined when it is not a yes/no value.
 */
export function parseBoolean(text: string): boolean | undefined {
  // What exports write nearly always, taken as it is: nothing to trim or lower-case.
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  switch (text.trim().toLowerCase()) {
    case 'true':
    case 'yes':
    case 'y':
    case '1':
      return true;
    case '':
    case 'false':
    case 'no':
    case 'n':
    case '0':
      return false;
    default:
      return undefined;
  }
}
