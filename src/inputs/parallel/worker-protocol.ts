import type { InputFileSummary } from '../../analysis/audit-result.js';
import type { CallBatch } from './call-batch.js';
import type { InputRole } from '../input-adapter.js';
import type { ReadInputOptions, ReadProgress } from '../read-input-file.js';

export type WorkerMessage =
  | { type: 'calls'; batch: CallBatch }
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
export const MAX_BATCHES_IN_FLIGHT = 32;
export const CALLS_PER_BATCH = 4096;
/**
 * A batch is sent once its text reaches this many characters (about). V8 deserialises a
 * message over 100 KB straight into the old generation, where every record of it would wait,
 * dead, for a full collection; smaller batches die young on the main thread.
 */
export const BATCH_CHARS = 48 * 1024;
