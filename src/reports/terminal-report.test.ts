import { describe, expect, it } from 'vitest';
import { AuditAccumulator } from '../analysis/audit-accumulator.js';
import { finishAudit } from '../analysis/run-audit.js';
import { newFileSummary } from '../inputs/read-input-file.js';
import { defaultPolicies } from '../policies/index.js';
import { verdictLine } from './terminal-report.js';

describe('verdictLine', () => {
  it('names each binding reason code once, with a count when several campaigns share it', () => {
    const acc = new AuditAccumulator();
    acc.beginFile({ ...newFileSummary('s.csv', 'results', { timezone: 'UTC' }), layout: 'campaign_summary' });
    const known = { opens: false, clicks: false, hardBounces: false, softBounces: false, unsubscribes: false, spamTraps: false };
    for (const [n, campaign] of ['A', 'B', 'C'].entries()) {
      acc.addSummary({ summary: { campaign, sent: 1000, delivered: 1000, complaints: 6 }, file: 's.csv', line: n + 2, fields: [campaign], known });
    }
    const result = finishAudit(acc, { policies: defaultPolicies, asOf: Date.UTC(2026, 10, 23), toolVersion: 'test' });
    expect(verdictLine(result, { color: false })).toBe('Verdict: SUSPENDED (emma.suspended ×3)');
  });
});
