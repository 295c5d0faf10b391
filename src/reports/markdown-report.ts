import type { AuditResult, CampaignResult, VerdictReason } from '../analysis/audit-result.js';
import { activityWindowOf } from '../policies/index.js';
import { forMarkdown as md, formatCount, formatHeadroom, formatRate, formatThreshold } from './format.js';
import { describeThreshold } from './policies-report.js';

const DELIVERED_FROM: Record<CampaignResult['deliveredMethod'], string> = {
  delivered_events: 'delivered events',
  sent_minus_bounced: 'sent − bounced',
  summary: 'summary',
  no_send_data: 'no send data (bounce dump)',
};

const VERDICT_TITLE: Record<AuditResult['verdict']['level'], string> = {
  ok: 'OK',
  warning: 'WARNING',
  restricted: 'RESTRICTED',
  suspended: 'SUSPENDED',
};

/** report.md: the human-readable compliance report. Everything from input data is escaped. */
export function markdownReport(result: AuditResult): string {
  const out: string[] = [];
  const { verdict, audience } = result;
  out.push('# deliv compliance report', '');
  out.push(`As of **${result.asOf}** · deliv ${result.tool.version}`, '');
  if (verdict.level === 'suspended') {
    out.push(
      `> **Nothing may be sent.** Sending is suspended under ${verdict.decidedBy.map((p) => md(p)).join(', ')}. ${
        audience.eligible ? `\`eligible.csv\` lists the ${formatCount(audience.eligible)} contact(s) who could be mailed once sending is restored.` : 'No contact is eligible either (see `suppressed.csv`).'
      }`,
      '',
    );
  }
  out.push(`## Verdict: ${VERDICT_TITLE[verdict.level]}`, '');
  out.push(verdictSentence(result), '');
  out.push(...policyTable(result), '');
  const binding = verdict.reasons.filter((r) => r.level !== 'ok');
  if (binding.length) {
    out.push('| reason | level | evidence | threshold | measured over | consequence | source |', '|---|---|---|---|---|---|---|');
    for (const r of binding) out.push(reasonRow(r));
    out.push('');
    if (binding.some((r) => r.thinEvidence)) {
      out.push(
        '*Thin evidence*: the 95% interval of the rate straddles the threshold, so the volume is too small to tell which side the true rate is on. The verdict still follows the platform\'s literal rule.',
        '',
      );
    }
  }
  const notes = [
    ...verdict.reasons.filter((r) => r.level === 'ok').map((r) => md(r.message)),
    ...verdict.notes.map(md),
  ];
  if (notes.length) {
    out.push('**Notes**', '', ...notes.map((n) => `- ${n}`), '');
  }

  out.push('## Campaigns', '');
  if (result.campaigns.length === 0) out.push('No campaign results were read.', '');
  else {
    out.push(
      '| campaign | sent | delivered | complaints | complaint rate | level | headroom | hard | soft | block | bounce rate | opens | open rate | clicks | unsubs | spam traps | delivered from |',
      '|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    );
    for (const c of result.campaigns) out.push(campaignRow(c));
    out.push(
      '',
      'Complaint rate = complaints / delivered, per campaign (Emma). Headroom = further complaints the campaign could take, deliveries unchanged, before its next level. Bounce rate = recipients that bounced / sent. Open rate = unique opens / delivered.',
      '',
    );
  }

  if (result.providers.total.length) {
    out.push('## By mailbox provider', '');
    out.push('| provider | sent | delivered | complaints | complaint rate (95% interval) | hard bounces | hard-bounce rate |', '|---|--:|--:|--:|--:|--:|--:|');
    for (const p of result.providers.total) {
      const c = p.complaintRate;
      const complaint = c ? `${formatRate(c.numerator / c.denominator)} (${formatRate(c.low)}–${formatRate(c.high)})` : 'n/a';
      out.push(`| ${p.name} | ${formatCount(p.sent)} | ${formatCount(p.delivered)} | ${formatCount(p.complaints)} | ${complaint} | ${formatCount(p.hardBounces)} | ${formatRate(p.hardBounceRate ? p.hardBounceRate.numerator / p.hardBounceRate.denominator : null)} |`);
    }
    out.push('', 'Providers are told from the recipients\' consumer domains; company domains they host count as other. Sources that record sends only; per-day figures are in `audit.json` (`providers.daily`).', '');
  }

  out.push('## Bounces', '');
  const k = result.bounces.byKind;
  out.push(
    `${formatCount(k.hard.addresses)} hard, ${formatCount(k.soft.addresses)} soft, ${formatCount(k.block.addresses)} block and ${formatCount(k.undetermined.addresses)} undetermined bounced address(es), from ${formatCount(k.hard.events + k.soft.events + k.block.events + k.undetermined.events)} bounce event(s). Hard bounces are suppressed; block bounces are the sender's problem and never suppress the recipient.`,
    '',
  );
  if (result.bounces.byProvider.length) {
    out.push('**Sender alarms.** Mail blocked because of the sender, by recipient mailbox provider (share of the messages sent to that provider):', '');
    out.push('| provider | sent | blocked | block rate | main causes |', '|---|--:|--:|--:|---|');
    for (const a of result.bounces.byProvider) {
      const causes = a.causes.map((c) => `${c.title}${c.code ? ` (${md(c.code)})` : ''}: ${formatCount(c.events)}`).join('; ');
      out.push(`| ${a.name} | ${formatCount(a.sent)} | ${formatCount(a.blocked)} | ${formatRate(a.blockRate)} | ${causes} |`);
    }
    out.push('', 'Block bounces never suppress the recipient: fix the sending side (authentication, reputation, content, volume) and these addresses will accept mail again.', '');
  }
  if (result.bounces.byCode.length) {
    out.push('| kind | reason | code | events | addresses | what it means | what to do |', '|---|---|---|--:|--:|---|---|');
    for (const b of result.bounces.byCode) {
      out.push(`| ${b.kind} | ${b.reason} | ${md(b.code) || '–'} | ${formatCount(b.events)} | ${formatCount(b.addresses)} | ${md(b.explanation)} | ${md(b.advice)} |`);
    }
    out.push('');
  }

  out.push('## Audience', '');
  if (audience.total === 0) {
    out.push('No audience: no contact export was given and the results name no recipients (campaign summaries only), so `suppressed.csv` and `eligible.csv` are empty.', '');
  }
  out.push(
    `${formatCount(audience.total)} contact(s): ${formatCount(audience.fromContacts)} from contact exports and ${formatCount(audience.logOnly)} seen only in result logs. **${formatCount(audience.eligible)} eligible**, ${formatCount(audience.suppressed)} suppressed. ${formatCount(audience.active)} were active in the last ${audience.activityWindowDays} days.`,
    '',
  );
  if (audience.restrictedToActive) {
    out.push(`Sending is restricted to active users, so contacts with no activity in the last ${audience.activityWindowDays} days are suppressed as \`inactive\`.`, '');
  }
  out.push('| reason | contacts |', '|---|--:|');
  for (const [reason, count] of Object.entries(audience.suppressedByReason)) out.push(`| ${reason} | ${formatCount(count)} |`);
  out.push('', 'A contact can have several reasons; each is counted under every reason it has.', '');
  if (audience.duplicateContactRows) out.push(`${formatCount(audience.duplicateContactRows)} contact row(s) repeated an address already seen and were merged into it (the most restrictive state wins).`, '');
  if (audience.optInUnknown) out.push(`${formatCount(audience.optInUnknown)} contact(s) have an empty opt-in: permission unknown, not suppressed.`, '');
  if (audience.activityAfterAsOf) out.push(`${formatCount(audience.activityAfterAsOf)} contact(s) have activity dated after the as-of moment; it counts as recent.`, '');

  out.push('## Inputs', '');
  out.push('| file | format | rows read | used | rejected | blank lines | campaigns named by |', '|---|---|--:|--:|--:|--:|---|');
  let read = 0;
  let used = 0;
  let rejected = 0;
  for (const f of result.inputs) {
    read += f.rowsRead;
    used += f.rowsUsed;
    rejected += f.rowsRejected;
    const named = f.campaignFrom === null ? '–' : f.campaignFromFileName ? `${f.campaignFrom}; ${formatCount(f.campaignFromFileName)} record(s) had none and were named after the file` : f.campaignFrom;
    out.push(`| ${md(f.file)} | ${md(f.formatTitle)} (\`${f.format}\`) | ${formatCount(f.rowsRead)} | ${formatCount(f.rowsUsed)} | ${formatCount(f.rowsRejected)} | ${formatCount(f.blankLines)} | ${md(named)} |`);
  }
  const readingNotes = result.inputs.flatMap((f) => [
    ...f.notes.map((n) => `${md(f.file)}: ${md(n)}`),
    ...Object.entries(f.rowsIgnored).map(([why, n]) => `${md(f.file)}: ${formatCount(n)} record(s) understood but with nothing to count (${md(why)}).`),
  ]);
  const zones = [...new Set(result.inputs.map((f) => f.timezone))];
  readingNotes.push(`Timestamps without a zone of their own were read in ${zones.join(', ')}${zones.length === 1 && zones[0] === 'UTC' ? ' (the default; change it with --timezone)' : ''}.`);
  out.push('', ...readingNotes.map((n) => `- ${n}`));
  out.push('', `Rows read = rows used + rows rejected: ${formatCount(read)} = ${formatCount(used)} + ${formatCount(rejected)}.${rejected ? ` Every rejected row is in \`rejected.csv\` (beside this report) with its file, line, column and reason.` : ' No row was rejected.'}`, '');

  out.push('## What to do next', '');
  result.nextSteps.forEach((step, i) => out.push(`${i + 1}. ${step}`));
  out.push('');

  out.push(...headroomSection(result), ...forecastSection(result), ...notCheckedSection(result));

  out.push('## Thresholds used', '');
  out.push(
    result.policies.chosenBy === 'default'
      ? 'The default set of policies (deliv audit --policy chooses others; deliv policies lists them all).'
      : 'The policies chosen with --policy.',
    '',
  );
  out.push('| policy | threshold | rule | source |', '|---|---|---|---|');
  for (const policy of result.policies.judged) {
    for (const t of policy.thresholds) out.push(`| ${md(policy.name)} | \`${md(t.id)}\` | ${md(describeThreshold(t))} | ${md(t.source)} |`);
  }
  const { hygiene } = result.policies;
  const est = (e: boolean) => (e ? ' (estimate)' : '');
  out.push(`| activity | active within | ${result.audience.activityWindowDays} days before as-of | ${md(activityWindowOf(result.policies).source)} |`);
  out.push(`| hygiene | soft bounces | ${hygiene.softBounceLimit.count.value} in a row${est(hygiene.softBounceLimit.count.estimate)} | ${md(hygiene.softBounceLimit.count.source)} |`);
  out.push(`| hygiene | ...spanning | at least ${hygiene.softBounceLimit.minSpanDays.value} days${est(hygiene.softBounceLimit.minSpanDays.estimate)} | ${md(hygiene.softBounceLimit.minSpanDays.source)} |`);
  out.push('');
  return out.join('\n');
}

