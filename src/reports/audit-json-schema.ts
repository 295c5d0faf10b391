/**
 * The zod schema of audit.json (`deliv audit --json`), for `deliv schema audit` and for
 * consumers that validate the document. The enums come from the `as const` arrays the
 * analysis itself uses, and the type check at the bottom ties the schema to `JsonAudit`,
 * so the two cannot drift apart unnoticed.
 */
import { z } from 'zod';
import {
  AUDIT_SCHEMA_VERSION,
  CAMPAIGN_RATE_NAMES,
  CAMPAIGN_SOURCES,
  DELIVERED_METHODS,
  INPUT_CONTAINERS,
  SUPPRESSION_REASONS,
} from '../analysis/audit-result.js';
import { BOUNCE_KINDS, BOUNCE_REASONS } from '../analysis/bounces/bounce-reasons.js';
import { MAILBOX_PROVIDERS } from '../analysis/providers/mailbox-providers.js';
import { COMPLAINT_LEVELS, COMPLAINTS_CONTINUED } from '../analysis/rates/complaint-ladder.js';
import { FORMAT_NAMES, INPUT_ROLES, LAYOUTS } from '../inputs/input-adapter.js';
import { COMPARISONS, POLICY_METRICS, POLICY_SCOPES, VERDICT_LEVELS, hygienePolicySchema, policySchema } from '../policies/policy-schema.js';
import type { JsonAudit } from './json-report.js';

const count = (what: string) => z.number().describe(what);
const rate = (what: string) => z.number().nullable().describe(what);

const inputFileSchema = z
  .strictObject({
    file: z.string().describe('The file as given on the command line.'),
    role: z.enum(INPUT_ROLES).describe('Result files are positional arguments; contact exports may also come with --contacts.'),
    format: z
      .enum([...FORMAT_NAMES, 'empty'])
      .describe('The source format detected (or forced with --format); `empty` for a JSON file with no records.'),
    formatTitle: z.string().describe('Human name of the format, e.g. "SendGrid event webhook dump".'),
    layout: z.enum(LAYOUTS).describe('What the file holds.'),
    container: z.enum(INPUT_CONTAINERS).describe('Whether the file is CSV or JSON.'),
    encoding: z.string().describe('The text encoding the file was read with, e.g. "utf-8".'),
    delimiter: z.string().describe('CSV: the delimiter found.'),
    shape: z.string().describe('JSON: array, lines, concatenated, wrapped or mixed.'),
    header: z.array(z.string()).describe('CSV: the header as read.'),
    columns: z
      .strictObject({
        used: z.record(z.string(), z.string()).describe('Field -> the column it was read from.'),
        other: z.array(z.string()).describe('Columns deliv did not use (passed through or ignored).'),
      })
      .describe('CSV: which column each field was read from, and the columns deliv did not use (passed through or ignored).'),
    rowsRead: count('Rows (or JSON records) read from the file.'),
    rowsUsed: count('Rows that produced records, or were understood and had nothing to count (see rowsIgnored).'),
    rowsRejected: count('Rows that could not be used; each is written to rejected.csv.'),
    rowsIgnored: z
      .record(z.string(), z.number())
      .describe('Of the used rows, those with nothing to count, by why (e.g. "group_resubscribe event").'),
    blankLines: count('Blank lines skipped.'),
    campaignFrom: z.string().nullable().describe("How campaigns were named: the source's field, or null for contact files."),
    campaignFromFileName: count("Records that named no campaign and were attributed to the file's base name."),
    bouncesOnly: z
      .boolean()
      .describe("The source holds failures only (no sends), so its campaigns' rates cannot be computed."),
    timezone: z.string().describe('The zone assumed for timestamps that carry none.'),
    notes: z.array(z.string()).describe('How the file was read, in sentences for the report (time zones, list types, ...).'),
  })
  .describe('One input file: how it was recognised and read, and what became of its rows.');

