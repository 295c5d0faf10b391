import { VERDICT_LEVELS, type AuditResult } from '../audit-result.js';

type Inputs = Pick<AuditResult, 'verdict' | 'campaigns' | 'bounces' | 'audience'>;

/**
 * What to do next, in priority order, from the seed articles' own advice. Each step is
 * included only when the audit found what it addresses.
 */
export function nextSteps({ verdict, campaigns, bounces, audience }: Inputs): string[] {
  const steps: string[] = [];
  const codes = new Set(verdict.reasons.map((r) => r.code));
  if (codes.has('emma.suspended')) {
    steps.push(
      'Sending is suspended (Emma, above 0.5% complaints): nothing may be sent. To appeal, fill in the compliance questionnaire with the campaign itself, details of the audience and how people opted in, and evidence that you followed the permission guidelines (seeds/003).',
    );
  }
  if (codes.has('emma.warning') || codes.has('emma.second_warning')) {
    steps.push(
      'Review your email marketing program now, before the next send: a campaign is above 0.2% complaints, and suspension follows above 0.5% (seeds/003). Mail only people who asked for it.',
    );
  }
  if (codes.has('intercom.spam_trap_rate')) {
    steps.push(
      'Spam traps were hit: remove old, disengaged users, never use purchased, rented, scraped or borrowed lists, and verify addresses at sign-up (seeds/000, seeds/001).',
    );
  }
  if (codes.has('intercom.low_open_rate')) {
    steps.push(
      'Open rates are low over an extended period, which suggests mail is going to spam folders: send only to engaged contacts and improve relevance (seeds/000).',
    );
  }
  if (codes.has('intercom.bounce_rate')) {
    steps.push(
      'The bounce rate is above the healthy 0-3% band: stop mailing hard-bounced and long-unengaged addresses (suppressed.csv), and verify addresses at sign-up (seeds/001).',
    );
  }
  // The other judged policies: one step per policy that crossed a warning or worse, in its own words.
  const seen = new Set<string>();
  for (const r of verdict.reasons) {
    if (r.level === 'ok' || r.policy === 'emma' || r.policy === 'intercom' || seen.has(r.policy)) continue;
    seen.add(r.policy);
    const worst = verdict.reasons.filter((x) => x.policy === r.policy).sort((a, b) => VERDICT_LEVELS.indexOf(b.level) - VERDICT_LEVELS.indexOf(a.level))[0]!;
    steps.push(
      `${r.policy}: ${worst.metric.replace(/_/g, ' ')} crossed ${worst.code} (${worst.window}); consequence: ${worst.consequence}. Send only to eligible.csv and find the cause before the next send (see Headroom and Forecast in report.md).`,
    );
  }
  if (audience.restrictedToActive) {
    steps.push(
      `Send only to eligible.csv: while restricted, Intercom emails only contacts active in the last 180 days. When fixed, reply to Intercom's email or talk to them in Messenger, detailing what you changed (seeds/000).`,
    );
  }
  if (bounces.byKind.hard.addresses > 0 || audience.suppressedByReason.hard_bounce > 0) {
    steps.push(
      'Stop mailing hard-bounced addresses (suppressed.csv): repeated permanent failures harm sending reputation, and abandoned addresses can become spam traps (seeds/002).',
    );
  }
  if (bounces.byKind.block.events > 0) {
    steps.push(
      'Some mail was blocked because of the sender, not the recipient: ensure your sending domain is authenticated (SPF/DKIM) and check which rule rejected it; do not drop those recipients (seeds/002).',
    );
  }
  if (bounces.byCode.some((b) => b.reason === 'sender_throttled')) {
    steps.push(
      'Gmail deferred mail for an unusual sending rate (421-4.7.28): send again later, authenticate the sending domain (SPF/DKIM) and warm it up gradually (seeds/002).',
    );
  }
  if (bounces.byKind.soft.addresses > 0) {
    steps.push('Soft bounces (mailbox full, temporary failures) can be retried later; deliv suppresses an address only after repeated soft bounces with no delivery in between.');
  }
  if (campaigns.some((c) => c.complaintLevel === 'elevated')) {
    steps.push('Some campaigns are at or above the 0.1% industry standard for complaints: check how those recipients opted in before sending to them again (seeds/003).');
  }
  if (verdict.notChecked.length) {
    steps.push(`Check what exports cannot show (${verdict.notChecked.length} requirement(s) under "Not checked by this audit"): SPF, DKIM and DMARC, one-click unsubscribe headers and the like are not passed just because deliv cannot see them.`);
  }
  steps.push(
    'Every message must carry an easy unsubscribe option and your physical address, and go only to people who gave permission (seeds/001).',
  );
  return steps;
}
