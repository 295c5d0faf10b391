import type { PolicySet } from '../../policies/index.js';
import { METRIC_DEFINITIONS, type Policy } from '../../policies/policy-schema.js';
import type { AuditResult, CampaignResult, ThresholdHeadroom, VerdictLevel, VerdictReason } from '../audit-result.js';
import { VERDICT_LEVELS } from '../audit-result.js';
import { judgePolicy, listNames, type JudgeInputs } from './judge-policy.js';

export type Verdict = AuditResult['verdict'];

/**
 * Every judged policy gives its own verdict, the worst level its reasons reach; the overall
 * verdict is the worst of them. Reasons at level `ok` are findings that change no verdict
 * (an Emma campaign at the 0.1% industry standard, Gmail's bulk-sender line).
 */
export function decideVerdict(inputs: JudgeInputs, policies: PolicySet): { verdict: Verdict; headroom: ThresholdHeadroom[] } {
  const reasons: VerdictReason[] = [];
  const headroom: ThresholdHeadroom[] = [];
  const notes = new Set<string>(dataNotes(inputs.campaigns, policies.judged));
  const byPolicy: Record<string, VerdictLevel> = {};
  for (const policy of policies.judged) {
    const judged = judgePolicy(policy, inputs);
    reasons.push(...judged.reasons);
    headroom.push(...judged.headroom);
    for (const note of judged.notes) notes.add(note);
    byPolicy[policy.name] = worst(judged.reasons);
  }
  const level = worst(reasons);
  return {
    verdict: {
      level,
      byPolicy,
      decidedBy: level === 'ok' ? [] : policies.judged.filter((p) => byPolicy[p.name] === level).map((p) => p.name),
      reasons,
      notes: [...notes],
      notChecked: policies.judged.flatMap((p) => p.notChecked.map((n) => ({ policy: p.name, ...n }))),
    },
    headroom,
  };
}

const rank = (level: VerdictLevel) => VERDICT_LEVELS.indexOf(level);
const worst = (list: readonly VerdictReason[]) => list.reduce<VerdictLevel>((w, r) => (rank(r.level) > rank(w) ? r.level : w), 'ok');

/** What the reader should know about how far the data let deliv judge. */
function dataNotes(campaigns: readonly CampaignResult[], judged: readonly Policy[]): string[] {
  const notes: string[] = [];
  const computed = campaigns.filter((c) => c.deliveredMethod === 'sent_minus_bounced').map((c) => c.campaign);
  if (computed.length) {
    notes.push(`No delivered events for ${listNames(computed)}: delivered = recipients sent minus recipients that bounced.`);
  }
  const noSends = campaigns.filter((c) => c.deliveredMethod === 'no_send_data').map((c) => c.campaign);
  if (noSends.length) {
    notes.push(`${listNames(noSends)} appear only in failure reports (a bounce dump): without the sends, their rates cannot be computed and are not judged.`);
  }
  const all = judged.flatMap((p) => p.thresholds.map((t) => ({ code: `${p.name}.${t.id}`, t })));
  const codesWhere = (test: (t: Policy['thresholds'][number]) => boolean) => all.filter((x) => test(x.t)).map((x) => x.code);
  const openCodes = codesWhere((t) => t.metric === 'open_rate');
  const noOpens = campaigns.filter((c) => c.openRate === null && c.deliveredMethod !== 'no_send_data').map((c) => c.campaign);
  if (noOpens.length && openCodes.length) {
    notes.push(`No open data for ${listNames(noOpens)}: open rates there are unknown and not judged (${openCodes.join(', ')}).`);
  }
  const continuation = codesWhere((t) => t.ifComplaintsContinue !== undefined);
  const unknownContinuation = campaigns.filter((c) => c.complaintsContinued === 'unknown').map((c) => c.campaign);
  if (unknownContinuation.length && continuation.length) {
    notes.push(`${listNames(unknownContinuation)} passed Emma's warning threshold, but the source has no complaint timestamps, so whether complaints continued (second warning) cannot be told.`);
  }
  const timed = codesWhere((t) => t.sustained !== undefined || t.scope === 'rolling_window');
  const noDate = campaigns.filter((c) => c.sentAt === null).map((c) => c.campaign);
  if (noDate.length && timed.length) {
    notes.push(`No send date for ${listNames(noDate)}: left out of rules that need one (${timed.join(', ')}).`);
  }
  for (const { code, t } of all) {
    if (t.scope !== 'campaign' || t.minVolume === undefined) continue;
    const min = t.minVolume.value;
    const small = campaigns.filter((c) => {
      if (t.metric === 'open_rate' && c.openRate === null) return false;
      const volume = METRIC_DEFINITIONS[t.metric].denominator === 'delivered' ? c.delivered : c.sent;
      return c.deliveredMethod !== 'no_send_data' && volume < min;
    });
    if (small.length) notes.push(`${listNames(small.map((c) => c.campaign))}: fewer than ${min} messages, too few to judge by ${code}.`);
  }
  return notes;
}