/** One sentence saying the verdict and the main reason. */
export function verdictSentence(result: AuditResult): string {
  const { verdict } = result;
  const binding = verdict.reasons.filter((r) => r.level === verdict.level);
  if (verdict.level === 'ok') {
    return result.campaigns.length
      ? `Nothing crosses a warning, restriction or suspension threshold of the ${result.policies.judged.length} policies judged.`
      : 'No campaign results to judge.';
  }
  const first = binding[0]!;
  const more = binding.length > 1 ? ` (and ${binding.length - 1} more reason${binding.length > 2 ? 's' : ''})` : '';
  return `${md(first.message)}${more}`;
}

function reasonRow(r: VerdictReason): string {
  const interval = r.interval ? `; 95% interval ${formatRate(r.interval.low)}–${formatRate(r.interval.high)}` : '';
  const thin = r.thinEvidence ? ' **thin evidence**' : '';
  const evidence =
    r.denominator === null
      ? `${r.metric} ${formatCount(r.numerator)}`
      : `${r.metric} ${formatRate(r.value)} (${formatCount(r.numerator)} / ${formatCount(r.denominator)}${interval})`;
  const cmp = r.comparison === 'above' ? '>' : r.comparison === 'below' ? '<' : '≥';
  const limit = r.denominator === null ? formatCount(r.threshold) : formatThreshold(r.threshold);
  return `| \`${md(r.code)}\` | ${r.level} | ${md(evidence)}${thin} | ${cmp} ${limit}${r.estimate ? ' (estimate)' : ''} | ${md(r.window)} | ${md(r.consequence)} | ${md(r.source)} |`;
}

