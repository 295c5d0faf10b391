/**
 * A worker thread that reads one input file (tokenizing, decoding, mapping rows to canonical
 * records) while the main thread folds the records of the previous batch into the audit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DelivError } from '../../errors.js';
import type { InputFileSummary } from '../../analysis/audit-result.js';
import type { CampaignSummaryRow, ContactRecord, DeliveryEvent, RowReject } from '../canonical-records.js';
import { readInputFile, type FileSink } from '../read-input-file.js';
import { CALLS_PER_BATCH, MAX_BATCHES_IN_FLIGHT, type SinkCall, type WorkerInput, type WorkerMessage } from './worker-protocol.js';

const input = workerData as WorkerInput;
const flow = new Int32Array(input.flow);
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

let calls: (SinkCall | number)[] = [];
let campaigns: string[] = [];
let campaignIndex = new Map<string, number>();
let texts: string[] = [];
let times: number[] = [];
function flush(): void {
  if (!calls.length) return;
  // Wait while the main thread is too far behind: the queue, and memory, stay bounded.
  for (;;) {
    const sent = Atomics.load(flow, 0);
    const replayed = Atomics.load(flow, 1);
    if (sent - replayed < MAX_BATCHES_IN_FLIGHT) break;
    Atomics.wait(flow, 1, replayed, 1000);
  }
  Atomics.add(flow, 0, 1);
  post({ type: 'calls', calls, campaigns, texts, times: Float64Array.from(times) });
  calls = [];
  campaigns = [];
  campaignIndex = new Map();
  texts = [];
  times = [];
}
const push = (call: SinkCall | number) => {
  calls.push(call);
  if (calls.length >= CALLS_PER_BATCH) flush();
};

const sink: FileSink = {
  beginFile: (summary: InputFileSummary) => push(['beginFile', summary]),
  addEvent: (event: DeliveryEvent, file: string) => {
    if (event.status !== undefined || event.diagnostic !== undefined || event.platformBounce !== undefined || event.dropReason !== undefined) {
      push(['addEvent', event, file]);
      return;
    }
    let campaign = campaignIndex.get(event.campaign);
    if (campaign === undefined) campaignIndex.set(event.campaign, (campaign = campaigns.push(event.campaign) - 1));
    texts.push(String(campaign), event.email, event.emailKey === event.email ? '' : event.emailKey, event.event, file);
    push(times.push(event.at) - 1);
  },
  addSummary: (entry: CampaignSummaryRow) => push(['addSummary', entry]),
  addContact: (contact: ContactRecord, file: string) => push(['addContact', contact, file]),
  reject: (reject: RowReject) => push(['reject', reject]),
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
