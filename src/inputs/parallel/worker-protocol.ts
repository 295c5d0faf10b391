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

export type WorkerMessage =
  | { type: 'calls'; calls: SinkCall[] }
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
