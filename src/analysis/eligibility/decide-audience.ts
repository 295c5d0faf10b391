import type { HygienePolicy, SourcedNumber } from '../../policies/index.js';
import { OPT_IN_FALSE, OPT_IN_UNKNOWN, type DropReason } from '../../inputs/canonical-records.js';
import {
  ARCHIVED,
  EXPORT_HARD_BOUNCED,
  EXPORT_MARKED_SPAM,
  EXPORT_UNSUBSCRIBED,
  IN_CONTACTS,
  type ContactExtras,
  type ContactStore,
} from '../contacts/contact-store.js';
import type { AudienceSummary, ContactOutcome, ContactOutcomes, SuppressionReason } from '../audit-result.js';
import { SUPPRESSION_REASONS } from '../audit-result.js';
import type { MailboxProvider } from '../providers/mailbox-providers.js';
import { DAY_MS, isActiveWithin } from './activity-window.js';

export interface AudienceDecision {
  contacts: ContactOutcomes;
  summary: AudienceSummary;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Bit of each reason in a contact's reason mask, in SUPPRESSION_REASONS order. */
const BIT = Object.fromEntries(SUPPRESSION_REASONS.map((r, i) => [r, 1 << i])) as Record<SuppressionReason, number>;

/** What a dropped send's reason means for the audience. */
const DROP_REASON_SUPPRESSES: Partial<Record<DropReason, [SuppressionReason, string]>> = {
  bounce: ['hard_bounce', "on the platform's bounce list"],
  invalid: ['hard_bounce', 'the platform lists the address as invalid'],
  complaint: ['complained', "on the platform's complaint list"],
  unsubscribe: ['unsubscribed', "on the platform's unsubscribe list"],
  suppressed: ['platform_suppressed', "on the platform's suppression list"],
};

interface AudienceRules {
  windowDays: number;
  softLimit: HygienePolicy['softBounceLimit'];
  asOf: number;
  restrictedToActive: boolean;
}

/**
 * Every audience member lands in exactly one of eligible / suppressed. Suppression reasons
 * stand whatever the verdict, except `inactive`, which applies only while Intercom's
 * restriction to active users is in force (a judged policy's restricted mode).
 *
 * Each contact is judged here once for its reasons (a bit mask) and the counts; the
 * outcome records, with their readable detail, are made again one at a time when the
 * outputs are written, so a million of them never sit in memory together.
 */
export function decideAudience(
  store: ContactStore,
  /** Contact numbers by address (`numbersInKeyOrder`): outputs list contacts in that order, whatever order they were read in. */
  order: readonly number[],
  hygiene: HygienePolicy,
  activityWindow: SourcedNumber,
  asOf: number,
  restrictedToActive: boolean,
  duplicateContactRows: number,
): AudienceDecision {
  const rules: AudienceRules = { windowDays: activityWindow.value, softLimit: hygiene.softBounceLimit, asOf, restrictedToActive };
  const byReason = Object.fromEntries(SUPPRESSION_REASONS.map((r) => [r, 0])) as Record<SuppressionReason, number>;
  let active = 0;
  let optInUnknown = 0;
  let activityAfterAsOf = 0;
  let fromContacts = 0;
  let eligible = 0;
  const eligibleByProvider = new Map<MailboxProvider, number>();
  const masks = new Uint16Array(store.count);
  for (let n = 0; n < store.count; n++) {
    const lastActivity = lastActivityOf(store, n);
    if (isActiveWithin(lastActivity, asOf, rules.windowDays)) active++;
    if (lastActivity !== undefined && lastActivity > asOf) activityAfterAsOf++;
    if (store.has(n, IN_CONTACTS)) {
      fromContacts++;
      if (store.optIn[n] === OPT_IN_UNKNOWN) optInUnknown++;
    }
    const mask = judgeContact(store, n, rules, lastActivity);
    masks[n] = mask;
    if (mask === 0) {
      eligible++;
      const provider = store.providerOf(n);
      eligibleByProvider.set(provider, (eligibleByProvider.get(provider) ?? 0) + 1);
    } else for (const r of SUPPRESSION_REASONS) if (mask & BIT[r]) byReason[r]++;
  }

  const contacts: ContactOutcomes = {
    length: store.count,
    eligible,
    eligibleByProvider,
    *[Symbol.iterator]() {
      for (const n of order) yield outcomeOf(store, n, masks[n]!, rules);
    },
  };
  return {
    contacts,
    summary: {
      total: store.count,
      fromContacts,
      logOnly: store.count - fromContacts,
      duplicateContactRows,
      eligible,
      suppressed: store.count - eligible,
      suppressedByReason: byReason,
      active,
      activityWindowDays: rules.windowDays,
      restrictedToActive,
      optInUnknown,
      activityAfterAsOf,
    },
  };
}

const NO_REASONS: readonly SuppressionReason[] = Object.freeze([]);

/** One contact's outcome, with the readable detail of each reason. */
function outcomeOf(store: ContactStore, n: number, mask: number, rules: AudienceRules): ContactOutcome {
  const source = store.sourceOf(n);
  const packed = store.packedColumns(n);
  const outcome: ContactOutcome = {
    email: store.emails[n]!,
    emailKey: store.keys[n]!,
    eligible: mask === 0,
    reasons: NO_REASONS,
    detail: '',
    columns: source && packed !== undefined ? { header: source.header, packed } : null,
  };
  if (mask !== 0) {
    const details = new Array<string>(SUPPRESSION_REASONS.length);
    judgeContact(store, n, rules, lastActivityOf(store, n), details);
    outcome.reasons = SUPPRESSION_REASONS.filter((r) => mask & BIT[r]);
    outcome.detail = SUPPRESSION_REASONS.flatMap((r, i) => (mask & BIT[r] ? [details[i]!] : [])).join('; ');
  }
  return outcome;
}

/**
 * The reasons not to mail one contact, as a mask of BIT; with `details`, also the readable
 * text of each (by reason index). One function for both, so the counts and the files agree.
 */
function judgeContact(store: ContactStore, n: number, rules: AudienceRules, lastActivity: number | undefined, details?: string[]): number {
  const flags = store.flags[n]!;
  const x: ContactExtras | undefined = store.extras.get(n);
  const fileOf = (flag: keyof NonNullable<ContactExtras['flagFiles']>) => x?.flagFiles?.[flag] ?? store.sourceOf(n)?.file ?? 'contacts';
  let mask = 0;
  const found = (reason: SuppressionReason, text: () => string): void => {
    if (mask & BIT[reason]) return;
    mask |= BIT[reason];
    if (details) details[SUPPRESSION_REASONS.indexOf(reason)] = text();
  };
  if (x?.complained) {
    const c = x.complained;
    found('complained', () => `complained about "${c.campaign}" on ${day(c.at)}`);
  } else if (flags & EXPORT_MARKED_SPAM) found('complained', () => `marked email as spam (${fileOf('markedSpam')})`);
  if (x?.hardBounce) {
    const h = x.hardBounce;
    found('hard_bounce', () => `hard bounce ${h.code} on ${day(h.at)} in "${h.campaign}"`);
  } else if (flags & EXPORT_HARD_BOUNCED) found('hard_bounce', () => `marked as hard-bounced (${fileOf('hardBounced')})`);
  if (x?.spamTrap) {
    const t = x.spamTrap;
    found('spam_trap', () => `spam-trap hit in "${t.campaign}" on ${day(t.at)}`);
  }
  if (x?.unsubscribed) {
    const u = x.unsubscribed;
    found('unsubscribed', () => `unsubscribed from "${u.campaign}" on ${day(u.at)}`);
  } else if (flags & EXPORT_UNSUBSCRIBED) found('unsubscribed', () => `unsubscribed (${fileOf('unsubscribed')})`);
  const soft = x?.softBouncesSinceDelivery ?? [];
  if (soft.length >= rules.softLimit.count.value) {
    const first = Math.min(...soft);
    const last = Math.max(...soft);
    if (last - first >= rules.softLimit.minSpanDays.value * DAY_MS) {
      found('soft_bounce_limit', () => `${soft.length} soft bounces in a row from ${day(first)} to ${day(last)} with no delivery in between`);
    }
  }
  if (x?.dropped) {
    // The platform refused to send: its list tells why, and deliv follows it.
    const d = x.dropped;
    const mapped = DROP_REASON_SUPPRESSES[d.reason];
    if (mapped) found(mapped[0], () => `not sent in "${d.campaign}" on ${day(d.at)}: ${mapped[1]}`);
  }
  if (flags & ARCHIVED) found('archived', () => `archived (${fileOf('archived')}): archived users cannot be emailed`);
  if (store.optIn[n] === OPT_IN_FALSE) found('no_opt_in', () => `opt_in is false: no permission to send marketing email`);
  if (rules.restrictedToActive && !isActiveWithin(lastActivity, rules.asOf, rules.windowDays)) {
    found('inactive', () =>
      lastActivity === undefined
        ? `no recorded activity (last seen, heard from, opened or clicked) while sending is restricted to active users`
        : `last active ${day(lastActivity)}, more than ${rules.windowDays} days before ${day(rules.asOf)}, while sending is restricted to active users`,
    );
  }
  return mask;
}

/** The latest of the contact's activity dates (export columns and logged opens/clicks). */
function lastActivityOf(store: ContactStore, n: number): number | undefined {
  // Math.max would give NaN for any missing date: NaN (never) is skipped here instead.
  let best = -Infinity;
  const keep = (v: number) => void (v > best && (best = v));
  keep(store.lastSeen[n]!);
  keep(store.lastHeardFrom[n]!);
  keep(store.lastOpenedEmail[n]!);
  keep(store.lastClickedEmail[n]!);
  keep(store.lastEngagedInLogs[n]!);
  return best === -Infinity ? undefined : best;
}
