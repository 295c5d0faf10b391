import { AuditAccumulator } from '../../analysis/audit-accumulator.js';
import { finishAudit } from '../../analysis/run-audit.js';
import { appendFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DelivError, ExitCode, UsageError } from '../../errors.js';
import type { FormatName, ReadSettings } from '../../inputs/input-adapter.js';
import { readInputFile, type ReadProgress } from '../../inputs/read-input-file.js';
import { readInputFileInWorker } from '../../inputs/parallel/read-in-worker.js';
import { bouncesCsv } from '../../outputs/bounces-csv.js';
import { eligibleCsv, suppressedCsv } from '../../outputs/audience-csv.js';
import { rejectedCsv } from '../../outputs/rejected-csv.js';
import { writeOutputs, type OutputFile } from '../../outputs/write-outputs.js';
import { applyHygieneOverrides, hygienePolicy, type PolicyOverrides } from '../../policies/index.js';
import { resolvePolicyChoice, type PolicyChoiceItem } from '../../config/choose-policies.js';
import { jsonReport } from '../../reports/json-report.js';
import { markdownReport } from '../../reports/markdown-report.js';
import { terminalReport, verdictLine } from '../../reports/terminal-report.js';
import { computeGateExitCode, gateOutsideJudged, type FailGate } from '../exit-codes.js';
import { createProgress } from '../progress.js';
import { DELIV_VERSION } from '../version.js';

export interface AuditOptions {
  results: string[];
  contacts: string[];
  asOf: number;
  outDir: string;
  /** --fail-on: the gates; exit 1 when any trips. */
  failOn: FailGate[];
  json: boolean;
  quiet: boolean;
  /** --threads: 1 never uses a worker, 2 always; unset, large files are read on one when there is a second core. */
  threads?: number;
  /** --strict: exit 2 when any input row was rejected (after writing the outputs). */
  strict?: boolean;
  color: boolean;
  policyOverrides: PolicyOverrides;
  /** --policy, already loaded (custom files validated); undefined: the default set. */
  policyChoice?: PolicyChoiceItem[];
  /** GitHub Actions' step summary file: the Markdown report is appended to it. */
  stepSummaryPath?: string;
  /** How inputs are read: --timezone, --campaign-key, --format. */
  read: ReadSettings & { format?: FormatName };
}

/** `deliv audit`: read inputs -> analyse -> write outputs -> report; returns the exit code. */
export async function runAudit(
  options: AuditOptions,
  print: (text: string) => void,
  printError: (text: string) => void = (text) => void process.stderr.write(`${text}\n`),
): Promise<ExitCode> {
  const accumulator = new AuditAccumulator();
  const progress = createProgress(!options.quiet && !options.json);
  try {
    // Contact exports first, so an address is written as the contact export spells it.
    const read = { ...options.read, onProgress: (p: ReadProgress) => progress.update(p) };
    // With a second core, each file is read and mapped on a worker thread while this one
    // folds its records into the audit (same records, same order: the same outputs).
    const readFile = async (file: string, role: 'contacts' | 'results') =>
      (await useWorker(file, options.threads)) ? readInputFileInWorker(file, role, accumulator, read) : readInputFile(file, role, accumulator, read);
    const readEach = async (files: string[], role: 'contacts' | 'results') => {
      for (const file of files) await readFile(file, role);
    };
    if (options.threads !== undefined ? options.threads > 1 : availableParallelism() >= 2) {
      // Contact exports and result logs are read as two streams at once (each large file on
      // its own worker). How the two interleave changes no result: contacts and logs meet only
      // in commutative rules (latest date, the export's spelling). Within a stream, files are
      // read in the order given, as the rules between two exports or two logs need.
      await firstFailureInOrder([readEach(options.contacts, 'contacts'), readEach(options.results, 'results')]);
    } else {
      await readEach(options.contacts, 'contacts');
      await readEach(options.results, 'results');
    }
    accumulator.orderFiles([...options.contacts, ...options.results]);
  } finally {
    progress.stop();
  }
  const judged = resolvePolicyChoice(options.policyChoice, accumulator.files.map((f) => f.format));
  const stray = gateOutsideJudged(options.failOn, judged.map((p) => p.name));
  if (stray) throw new UsageError(stray);
  const policies = {
    judged,
    chosenBy: options.policyChoice ? ('option' as const) : ('default' as const),
    hygiene: applyHygieneOverrides(hygienePolicy, options.policyOverrides),
  };
  const result = finishAudit(accumulator, { policies, asOf: options.asOf, toolVersion: DELIV_VERSION });

  const report = markdownReport(result);
  const files: OutputFile[] = [
    { name: 'suppressed.csv', chunks: suppressedCsv(result) },
    { name: 'eligible.csv', chunks: eligibleCsv(result) },
    { name: 'bounces.csv', chunks: bouncesCsv(result) },
    { name: 'report.md', chunks: [report] },
    { name: 'audit.json', chunks: [jsonReport(result)] },
  ];
  if (result.rejects.length) files.push({ name: 'rejected.csv', chunks: rejectedCsv(result) });
  const written = await writeOutputs(options.outDir, files, result.rejects.length ? [] : ['rejected.csv'], [...options.results, ...options.contacts]);

  if (options.stepSummaryPath) {
    // A CI job's summary page shows the report under the step that ran deliv.
    await appendFile(options.stepSummaryPath, `${report}\n`).catch((error: Error) => {
      throw new DelivError(`cannot append to GITHUB_STEP_SUMMARY (${options.stepSummaryPath}): ${error.message}`, ExitCode.BadInput);
    });
  }
  if (options.json) print(jsonReport(result).trimEnd());
  else if (options.quiet) print(verdictLine(result, { color: options.color }));
  else print(terminalReport(result, { color: options.color, outDir: options.outDir, written }));
  if (options.strict && result.rejects.length) {
    // Bad input wins over the gate: the outputs are written, but the run is not trusted.
    const rejected = join(options.outDir, 'rejected.csv');
    printError(`deliv: --strict: ${result.rejects.length} row(s) rejected (see ${rejected})`);
    return ExitCode.BadInput;
  }
  return computeGateExitCode(result.verdict, options.failOn);
}

/**
 * Waits for every task; then fails with the first failure in the tasks' order (not in time),
 * so a run with two bad files always names the same one.
 */
async function firstFailureInOrder(tasks: Promise<void>[]): Promise<void> {
  const settled = await Promise.allSettled(tasks);
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
}

/** Below this size a worker's start-up costs more than it saves. */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;

async function useWorker(file: string, threads: number | undefined): Promise<boolean> {
  if (threads !== undefined) return threads > 1;
  if (availableParallelism() < 2) return false;
  const size = await stat(file).then((s) => s.size).catch(() => 0);
  return size >= WORKER_MIN_BYTES;
}