const rateEvidenceSchema = z
  .strictObject({
    numerator: count('The count the rate is made of.'),
    denominator: count('The count the rate is measured over.'),
    low: z.number().describe('Lower bound of the 95% Wilson interval.'),
    high: z.number().describe('Upper bound of the 95% Wilson interval.'),
  })
  .describe('How firmly a rate is known: its numerator and denominator and its 95% Wilson interval.');

const campaignSchema = z
  .strictObject({
    campaign: z.string().describe('Campaign name.'),
    source: z.enum(CAMPAIGN_SOURCES).describe('Whether the figures come from an event log or a campaign summary.'),
    files: z.array(z.string()).describe('The input files the campaign was read from.'),
    sentAt: z.string().nullable().describe('First send (ISO), when known.'),
    sent: count('Recipients the campaign was sent to.'),
    delivered: count('Recipients the campaign reached (see deliveredMethod).'),
    deliveredMethod: z.enum(DELIVERED_METHODS).describe("How the campaign's delivered count was obtained."),
    hardBounces: count('Distinct recipients with a hard bounce.'),
    softBounces: count('Distinct recipients with a soft bounce.'),
    blockBounces: count('Distinct recipients with a block bounce (caused by the sender).'),
    undeterminedBounces: count('Distinct recipients with a bounce that could not be classified.'),
    bounced: count('Distinct recipients that bounced at all (any kind).'),
    deferred: count('Distinct recipients with a deferral (a temporary delay, not a bounce).'),
    dropped: count('Recipients the platform refused to send to (already on one of its suppression lists).'),
    complaints: count('Recipients who marked the campaign as spam.'),
    uniqueOpens: z.number().nullable().describe('Recipients who opened; null when the source carries no open data.'),
    uniqueClicks: z.number().nullable().describe('Recipients who clicked; null when the source carries no click data.'),
    unsubscribes: count('Recipients who unsubscribed.'),
    spamTrapHits: count('Spam-trap addresses hit.'),
    complaintRate: rate("complaints / delivered (Emma's definition)."),
    bounceRate: rate('bounced / sent.'),
    hardBounceRate: rate('hard bounces / sent.'),
    openRate: rate('unique opens / delivered.'),
    clickRate: rate('unique clicks / delivered.'),
    unsubscribeRate: rate('unsubscribes / delivered.'),
    spamTrapRate: rate('spam-trap hits / sent.'),
    complaintLevel: z.enum(COMPLAINT_LEVELS).describe("The campaign's place on Emma's complaint ladder."),
    complaintHeadroom: z
      .number()
      .nullable()
      .describe('Further complaints (delivered unchanged) before the next level; null at the top or without deliveries.'),
    complaintsContinued: z
      .enum(COMPLAINTS_CONTINUED)
      .describe(
        "Whether complaints kept arriving after the rate first went above the warning threshold: 'unknown' when the source has no complaint timestamps (a campaign summary).",
      ),
    complaintsAfterWarning: count('Complaints that arrived strictly after the one that took the rate above the warning threshold.'),
    evidence: z
      .record(z.enum(CAMPAIGN_RATE_NAMES), rateEvidenceSchema.nullable())
      .describe('For each rate: the 95% Wilson interval and the counts it rests on (null without a denominator).'),
  })
  .describe("One campaign's counts, rates and place on Emma's complaint ladder.");

const bounceCodeSchema = z
  .strictObject({
    kind: z.enum(BOUNCE_KINDS).describe('hard, soft, block (caused by the sender) or undetermined.'),
    reason: z.enum(BOUNCE_REASONS).describe('The bounce reason the code was classified as.'),
    code: z.string().describe('Display code, e.g. 550-5.1.1.'),
    events: count('Bounce events with this kind, reason and code.'),
    addresses: count('Distinct addresses among those events.'),
    explanation: z.string().describe('What the bounce means, in plain language.'),
    advice: z.string().describe('What to do about it.'),
  })
  .describe('Bounce events grouped by kind, reason and code, with what they mean.');