function campaignRow(c: CampaignResult): string {
  const cells = [
    md(c.campaign),
    formatCount(c.sent),
    formatCount(c.delivered),
    formatCount(c.complaints),
    formatRate(c.complaintRate),
    c.complaintLevel,
    formatHeadroom(c.complaintHeadroom),
    formatCount(c.hardBounces),
    formatCount(c.softBounces),
    formatCount(c.blockBounces),
    formatRate(c.bounceRate),
    c.uniqueOpens === null ? 'n/a' : formatCount(c.uniqueOpens),
    formatRate(c.openRate),
    c.uniqueClicks === null ? 'n/a' : formatCount(c.uniqueClicks),
    formatCount(c.unsubscribes),
    formatCount(c.spamTrapHits),
    DELIVERED_FROM[c.deliveredMethod],
  ];
  return `| ${cells.join(' | ')} |`;
}

/** Each judged policy's verdict and what decides it. */
function policyTable(result: AuditResult): string[] {
  const { verdict } = result;
  const rows = ['| policy | verdict | reasons | applies to |', '|---|---|---|---|'];
  for (const policy of result.policies.judged) {
    const level = verdict.byPolicy[policy.name] ?? 'ok';
    const codes = [...new Set(verdict.reasons.filter((r) => r.policy === policy.name && r.level === level && level !== 'ok').map((r) => `\`${r.code}\``))];
    rows.push(`| ${md(policy.name)} | ${level === verdict.level && level !== 'ok' ? `**${level}**` : level} | ${codes.join(', ') || '–'} | ${md(policy.appliesTo)} |`);
  }
  return rows;
}

