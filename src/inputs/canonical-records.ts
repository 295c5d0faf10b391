/**
 * The few records every input adapter produces. The analysis core only ever sees these:
 * a vendor format is supported by mapping its rows onto them, nothing else.
 */

/** Per-recipient event kinds, in deliv's own vocabulary (the generic event-log layout uses these names). */
export const EVENT_TYPES = [
  'sent',
  'delivered',
  'bounce',
  'deferred',
  'open',
  'click',
  'complaint',
  'unsubscribe',
  'spam_trap',
  'dropped',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Why a platform did not even attempt a send (`dropped`): the address is on one of its
 * suppression lists, or the message itself was refused.
 */
export const DROP_REASONS = ['bounce', 'complaint', 'unsubscribe', 'invalid', 'suppressed', 'content', 'other'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** One thing that happened to one recipient of one campaign. */
export interface DeliveryEvent {
  campaign: string;
  /** The address as written in the input (trimmed). */
  email: string;
  /** The address as compared: trimmed and lower-cased. */
  emailKey: string;
  event: EventType;
  /** When it happened, epoch milliseconds (UTC). */
  at: number;
  /** SMTP reply for bounces and deferrals, as given (e.g. `550 5.1.1`). */
  status?: string;
  /** Server text for bounces and deferrals. */
  diagnostic?: string;
  /** The sending platform's own bounce type, when the export carries one. */
  platformBounce?: PlatformBounceType;
  /** For `dropped`: why the platform did not send. */
  dropReason?: DropReason;
}

/**
 * A platform's own verdict on a bounce (SES bounceType, Postmark TypeCode, SendGrid type,
 * Mailgun severity). The classifier weighs it with the SMTP code and text.
 */
export type PlatformBounceType =
  | { platform: 'ses'; bounceType: string; bounceSubType?: string }
  | { platform: 'postmark'; type?: string; typeCode?: number }
  | { platform: 'sendgrid'; type: string; bounceClassification?: string }
  | { platform: 'mailgun'; severity: string; reason?: string };

/** One campaign's totals, for sources that only report aggregates. */
export interface CampaignSummary {
  campaign: string;
  sent: number;
  delivered: number;
  complaints: number;
  hardBounces?: number;
  softBounces?: number;
  uniqueOpens?: number;
  uniqueClicks?: number;
  unsubscribes?: number;
  spamTrapHits?: number;
  /** Epoch milliseconds (UTC). */
  sentAt?: number;
}

/** A campaign summary with where it came from and which optional totals its file carries. */
export interface CampaignSummaryRow {
  summary: CampaignSummary;
  file: string;
  line: number;
  fields: readonly string[];
  /** Which optional columns the file had: an absent column is unknown, not zero. */
  known: { opens: boolean; clicks: boolean; hardBounces: boolean; softBounces: boolean; unsubscribes: boolean; spamTraps: boolean };
}

/** One contact from a contact export. Dates are epoch milliseconds (UTC); undefined = never. */
export interface ContactRecord {
  email: string;
  emailKey: string;
  lastSeen?: number;
  lastHeardFrom?: number;
  lastOpenedEmail?: number;
  lastClickedEmail?: number;
  unsubscribed: boolean;
  markedSpam: boolean;
  hardBounced: boolean;
  archived: boolean;
  /** undefined when the export has no opt-in column; null when the column is left empty (unknown). */
  optIn?: boolean | null;
  /** Every column of the row, for the audience files. */
  columns: PassThroughColumns;
}

/**
 * ContactRecord.optIn as a number, for compact state: the larger wins when an address appears
 * twice (false over true, true over empty, empty over no column).
 */
export const OPT_IN_NO_COLUMN = 0;
export const OPT_IN_UNKNOWN = 1;
export const OPT_IN_TRUE = 2;
export const OPT_IN_FALSE = 3;
export const optInCode = (optIn: boolean | null | undefined): number =>
  optIn === undefined ? OPT_IN_NO_COLUMN : optIn === null ? OPT_IN_UNKNOWN : optIn ? OPT_IN_TRUE : OPT_IN_FALSE;
export const optInOfCode = (code: number): boolean | null | undefined =>
  code === OPT_IN_NO_COLUMN ? undefined : code === OPT_IN_UNKNOWN ? null : code === OPT_IN_TRUE;

/** A row's original columns: the header array is shared by every row of a file. */
export interface PassThroughColumns {
  header: readonly string[];
  values: readonly string[];
}

/**
 * The same, as kept for a million contacts: the values joined into one flat string (NUL, which
 * no input may contain, between them) instead of an array of small strings, a third of the memory.
 */
export interface PackedColumns {
  header: readonly string[];
  packed: string;
}

export const packColumns = (c: PassThroughColumns): PackedColumns => ({ header: c.header, packed: c.values.join('\u0000') });
export const unpackColumns = (c: PackedColumns): string[] => c.packed.split('\u0000');

/** An input row that could not be used. Every one is written to rejected.csv. */
export interface RowReject {
  file: string;
  line: number;
  column?: number;
  reason: string;
  /** The row's fields as read. */
  fields: readonly string[];
}
