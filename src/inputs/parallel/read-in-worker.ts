import { Worker } from 'node:worker_threads';
import type { InputFileSummary } from '../../analysis/audit-result.js';
import { DelivError, type ExitCode } from '../../errors.js';
import type { InputRole } from '../input-adapter.js';
import type { FileSink, ReadInputOptions } from '../read-input-file.js';
import { CallBatchReader, type PackedContactSink } from './call-batch.js';
import type { WorkerInput, WorkerMessage } from './worker-protocol.js';

/** Young-generation size of a reading worker (MB). */
const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * readInputFile on a worker thread: the file is read and mapped there, and its sink calls are
 * replayed here, in order, into `sink`. Same records, same order, same summary: the audit is
 * byte-identical to reading in-thread, while the two cores share the work.
 */
export function readInputFileInWorker(file: string, role: InputRole, sink: FileSink | PackedContactSink, options: ReadInputOptions): Promise<InputFileSummary> {
  const { onProgress, ...rest } = options;
  const flow = new SharedArrayBuffer(8);
  const counters = new Int32Array(flow);
  const workerData: WorkerInput = { file, role, options: rest, flow, reportProgress: onProgress !== undefined };
  // A small young generation: a worker's garbage is per-row and short-lived, and with the
  // default size two workers would add about 60 MB of resident memory to the audit.
  const worker = new Worker(new URL('./input-worker.js', import.meta.url), { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  const reader = new CallBatchReader(sink);
  return new Promise<InputFileSummary>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      fn();
    };
    worker.on('message', (message: WorkerMessage) => {
      try {
        switch (message.type) {
          case 'calls':
            reader.replay(message.batch);
            Atomics.add(counters, 1, 1);
            Atomics.notify(counters, 1);
            break;
          case 'progress':
            onProgress?.(message.progress);
            break;
          case 'done': {
            // The final counts, into the summary the accumulator holds; its header array stays
            // the one the contacts point at (outputs place their columns by that array).
            // The summary the sink was given in beginFile: the accumulator keeps it, so it is updated in place.
            const registered = reader.registered;
            const header = registered?.header;
            const summary = registered ? Object.assign(registered, message.summary) : message.summary;
            if (header) summary.header = header;
            settle(() => resolve(summary));
            break;
          }
          case 'error':
            settle(() =>
              reject(message.exitCode !== undefined ? new DelivError(message.message, message.exitCode as ExitCode) : Object.assign(new Error(message.message), { stack: message.stack })),
            );
            break;
        }
      } catch (error) {
        settle(() => reject(error));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the reading worker for ${file} stopped (exit ${code}) before it finished`))));
  });
}
