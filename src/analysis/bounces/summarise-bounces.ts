import type { AuditAccumulator } from '../audit-accumulator.js';
import type { AuditResult, BounceCodeSummary, BounceListEntry } from '../audit-result.js';
import { BOUNCE_KINDS, type BounceKind } from './bounce-reasons.js';
import type { SmtpCodes } from './classify-bounce.js';

/** The bounce list (one row per bounced address, latest bounce first-class) and the tallies by kind and code. */
export function summariseBounces(acc: AuditAccumulator): AuditResult['bounces'] {
  const list: BounceListEntry[] = [];
  for (const contact of acc.contactList) {
    const b = contact.bounce;
    if (!b) continue;
    list.push({
      email: contact.email,
      kind: b.classification.kind,
      reason: b.classification.reason,
      status: b.status || formatCodes(b.classification.codes),
      code: b.classification.displayCode,
      diagnostic: b.diagnostic,
      explanation: b.classification.explanation,
      count: b.count,
      lastAt: new Date(b.at).toISOString(),
      campaign: b.campaign,
    });
  }
  list.sort((a, b) => compareKeys(a.email.toLowerCase(), b.email.toLowerCase()));

  const byKind = Object.fromEntries(BOUNCE_KINDS.map((k) => [k, { events: 0, addresses: 0 }])) as Record<
    BounceKind,
    { events: number; addresses: number }
  >;
  const addressesByKind = new Map<BounceKind, Set<number>>();
  const byCode: BounceCodeSummary[] = [];
  for (const tally of acc.bounceTallies.values()) {
    byKind[tally.kind].events += tally.events;
    const set = addressesByKind.get(tally.kind) ?? new Set<number>();
    for (const id of tally.addresses) set.add(id);
    addressesByKind.set(tally.kind, set);
    byCode.push({
      kind: tally.kind,
      reason: tally.reason,
      code: tally.code,
      events: tally.events,
      addresses: tally.addresses.size,
      explanation: tally.explanation,
      advice: tally.advice,
    });
  }
  for (const [kind, set] of addressesByKind) byKind[kind].addresses = set.size;
  byCode.sort(
    (a, b) => b.events - a.events || compareKeys(a.kind, b.kind) || compareKeys(a.code, b.code) || compareKeys(a.reason, b.reason),
  );
  return { list, byKind, byCode };
}

function formatCodes(codes: SmtpCodes): string {
  return [codes.basic, codes.enhanced].filter(Boolean).join(' ');
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
