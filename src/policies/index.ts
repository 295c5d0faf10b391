import type { FormatName } from '../inputs/input-adapter.js';
import { brevoPolicy } from './brevo.js';
import { emmaPolicy } from './emma.js';
import { gmailPolicy } from './gmail.js';
import { hygienePolicy } from './hygiene.js';
import { intercomPolicy } from './intercom.js';
import { microsoftPolicy } from './microsoft.js';
import { hygienePolicySchema, type HygienePolicy, type Policy, type SourcedNumber } from './policy-schema.js';
import { sesPolicy } from './ses.js';
import { yahooPolicy } from './yahoo.js';

/** Every built-in policy by name. Add a provider by adding its data file and a line here. */
export const BUILT_IN_POLICIES: Readonly<Record<string, Policy>> = {
  emma: emmaPolicy,
  intercom: intercomPolicy,
  ses: sesPolicy,
  gmail: gmailPolicy,
  yahoo: yahooPolicy,
  brevo: brevoPolicy,
  microsoft: microsoftPolicy,
};


/**
 * Judged when no --policy is given: the seeds' platforms (Emma, Intercom) and the mailbox
 * providers' rules, which bind whoever mails their users.
 */
export const DEFAULT_POLICY_NAMES = ['emma', 'intercom', 'gmail', 'yahoo', 'microsoft'] as const;

/** A platform's own policy joins the default set when one of its exports is read. */
export const PLATFORM_POLICY_OF_FORMAT: Partial<Record<FormatName, string>> = {
  'ses-events': 'ses',
  'intercom-people': 'intercom',
};

/** The default set for a run that read these formats, in a stable order. */
export function defaultPolicyNames(formatsRead: Iterable<FormatName | 'empty'>): string[] {
  const names: string[] = [...DEFAULT_POLICY_NAMES];
  for (const format of formatsRead) {
    const own = format === 'empty' ? undefined : PLATFORM_POLICY_OF_FORMAT[format];
    if (own && !names.includes(own)) names.push(own);
  }
  return names;
}

/** The policies an audit applies. */
export interface PolicySet {
  /** The policies that give verdicts, in the order chosen. */
  judged: Policy[];
  /** How they were chosen: the documented default set (plus the platform read), or --policy. */
  chosenBy: 'default' | 'option';
  /** deliv's own list hygiene (suppresses addresses, gives no verdict). */
  hygiene: HygienePolicy;
}

/** The default set when no platform's own export is read (tests and library use). */
export const defaultPolicies: PolicySet = {
  judged: DEFAULT_POLICY_NAMES.map((name) => BUILT_IN_POLICIES[name]!),
  chosenBy: 'default',
  hygiene: hygienePolicy,
};

/**
 * The activity window that decides who is `active`: the first judged policy with a restricted
 * mode sets it, else Intercom's 180 days.
 */
export function activityWindowOf(policies: Pick<PolicySet, 'judged'>): SourcedNumber {
  const own = policies.judged.find((p) => p.restrictedMode)?.restrictedMode;
  return (own ?? intercomPolicy.restrictedMode!).activityWindowDays;
}

/**
 * Emma's complaint ladder places each campaign (campaigns[].complaintLevel): from the judged
 * policy named emma (which a custom file may replace), else the built-in.
 */
export function emmaLadderPolicy(policies: Pick<PolicySet, 'judged'>): Policy {
  return policies.judged.find((p) => p.name === 'emma') ?? emmaPolicy;
}

/** Settings a run may change from the command line; each replaces a policy number. */
export interface PolicyOverrides {
  softBounceLimit?: number;
  softBounceMinDays?: number;
}

/** The hygiene rules with command-line overrides applied, re-validated, each marked with its origin. */
export function applyHygieneOverrides(base: HygienePolicy, overrides: PolicyOverrides): HygienePolicy {
  const limit = base.softBounceLimit;
  return hygienePolicySchema.parse({
    ...base,
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
}

export { hygienePolicy };
export type { HygienePolicy, Policy, PolicyThreshold, SourcedNumber } from './policy-schema.js';
