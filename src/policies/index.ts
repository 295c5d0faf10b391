import { emmaPolicy } from './emma.js';
import { hygienePolicy } from './hygiene.js';
import { intercomPolicy } from './intercom.js';
import type { EmmaPolicy, HygienePolicy, IntercomPolicy } from './policy-schema.js';

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

export type { EmmaPolicy, HygienePolicy, IntercomPolicy, RateThreshold, SourcedNumber } from './policy-schema.js';
