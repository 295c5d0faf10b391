import type { CsvAdapter } from '../input-adapter.js';
import { RowValues } from './row-values.js';

/** deliv's generic campaign summary: one row per campaign with its totals. */
export const genericSummaryAdapter: CsvAdapter = {
  format: 'generic-summary',
  container: 'csv',
  title: 'campaign summary',
  layout: 'campaign_summary',
  campaignFrom: 'the campaign column',
  required: { campaign: ['campaign'], sent: ['sent'], delivered: ['delivered'], complaints: ['complaints'] },
  optional: {
    hard_bounces: ['hard_bounces'],
    soft_bounces: ['soft_bounces'],
    unique_opens: ['unique_opens'],
    unique_clicks: ['unique_clicks'],
    unsubscribes: ['unsubscribes'],
    spam_trap_hits: ['spam_trap_hits'],
    sent_at: ['sent_at'],
  },
  bind({ columns }, { file, header, timezone }) {
    const has = (field: string) => columns[field] !== undefined;
    const known = {
      opens: has('unique_opens'),
      clicks: has('unique_clicks'),
      hardBounces: has('hard_bounces'),
      softBounces: has('soft_bounces'),
      unsubscribes: has('unsubscribes'),
      spamTraps: has('spam_trap_hits'),
    };
    return (fields, line, sink) => {
      const row = new RowValues(columns, header, file, fields, line, () => timezone);
      const campaign = row.text('campaign');
      if (!campaign) row.fail('campaign', 'empty campaign', 'the campaign name');
      const sent = row.count('sent', true);
      const delivered = row.count('delivered', true);
      const complaints = row.count('complaints', true);
      const hardBounces = row.count('hard_bounces', false);
      const softBounces = row.count('soft_bounces', false);
      const uniqueOpens = row.count('unique_opens', false);
      const uniqueClicks = row.count('unique_clicks', false);
      const unsubscribes = row.count('unsubscribes', false);
      const spamTrapHits = row.count('spam_trap_hits', false);
      const sentAt = row.timestamp('sent_at', false);
      if (sent !== undefined && delivered !== undefined && complaints !== undefined) {
        // Totals that cannot all be true mean the row cannot be trusted at all.
        if (delivered > sent) row.fail('delivered', `delivered (${delivered}) is more than sent (${sent})`, 'delivered <= sent');
        if ((hardBounces ?? 0) + (softBounces ?? 0) > sent) row.fail('hard_bounces', `bounces are more than sent (${sent})`, 'hard + soft bounces <= sent');
        for (const [field, value] of [['complaints', complaints], ['unique_opens', uniqueOpens], ['unique_clicks', uniqueClicks], ['unsubscribes', unsubscribes]] as const) {
          if (value !== undefined && value > delivered) row.fail(field, `${row.headerOf(field)} (${value}) is more than delivered (${delivered})`, `${field} <= delivered`);
        }
        if (spamTrapHits !== undefined && spamTrapHits > sent) row.fail('spam_trap_hits', `spam-trap hits (${spamTrapHits}) are more than sent (${sent})`, 'spam_trap_hits <= sent');
      }
      if (row.problem || sent === undefined || delivered === undefined || complaints === undefined) return row.rejectTo(sink);
      sink.addSummary({
        summary: {
          campaign,
          sent,
          delivered,
          complaints,
          ...(hardBounces !== undefined ? { hardBounces } : {}),
          ...(softBounces !== undefined ? { softBounces } : {}),
          ...(uniqueOpens !== undefined ? { uniqueOpens } : {}),
          ...(uniqueClicks !== undefined ? { uniqueClicks } : {}),
          ...(unsubscribes !== undefined ? { unsubscribes } : {}),
          ...(spamTrapHits !== undefined ? { spamTrapHits } : {}),
          ...(sentAt !== undefined ? { sentAt } : {}),
        },
        file,
        line,
        fields,
        known,
      });
      return 'used';
    };
  },
};