const providerBlockAlarmSchema = z
  .strictObject({
    provider: z.enum(MAILBOX_PROVIDERS).describe('The recipient mailbox provider.'),
    name: z.string().describe("The provider's display name."),
    sent: count('Recipient-campaign pairs sent to the provider (event logs only).'),
    blocked: count('Of those, the ones blocked (block bounces).'),
    blockRate: rate('blocked / sent.'),
    causes: z
      .array(
        z.strictObject({
          reason: z.enum(BOUNCE_REASONS).describe('The block reason.'),
          title: z.string().describe("The reason's title."),
          code: z.string().describe('Display code, e.g. 5.7.606.'),
          events: count('Block events with this cause.'),
        }),
      )
      .describe('Most frequent block causes, most events first (at most 3).'),
    message: z.string().describe('"31% of mail to Microsoft blocked: Sender on a blocklist, 5.7.606"'),
  })
  .describe(
    'A sender alarm: how much of the mail to one mailbox provider was blocked because of the sender (reputation, content, authentication, policy), and the main causes.',
  );

const providerRatesSchema = z
  .strictObject({
    provider: z.enum(MAILBOX_PROVIDERS).describe('The recipient mailbox provider.'),
    name: z.string().describe("The provider's display name."),
    day: z.string().nullable().describe('UTC day (YYYY-MM-DD), or null for the whole audit.'),
    sent: count('Sends to the provider.'),
    delivered: count('Deliveries to the provider.'),
    bounced: count('Bounces from the provider.'),
    hardBounces: count('Hard bounces from the provider.'),
    complaints: count('Complaints from the provider.'),
    unsubscribes: count('Unsubscribes from the provider.'),
    complaintRate: rateEvidenceSchema.nullable().describe('complaints / delivered (mail that reached the provider).'),
    hardBounceRate: rateEvidenceSchema.nullable().describe('hard bounces / sent.'),
  })
  .describe('Sends and outcomes to one mailbox provider, over a day or over the whole audit.');

const audienceSchema = z
  .strictObject({
    total: count('Distinct addresses: from contact exports and from result logs.'),
    fromContacts: count('Addresses listed in a contact export.'),
    logOnly: count('Addresses only seen in result logs.'),
    duplicateContactRows: count('Contact rows that repeated an address already seen and were merged into it.'),
    eligible: count('Contacts that may be mailed (eligible.csv).'),
    suppressed: count('Contacts that must not be mailed (suppressed.csv).'),
    suppressedByReason: z
      .record(z.enum(SUPPRESSION_REASONS), z.number())
      .describe('Suppressed contacts by reason; a contact with several reasons counts under each.'),
    active: count('Contacts with activity within the window (whatever the verdict).'),
    activityWindowDays: count('The activity window, in days before as-of, that makes a contact active.'),
    restrictedToActive: z.boolean().describe("Whether `inactive` suppression applies (a judged policy's restriction to active users is in force)."),
    optInUnknown: count('Contacts with an opt-in column left empty (unknown permission; not suppressed).'),
    activityAfterAsOf: count('Activity timestamps later than as-of (counted as recent).'),
  })
  .describe('Who may be mailed and who not, and why.');

const levelSchema = z.enum(VERDICT_LEVELS);
const comparisonSchema = z.enum(COMPARISONS);

