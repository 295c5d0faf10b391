import type { AuditResult } from '../analysis/audit-result.js';
import { csvChunks, csvLine } from './csv-text.js';

/** rejected.csv: every input row that could not be used, where it was and why. */
export function rejectedCsv(result: AuditResult): Generator<string> {
  return csvChunks(
    ['file', 'line', 'column', 'reason', 'row'],
    result.rejects.map((r) => [r.file, String(r.line), r.column === undefined ? '' : String(r.column), r.reason, csvLine(r.fields)]),
  );
}
