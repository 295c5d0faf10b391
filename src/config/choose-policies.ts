import { ConfigError, UsageError } from '../errors.js';
import type { FormatName } from '../inputs/input-adapter.js';
import { isPolicyFileIssue, resolveCustomPolicy } from '../policies/custom-policy.js';
import { BUILT_IN_POLICIES, defaultPolicyNames, type Policy } from '../policies/index.js';
import { readJsonFile } from './read-json-file.js';

/** One entry of --policy: the default set, a built-in or a custom file's policy. */
export type PolicyChoiceItem = { kind: 'default' } | { kind: 'policy'; policy: Policy };

/** A --policy entry that names a file rather than a built-in. */
const looksLikeFile = (item: string) => /[\\/]/.test(item) || /\.json$/i.test(item);

/**
 * Reads --policy (comma-separated built-in names, `default`, and custom policy files) before
 * any input is read, so a bad policy file stops the run at once (exit 2).
 */
export async function loadPolicyChoice(spec: string | readonly string[] | undefined): Promise<PolicyChoiceItem[] | undefined> {
  if (spec === undefined) return undefined;
  const items = (typeof spec === 'string' ? [spec] : spec).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  if (!items.length) throw new UsageError('--policy needs at least one policy name or file');
  const choice: PolicyChoiceItem[] = [];
  for (const item of items) {
    if (item === 'default') choice.push({ kind: 'default' });
    else if (BUILT_IN_POLICIES[item]) choice.push({ kind: 'policy', policy: BUILT_IN_POLICIES[item] });
    else if (looksLikeFile(item)) choice.push({ kind: 'policy', policy: await loadPolicyFile(item) });
    else {
      throw new UsageError(`--policy: no built-in policy named "${item}"; expected default, one of ${Object.keys(BUILT_IN_POLICIES).join(', ')}, or a .json policy file`);
    }
  }
  return choice;
}

/** A custom policy file, validated; problems name the file and the dotted path inside it. */
export async function loadPolicyFile(path: string): Promise<Policy> {
  const raw = await readJsonFile(path, 'a JSON policy (see deliv schema policy)');
  const policy = resolveCustomPolicy(raw, BUILT_IN_POLICIES);
  if (isPolicyFileIssue(policy)) throw new ConfigError(`${path}: ${policy.path}: ${policy.message}`);
  return policy;
}

/** The judged policies once the inputs are read (the default set depends on the formats read). */
export function resolvePolicyChoice(choice: PolicyChoiceItem[] | undefined, formatsRead: Iterable<FormatName | 'empty'>): Policy[] {
  const defaults = () => defaultPolicyNames(formatsRead).map((name) => BUILT_IN_POLICIES[name]!);
  const judged: Policy[] = [];
  for (const item of choice ?? [{ kind: 'default' } as const]) {
    for (const policy of item.kind === 'default' ? defaults() : [item.policy]) {
      const same = judged.find((p) => p.name === policy.name);
      if (same === policy) continue;
      if (same) throw new UsageError(`--policy: two different policies are named "${policy.name}"; give the custom one another name`);
      judged.push(policy);
    }
  }
  return judged;
}
