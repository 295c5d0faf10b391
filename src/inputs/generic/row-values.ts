import type { RowReject } from '../canonical-records.js';
import type { RecordSink, RowOutcome } from '../input-adapter.js';
import { parseTimestampIn } from '../values/zoned-time.js';

import { BOOLEAN_EXPECTED, parseBoolean } from '../values/parse-boolean.js';
import { COUNT_EXPECTED, parseCount } from '../values/parse-count.js';
import { TIMESTAMP_EXPECTED } from '../values/parse-timestamp.js';

/**
 * Reads typed values from one row by field name. The first problem found becomes the row's
 * reject (with its column), so an adapter reads values and checks `problem` once.
 */
export class RowValues {
  problem: RowReject | undefined;

  constructor(
    private readonly columns: Readonly<Record<string, number>>,
    private readonly header: readonly string[],
    private readonly file: string,
    private fields: readonly string[],
    private line: number,
    /** Zone for values without one of their own (per field, else for all). */
    private readonly zoneFor: (field: string) => string = () => 'UTC',
  ) {}

  /**
   * Moves on to another row of the same file, forgetting the last row's problem: a file's
   * rows can share one instance instead of allocating one each.
   */
  next(fields: readonly string[], line: number): this {
    this.fields = fields;
    this.line = line;
    this.problem = undefined;
    return this;
  }

  /** Sends the first problem to the sink's rejects; the row's outcome. */
  rejectTo(sink: RecordSink): RowOutcome {
    sink.reject(this.problem!);
    return 'rejected';
  }

  has(field: string): boolean {
    return this.columns[field] !== undefined;
  }

  /** The trimmed text of a field, '' when the layout lacks the column. */
  text(field: string): string {
    return this.textAt(this.columns[field]);
  }

  /**
   * The trimmed text at a column index, '' for undefined (a column the layout lacks): for
   * adapters that look their columns up once per file instead of by name on every row.
   */
  textAt(index: number | undefined): string {
    return index === undefined ? '' : (this.fields[index] ?? '').trim();
  }

  timestamp(field: string, required: boolean): number | undefined {
    const text = this.text(field);
    const value = parseTimestampIn(text, this.zoneFor(field));
    if (value === undefined) {
      if (required) this.fail(field, `empty ${this.headerOf(field)}`, TIMESTAMP_EXPECTED);
      return undefined;
    }
    if (Number.isNaN(value)) {
      this.fail(field, `${this.headerOf(field)} "${clip(text)}" is not a date`, TIMESTAMP_EXPECTED);
      return undefined;
    }
    return value;
  }

  boolean(field: string): boolean {
    const text = this.text(field);
    const value = parseBoolean(text);
    if (value === undefined) {
      this.fail(field, `${this.headerOf(field)} "${clip(text)}" is not a yes/no value`, BOOLEAN_EXPECTED);
      return false;
    }
    return value;
  }

  count(field: string, required: boolean): number | undefined {
    const text = this.text(field);
    const value = parseCount(text);
    if (value === undefined) {
      if (required) this.fail(field, `empty ${this.headerOf(field)}`, COUNT_EXPECTED);
      return undefined;
    }
    if (Number.isNaN(value)) {
      this.fail(field, `${this.headerOf(field)} "${clip(text)}" is not a count`, COUNT_EXPECTED);
      return undefined;
    }
    return value;
  }

  /** Records a problem with a field (only the first one is kept). */
  fail(field: string | undefined, reason: string, expected?: string): void {
    if (this.problem) return;
    const index = field === undefined ? undefined : this.columns[field];
    this.problem = {
      file: this.file,
      line: this.line,
      column: index === undefined ? undefined : index + 1,
      reason: expected ? `${reason}; expected ${expected}` : reason,
      fields: this.fields,
    };
  }

  headerOf(field: string): string {
    const index = this.columns[field];
    return index === undefined ? field : (this.header[index] ?? field).trim() || field;
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
