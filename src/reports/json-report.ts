import type { AuditResult } from '../analysis/audit-result.js';

/**
 * audit.json: the audit as data. Aggregates only; the per-address lists live in the CSV
 * files, whose names and row counts are given under `outputs`.
 */
export type JsonAudit = Omit<AuditResult, 'contacts' | 'rejects' | 'bounces'> & {
  bounces: Omit<AuditResult['bounces'], 'list'> & { addresses: number };
  rejectedRows: number;
  outputs: Record<string, { rows: number }>;
};

export function jsonAudit(result: AuditResult): JsonAudit {
  const { contacts, rejects, bounces, ...rest } = result;
  const eligible = contacts.eligible;
  const outputs: JsonAudit['outputs'] = {
    'suppressed.csv': { rows: contacts.length - eligible },
    'eligible.csv': { rows: eligible },
    'bounces.csv': { rows: bounces.list.length },
  };
  if (rejects.length) outputs['rejected.csv'] = { rows: rejects.length };
  return {
    ...rest,
    bounces: { byKind: bounces.byKind, byCode: bounces.byCode, byProvider: bounces.byProvider, addresses: bounces.list.length },
    rejectedRows: rejects.length,
    outputs,
  };
}

export function jsonReport(result: AuditResult): string {
  return `${JSON.stringify(jsonAudit(result), null, 2)}\n`;
}
