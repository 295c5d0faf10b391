import type { HygienePolicy, SourcedNumber } from '../../policies/index.js';
import type { ContactState } from '../audit-accumulator.js';
import type { AudienceSummary, ContactOutcome, SuppressionReason } from '../audit-result.js';
import { SUPPRESSION_REASONS } from '../audit-result.js';
import type { DropReason } from '../../inputs/canonical-records.js';
import { DAY_MS, isActiveWithin } from './activity-window.js';

export interface AudienceDecision {
  contacts: ContactOutcome[];
  summary: AudienceSummary;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Every audience member lands in exactly one of eligible / suppressed. Suppression reasons
 * stand whatever the verdict, except `inactive`, which applies only while Intercom's
 * restriction to active users is in force (a judged policy's restricted mode).
 */
export function decideAudience(
  states: readonly ContactState[],
  hygiene: HygienePolicy,
  activityWindow: SourcedNumber,
  asOf: number,
  restrictedToActive: boolean,
  duplicateContactRows: number,
): AudienceDecision {
  const windowDays = activityWindow.value;
  const softLimit = hygiene.softBounceLimit;
  const byReason = Object.fromEntries(SUPPRESSION_REASONS.map((r) => [r, 0])) as Record<SuppressionReason, number>;
  let active = 0;
  let optInUnknown = 0;
  let activityAfterAsOf = 0;
  let fromContacts = 0;

  const contacts = [...states]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((s): ContactOutcome => {
      const lastActivity = latest(s.lastSeen, s.lastHeardFrom, s.lastOpenedEmail, s.lastClickedEmail, s.lastEngagedInLogs);
      const isActive = isActiveWithin(lastActivity, asOf, windowDays);
      if (isActive) active++;
      if (lastActivity !== undefined && lastActivity > asOf) activityAfterAsOf++;
      if (s.inContacts) {
        fromContacts++;
        if (s.optIn === null) optInUnknown++;
      }
      const found = new Map<SuppressionReason, string>();
      const fileOf = (flag: keyof NonNullable<ContactState['flagFiles']>) => s.flagFiles?.[flag] ?? s.contactFile ?? 'contacts';
      if (s.complained) found.set('complained', `complained about "${s.complained.campaign}" on ${day(s.complained.at)}`);
      else if (s.exportMarkedSpam) found.set('complained', `marked email as spam (${fileOf('markedSpam')})`);
      if (s.hardBounce) found.set('hard_bounce', `hard bounce ${s.hardBounce.code} on ${day(s.hardBounce.at)} in "${s.hardBounce.campaign}"`);
      else if (s.exportHardBounced) found.set('hard_bounce', `marked as hard-bounced (${fileOf('hardBounced')})`);
      if (s.spamTrap) found.set('spam_trap', `spam-trap hit in "${s.spamTrap.campaign}" on ${day(s.spamTrap.at)}`);
      if (s.unsubscribed) found.set('unsubscribed', `unsubscribed from "${s.unsubscribed.campaign}" on ${day(s.unsubscribed.at)}`);
      else if (s.exportUnsubscribed) found.set('unsubscribed', `unsubscribed (${fileOf('unsubscribed')})`);
      const soft = s.softBouncesSinceDelivery ?? [];
      if (soft.length >= softLimit.count.value) {
        const first = Math.min(...soft);
        const last = Math.max(...soft);
        if (last - first >= softLimit.minSpanDays.value * DAY_MS) {
          found.set('soft_bounce_limit', `${soft.length} soft bounces in a row from ${day(first)} to ${day(last)} with no delivery in between`);
        }
      }
      if (s.dropped) {
        // The platform refused to send: its list tells why, and deliv follows it.
        const where = `"${s.dropped.campaign}" on ${day(s.dropped.at)}`;
        const byReason: Partial<Record<DropReason, [SuppressionReason, string]>> = {
          bounce: ['hard_bounce', `not sent in ${where}: on the platform's bounce list`],
          invalid: ['hard_bounce', `not sent in ${where}: the platform lists the address as invalid`],
          complaint: ['complained', `not sent in ${where}: on the platform's complaint list`],
          unsubscribe: ['unsubscribed', `not sent in ${where}: on the platform's unsubscribe list`],
          suppressed: ['platform_suppressed', `not sent in ${where}: on the platform's suppression list`],
        };
        const mapped = byReason[s.dropped.reason];
        if (mapped && !found.has(mapped[0])) found.set(mapped[0], mapped[1]);
      }
      if (s.archived) found.set('archived', `archived (${fileOf('archived')}): archived users cannot be emailed`);
      if (s.optIn === false) found.set('no_opt_in', `opt_in is false: no permission to send marketing email`);
      if (restrictedToActive && !isActive) {
        found.set(
          'inactive',
          lastActivity === undefined
            ? `no recorded activity (last seen, heard from, opened or clicked) while sending is restricted to active users`
            : `last active ${day(lastActivity)}, more than ${windowDays} days before ${day(asOf)}, while sending is restricted to active users`,
        );
      }
      const reasons = SUPPRESSION_REASONS.filter((r) => found.has(r));
      for (const r of reasons) byReason[r]++;
      return {
        email: s.email,
        emailKey: s.key,
        origin: s.inContacts ? 'contacts' : 'logs',
        eligible: reasons.length === 0,
        reasons,
        detail: reasons.map((r) => found.get(r)).join('; '),
        lastActivity: lastActivity === undefined ? null : new Date(lastActivity).toISOString(),
        columns: s.columns ?? null,
      };
    });

  const eligible = contacts.filter((c) => c.eligible).length;
  return {
    contacts,
    summary: {
      total: contacts.length,
      fromContacts,
      logOnly: contacts.length - fromContacts,
      duplicateContactRows,
      eligible,
      suppressed: contacts.length - eligible,
      suppressedByReason: byReason,
      active,
      activityWindowDays: windowDays,
      restrictedToActive,
      optInUnknown,
      activityAfterAsOf,
    },
  };
}

function latest(...values: Array<number | undefined>): number | undefined {
  let best: number | undefined;
  for (const v of values) if (v !== undefined && (best === undefined || v > best)) best = v;
  return best;
}
