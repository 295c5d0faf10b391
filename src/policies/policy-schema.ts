import { z } from 'zod';

/**
 * The shape of every policy number: its value, where it comes from and whether the
 * provider published it or deliv estimated it. Generic code reads these; no threshold
 * lives in logic.
 */
export const sourcedNumberSchema = z.strictObject({
  value: z.number().finite().nonnegative(),
  /** Where the number comes from: a seed article, a published page, or deliv's reasoning. */
  source: z.string().min(1),
  /** true when the provider does not publish the number and deliv chose it. */
  estimate: z.boolean(),
});
export type SourcedNumber = z.infer<typeof sourcedNumberSchema>;

/** A rate threshold: a fraction in [0, 1] (0.002 is 0.2%) and how it is compared. */
export const rateThresholdSchema = sourcedNumberSchema.extend({
  value: z.number().min(0).max(1),
  /**
   * `above`: strictly greater than the value trips it; `at_or_above`: reaching it does;
   * `below`: strictly less than the value trips it (for rates that should be high, like opens).
   */
  comparison: z.enum(['above', 'at_or_above', 'below']),
});
export type RateThreshold = z.infer<typeof rateThresholdSchema>;

/** Emma's per-campaign complaint ladder (seeds/003). */
export const emmaPolicySchema = z.strictObject({
  name: z.literal('emma'),
  title: z.string(),
  url: z.string(),
  /** What the complaint rate is a fraction of. */
  denominator: z.string(),
  complaintLadder: z.strictObject({
    elevated: rateThresholdSchema,
    warning: rateThresholdSchema,
    suspended: rateThresholdSchema,
  }),
});
export type EmmaPolicy = z.infer<typeof emmaPolicySchema>;

/** Intercom's restriction to active users (seeds/000) and its triggers. */
export const intercomPolicySchema = z.strictObject({
  name: z.literal('intercom'),
  title: z.string(),
  url: z.string(),
  /** Contacts active within this many days before --as-of (inclusive) stay mailable under restriction. */
  activityWindowDays: sourcedNumberSchema,
  /** Spam-trap hits / messages sent, over every campaign audited. */
  spamTrapHitRate: rateThresholdSchema,
  /** "Low open rates over an extended period". */
  lowOpenRate: z.strictObject({
    /** A campaign's unique open rate below this counts as low. */
    openRate: rateThresholdSchema,
    /** This many most-recent campaigns in a row must be low... */
    consecutiveCampaigns: sourcedNumberSchema,
    /** ...and they must span at least this many days (first to last send). */
    minSpanDays: sourcedNumberSchema,
    /** Campaigns with fewer deliveries are too small to judge an open rate on. */
    minDelivered: sourcedNumberSchema,
  }),
});
export type IntercomPolicy = z.infer<typeof intercomPolicySchema>;

/** deliv's own list-hygiene rules, applied whatever the provider. */
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
