/**
 * A streaming RFC 4180 tokenizer that knows the exact physical line of every record.
 *
 * Text arrives in chunks that may split anywhere (inside quotes, between a doubled quote,
 * between \r and \n). Fields are cut out of each chunk with `slice`, so the cost per
 * character is one `charCodeAt` and a few comparisons; only fields that straddle a chunk
 * boundary or contain doubled quotes are joined from pieces.
 *
 * Most lines of an export are simpler still: complete in the chunk, without a quote and
 * without a lone \r. Such a line is one record whose fields are the line split at the
 * delimiter, and it is cut that way, with native `indexOf` instead of a scan per
 * character; every other line goes through the state machine.
 */

import { InputError } from '../../errors.js';

/** One CSV record: its fields and the 1-based physical line where it starts. */
export interface CsvRecord {
  /**
   * The field values, unquoted. Long values may be slices that share memory with the
   * decoded chunk; copy them before keeping millions of them alive.
   */
  fields: string[];
  /** 1-based line where the record starts */
  line: number;
}

/** Options of a {@link CsvTokenizer}. */
export interface CsvTokenizerOptions {
  /** A single character that separates fields; not a quote or a line break. */
  delimiter: string;
  /** The file name used in error locations. */
  file: string;
  /** Longest field accepted, in UTF-16 code units (default {@link MAX_FIELD_CHARS}). */
  maxFieldChars?: number;
  /** Most fields accepted in one record (default {@link MAX_FIELDS}). */
  maxFields?: number;
}

/**
 * Limits that keep a broken file from taking all memory or time: no export deliv reads
 * has a cell this long (Excel stops at 32,767 characters) or this many columns (Excel
 * stops at 16,384). Past them the run stops with exit 2 naming the line and column.
 */
export const MAX_FIELD_CHARS = 2_000_000;
export const MAX_FIELDS = 16_384;

const LF = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;
const QUOTE = 34;
const LOW_SURROGATE_FIRST = 0xdc00;
const LOW_SURROGATE_LAST = 0xdfff;

/** Where the tokenizer is between two characters. */
const enum State {
  /** Before the first character of a record (or of a blank line). */
  RecordStart,
  /** After a delimiter: a field starts with the next character. */
  FieldStart,
  /** Inside a field that did not start with a quote. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** Just after a quote inside a quoted field: either half of `""` or the closing quote. */
  QuoteInQuoted,
  /** After the closing quote: only spaces and tabs may come before the delimiter or line end. */
  AfterClosingQuote,
}

/** The index of the first `search` in `text` at or after `from`, or the text's length. */
function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index === -1 ? text.length : index;
}

/** The fields of `text` from `from` to `end` (a line without quotes), split at `delimiter`. */
function splitFields(text: string, from: number, end: number, delimiter: string): string[] {
  const fields: string[] = [];
  for (;;) {
    const at = text.indexOf(delimiter, from);
    if (at === -1 || at >= end) {
      fields.push(text.slice(from, end));
      return fields;
    }
    fields.push(text.slice(from, at));
    from = at + 1;
  }
}