const verdictReasonSchema = z
  .strictObject({
    code: z.string().describe('`<policy>.<threshold id>`, e.g. `emma.suspended`, `gmail.spam_rate_limit`.'),
    policy: z.string().describe('The judged policy this reason comes from.'),
    thresholdId: z.string().describe('The threshold crossed (the code may name its continuation, e.g. emma.second_warning).'),
    level: levelSchema.describe('The verdict this reason alone leads to (`ok`: a finding that changes no verdict).'),
    message: z.string().describe('The reason in a sentence.'),
    metric: z.enum(POLICY_METRICS),
    scope: z.enum(POLICY_SCOPES),
    providers: z.array(z.enum(MAILBOX_PROVIDERS)).optional().describe('Only mail to these mailbox providers was counted.'),
    value: z.number().describe('The rate (a fraction), or the count for messages_sent.'),
    threshold: z.number().describe("The threshold's value."),
    comparison: comparisonSchema,
    window: z.string().describe('What was measured: the campaign, day or window.'),
    unitKey: z.string().describe('Identifies the measured campaign, day or window (the same across policies).'),
    campaign: z.string().optional(),
    campaigns: z.array(z.string()).optional(),
    day: z.string().optional().describe('UTC day (YYYY-MM-DD) for per-day rules.'),
    numerator: z.number(),
    denominator: z.number().nullable().describe('null for counts.'),
    consequence: z.string().describe("What crossing it leads to, in the provider's words."),
    source: z.string(),
    estimate: z.boolean().describe('true when the provider does not publish the number and deliv chose it.'),
    interval: z.strictObject({ low: z.number(), high: z.number() }).nullable().describe('95% Wilson interval of the rate (null for counts).'),
    thinEvidence: z.boolean().describe('The interval straddles the threshold: too little volume to be sure which side the true rate is on.'),
  })
  .describe('One campaign, day, window or audit that crossed a policy threshold, with its evidence.');

const verdictSchema = z
  .strictObject({
    level: levelSchema.describe('The worst level of any judged policy.'),
    byPolicy: z.record(z.string(), levelSchema).describe("Each judged policy's own verdict."),
    decidedBy: z.array(z.string()).describe('The policies whose verdict is the overall one (empty when ok).'),
    reasons: z.array(verdictReasonSchema),
    notes: z.array(z.string()).describe('Findings that do not change the level (thin data, what could not be judged).'),
    notChecked: z
      .array(z.strictObject({ policy: z.string(), requirement: z.string(), check: z.string(), source: z.string() }))
      .describe('Requirements of the judged policies that exports cannot show (never passed).'),
  })
  .describe('The verdict of every judged policy and the overall one.');

/** Which threshold of which policy a headroom or forecast entry is about. */
const thresholdRef = {
  policy: z.string(),
  code: z.string().describe('`<policy>.<threshold id>`.'),
  metric: z.enum(POLICY_METRICS),
  scope: z.enum(POLICY_SCOPES),
  level: levelSchema,
  threshold: z.number(),
  comparison: comparisonSchema,
};

const headroomSchema = z
  .strictObject({
    ...thresholdRef,
    unitsJudged: z.number().describe('Campaigns, days or windows measured.'),
    unitsCrossed: z.number().describe('Of those, how many already cross it.'),
    closest: z
      .strictObject({ unit: z.string(), numerator: z.number(), denominator: z.number().nullable(), limit: z.number(), headroom: z.number() })
      .nullable()
      .describe('The unit not yet across with the least room: how many more events it can take, its denominator unchanged.'),
  })
  .describe('How close one threshold is.');

const rateOrNull = z.number().nullable();
const forecastSchema = z
  .strictObject({
    audience: z.number().describe('Eligible contacts: the next send goes to each once.'),
    basis: z.strictObject({
      campaigns: z.array(z.string()),
      from: z.string().nullable(),
      to: z.string().nullable(),
      sent: z.number(),
      delivered: z.number(),
    }),
    rates: z.strictObject({
      complaint_rate: rateOrNull,
      bounce_rate: rateOrNull,
      hard_bounce_rate: rateOrNull,
      unsubscribe_rate: rateOrNull,
      spam_trap_rate: rateOrNull,
      open_rate: rateOrNull,
    }),
    expected: z.strictObject({
      sent: z.number(),
      delivered: z.number(),
      complaints: z.number(),
      bounces: z.number(),
      hardBounces: z.number(),
      unsubscribes: z.number(),
      spamTrapHits: z.number(),
    }),
    thresholds: z.array(
      z.strictObject({
        ...thresholdRef,
        volume: z.number(),
        rate: rateOrNull,
        expected: z.number(),
        limit: z.number().nullable(),
        probability: z.number().describe('Probability that the next send crosses the threshold.'),
      }),
    ),
    assumptions: z.array(z.string()),
    notForecast: z.array(z.string()),
  })
  .nullable()
  .describe('The next send\'s risk under each threshold (binomial); null without an eligible audience or send data.');

