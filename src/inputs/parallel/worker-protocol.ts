import type { InputFileSummary } from '../../analysis/audit-result.js';
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, RowReject } from '../canonical-records.js';
import type { InputRole } from '../input-adapter.js';
import type { ReadInputOptions, ReadProgress } from '../read-input-file.js';

/**
 * What a reading worker sends back: the sink calls it made, in order, in batches. The main
 * thread replays them into the one accumulator, so the audit is the same as reading in-thread.
 */
export type SinkCall =
  | ['beginFile', InputFileSummary]
  | ['addEvent', DeliveryEvent, string]
  | ['addSummary', CampaignSummaryRow]
  | ['addContact', ContactRecord, string]
  | ['reject', RowReject];

/**
 * A batch. Plain events (no bounce text, platform type or drop reason), the bulk of any log,
 * travel in columns instead of as objects: a number in `calls` points at one, its strings are
 * in `texts` (campaign as an index into `campaigns`, the address, the key or '' when it is the
 * address, the event type) and its time in `times`. Structured clone then copies a few arrays
 * instead of thousands of small objects with their property names.
 */
export interface CallBatch {
  calls: (SinkCall | number)[];
  campaigns: string[];
  texts: string[];
  times: Float64Array;
}

export type WorkerMessage =
  | ({ type: 'calls' } & CallBatch)
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'done'; summary: InputFileSummary }
  | { type: 'error'; message: string; exitCode: number | undefined; stack: string | undefined };

export interface WorkerInput {
  file: string;
  role: InputRole;
  options: Omit<ReadInputOptions, 'onProgress'>;
  /** Int32Array over a SharedArrayBuffer: [batches sent, batches replayed], for backpressure. */
  flow: SharedArrayBuffer;
  reportProgress: boolean;
}

/** Batches in flight before the worker waits for the main thread: bounds memory, whatever the file's size. */
export const MAX_BATCHES_IN_FLIGHT = 8;
export const CALLS_PER_BATCH = 4096;
