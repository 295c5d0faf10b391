import { emmaPolicy } from './emma.js';
import { hygienePolicy } from './hygiene.js';
import { intercomPolicy } from './intercom.js';
import { hygienePolicySchema, type EmmaPolicy, type HygienePolicy, type IntercomPolicy } from './policy-schema.js';

/** The policies an audit applies. Add a provider by adding its file and a key here. */
export interface PolicySet {
  emma: EmmaPolicy;
  intercom: IntercomPolicy;
  hygiene: HygienePolicy;
}

export const defaultPolicies: PolicySet = {
  emma: emmaPolicy,
  intercom: intercomPolicy,
  hygiene: hygienePolicy,
};

/** Settings a run may change from the command line; each replaces a policy number. */
export interface PolicyOverrides {
  softBounceLimit?: number;
  softBounceMinDays?: number;
}

/** The policies with command-line overrides applied, re-validated, each marked with its origin. */
export function applyPolicyOverrides(base: PolicySet, overrides: PolicyOverrides): PolicySet {
  const limit = base.hygiene.softBounceLimit;
  const hygiene = hygienePolicySchema.parse({
    ...base.hygiene,
    softBounceLimit: {
      count:
        overrides.softBounceLimit === undefined
          ? limit.count
          : { value: overrides.softBounceLimit, source: 'set with --soft-bounce-limit', estimate: false },
      minSpanDays:
        overrides.softBounceMinDays === undefined
          ? limit.minSpanDays
          : { value: overrides.softBounceMinDays, source: 'set with --soft-bounce-days', estimate: false },
    },
  });
  return { ...base, hygiene };
}

export type { EmmaPolicy, HygienePolicy, IntercomPolicy, RateThreshold, SourcedNumber } from './policy-schema.js';
