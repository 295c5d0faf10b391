/**
 * A streaming scanner that cuts JSON records out of vendor event dumps: one JSON array of
 * records, JSON lines, objects written back to back (`}{`), a wrapper object holding the
 * array (`{"items": [...], "paging": {...}}`), or any mix of these.
 *
 * Text arrives in chunks that may split anywhere (inside strings, between a backslash and
 * the character it escapes, between \r and \n, inside a record). The scanner only tracks
 * brackets, strings and escapes, one `charCodeAt` and a few comparisons per character;
 * each record is cut out with `slice` and handed to `JSON.parse`. Memory stays at one
 * chunk plus the record being read.
 */

import { InputError } from '../../errors.js';

/** One record: the parsed value and where it starts. */
export interface JsonRecord {
  /** The parsed value: an object, or whatever else a top-level array holds. */
  value: unknown;
  /** 1-based line where the record starts. */
  line: number;
  /** 1-based column (in code points) of the record's first character. */
  column: number;
}

/** How the records were laid out in the file. */
export type JsonShape = 'array' | 'lines' | 'concatenated' | 'wrapped' | 'mixed';

/** Options of a {@link JsonRecordScanner}. */
export interface JsonRecordScannerOptions {
  /** The file name used in error locations. */
  file: string;
  /** Keys of a top-level object whose array holds the records. */
  wrapperKeys: readonly string[];
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const LEFT_BRACKET = 91;
const BACKSLASH = 92;
const RIGHT_BRACKET = 93;
const LEFT_BRACE = 123;
const RIGHT_BRACE = 125;
const LOW_SURROGATE_FIRST = 0xdc00;
const LOW_SURROGATE_LAST = 0xdfff;

/** The top-level value being read. */
const enum Top {
  None,
  /** A top-level array: its elements are records. */
  Array,
  /** A top-level object that is a record unless it turns out to be a wrapper. */
  Object,
  /** A top-level object whose array under a wrapper key holds the records. */
  Wrapper,
}

/** What a record array (top-level or wrapped) accepts next. */
const enum Expect {
  /** Just after `[`. */
  ValueOrClose,
  /** After `,`. */
  Value,
  /** After an element. */
  CommaOrClose,
}

/** The kind of record being cut out. */
const enum RecordKind {
  None,
  /** An object or array: ends with the bracket that closes it. */
  Bracket,
  /** A string element of an array: ends with its closing quote. */
  String,
  /** A number or literal element of an array: ends before `,`, `]`, `}` or whitespace. */
  Primitive,
}

/** Where the scanner is among the keys of a top-level object (depth 1). */
const enum Key {
  /** After `{` or `,`: a key comes next. */
  Expected,
  /** Inside the key string. */
  InKey,
  /** After the key: a colon comes next. */
  AfterKey,
  /** After the colon: the value comes next. */
  ValueExpected,
  /** Inside or after the value. */
  InValue,
}

/** A depth-1 array of a top-level object whose first element is being waited for. */
const enum ArrayCheck {
  None,
  /** Under any other key. */
  Other,
  /** Under a wrapper key: the object is a wrapper if the array holds objects. */
  WrapperKey,
}

/** Splits decoded JSON text into records, fed in chunks of any size. */
export class JsonRecordScanner {
  private readonly file: string;
  /** Each wrapper key to itself, so that the key kept is not a slice pinning a chunk. */
  private readonly wrapperKeys: ReadonlyMap<string, string>;

  /** 1-based number of the physical line being read. */
  private line = 1;
  /** Absolute character offset where the current line starts. */
  private lineStart = 0;
  /** Low surrogates on the current line so far, so that columns count code points. */
  private low = 0;
  /** Absolute character offset of the next chunk's first character. */
  private offset = 0;
  /** The last chunk ended in a \r: a \n starting the next chunk belongs to the same line break. */
  private endedInCr = false;

  /** Open brackets, innermost last, with where each was opened. */
  private readonly brackets: number[] = [];
  private readonly bracketLines: number[] = [];
  private readonly bracketColumns: number[] = [];

