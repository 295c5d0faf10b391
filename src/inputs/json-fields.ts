import type { RowReject } from './canonical-records.js';
import type { RecordSink, RowOutcome } from './input-adapter.js';
import { parseTimestampIn } from './values/zoned-time.js';

/** Small readers for JSON records: vendors mix types (numbers as strings, arrays or strings). */

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** A value by dotted path (`mail.tags.campaign`); keys may themselves contain dots or dashes. */
export function at(obj: JsonObject | undefined, path: string): unknown {
  if (!obj) return undefined;
  if (path in obj) return obj[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  return at(asObject(obj[path.slice(0, dot)]), path.slice(dot + 1));
}

/** A string (numbers become strings; the first element of an array). */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map(text).find((v) => v !== undefined);
  return undefined;
}

/** Epoch ms from epoch seconds (number or digits) or an ISO string; undefined if absent, NaN if bad. */
export function time(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? (value < 1e11 ? Math.round(value * 1000) : value) : Number.NaN;
  if (typeof value === 'string') return parseTimestampIn(normaliseIsoSpaceOffset(value), 'UTC');
  return undefined;
}

/** AWS's own examples write `2018-10-08T14:05:45 +0000`: drop the space before the offset. */
function normaliseIsoSpaceOffset(value: string): string {
  return value.replace(/\s([+-]\d{2}:?\d{2})$/, '$1');
}

/** Rejects a JSON record with a reason; the original record is kept as one field. */
export function rejectRecord(sink: RecordSink, file: string, line: number, value: unknown, reason: string): RowOutcome {
  const reject: RowReject = { file, line, reason, fields: [clip(JSON.stringify(value) ?? String(value))] };
  sink.reject(reject);
  return 'rejected';
}

function clip(text: string): string {
  return text.length > 2000 ? `${text.slice(0, 1997)}...` : text;
}

/** Share of sample records that carry each of `fields` (any of the alternatives). */
export function detectByFields(
  sample: readonly unknown[],
  required: readonly (readonly string[])[],
  telling: readonly string[] = [],
): { missing: string[]; matched: number } {
  const objects = sample.map(asObject).filter((o): o is JsonObject => o !== undefined);
  if (objects.length === 0) return { missing: required.map((r) => r[0]!), matched: 0 };
  const has = (path: string) => objects.filter((o) => at(o, path) !== undefined).length / objects.length;
  // A field counts when most of the first records carry it.
  const missing = required.filter((alternatives) => Math.max(...alternatives.map(has)) < 0.5).map((a) => a.join(' or '));
  const matched = required.length - missing.length + telling.filter((t) => has(t) >= 0.5).length;
  return { missing, matched };
}
