import type { PolicySet } from './index.js';

/** One number of a policy, wherever it sits in the policy's data. */
export interface PolicyThreshold {
  /** Dotted path inside the policy, e.g. `complaintLadder.warning`. */
  path: string;
  value: number;
  comparison?: 'above' | 'at_or_above' | 'below';
  source: string;
  estimate: boolean;
}

/**
 * Every sourced number of a policy, in the order the policy declares them. Walks the data,
 * so a new threshold shows up here without any change.
 */
export function listThresholds(policy: object, prefix = ''): PolicyThreshold[] {
  const out: PolicyThreshold[] = [];
  for (const [key, value] of Object.entries(policy)) {
    if (value === null || typeof value !== 'object') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const v = value as Record<string, unknown>;
    if (typeof v['value'] === 'number' && typeof v['source'] === 'string') {
      out.push({
        path,
        value: v['value'],
        ...(typeof v['comparison'] === 'string' ? { comparison: v['comparison'] as PolicyThreshold['comparison'] } : {}),
        source: v['source'],
        estimate: v['estimate'] === true,
      });
    } else {
      out.push(...listThresholds(v, path));
    }
  }
  return out;
}

export type PolicyName = keyof PolicySet;