  private inString = false;
  /** The last chunk ended in a backslash inside a string. */
  private escapePending = false;
  private stringLine = 0;
  private stringColumn = 0;

  private top = Top.None;
  /** Depth (open brackets) at which the elements of the open record array sit; -1 when none is open. */
  private arrayDepth = -1;
  private expect = Expect.ValueOrClose;

  private recordKind = RecordKind.None;
  /** Depth outside the record: the record ends when the depth comes back to it. */
  private recordDepth = -1;
  private recordLine = 0;
  private recordColumn = 0;

  /** Text kept from earlier chunks: of the record being read, or of the wrapper around its array. */
  private captured = '';
  private capturing = false;
  /** Absolute offset of the first captured character. */
  private captureOffset = 0;

  private key = Key.InValue;
  /** Absolute offsets of the last key's text, without its quotes. */
  private keyStart = 0;
  private keyEnd = 0;
  private arrayCheck = ArrayCheck.None;
  private arrayCheckKey = '';
  /** The top-level object holds an array of objects under a key that is not a wrapper key. */
  private sawObjectArray = false;

  /** Where the `]` closing the wrapper's record array is. */
  private suffixLine = 0;
  private suffixColumn = 0;
  private firstWrapperKey: string | undefined;

  private arrays = 0;
  private objects = 0;
  private wrappers = 0;
  /** Two top-level values share a line. */
  private sameLine = false;
  /** Line where the last top-level value ended; 0 before the first. */
  private lastTopEnd = 0;
  private ended = false;

  /** The chunk being scanned, where it starts and who hears of its records; set during write(). */
  private text = '';
  private base = 0;
  private onRecord: (record: JsonRecord) => void = ignore;
  /** Index in the chunk where the captured text goes on; -1 when nothing is captured. */
  private captureIndex = -1;

  constructor(options: JsonRecordScannerOptions) {
    this.file = options.file;
    this.wrapperKeys = new Map(options.wrapperKeys.map((key) => [key, key]));
  }

  /** Physical lines seen so far (a last line without a line break counts once it has characters). */
  get linesRead(): number {
    return this.line - 1 + (this.offset > this.lineStart ? 1 : 0);
  }

  /** Top-level values seen so far: arrays, objects that are records, and wrappers. */
  get topLevelValues(): number {
    return this.arrays + this.objects + this.wrappers;
  }

  /** How the file was laid out; meaningful once `end()` has passed and there was a value. */
  get shape(): JsonShape {
    const { arrays, objects, wrappers } = this;
    if (arrays === 1 && objects === 0 && wrappers === 0) return 'array';
    if (wrappers === 1 && arrays === 0 && objects === 0) return 'wrapped';
    if (arrays === 0 && wrappers === 0) return this.sameLine ? 'concatenated' : 'lines';
    return 'mixed';
  }

  /** The key of the first wrapper object read, if any. */
  get wrapperKey(): string | undefined {
    return this.firstWrapperKey;
  }

  /** Feed decoded text (any chunking); calls onRecord for each complete record. */
  write(text: string, onRecord: (record: JsonRecord) => void): void {
    if (this.ended) throw new Error('JsonRecordScanner: write() after end()');
    const n = text.length;
    if (n === 0) return;
    const base = this.offset;
    this.text = text;
    this.base = base;
    this.onRecord = onRecord;
    this.captureIndex = this.capturing ? 0 : -1;
    let i = 0;
    if (this.endedInCr) {
      this.endedInCr = false;
      // The \n of a \r\n split across chunks: same line break, not a new line.
      if (text.charCodeAt(0) === LF) {
        i = 1;
        this.lineStart = base + 1;
      }
    }
    try {
      while (i < n) {
        if (this.inString) i = this.scanString(i);
        else if (this.recordKind === RecordKind.Primitive) i = this.scanPrimitive(i);
        else i = this.scanStructure(i);
      }
    } finally {
      // Also when onRecord or a syntax error throws.
      if (this.captureIndex >= 0) {
        this.captured += text.slice(this.captureIndex);
        this.capturing = true;
      } else {
        this.capturing = false;
      }
      this.captureIndex = -1;
      this.offset = base + n;
      this.text = '';
      this.onRecord = ignore;
    }
  }

