import type { z } from 'zod';
import {
  customPolicyFileSchema,
  policySchema,
  thresholdSchema,
  type CustomPolicyFile,
  type Policy,
  type PolicyThreshold,
} from './policy-schema.js';

/** One problem in a custom policy file: the dotted path in the file and what was expected. */
export interface PolicyFileIssue {
  path: string;
  message: string;
}

/**
 * A custom policy from its parsed JSON: either complete on its own, or `extends` a built-in,
 * whose thresholds it overrides by id (only the fields given change), adds to, or removes.
 * Every issue is reported at its path in the file as written, not in the merged result.
 */
export function resolveCustomPolicy(raw: unknown, builtIns: Readonly<Record<string, Policy>>): Policy | PolicyFileIssue {
  const file = customPolicyFileSchema.safeParse(raw);
  if (!file.success) return firstIssue(file.error.issues);
  const spec: CustomPolicyFile = file.data;
  let base: Policy | undefined;
  if (spec.extends !== undefined) {
    base = builtIns[spec.extends];
    if (!base) return { path: 'extends', message: `no built-in policy named "${spec.extends}"; expected one of ${Object.keys(builtIns).join(', ')}` };
  }

  // Inherited thresholds, minus the removed ones; then each entry of the file in turn.
  const removed = new Set(spec.removeThresholds ?? []);
  for (const [i, id] of (spec.removeThresholds ?? []).entries()) {
    if (!base?.thresholds.some((t) => t.id === id)) return { path: `removeThresholds.${i}`, message: `no inherited threshold "${id}" to remove` };
  }
  const thresholds: PolicyThreshold[] = (base?.thresholds ?? []).filter((t) => !removed.has(t.id));
  for (const [i, patch] of (spec.thresholds ?? []).entries()) {
    const at = thresholds.findIndex((t) => t.id === patch.id);
    const merged = at >= 0 ? { ...thresholds[at], ...patch } : patch;
    const checked = thresholdSchema.safeParse(merged);
    if (!checked.success) {
      const issue = firstIssue(checked.error.issues, `thresholds.${i}`);
      // A new threshold must be complete: say so when the field is simply missing.
      const field = checked.error.issues[0]!.path[0];
      if (at < 0 && typeof field === 'string' && !(field in patch)) {
        issue.message = `required for a new threshold ("${patch.id}" is not inherited${base ? ` from ${base.name}` : ''})`;
      }
      return issue;
    }
    if (at >= 0) thresholds[at] = checked.data;
    else thresholds.push(checked.data);
  }

  const policy = policySchema.safeParse({
    name: spec.name,
    title: spec.title ?? (base ? `${base.title} (${spec.name})` : undefined),
    ...(spec.url ?? base?.url ? { url: spec.url ?? base?.url } : {}),
    appliesTo: spec.appliesTo ?? base?.appliesTo,
    ...(spec.extends !== undefined ? { extends: spec.extends } : {}),
    ...(spec.restrictedMode ?? base?.restrictedMode ? { restrictedMode: spec.restrictedMode ?? base?.restrictedMode } : {}),
    thresholds,
    notChecked: spec.notChecked ?? base?.notChecked ?? [],
  });
  if (!policy.success) return firstIssue(policy.error.issues);
  return policy.data;
}

function firstIssue(issues: readonly z.core.$ZodIssue[], prefix?: string): PolicyFileIssue {
  const issue = issues[0]!;
  const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.') || '(the top level)';
  return { path, message: issue.message };
}

export const isPolicyFileIssue = (x: Policy | PolicyFileIssue): x is PolicyFileIssue => 'path' in x && 'message' in x;
