import { Worker } from 'node:worker_threads';
import type { InputFileSummary } from '../../analysis/audit-result.js';
import { DelivError, type ExitCode } from '../../errors.js';
import type { InputRole } from '../input-adapter.js';
import type { FileSink, ReadInputOptions } from '../read-input-file.js';
import { CallBatchReader, type PackedContactSink, type SinkCall } from './call-batch.js';
import type { WorkerInput, WorkerMessage } from './worker-protocol.js';

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
  const worker = new Worker(new URL('./input-worker.js', import.meta.url), { workerData });
  // The summary the sink was given in beginFile: the accumulator keeps it, so it is updated in place.
  let registered: InputFileSummary | undefined;
  let lastHeaderClone: readonly string[] | undefined;
  let sameAsFile = false;
  const reader = new CallBatchReader(sink, replay, () => registered?.header);
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

  function replay(call: SinkCall): void {
    switch (call[0]) {
      case 'beginFile':
        registered = call[1];
        sink.beginFile(call[1]);
        break;
      case 'addEvent':
        sink.addEvent(call[1], call[2]);
        break;
      case 'addSummary':
        sink.addSummary(call[1]);
        break;
      case 'addContact': {
        // Each message clones the header anew: point the contact back at the file's own array.
        const columns = call[1].columns;
        if (columns.header !== lastHeaderClone) {
          lastHeaderClone = columns.header;
          sameAsFile = registered !== undefined && sameStrings(columns.header, registered.header);
        }
        if (sameAsFile) columns.header = registered!.header;
        sink.addContact(call[1], call[2]);
        break;
      }
      case 'reject':
        sink.reject(call[1]);
        break;
    }
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
