import { z } from 'zod';
import { MAILBOX_PROVIDERS } from '../analysis/providers/mailbox-providers.js';

/**
 * Every policy is data of one shape: a list of thresholds, each naming the metric, the scope
 * it is measured over, the value, what crossing it leads to and where the number comes from.
 * The generic judge (src/analysis/verdicts/judge-policy.ts) reads these; no number lives in logic.
 */

/** Verdict levels, best to worst. A threshold at `ok` is a finding that changes no verdict (a note). */
export const VERDICT_LEVELS = ['ok', 'warning', 'restricted', 'suspended'] as const;
export type VerdictLevel = (typeof VERDICT_LEVELS)[number];

/** A number with where it comes from and whether the provider published it or deliv estimated it. */
export const sourcedNumberSchema = z.strictObject({
  value: z.number().finite().nonnegative(),
  /** Where the number comes from: a seed article, a published page, or deliv's reasoning. */
  source: z.string().min(1),
  /** true when the provider does not publish the number and deliv chose it. */
  estimate: z.boolean(),
});
export type SourcedNumber = z.infer<typeof sourcedNumberSchema>;

/**
 * What deliv can measure from exports. Each metric has one fixed numerator and denominator,
 * so two policies on the same metric are judged on the same counts; a threshold's own
 * `denominator` text says what the provider itself divides by, when it differs.
 */
export const POLICY_METRICS = [
  'complaint_rate',
  'bounce_rate',
  'hard_bounce_rate',
  'unsubscribe_rate',
  'spam_trap_rate',
  'open_rate',
  'messages_sent',
] as const;
export type PolicyMetric = (typeof POLICY_METRICS)[number];

export const METRIC_DEFINITIONS: Record<PolicyMetric, { title: string; numerator: string; denominator: string; kind: 'rate' | 'count' }> = {
  complaint_rate: { title: 'complaint rate', numerator: 'complaints', denominator: 'delivered', kind: 'rate' },
  bounce_rate: { title: 'bounce rate', numerator: 'bounced recipients', denominator: 'sent', kind: 'rate' },
  hard_bounce_rate: { title: 'hard-bounce rate', numerator: 'hard bounces', denominator: 'sent', kind: 'rate' },
  unsubscribe_rate: { title: 'unsubscribe rate', numerator: 'unsubscribes', denominator: 'delivered', kind: 'rate' },
  spam_trap_rate: { title: 'spam-trap hit rate', numerator: 'spam-trap hits', denominator: 'sent', kind: 'rate' },
  open_rate: { title: 'open rate', numerator: 'unique opens', denominator: 'delivered', kind: 'rate' },
  messages_sent: { title: 'messages sent', numerator: 'messages sent', denominator: '', kind: 'count' },
};

/**
 * What a threshold is measured over:
 * - `campaign`: each campaign on its own (Emma, Brevo's campaign test);
 * - `day`: each UTC day (Gmail's daily spam rate; volumes per 24 hours);
 * - `rolling_window`: at each send, the campaigns sent in the `windowHours` before it (Brevo's last 24 h);
 * - `audit`: everything audited together (SES's "representative volume").
 */
export const POLICY_SCOPES = ['campaign', 'day', 'rolling_window', 'audit'] as const;
export type PolicyScope = (typeof POLICY_SCOPES)[number];

/** Metrics the per-provider, per-day tallies carry (a campaign summary has no recipients to split). */
const PROVIDER_METRICS: readonly PolicyMetric[] = ['complaint_rate', 'bounce_rate', 'hard_bounce_rate', 'unsubscribe_rate', 'messages_sent'];

export const COMPARISONS = ['above', 'at_or_above', 'below'] as const;

const thresholdFields = {
  /** Unique within the policy; the reason code is `<policy>.<id>`. */
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _ , starting with a letter'),
  metric: z.enum(POLICY_METRICS),
  scope: z.enum(POLICY_SCOPES),
  /** rolling_window only: the window's length. */
  windowHours: z.number().int().positive().optional(),
  /** day and audit scopes only: count only mail to these mailbox providers (by recipient domain). */
  providers: z.array(z.enum(MAILBOX_PROVIDERS)).min(1).optional(),
  /** A fraction in [0, 1] for rates (0.002 is 0.2%); a whole number for counts. */
  value: z.number().finite().nonnegative(),
  /**
   * `above`: strictly greater trips it; `at_or_above`: reaching it does; `below`: strictly
   * less does (for rates that should be high, like opens).
   */
  comparison: z.enum(COMPARISONS),
  /** The verdict crossing it leads to under this policy (`ok`: a note only). */
  level: z.enum(VERDICT_LEVELS),
  /** The provider's own window, in words. */
  window: z.string().min(1),
  /** What the provider divides by, in words (deliv's own denominator is the metric's). */
  denominator: z.string().min(1),
  /** What happens when it is crossed, in the provider's words. */
  consequence: z.string().min(1),
  source: z.string().min(1),
  /** true when the provider does not publish the number and deliv chose it. */
  estimate: z.boolean(),
  /** A campaign, day or window with a smaller denominator (or volume) is not judged. */
  minVolume: sourcedNumberSchema.optional(),
  /**
   * campaign scope only: trips only when this many most recent campaigns in a row all cross
   * it, spanning at least `minSpanDays` (Intercom's "low open rates over an extended period").
   */
  sustained: z
    .strictObject({
      campaigns: sourcedNumberSchema.extend({ value: z.number().int().min(1) }),
      minSpanDays: sourcedNumberSchema,
    })
    .optional(),
  /**
   * campaign-scope complaint thresholds only: when complaints keep arriving after the rate
   * first crossed this threshold, the reason is reported under this id instead (Emma's
   * second warning).
   */
  ifComplaintsContinue: z
    .strictObject({ id: z.string().regex(/^[a-z][a-z0-9_]*$/), consequence: z.string().min(1), source: z.string().min(1) })
    .optional(),
};

