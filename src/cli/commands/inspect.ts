import { ExitCode } from '../../errors.js';
import type { FormatName, ReadSettings } from '../../inputs/input-adapter.js';
import { inspectFile } from '../../inputs/inspect-file.js';
import { inspectReport } from '../../reports/inspect-report.js';

export interface InspectOptions {
  files: string[];
  json: boolean;
  rows: boolean;
  read: ReadSettings & { format?: FormatName };
}

/**
 * `deliv inspect`: how deliv reads each file. Exit 0 when every file is recognised and
 * read to the end, 2 otherwise (the inspection is printed either way).
 */
export async function runInspect(options: InspectOptions, print: (text: string) => void): Promise<ExitCode> {
  const inspections = [];
  for (const file of options.files) inspections.push(await inspectFile(file, { ...options.read, rows: options.rows }));
  print(options.json ? JSON.stringify(options.files.length === 1 ? inspections[0] : inspections, null, 2) : inspectReport(inspections));
  return inspections.every((i) => i.format && !i.problem) ? ExitCode.Ok : ExitCode.BadInput;
}