/** Splits decoded CSV text into records, fed in chunks of any size. */
export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly delimiterText: string;
  private readonly file: string;

  private state: State = State.RecordStart;
  private fields: string[] = [];
  /** Text of the current field carried over from earlier chunks (or before a `""`). */
  private pending = '';
  /** Line where the current record starts. */
  private recordLine = 1;
  /** 1-based number of the physical line being read. */
  private line = 1;
  /** Absolute character offset where the current physical line starts. */
  private lineStart = 0;
  /** Low surrogates on the current line so far, so that columns count code points. */
  private lowSurrogates = 0;
  /** Absolute character offset of the next chunk's first character. */
  private offset = 0;
  /** The last chunk ended in a \r: a \n starting the next chunk belongs to the same line break. */
  private endedInCr = false;
  private quoteLine = 0;
  private quoteColumn = 0;
  private ended = false;
  private blank = 0;
  private readonly maxFieldChars: number;
  private readonly maxFields: number;
  /** Absolute offset and low surrogates before it, where the current unquoted field starts. */
  private fieldAt = 0;
  private fieldLow = 0;

  constructor(options: CsvTokenizerOptions) {
    const { delimiter } = options;
    // A programming error, not bad input: the caller picks the delimiter.
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new Error(`CsvTokenizer: unusable delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
    this.delimiterText = delimiter;
    this.file = options.file;
    this.maxFieldChars = options.maxFieldChars ?? MAX_FIELD_CHARS;
    this.maxFields = options.maxFields ?? MAX_FIELDS;
  }

  /** Physical lines seen so far (a last line without a line break counts once it has characters). */
  get linesRead(): number {
    return this.line - 1 + (this.offset > this.lineStart ? 1 : 0);
  }

  /** Empty lines (nothing between two line breaks) skipped so far; they are not records. */
  get blankLines(): number {
    return this.blank;
  }

  /** Feed decoded text (any chunking); calls onRecord for each complete record. */
  write(text: string, onRecord: (record: CsvRecord) => void): void {
    if (this.ended) throw new Error('CsvTokenizer: write() after end()');
    const n = text.length;
    if (n === 0) return;
    const delimiter = this.delimiter;
    const base = this.offset;
    // Hot state lives in locals for the loop and is stored back at the end.
    let state = this.state;
    let fields = this.fields;
    let pending = this.pending;
    let recordLine = this.recordLine;
    let line = this.line;
    let lineStart = this.lineStart;
    let low = this.lowSurrogates;
    let i = 0;
    let fieldStart = 0;
    // The next \n, \r and quote at or after i (n when there is none), found as i passes them.
    let nextLf = -1;
    let nextCr = -1;
    let nextQuote = -1;

    if (this.endedInCr) {
      this.endedInCr = false;
      // The \n of a \r\n split across chunks: same line break, not a new line.
      if (text.charCodeAt(0) === LF) {
        i = 1;
        lineStart = base + 1;
        // Inside quotes the \n is field text; take it now, the scan starts after it.
        if (state === State.Quoted) {
          pending += '\n';
          fieldStart = 1;
        }
      }
    }

    try {
      while (i < n) {
        if (state === State.RecordStart) {
          const c = text.charCodeAt(i);
          if (c === LF || c === CR) {
            this.blank++;
            if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
            else if (c === CR && i + 1 === n) this.endedInCr = true;
            i++;
            line++;
            lineStart = base + i;
            low = 0;
            continue;
          }
          recordLine = line;

          // A whole line in this chunk, without quotes or a lone \r and no longer than one field
          // may be: its fields are the line split at the delimiter.
          if (nextLf < i) nextLf = indexOrEnd(text, '\n', i);
          if (nextLf < n) {
            if (nextQuote < i) nextQuote = indexOrEnd(text, '"', i);
            if (nextCr < i) nextCr = indexOrEnd(text, '\r', i);
            const end = nextCr === nextLf - 1 ? nextCr : nextLf;
            if (nextQuote > nextLf && nextCr >= end && end - i <= this.maxFieldChars) {
              const lineFields = splitFields(text, i, end, this.delimiterText);
              // Past the limit, the state machine reads the line again to name the column.
              if (lineFields.length <= this.maxFields) {
                i = nextLf + 1;
                line++;
                lineStart = base + i;
                this.line = line;
                this.lineStart = lineStart;
                onRecord({ fields: lineFields, line: recordLine });
                continue;
              }
            }
          }
          state = State.FieldStart;
        }

        if (state === State.FieldStart) {
          if (fields.length >= this.maxFields) this.tooManyFields(line, base + i - lineStart - low + 1);
          this.fieldAt = base + i;
          this.fieldLow = low;
          if (text.charCodeAt(i) === QUOTE) {
            this.quoteLine = line;
            this.quoteColumn = base + i - lineStart - low + 1;
            state = State.Quoted;
            i++;
          } else {
            state = State.Unquoted;
          }
          fieldStart = i;
          continue;
        }

        if (state === State.Unquoted) {
          let j = i;
          let c = 0;
          for (; j < n; j++) {
            c = text.charCodeAt(j);
            if (c === delimiter || c === LF || c === CR) break;
            if (c >= LOW_SURROGATE_FIRST && c <= LOW_SURROGATE_LAST) low++;
          }
          if (pending.length + j - fieldStart > this.maxFieldChars) this.tooLong(line, this.fieldAt - lineStart - this.fieldLow + 1, false);
          if (j === n) {
            // The field goes on in the next chunk.
            pending += text.slice(fieldStart, n);
            i = n;
            break;
          }
          fields.push(pending.length === 0 ? text.slice(fieldStart, j) : pending + text.slice(fieldStart, j));
          pending = '';
          if (c === delimiter) {
            state = State.FieldStart;
            i = j + 1;
            continue;
          }
          i = j;
          // Falls through to the record end below with c at text[i].
        } else if (state === State.Quoted) {
          let j = i;
          let c = 0;
          for (; j < n; j++) {
            c = text.charCodeAt(j);
            if (c === QUOTE) break;
            if (c === LF || c === CR) {
              if (c === CR) {
                if (j + 1 < n) {
                  if (text.charCodeAt(j + 1) === LF) j++;
                } else {
                  this.endedInCr = true;
                }
              }
              line++;
              lineStart = base + j + 1;
              low = 0;
            } else if (c >= LOW_SURROGATE_FIRST && c <= LOW_SURROGATE_LAST) {
              low++;
            }
          }
          if (pending.length + j - fieldStart > this.maxFieldChars) this.tooLong(this.quoteLine, this.quoteColumn, true);
          if (j === n) {
            pending += text.slice(fieldStart, n);
            i = n;
            break;
          }
          if (j + 1 === n) {
            // Cannot tell `""` from a closing quote until the next chunk.
            pending += text.slice(fieldStart, j);
            state = State.QuoteInQuoted;
            i = n;
            break;
          }
          if (text.charCodeAt(j + 1) === QUOTE) {
            // Keep the first quote of the pair, skip the second.
            pending += text.slice(fieldStart, j + 1);
            i = j + 2;
            fieldStart = i;
            continue;
          }
          fields.push(pending.length === 0 ? text.slice(fieldStart, j) : pending + text.slice(fieldStart, j));
          pending = '';
          state = State.AfterClosingQuote;
          i = j + 1;
          continue;
        } else if (state === State.QuoteInQuoted) {
          // Only reached at the start of a chunk: the previous chunk ended on a quote.
          if (text.charCodeAt(i) === QUOTE) {
            pending += '"';
            state = State.Quoted;
            i++;
            fieldStart = i;
          } else {
            fields.push(pending);
            pending = '';
            state = State.AfterClosingQuote;
          }
          continue;
        } else {
          // State.AfterClosingQuote
          let j = i;
          let c = 0;
          for (; j < n; j++) {
            c = text.charCodeAt(j);
            if (c === delimiter) break;
            if (c !== SPACE && c !== TAB) break;
          }
          if (j === n) {
            i = n;
            break;
          }
          if (c === delimiter) {
            state = State.FieldStart;
            i = j + 1;
            continue;
          }
          if (c !== LF && c !== CR) {
            throw new InputError(
              { file: this.file, line, column: base + j - lineStart - low + 1 },
              'unexpected character after a closing quote',
              'a delimiter or the end of the line',
            );
          }
          i = j;
        }

        // text[i] is a line break that ends the current record.
        const c = text.charCodeAt(i);
        if (c === CR) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === LF) i++;
          } else {
            this.endedInCr = true;
          }
        }
        i++;
        line++;
        lineStart = base + i;
        low = 0;
        const record: CsvRecord = { fields, line: recordLine };
        fields = [];
        state = State.RecordStart;
        // So that linesRead is current inside onRecord.
        this.line = line;
        this.lineStart = lineStart;
        onRecord(record);
      }
    } finally {
      // Store the locals back, also when onRecord or a syntax error throws.
      this.state = state;
      this.fields = fields;
      this.pending = pending;
      this.recordLine = recordLine;
      this.line = line;
      this.lineStart = lineStart;
      this.lowSurrogates = low;
      this.offset = base + n;
    }
  }

  private tooLong(line: number, column: number, quoted: boolean): never {
    throw new InputError(
      { file: this.file, line, column },
      `a field is longer than ${this.maxFieldChars.toLocaleString('en-US')} characters${quoted ? ' (a quote that is never closed?)' : ''}`,
      `fields of at most ${this.maxFieldChars.toLocaleString('en-US')} characters`,
    );
  }

  private tooManyFields(line: number, column: number): never {
    throw new InputError(
      { file: this.file, line, column },
      `a record has more than ${this.maxFields.toLocaleString('en-US')} fields`,
      `at most ${this.maxFields.toLocaleString('en-US')} columns`,
    );
  }

  /** Flush the final record (a last line without a line break is a record). */
  end(onRecord: (record: CsvRecord) => void): void {
    if (this.ended) return;
    this.ended = true;
    const state = this.state;
    this.state = State.RecordStart;
    if (state === State.RecordStart) return;
    if (state === State.Quoted) {
      throw new InputError(
        { file: this.file, line: this.quoteLine, column: this.quoteColumn },
        'a quoted field is never closed',
        'a closing quote (") before the end of the file',
      );
    }
    // After a delimiter the last field is empty; otherwise it is whatever was pending.
    if (state === State.FieldStart && this.fields.length >= this.maxFields) this.tooManyFields(this.line, this.offset - this.lineStart - this.lowSurrogates + 1);
    if (state === State.FieldStart || state === State.Unquoted || state === State.QuoteInQuoted) {
      this.fields.push(this.pending);
    }
    const record: CsvRecord = { fields: this.fields, line: this.recordLine };
    this.fields = [];
    this.pending = '';
    onRecord(record);
  }
}
