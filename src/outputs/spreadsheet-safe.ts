/**
 * OWASP CSV-injection guidance: a cell that starts with =, +, -, @, tab or carriage return
 * can be run as a formula by a spreadsheet. Such cells get a leading single quote, which
 * spreadsheets show as text and never evaluate.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
