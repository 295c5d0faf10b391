import type { PolicySet } from '../policies/index.js';
import { listThresholds, type PolicyThreshold } from '../policies/list-thresholds.js';
import { formatThreshold } from './format.js';

const COMPARISON: Record<NonNullable<PolicyThreshold['comparison']>, string> = {
  above: 'above',
  at_or_above: 'at or above',
  below: 'below',
};

/** A threshold's value as people read it: a rate as a percentage, anything else as is. */
function describeValue(t: PolicyThreshold): string {
  const value = t.comparison ? formatThreshold(t.value) : String(t.value);
  return `${t.comparison ? `${COMPARISON[t.comparison]} ` : ''}${value}${t.estimate ? ' (estimate)' : ''}`;
}

/** `deliv policies`: one line per policy. */
export function policiesList(policies: PolicySet): string {
  const entries = Object.entries(policies) as [string, { title: string }][];
  const width = Math.max(...entries.map(([name]) => name.length));
  return entries
    .map(([name, policy]) => `${name.padEnd(width)}  ${policy.title} (${listThresholds(policy).length} thresholds)`)
    .join('\n');
}

/** `deliv policies show <name>`: every threshold with its value and source. */
export function policyDetail(name: string, policy: { title: string; url?: string }): string {
  const thresholds = listThresholds(policy);
  const width = Math.max(...thresholds.map((t) => t.path.length));
  return [
    `${name}: ${policy.title}${policy.url ? `\n${policy.url}` : ''}`,
    '',
    ...thresholds.map((t) => `  ${t.path.padEnd(width)}  ${describeValue(t)}\n  ${' '.repeat(width)}  source: ${t.source}`),
  ].join('\n');
}
