/**
 * AuditResult: the one plain object the analysis produces. Every writer, reporter and the
 * exit code are functions of it; nothing downstream reads inputs again.
 */
import type { BounceKind, BounceReason } from './bounces/bounce-reasons.js';
import type { MailboxProvider } from './providers/mailbox-providers.js';
import type { FormatName } from '../inputs/input-adapter.js';
import type { ComplaintLevel } from './rates/complaint-ladder.js';
import type { Forecast } from './forecast/forecast-next-send.js';
import type { PolicySet } from '../policies/index.js';
import type { PolicyMetric, PolicyScope, VerdictLevel } from '../policies/policy-schema.js';
import type { PackedColumns, RowReject } from '../inputs/canonical-records.js';

export const AUDIT_SCHEMA_VERSION = 1;

/** Account verdict levels, from best to worst (defined with the policies, whose thresholds name them). */
export { VERDICT_LEVELS, type VerdictLevel } from '../policies/policy-schema.js';

/**
 * Why a contact must not be mailed, most severe first. This order is the order of the
 * `reasons` column in suppressed.csv.
 */
export const SUPPRESSION_REASONS = [
  'complained',
  'hard_bounce',
  'spam_trap',
  'unsubscribed',
  'soft_bounce_limit',
  'platform_suppressed',
  'archived',
  'no_opt_in',
  'inactive',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** One campaign, day, window or audit that crossed a policy threshold, with its evidence. */
export interface VerdictReason {
  /** `<policy>.<threshold id>`, e.g. `emma.suspended`, `gmail.spam_rate_limit`. */
  code: string;
  policy: string;
  thresholdId: string;
  /** The verdict level this reason alone leads to (`ok`: a finding that changes no verdict). */
  level: VerdictLevel;
  message: string;
  metric: PolicyMetric;
  scope: PolicyScope;
  /** Only mail to these mailbox providers was counted. */
  providers?: MailboxProvider[];
  /** The rate (a fraction), or the count for `messages_sent`. */
  value: number;
  threshold: number;
  comparison: 'above' | 'at_or_above' | 'below';
  /** What was measured: the campaign, day or window. */
  window: string;
  /** Identifies the measured campaign, day or window (the same across policies). */
  unitKey: string;
  campaign?: string;
  campaigns?: string[];
  /** UTC day (YYYY-MM-DD) for per-day rules. */
  day?: string;
  numerator: number;
  /** null for counts. */
  denominator: number | null;
  /** What crossing it leads to, in the provider's words. */
  consequence: string;
  source: string;
  estimate: boolean;
  /** 95% Wilson interval of the rate (null for counts). */
  interval: { low: number; high: number } | null;
  /**
   * The interval straddles the threshold: the volume is too small to be sure which side the
   * true rate is on. The verdict still follows the platform's literal rule.
   */
  thinEvidence: boolean;
}

/** How close one threshold is: the judged campaign, day or window with the least room left. */
export interface ThresholdHeadroom {
  policy: string;
  code: string;
  metric: PolicyMetric;
  scope: PolicyScope;
  level: VerdictLevel;
  threshold: number;
  comparison: 'above' | 'at_or_above' | 'below';
  /** Campaigns, days or windows measured. */
  unitsJudged: number;
  /** Of those, how many already cross it. */
  unitsCrossed: number;
  /**
   * The unit not yet across with the least room: how many more complaints, bounces (or
   * messages) it can take, its denominator unchanged. null when none is left below it, or for
   * `below` thresholds (more events never cross those).
   */
  closest: { unit: string; numerator: number; denominator: number | null; limit: number; headroom: number } | null;
}

/** A provider requirement that exports cannot show, listed so it is never mistaken for passed. */
export interface NotCheckedRequirement {
  policy: string;
  requirement: string;
  check: string;
  source: string;
}

export interface InputFileSummary {
  file: string;
  role: 'results' | 'contacts';
  /** The source format detected (or forced with --format); `empty` for a JSON file with no records. */
  format: FormatName | 'empty';
  formatTitle: string;
  /** What the file holds. */
  layout: 'event_log' | 'campaign_summary' | 'contacts';
  container: 'csv' | 'json';
  encoding: string;
  /** CSV: the delimiter found. */
  delimiter: string;
  /** JSON: array, lines, concatenated, wrapped or mixed. */
  shape: string;
  /** CSV: the header as read. */
  header: string[];
  /** CSV: which column each field was read from, and the columns deliv did not use (passed through or ignored). */
  columns: { used: Record<string, string>; other: string[] };
  rowsRead: number;
  /** Rows that produced records, or were understood and had nothing to count (see rowsIgnored). */
  rowsUsed: number;
  rowsRejected: number;
  /** Of the used rows, those with nothing to count, by why (e.g. "group_resubscribe event"). */
  rowsIgnored: Record<string, number>;
  blankLines: number;
  /** How campaigns were named: the source's field, or null for contact files. */
  campaignFrom: string | null;
  /** Records that named no campaign and were attributed to the file's base name. */
  campaignFromFileName: number;
  /** The source holds failures only (no sends), so its campaigns' rates cannot be computed. */
  bouncesOnly: boolean;
  /** The zone assumed for timestamps that carry none. */
  timezone: string;
  /** How the file was read, in sentences for the report (time zones, list types, ...). */
  notes: string[];
}

export const INPUT_CONTAINERS = ['csv', 'json'] as const satisfies readonly InputFileSummary['container'][];

/** How a campaign's delivered count was obtained. */
export type DeliveredMethod = 'delivered_events' | 'sent_minus_bounced' | 'summary' | 'no_send_data';
export const DELIVERED_METHODS = ['delivered_events', 'sent_minus_bounced', 'summary', 'no_send_data'] as const satisfies readonly DeliveredMethod[];

export interface CampaignResult {
  campaign: string;
  source: 'event_log' | 'campaign_summary';
  files: string[];
  /** First send (ISO), when known. */
  sentAt: string | null;
  sent: number;
  delivered: number;
  deliveredMethod: DeliveredMethod;
  hardBounces: number;
  softBounces: number;
  blockBounces: number;
  undeterminedBounces: number;
  /** Distinct recipients that bounced at all (any kind). */
  bounced: number;
  deferred: number;
  /** Recipients the platform refused to send to (already on one of its suppression lists). */
  dropped: number;
  complaints: number;
  /** null when the source carries no open data. */
  uniqueOpens: number | null;
  uniqueClicks: number | null;
  unsubscribes: number;
  spamTrapHits: number;
  /** complaints / delivered (Emma's definition). */
  complaintRate: number | null;
  /** bounced / sent. */
  bounceRate: number | null;
  /** hard bounces / sent. */
  hardBounceRate: number | null;
  /** unique opens / delivered. */
  openRate: number | null;
  /** unique clicks / delivered. */
  clickRate: number | null;
  unsubscribeRate: number | null;
  /** spam-trap hits / sent. */
  spamTrapRate: number | null;
  complaintLevel: ComplaintLevel;
  /** Further complaints (delivered unchanged) before the next level; null at the top or without deliveries. */
  complaintHeadroom: number | null;
  complaintsContinued: 'yes' | 'no' | 'unknown' | 'not_applicable';
  complaintsAfterWarning: number;
  /** For each rate: the 95% Wilson interval and the counts it rests on (null without a denominator). */
  evidence: Record<CampaignRateName, RateEvidence | null>;
}

export const CAMPAIGN_SOURCES = ['event_log', 'campaign_summary'] as const satisfies readonly CampaignResult['source'][];

export const CAMPAIGN_RATE_NAMES = ['complaintRate', 'bounceRate', 'hardBounceRate', 'openRate', 'clickRate', 'unsubscribeRate', 'spamTrapRate'] as const;
export type CampaignRateName = (typeof CAMPAIGN_RATE_NAMES)[number];

/** How firmly a rate is known: its numerator and denominator and its 95% Wilson interval. */
export interface RateEvidence {
  numerator: number;
  denominator: number;
  low: number;
  high: number;
}

/** One address on the bounce list. */
export interface BounceListEntry {
  email: string;
  kind: BounceKind;
  reason: BounceReason;
  /** Latest status as found (the status column, else the code in the text). */
  status: string;
  /** Display code used for the explanation, e.g. 550-5.1.1. */
  code: string;
  diagnostic: string;
  explanation: string;
  count: number;
  /** ISO date-time of the latest bounce. */
  lastAt: string;
  campaign: string;
}

/** The bounce list in address order, made one entry at a time as it is read (like the contacts). */
export interface BounceList extends Iterable<BounceListEntry> {
  readonly length: number;
}

/** Bounce events grouped by kind, reason and code, with what they mean. */
export interface BounceCodeSummary {
  kind: BounceKind;
  reason: BounceReason;
  code: string;
  events: number;
  addresses: number;
  explanation: string;
  advice: string;
}

/**
 * A sender alarm: how much of the mail to one mailbox provider was blocked because of the
 * sender (reputation, content, authentication, policy), and the main causes.
 */
export interface ProviderBlockAlarm {
  provider: MailboxProvider;
  name: string;
  /** Recipient-campaign pairs sent to the provider (event logs only). */
  sent: number;
  blocked: number;
  blockRate: number | null;
  /** Most frequent block causes, most events first (at most 3). */
  causes: { reason: BounceReason; title: string; code: string; events: number }[];
  /** "31% of mail to Microsoft blocked: Sender on a blocklist, 5.7.606" */
  message: string;
}

/** Sends and outcomes to one mailbox provider, over a day or over the whole audit. */
export interface ProviderRates {
  provider: MailboxProvider;
  name: string;
  /** UTC day (YYYY-MM-DD), or null for the whole audit. */
  day: string | null;
  sent: number;
  delivered: number;
  bounced: number;
  hardBounces: number;
  complaints: number;
  unsubscribes: number;
  /** complaints / delivered (mail that reached the provider). */
  complaintRate: RateEvidence | null;
  /** hard bounces / sent. */
  hardBounceRate: RateEvidence | null;
}

export interface ContactOutcome {
  email: string;
  emailKey: string;
  eligible: boolean;
  reasons: readonly SuppressionReason[];
  detail: string;
  /** Original columns from the contact export, by header. */
  columns: PackedColumns | null;
}

/**
 * Every contact's outcome, in address order. Made one at a time as they are read: a million
 * outcome records at once would not fit the memory an audit is allowed.
 */
export interface ContactOutcomes extends Iterable<ContactOutcome> {
  readonly length: number;
  /** How many are eligible. */
  readonly eligible: number;
  /** Eligible contacts per mailbox provider (the audience of the next send). */
  readonly eligibleByProvider: ReadonlyMap<MailboxProvider, number>;
}

export interface AudienceSummary {
  total: number;
  fromContacts: number;
  logOnly: number;
  /** Contact rows that repeated an address already seen and were merged into it. */
  duplicateContactRows: number;
  eligible: number;
  suppressed: number;
  suppressedByReason: Record<SuppressionReason, number>;
  /** Contacts with activity within the window (whatever the verdict). */
  active: number;
  /** The activity window, in days before as-of, that makes a contact active. */
  activityWindowDays: number;
  /** Whether `inactive` suppression applies (a judged policy's restriction to active users is in force). */
  restrictedToActive: boolean;
  /** Contacts with an opt-in column left empty (unknown permission; not suppressed). */
  optInUnknown: number;
  /** Activity timestamps later than as-of (counted as recent). */
  activityAfterAsOf: number;
}

export interface AuditResult {
  schemaVersion: typeof AUDIT_SCHEMA_VERSION;
  tool: { name: 'deliv'; version: string };
  /** The moment every window is measured from (ISO). */
  asOf: string;
  policies: PolicySet;
  inputs: InputFileSummary[];
  campaigns: CampaignResult[];
  verdict: {
    /** The worst level of any judged policy. */
    level: VerdictLevel;
    /** Each judged policy's own verdict. */
    byPolicy: Record<string, VerdictLevel>;
    /** The policies whose verdict is the overall one (empty when ok). */
    decidedBy: string[];
    reasons: VerdictReason[];
    /** Findings that do not change the level (thin data, what could not be judged). */
    notes: string[];
    /** Requirements of the judged policies that exports cannot show. */
    notChecked: NotCheckedRequirement[];
  };
  /** For every threshold of every judged policy, how much room is left. */
  headroom: ThresholdHeadroom[];
  /** The next send's risk under each threshold; null without an eligible audience or rates to go on. */
  forecast: Forecast | null;
  bounces: {
    list: BounceList;
    byKind: Record<BounceKind, { events: number; addresses: number }>;
    byCode: BounceCodeSummary[];
    /** Sender alarms: block bounces by recipient mailbox provider, worst first. */
    byProvider: ProviderBlockAlarm[];
  };
  audience: AudienceSummary;
  /**
   * Rates by recipient mailbox provider (sources that record sends only): `total` over the
   * audit, `daily` per UTC day, for the providers' per-day rules.
   */
  providers: { total: ProviderRates[]; daily: ProviderRates[] };
  contacts: ContactOutcomes;
  rejects: RowReject[];
  /** What to do next, from the articles' advice, in priority order. */
  nextSteps: string[];
}