/** For every threshold, the campaign, day or window closest to it and how much room it has left. */
function headroomSection(result: AuditResult): string[] {
  if (!result.headroom.length) return [];
  const out = [
    '## Headroom', '',
    'How many more complaints or bounces (or messages, for volume lines) the campaign, day or window nearest to each threshold can take before crossing it, its deliveries unchanged.', '',
    '| threshold | level | crossed | nearest | now | room left |', '|---|---|--:|---|---|--:|',
  ];
  for (const h of result.headroom) {
    const limit = h.comparison === 'below' ? '<' : h.comparison === 'above' ? '>' : '≥';
    const value = h.metric === 'messages_sent' ? formatCount(h.threshold) : formatThreshold(h.threshold);
    const crossed = `${formatCount(h.unitsCrossed)} of ${formatCount(h.unitsJudged)}`;
    const c = h.closest;
    const now = c ? (c.denominator === null ? formatCount(c.numerator) : `${formatCount(c.numerator)} / ${formatCount(c.denominator)}`) : '–';
    out.push(`| \`${md(h.code)}\` ${h.metric} ${limit} ${value} | ${h.level === 'ok' ? 'note' : h.level} | ${crossed} | ${c ? md(c.unit) : '–'} | ${now} | ${c ? formatCount(c.headroom) : '–'} |`);
  }
  out.push('');
  return out;
}

/** The next send's risk, and what the forecast assumes. */
function forecastSection(result: AuditResult): string[] {
  const f = result.forecast;
  if (!f) return [];
  const e = f.expected;
  const fixed = (x: number) => (x >= 100 ? formatCount(Math.round(x)) : x.toFixed(1));
  const out = [
    '## Forecast for the next send', '',
    `If the next campaign goes to all **${formatCount(f.audience)}** eligible contacts: about ${fixed(e.delivered)} delivered, ${fixed(e.complaints)} complaints, ${fixed(e.bounces)} bounces (${fixed(e.hardBounces)} hard), ${fixed(e.unsubscribes)} unsubscribes and ${fixed(e.spamTrapHits)} spam-trap hits.`, '',
    '| threshold | level | volume | assumed rate | expected | most allowed | chance of crossing |', '|---|---|--:|--:|--:|--:|--:|',
  ];
  for (const t of f.thresholds) {
    const limit = t.comparison === 'below' ? '<' : t.comparison === 'above' ? '>' : '≥';
    const value = t.metric === 'messages_sent' ? formatCount(t.threshold) : formatThreshold(t.threshold);
    out.push(
      `| \`${md(t.code)}\` ${t.metric} ${limit} ${value} | ${t.level === 'ok' ? 'note' : t.level} | ${formatCount(t.volume)} | ${t.rate === null ? '–' : formatRate(t.rate)} | ${fixed(t.expected)} | ${t.limit === null ? '–' : formatCount(t.limit)} | ${formatProbability(t.probability)} |`,
    );
  }
  out.push('', '**Assumptions**', '', ...f.assumptions.map((a) => `- ${md(a)}`));
  if (f.notForecast.length) out.push(...f.notForecast.map((n) => `- Not forecast: ${md(n)}`));
  out.push('');
  return out;
}

function formatProbability(p: number): string {
  if (p === 0) return '0%';
  if (p === 1) return '100%';
  if (p < 0.001) return '< 0.1%';
  if (p > 0.999) return '> 99.9%';
  return `${(p * 100).toFixed(1)}%`;
}

/** Requirements exports cannot show: listed so no one reads the report as having passed them. */
function notCheckedSection(result: AuditResult): string[] {
  const items = result.verdict.notChecked;
  if (!items.length) return [];
  const out = ['## Not checked by this audit', '', 'These requirements of the judged policies cannot be seen in exports. They are not passed; check them yourself.', ''];
  out.push('| policy | requirement | how to check | source |', '|---|---|---|---|');
  for (const n of items) out.push(`| ${md(n.policy)} | ${md(n.requirement)} | ${md(n.check)} | ${md(n.source)} |`);
  out.push('');
  return out;
}
