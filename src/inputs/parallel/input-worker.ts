/**
 * A worker thread that reads one input file (tokenizing, decoding, mapping rows to canonical
 * records) while the main thread folds the records of the previous batch into the audit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DelivError } from '../../errors.js';
import type { InputFileSummary } from '../../analysis/audit-result.js';
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, RowReject } from '../canonical-records.js';
import { readInputFile, type FileSink } from '../read-input-file.js';
import { CallBatchWriter } from './call-batch.js';
import { BATCH_CHARS, CALLS_PER_BATCH, MAX_BATCHES_IN_FLIGHT, type WorkerInput, type WorkerMessage } from './worker-protocol.js';

const input = workerData as WorkerInput;
const flow = new Int32Array(input.flow);
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

const batch = new CallBatchWriter();
function flush(): void {
  if (!batch.length) return;
  // Wait while the main thread is too far behind: the queue, and memory, stay bounded.
  for (;;) {
    const sent = Atomics.load(flow, 0);
    const replayed = Atomics.load(flow, 1);
    if (sent - replayed < MAX_BATCHES_IN_FLIGHT) break;
    Atomics.wait(flow, 1, replayed, 1000);
  }
  Atomics.add(flow, 0, 1);
  post({ type: 'calls', batch: batch.take() });
}
const full = () => {
  if (batch.length >= CALLS_PER_BATCH || batch.chars >= BATCH_CHARS) flush();
};

const sink: FileSink = {
  beginFile: (summary: InputFileSummary) => (batch.call(['beginFile', summary]), full()),
  addEvent: (event: DeliveryEvent, file: string) => (batch.event(event, file), full()),
  addSummary: (entry: CampaignSummaryRow) => (batch.call(['addSummary', entry]), full()),
  addContact: (contact: ContactRecord, file: string) => (batch.contact(contact, file), full()),
  reject: (reject: RowReject) => (batch.call(['reject', reject]), full()),
};

try {
  const summary = await readInputFile(input.file, input.role, sink, {
    ...input.options,
    ...(input.reportProgress ? { onProgress: (progress) => post({ type: 'progress', progress }) } : {}),
  });
  flush();
  post({ type: 'done', summary });
} catch (error) {
  flush();
  post({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
    exitCode: error instanceof DelivError ? error.exitCode : undefined,
    stack: error instanceof Error ? error.stack : undefined,
  });
}
