import { z } from 'zod';
import { ExitCode, UsageError } from '../../errors.js';
import { customPolicyFileSchema } from '../../policies/policy-schema.js';
import { auditJsonSchema } from '../../reports/audit-json-schema.js';

/** JSON Schemas made from the zod schemas deliv validates with, so they cannot drift. */
const SCHEMAS = {
  policy: { title: 'deliv custom policy file', schema: customPolicyFileSchema, io: 'input' },
  audit: { title: 'deliv audit.json', schema: auditJsonSchema, io: 'output' },
} as const;

/** `deliv schema policy|audit`. */
export function runSchema(which: string, print: (text: string) => void): ExitCode {
  const entry = SCHEMAS[which as keyof typeof SCHEMAS];
  if (!entry) throw new UsageError(`no schema named "${which}"; expected policy or audit`);
  const json = z.toJSONSchema(entry.schema, { io: entry.io, unrepresentable: 'any' });
  print(JSON.stringify({ title: entry.title, ...json }, null, 2));
  return ExitCode.Ok;
}
