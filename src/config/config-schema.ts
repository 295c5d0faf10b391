import { z } from 'zod';
import { FORMAT_NAMES } from '../inputs/input-adapter.js';

/**
 * deliv.config.json: any `deliv audit` flag, by its camel-case name. Precedence: defaults <
 * this file < flags on the command line. Unknown keys are errors (a typo must not be
 * silently ignored in a CI gate).
 */
export const configSchema = z.strictObject({
  contacts: z.array(z.string().min(1)).optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'an ISO date or date-time such as 2026-11-23').optional(),
  out: z.string().min(1).optional(),
  /** A level, or `<policy>:<level>` gates, comma-separated (as --fail-on). */
  failOn: z.string().min(1).optional(),
  format: z.enum(FORMAT_NAMES).optional(),
  campaignKey: z.string().min(1).optional(),
  timezone: z.string().min(1).optional(),
  softBounceLimit: z.number().int().min(1).optional(),
  softBounceDays: z.number().int().min(0).optional(),
  /** As --policy: built-in names, `default`, or custom policy files (comma-separated, or a list). */
  policy: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** As --threads. */
  threads: z.number().int().min(1).optional(),
  json: z.boolean().optional(),
  quiet: z.boolean().optional(),
  /** As --strict: exit 2 when any input row was rejected. */
  strict: z.boolean().optional(),
});
export type DelivConfig = z.infer<typeof configSchema>;