  /** Reads string text from text[i] on; returns the index after the closing quote, or the chunk length. */
  private scanString(i: number): number {
    const text = this.text;
    const n = text.length;
    let escaped = this.escapePending;
    this.escapePending = false;
    let c = 0;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c > BACKSLASH) {
        if (escaped) escaped = false;
        if (c >= LOW_SURROGATE_FIRST && c <= LOW_SURROGATE_LAST) this.low++;
        continue;
      }
      if (escaped) {
        escaped = false;
        // A raw line break after a backslash is invalid JSON, but it is still a line.
        if (c !== LF && c !== CR) continue;
      } else if (c === QUOTE) {
        break;
      } else if (c === BACKSLASH) {
        escaped = true;
        continue;
      }
      if (c === LF) this.newLine(i + 1);
      else if (c === CR) i = this.carriageReturn(i);
    }
    if (i === n) {
      this.escapePending = escaped;
      return n;
    }
    // text[i] is the closing quote.
    this.inString = false;
    i++;
    if (this.key === Key.InKey) {
      this.keyEnd = this.base + i - 1;
      this.key = Key.AfterKey;
    } else if (this.recordKind === RecordKind.String) {
      this.emit(i);
    }
    return i;
  }

  /** Reads a number or literal element from text[i] on; returns the index after it, or the chunk length. */
  private scanPrimitive(i: number): number {
    const text = this.text;
    const n = text.length;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === RIGHT_BRACKET || c === RIGHT_BRACE) break;
      if (c === SPACE || c === TAB || c === LF || c === CR) break;
      if (c >= LOW_SURROGATE_FIRST && c <= LOW_SURROGATE_LAST) this.low++;
    }
    // The character after the element is read as part of the array.
    if (i < n) this.emit(i);
    return i;
  }

  /**
   * Reads structure (brackets, commas, colons, whitespace, number and literal characters)
   * from text[i] on; returns the index where a string or a primitive element starts (after
   * its first character), or the chunk length.
   */
  private scanStructure(i: number): number {
    const text = this.text;
    const n = text.length;
    const brackets = this.brackets;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) {
        i++;
        continue;
      }
      if (c === LF) {
        i++;
        this.newLine(i);
        continue;
      }
      if (c === CR) {
        i = this.carriageReturn(i) + 1;
        continue;
      }
      if (this.arrayCheck !== ArrayCheck.None) this.checkArray(c, i);

      const depth = brackets.length;
      if (depth === 0) {
        this.startTopLevel(c, i);
        i++;
        continue;
      }
      if (depth === this.arrayDepth && this.recordKind === RecordKind.None) {
        i = this.arrayElement(c, i, depth);
        // A string or primitive element is read by its own loop.
        if (this.inString || (this.recordKind as RecordKind) === RecordKind.Primitive) return i;
        continue;
      }

      // Inside a record, or inside a wrapper object around its record array.
      const keys = depth === 1 && (this.top === Top.Object || this.top === Top.Wrapper);
      switch (c) {
        case QUOTE:
          this.openString(i);
          if (keys) {
            if (this.key === Key.Expected) {
              this.key = Key.InKey;
              this.keyStart = this.base + i + 1;
            } else if (this.key === Key.ValueExpected) {
              this.key = Key.InValue;
            }
          }
          return i + 1;
        case LEFT_BRACE:
        case LEFT_BRACKET:
          if (keys && this.key === Key.ValueExpected) {
            this.key = Key.InValue;
            if (c === LEFT_BRACKET) this.arrayValue();
          }
          this.push(c, i);
          break;
        case RIGHT_BRACE:
        case RIGHT_BRACKET:
          this.close(c, i, depth);
          break;
        case COMMA:
          if (keys) this.key = Key.Expected;
          break;
        case COLON:
          if (keys && this.key === Key.AfterKey) this.key = Key.ValueExpected;
          break;
        default:
          if (keys && this.key === Key.ValueExpected) this.key = Key.InValue;
          if (c >= LOW_SURROGATE_FIRST && c <= LOW_SURROGATE_LAST) this.low++;
      }
      i++;
    }
    return i;
  }

  /** A top-level value starts with text[i]. */
  private startTopLevel(c: number, i: number): void {
    if (c !== LEFT_BRACE && c !== LEFT_BRACKET) {
      this.fail(i, `unexpected ${describe(this.text, i)}`, '"{" or "[" starting a JSON record');
    }
    if (this.line === this.lastTopEnd) this.sameLine = true;
    this.push(c, i);
    if (c === LEFT_BRACE) {
      this.top = Top.Object;
      this.startRecord(RecordKind.Bracket, 0, i);
      this.key = Key.Expected;
      this.sawObjectArray = false;
    } else {
      this.top = Top.Array;
      this.arrayDepth = 1;
      this.expect = Expect.ValueOrClose;
      this.arrays++;
    }
  }

  /** text[i] comes between the elements of a record array; returns the index after it. */
  private arrayElement(c: number, i: number, depth: number): number {
    if (c === RIGHT_BRACKET) {
      if (this.expect === Expect.Value) {
        this.fail(i, 'unexpected "]" after ","', 'another value (JSON allows no comma before "]")');
      }
      this.pop();
      this.arrayDepth = -1;
      if (this.top === Top.Array) {
        this.endTopLevel();
      } else {
        // The wrapper goes on after its record array; keep its text from the `]`.
        this.suffixLine = this.line;
        this.suffixColumn = this.column(i);
        this.startCapture(i);
        this.key = Key.InValue;
      }
      return i + 1;
    }
    if (this.expect === Expect.CommaOrClose) {
      if (c !== COMMA) this.fail(i, `unexpected ${describe(this.text, i)} after an element of the array`, '"," or "]"');
      this.expect = Expect.Value;
      return i + 1;
    }
    if (c === COMMA || c === COLON || c === RIGHT_BRACE) {
      this.fail(
        i,
        `unexpected ${describe(this.text, i)} in the array`,
        this.expect === Expect.Value ? 'a value after ","' : 'a value or "]"',
      );
    }
    this.expect = Expect.CommaOrClose;
    if (c === LEFT_BRACE || c === LEFT_BRACKET) {
      this.startRecord(RecordKind.Bracket, depth, i);
      this.push(c, i);
    } else if (c === QUOTE) {
      this.startRecord(RecordKind.String, depth, i);
      this.openString(i);
    } else {
      this.startRecord(RecordKind.Primitive, depth, i);
    }
    return i + 1;
  }

  /** text[i] is `}` or `]` inside a record or a wrapper, with `depth` brackets open. */
  private close(c: number, i: number, depth: number): void {
    const open = this.brackets[depth - 1]!;
    if (c !== (open === LEFT_BRACE ? RIGHT_BRACE : RIGHT_BRACKET)) {
      const what = open === LEFT_BRACE ? 'object' : 'array';
      const close = open === LEFT_BRACE ? '"}"' : '"]"';
      const line = this.bracketLines[depth - 1]!;
      const column = this.bracketColumns[depth - 1]!;
      this.fail(
        i,
        `unexpected ${describe(this.text, i)}`,
        `${close} closing the ${what} that starts at line ${line}, column ${column}`,
      );
    }
    this.pop();
    if (depth - 1 === this.recordDepth) {
      if (depth === 1) {
        // A top-level object that is a record.
        this.objects++;
        this.endTopLevel();
      }
      this.emit(i + 1);
    } else if (depth === 1) {
      // The end of a wrapper.
      const suffix = this.capturedTo(i + 1);
      this.stopCapture();
      this.checkWrapper(suffix);
      this.endTopLevel();
    }
  }

  /** An array value of a top-level object opens: check what it holds once its first character comes. */
  private arrayValue(): void {
    if (this.top === Top.Object && !this.sawObjectArray) {
      const key = this.wrapperKeys.get(this.lastKey());
      if (key !== undefined) {
        this.arrayCheck = ArrayCheck.WrapperKey;
        this.arrayCheckKey = key;
        return;
      }
    }
    this.arrayCheck = ArrayCheck.Other;
  }

  /** c, at text[i], is the first character inside an array that is a value of a top-level object. */
  private checkArray(c: number, i: number): void {
    const check = this.arrayCheck;
    this.arrayCheck = ArrayCheck.None;
    const holdsObjects = c === LEFT_BRACE;
    if (this.top === Top.Object) {
      if (check === ArrayCheck.WrapperKey && (holdsObjects || c === RIGHT_BRACKET) && !this.sawObjectArray) {
        this.startWrapper(i);
      } else if (holdsObjects) {
        this.sawObjectArray = true;
      }
    } else if (holdsObjects) {
      // Top.Wrapper, after its record array.
      const where = this.brackets.length - 1;
      throw new InputError(
        { file: this.file, line: this.bracketLines[where], column: this.bracketColumns[where] },
        `the wrapper object holds a second array of objects, under ${JSON.stringify(this.lastKey())}`,
        `one array of records per wrapper object (under ${JSON.stringify(this.arrayCheckKey)})`,
      );
    }
  }

  /** The top-level object being read is a wrapper: the elements of the array just opened are the records. */
  private startWrapper(i: number): void {
    const prefix = this.capturedTo(i);
    this.stopCapture();
    // Broken JSON before the array is reported before any of its records; the text is not kept.
    try {
      JSON.parse(`${prefix}]}`);
    } catch (error) {
      throw this.invalidJson(prefix, error, this.recordLine, this.recordColumn, jsonErrorPosition(error));
    }
    this.top = Top.Wrapper;
    this.recordKind = RecordKind.None;
    this.recordDepth = -1;
    this.arrayDepth = this.brackets.length;
    this.expect = Expect.ValueOrClose;
    this.wrappers++;
    this.firstWrapperKey ??= this.arrayCheckKey;
  }

  private startRecord(kind: RecordKind, depth: number, i: number): void {
    this.recordKind = kind;
    this.recordDepth = depth;
    this.recordLine = this.line;
    this.recordColumn = this.column(i);
    this.startCapture(i);
  }

  /** The record ends before text[end]: parse it and hand it on. */
  private emit(end: number): void {
    const slice = this.capturedTo(end);
    this.stopCapture();
    const { recordLine: line, recordColumn: column } = this;
    this.recordKind = RecordKind.None;
    this.recordDepth = -1;
    let value: unknown;
    try {
      value = JSON.parse(slice);
    } catch (error) {
      throw this.invalidJson(slice, error, line, column, jsonErrorPosition(error));
    }
    this.onRecord({ value, line, column });
  }

  private endTopLevel(): void {
    this.top = Top.None;
    this.lastTopEnd = this.line;
  }

  private openString(i: number): void {
    this.inString = true;
    this.stringLine = this.line;
    this.stringColumn = this.column(i);
  }

  /** A line starts at absolute offset base + at. */
  private newLine(at: number): void {
    this.line++;
    this.lineStart = this.base + at;
    this.low = 0;
  }

  /** text[i] is \r: one line break, with a \n after it; returns the index of its last character. */
  private carriageReturn(i: number): number {
    const text = this.text;
    if (i + 1 < text.length) {
      if (text.charCodeAt(i + 1) === LF) i++;
    } else {
      this.endedInCr = true;
    }
    this.newLine(i + 1);
    return i;
  }

  /** 1-based column of text[at] in code points. */
  private column(at: number): number {
    return this.base + at - this.lineStart - this.low + 1;
  }

  private fail(at: number, problem: string, expected: string): never {
    throw new InputError({ file: this.file, line: this.line, column: this.column(at) }, problem, expected);
  }

  private push(bracket: number, i: number): void {
    this.brackets.push(bracket);
    this.bracketLines.push(this.line);
    this.bracketColumns.push(this.column(i));
  }

  private startCapture(at: number): void {
    this.captureIndex = at;
    this.captured = '';
    this.captureOffset = this.base + at;
  }

  private stopCapture(): void {
    this.captureIndex = -1;
    this.captured = '';
  }

  /** The captured text up to, not including, text[end]. */
  private capturedTo(end: number): string {
    const own = this.text.slice(this.captureIndex, end);
    return this.captured.length === 0 ? own : this.captured + own;
  }

  /** The text of the last key, from the captured text or this chunk. */
  private lastKey(): string {
    const { keyStart, keyEnd, captureOffset, base, text } = this;
    let raw: string;
    if (keyStart >= base) raw = text.slice(keyStart - base, keyEnd - base);
    else if (keyEnd <= base) raw = this.captured.slice(keyStart - captureOffset, keyEnd - captureOffset);
    else raw = this.captured.slice(keyStart - captureOffset) + text.slice(0, keyEnd - base);
    if (raw.indexOf('\\') < 0) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  }

  /** Checks that the input ended outside any string, object or array. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.inString) {
      throw new InputError(
        { file: this.file, line: this.stringLine, column: this.stringColumn },
        'a string is never closed',
        'a closing quote (") before the end of the file',
      );
    }
    const depth = this.brackets.length;
    if (depth > 0) {
      const object = this.brackets[depth - 1] === LEFT_BRACE;
      const line = this.bracketLines[depth - 1]!;
      const column = this.bracketColumns[depth - 1]!;
      let problem = object ? 'an object is never closed' : 'an array is never closed';
      const inRecord = this.recordKind !== RecordKind.None;
      if (inRecord && (this.recordLine !== line || this.recordColumn !== column)) {
        const start = `line ${this.recordLine}, column ${this.recordColumn}`;
        problem += ` (the file ends inside the record that starts at ${start})`;
      }
      throw new InputError(
        { file: this.file, line, column },
        problem,
        `${object ? '"}"' : '"]"'} before the end of the file`,
      );
    }
  }

  private pop(): void {
    this.brackets.pop();
    this.bracketLines.pop();
    this.bracketColumns.pop();
  }

  /** Checks the wrapper's text after its record array (from the `]`) is valid JSON. */
  private checkWrapper(suffix: string): void {
    const opening = '{"":[';
    try {
      JSON.parse(opening + suffix);
    } catch (error) {
      const position = jsonErrorPosition(error);
      const inSuffix = position === undefined ? undefined : Math.max(0, position - opening.length);
      throw this.invalidJson(suffix, error, this.suffixLine, this.suffixColumn, inSuffix);
    }
  }

  /** An InputError for text that JSON.parse rejected, at the place it names when it names one. */
  private invalidJson(
    text: string,
    error: unknown,
    line: number,
    column: number,
    position: number | undefined,
  ): InputError {
    const message = error instanceof Error ? error.message : String(error);
    const at = position === undefined ? { line, column } : locate(text, position, line, column);
    return new InputError({ file: this.file, ...at }, `invalid JSON: ${message}`, 'a valid JSON record');
  }
}

function ignore(): void {}

/** The offset that a JSON.parse error message names ("... in JSON at position 12"), if any. */
function jsonErrorPosition(error: unknown): number | undefined {
  if (!(error instanceof SyntaxError)) return undefined;
  const match = /at position (\d+)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/** Line and column of text[position], given where text[0] is. */
function locate(text: string, position: number, line: number, column: number): { line: number; column: number } {
  const end = Math.min(position, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      line++;
      column = 1;
    } else if (c !== CR && (c < LOW_SURROGATE_FIRST || c > LOW_SURROGATE_LAST)) {
      column++;
    }
  }
  return { line, column };
}

/** A character for an error message: `"x"`, `'"'` or `U+0000`. */
function describe(text: string, at: number): string {
  const code = text.codePointAt(at)!;
  if (code === QUOTE) return `'"'`;
  if (code > 0x20 && code < 0x7f) return `"${String.fromCharCode(code)}"`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