/** The rules that tie a threshold's fields together; also applied after a custom file's merge. */
function checkThreshold(t: z.infer<z.ZodObject<typeof thresholdFields>>, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const kind = METRIC_DEFINITIONS[t.metric].kind;
  if (kind === 'rate' && t.value > 1) issue('value', `a rate is a fraction between 0 and 1 (0.002 is 0.2%), got ${t.value}`);
  if (kind === 'count' && !Number.isInteger(t.value)) issue('value', `${t.metric} is a count: expected a whole number, got ${t.value}`);
  if (t.scope === 'rolling_window' && t.windowHours === undefined) issue('windowHours', 'a rolling_window threshold needs windowHours');
  if (t.scope !== 'rolling_window' && t.windowHours !== undefined) issue('windowHours', 'windowHours applies only to scope rolling_window');
  if (t.providers && t.scope !== 'day' && t.scope !== 'audit') issue('providers', 'providers can be set only for scope day or audit (campaign results are not split by provider)');
  if ((t.providers || t.scope === 'day') && !PROVIDER_METRICS.includes(t.metric)) {
    issue('metric', `per-provider and per-day rates exist for ${PROVIDER_METRICS.join(', ')} only`);
  }
  if (t.sustained && t.scope !== 'campaign') issue('sustained', 'sustained applies only to scope campaign');
  if (t.ifComplaintsContinue && (t.metric !== 'complaint_rate' || t.scope !== 'campaign' || t.comparison === 'below')) {
    issue('ifComplaintsContinue', 'applies only to a campaign-scope complaint_rate threshold compared above or at_or_above');
  }
}

export const thresholdSchema = z.strictObject(thresholdFields).superRefine(checkThreshold);
export type PolicyThreshold = z.infer<typeof thresholdSchema>;

/** Part of a custom file's threshold: only `id` is required when it overrides an inherited one. */
export const thresholdPatchSchema = z.strictObject(thresholdFields).partial().required({ id: true });
export type PolicyThresholdPatch = z.infer<typeof thresholdPatchSchema>;

/** A requirement the provider sets that cannot be judged from exports (never reported as passed). */
export const notCheckedSchema = z.strictObject({
  requirement: z.string().min(1),
  /** How to check it yourself. */
  check: z.string().min(1),
  source: z.string().min(1),
});
export type NotChecked = z.infer<typeof notCheckedSchema>;

const policyNameSchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, - and _ , starting with a letter');

export const policySchema = z
  .strictObject({
    name: policyNameSchema,
    title: z.string().min(1),
    url: z.string().min(1).optional(),
    /** Whose mail it governs, in words. */
    appliesTo: z.string().min(1),
    /** The built-in this policy was extended from (custom files). */
    extends: policyNameSchema.optional(),
    /**
     * What a `restricted` verdict under this policy means for the audience: only contacts
     * active within this many days may be mailed (Intercom's restricted mode).
     */
    restrictedMode: z.strictObject({ activityWindowDays: sourcedNumberSchema }).optional(),
    thresholds: z.array(thresholdSchema),
    notChecked: z.array(notCheckedSchema),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.thresholds.forEach((t, i) => {
      for (const id of [t.id, t.ifComplaintsContinue?.id]) {
        if (id === undefined) continue;
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['thresholds', i, 'id'], message: `threshold id "${id}" is used twice` });
        seen.add(id);
      }
    });
  });
export type Policy = z.infer<typeof policySchema>;

/**
 * A custom policy file: a whole policy, or `extends` a built-in and overrides thresholds by
 * id (only the fields given change), adds new ones, or removes inherited ones.
 */
export const customPolicyFileSchema = z.strictObject({
  /** Editors' JSON Schema reference; ignored. */
  $schema: z.string().optional(),
  name: policyNameSchema,
  extends: policyNameSchema.optional(),
  title: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
  appliesTo: z.string().min(1).optional(),
  restrictedMode: z.strictObject({ activityWindowDays: sourcedNumberSchema }).optional(),
  thresholds: z.array(thresholdPatchSchema).optional(),
  /** Ids of inherited thresholds to drop. */
  removeThresholds: z.array(z.string()).optional(),
  notChecked: z.array(notCheckedSchema).optional(),
});
export type CustomPolicyFile = z.infer<typeof customPolicyFileSchema>;

/** deliv's own list-hygiene rules, applied whatever the provider (they suppress addresses, give no verdict). */
export const hygienePolicySchema = z.strictObject({
  name: z.literal('hygiene'),
  title: z.string(),
  /** An address with this many soft bounces in a row (no delivery in between)... */
  softBounceLimit: z.strictObject({
    count: sourcedNumberSchema.extend({ value: z.number().int().min(1) }),
    /** ...spread over at least this many days (first to last of them) is suppressed. */
    minSpanDays: sourcedNumberSchema,
  }),
});
export type HygienePolicy = z.infer<typeof hygienePolicySchema>;
