/**
 * Guesses a CSV file's delimiter from its first line, fed in chunks.
 */

/** The delimiters deliv recognises. */
export type CsvDelimiter = ',' | ';' | '\t';

const LF = 10;
const CR = 13;
const TAB = 9;
const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;

/**
 * Counts `,` `;` and tab outside quotes on the first non-empty line. The most frequent
 * wins; ties prefer `,` then `;`; a line without any of them means `,`.
 */
export class DelimiterSniffer {
  private commas = 0;
  private semicolons = 0;
  private tabs = 0;
  private inQuotes = false;
  /** Nothing but line breaks seen yet: leading empty lines are skipped, not sniffed. */
  private beforeLine = true;
  /** The previous character was a line start or a candidate delimiter, so a quote opens a field. */
  private atFieldStart = true;
  /** The previous character closed a quoted field, so a quote now is half of `""`. */
  private afterClosingQuote = false;
  private done = false;

  /** Scans more text; returns true once the first line has ended (later calls are ignored). */
  scan(text: string): boolean {
    if (this.done) return true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (c === QUOTE) {
          this.inQuotes = false;
          this.afterClosingQuote = true;
        }
        continue;
      }
      if (c === LF || c === CR) {
        if (this.beforeLine) continue;
        this.done = true;
        return true;
      }
      this.beforeLine = false;
      if (c === QUOTE) {
        // A quote opens a field only at its start (or re-opens for `""`); elsewhere it is literal.
        if (this.atFieldStart || this.afterClosingQuote) this.inQuotes = true;
        this.atFieldStart = false;
        this.afterClosingQuote = false;
        continue;
      }
      this.afterClosingQuote = false;
      this.atFieldStart = c === COMMA || c === SEMICOLON || c === TAB;
      if (c === COMMA) this.commas++;
      else if (c === SEMICOLON) this.semicolons++;
      else if (c === TAB) this.tabs++;
    }
    return false;
  }

  /** The delimiter the counts so far point to. */
  get delimiter(): CsvDelimiter {
    const { commas, semicolons, tabs } = this;
    if (commas >= semicolons && commas >= tabs) return ',';
    return semicolons >= tabs ? ';' : '\t';
  }
}
