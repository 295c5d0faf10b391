import type { CampaignState } from '../audit-accumulator.js';
import { RecipientSet } from '../recipient-set.js';

/**
 * Who a campaign was sent to and delivered to, by deliv's rules (their one home):
 * - sent: every recipient with an event, except those the platform refused (`dropped`)
 *   with no sign of an attempt (SES still logs a Send for a suppressed address);
 * - delivered: a delivered event, or an open, click, complaint, unsubscribe or trap hit
 *   that proves the message arrived (so no rate exceeds 100% on a partial log); without
 *   any delivered event in the campaign, everyone sent except those that bounced with no
 *   such proof; a bounce dump (no send data) proves only what its records say.
 */
export function sentAndDelivered(state: CampaignState): { sent: RecipientSet; delivered: RecipientSet } {
  const proven = new RecipientSet();
  for (const set of [state.delivered, state.opened, state.clicked, state.complained, state.unsubscribed, state.spamTrap]) proven.addAll(set);
  const sent = new RecipientSet();
  state.recipients.forEach((id) => {
    const refusedOnly = state.dropped.has(id) && !proven.has(id) && !state.bounced.has(id) && !state.deferred.has(id);
    if (!refusedOnly) sent.add(id);
  });
  if (state.hasDeliveredEvents || !state.hasSendData) return { sent, delivered: proven };
  const delivered = new RecipientSet();
  sent.forEach((id) => {
    if (!state.bounced.has(id) || proven.has(id)) delivered.add(id);
  });
  return { sent, delivered };
}