const policiesSchema = z
  .strictObject({
    judged: z.array(policySchema).describe('The policies that give verdicts, in the order chosen.'),
    chosenBy: z.enum(['default', 'option']).describe('The documented default set, or --policy.'),
    hygiene: hygienePolicySchema.describe("deliv's own list hygiene (suppresses addresses, gives no verdict)."),
  })
  .describe('The policies applied, with every threshold and its source.');

export const auditJsonSchema = z
  .strictObject({
    schemaVersion: z.literal(AUDIT_SCHEMA_VERSION).describe('Version of this document layout.'),
    tool: z
      .strictObject({
        name: z.literal('deliv').describe('The tool that wrote the document.'),
        version: z.string().describe("deliv's version."),
      })
      .describe('The tool that wrote the document.'),
    asOf: z.string().describe('The moment every window is measured from (ISO).'),
    policies: policiesSchema,
    inputs: z.array(inputFileSchema).describe('Every input file, in the order read.'),
    campaigns: z.array(campaignSchema).describe('Every campaign found in the inputs.'),
    verdict: verdictSchema,
    headroom: z.array(headroomSchema).describe('For every threshold of every judged policy, how much room is left.'),
    forecast: forecastSchema,
    audience: audienceSchema,
    providers: z
      .strictObject({
        total: z.array(providerRatesSchema).describe('Rates per provider over the whole audit.'),
        daily: z.array(providerRatesSchema).describe("Rates per provider per UTC day, for the providers' per-day rules."),
      })
      .describe(
        'Rates by recipient mailbox provider (sources that record sends only): `total` over the audit, `daily` per UTC day, for the providers\' per-day rules.',
      ),
    nextSteps: z.array(z.string()).describe("What to do next, from the articles' advice, in priority order."),
    bounces: z
      .strictObject({
        byKind: z
          .record(
            z.enum(BOUNCE_KINDS),
            z.strictObject({
              events: count('Bounce events of this kind.'),
              addresses: count('Distinct addresses with a bounce of this kind.'),
            }),
          )
          .describe('Bounce events and addresses by kind.'),
        byCode: z.array(bounceCodeSchema).describe('Bounce events grouped by kind, reason and code, with what they mean.'),
        byProvider: z
          .array(providerBlockAlarmSchema)
          .describe('Sender alarms: block bounces by recipient mailbox provider, worst first.'),
        addresses: count('Addresses on the bounce list (bounces.csv).'),
      })
      .describe('Bounce aggregates; the per-address list is bounces.csv.'),
    rejectedRows: count('Input rows that could not be used (rejected.csv).'),
    outputs: z
      .record(z.string(), z.strictObject({ rows: count('Data rows in the file.') }))
      .describe('The CSV files written next to audit.json, by name, with their row counts.'),
  })
  .describe(
    'audit.json: the audit as data. Aggregates only; the per-address lists live in the CSV files, whose names and row counts are given under `outputs`.',
  );

// Compile-time tie to JsonAudit: `npm run typecheck` fails if a field is missing, extra,
// optional or nullable where it should not be, or of another type (including an enum
// array above that lacks a member of its union). Normalize flattens intersections and
// Omit/Record so that equal shapes compare as identical.
type Normalize<T> = T extends readonly unknown[]
  ? { [K in keyof T]: Normalize<T[K]> }
  : T extends object
    ? { [K in keyof T]: Normalize<T[K]> }
    : T;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type AssertEqual<A, B> = Equal<Normalize<A>, Normalize<B>> extends true ? true : { mismatch: [A, B] };
type Assert<T extends true> = T;
export type _AuditJsonSchemaMatchesJsonAudit = Assert<AssertEqual<z.infer<typeof auditJsonSchema>, JsonAudit>>;
