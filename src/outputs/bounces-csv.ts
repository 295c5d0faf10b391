import type { AuditResult, BounceListEntry } from '../analysis/audit-result.js';
import { csvChunks } from './csv-text.js';

/** bounces.csv: the bounce list, one row per bounced address with its latest bounce. */
export function bouncesCsv(result: AuditResult): Generator<string> {
  return csvChunks(
    ['email', 'kind', 'reason', 'status', 'diagnostic', 'explanation', 'count', 'last_at', 'campaign'],
    rowsOf(result.bounces.list),
  );
}

function* rowsOf(list: Iterable<BounceListEntry>): Generator<string[]> {
  for (const b of list) yield [b.email, b.kind, b.reason, b.status, b.diagnostic, b.explanation, String(b.count), b.lastAt, b.campaign];
}
