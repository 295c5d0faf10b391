import type { AuditAccumulator } from '../audit-accumulator.js';
import type { AuditResult, BounceCodeSummary, BounceList } from '../audit-result.js';
import { MAILBOX_PROVIDER_NAMES } from '../providers/mailbox-providers.js';
import type { ProviderBlockAlarm } from '../audit-result.js';
import { BOUNCE_KINDS, BOUNCE_REASON_INFO, type BounceKind } from './bounce-reasons.js';
import type { SmtpCodes } from './classify-bounce.js';
import { RecipientSet } from '../recipient-set.js';

/** The bounce list (one row per bounced address, latest bounce first-class) and the tallies by kind and code. */
export function summariseBounces(acc: AuditAccumulator, order: readonly number[]): AuditResult['bounces'] {
  const store = acc.contacts;
  let length = 0;
  for (const extras of store.extras.values()) if (extras.bounce) length++;
  // In address order (the contacts' order), each entry made as it is read.
  const list: BounceList = {
    length,
    *[Symbol.iterator]() {
      for (const n of order) {
        const b = store.extras.get(n)?.bounce;
        if (!b) continue;
        yield {
          email: store.emails[n]!,
          kind: b.classification.kind,
          reason: b.classification.reason,
          status: b.status || formatCodes(b.classification.codes),
          code: b.classification.displayCode,
          diagnostic: b.diagnostic,
          explanation: b.classification.explanation,
          count: b.count,
          lastAt: new Date(b.at).toISOString(),
          campaign: b.campaign,
        };
      }
    },
  };

  const byKind = Object.fromEntries(BOUNCE_KINDS.map((k) => [k, { events: 0, addresses: 0 }])) as Record<
    BounceKind,
    { events: number; addresses: number }
  >;
  const addressesByKind = new Map<BounceKind, RecipientSet>();
  const byCode: BounceCodeSummary[] = [];
  for (const tally of acc.bounceTallies.values()) {
    byKind[tally.kind].events += tally.events;
    const set = addressesByKind.get(tally.kind) ?? new RecipientSet();
    set.addAll(tally.addresses);
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
  return { list, byKind, byCode, byProvider: providerAlarms(acc) };
}

/** One alarm per mailbox provider that blocked any mail, highest block rate first. */
function providerAlarms(acc: AuditAccumulator): ProviderBlockAlarm[] {
  const alarms: ProviderBlockAlarm[] = [];
  for (const [provider, tally] of acc.providers) {
    if (tally.blocked === 0) continue;
    const causes = [...tally.blocks.values()]
      .sort((a, b) => b.events - a.events || compareKeys(a.reason, b.reason) || compareKeys(a.code, b.code))
      .slice(0, 3)
      .map((c) => ({ ...c, title: BOUNCE_REASON_INFO[c.reason].title }));
    const blockRate = tally.sent > 0 ? tally.blocked / tally.sent : null;
    const name = MAILBOX_PROVIDER_NAMES[provider];
    const share = blockRate === null ? 'Some' : `${(blockRate * 100).toFixed(blockRate < 0.1 ? 1 : 0)}%`;
    const main = causes[0];
    alarms.push({
      provider,
      name,
      sent: tally.sent,
      blocked: tally.blocked,
      blockRate,
      causes,
      message: `${share} of mail to ${name} blocked (${tally.blocked} of ${tally.sent})${main ? `: ${main.title.toLowerCase()}${main.code ? `, ${main.code}` : ''}` : ''}`,
    });
  }
  return alarms.sort((a, b) => (b.blockRate ?? 0) - (a.blockRate ?? 0) || compareKeys(a.provider, b.provider));
}

function formatCodes(codes: SmtpCodes): string {
  return [codes.basic, codes.enhanced].filter(Boolean).join(' ');
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
