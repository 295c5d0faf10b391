import { METRIC_DEFINITIONS, type Policy, type PolicyMetric, type PolicyThreshold } from '../../policies/policy-schema.js';
import type { CampaignResult, ProviderRates, ThresholdHeadroom, VerdictReason } from '../audit-result.js';
import { VERDICT_LEVELS } from '../audit-result.js';
import { DAY_MS } from '../eligibility/activity-window.js';
import { MAILBOX_PROVIDER_NAMES } from '../providers/mailbox-providers.js';
import { campaignCounts, providerCounts } from '../rates/metric-counts.js';
import { largestNumeratorBelow, tripsThreshold } from '../rates/rate-threshold.js';
import { wilsonInterval } from '../rates/wilson-interval.js';

/** What a policy is judged on: the campaign results and the per-provider tallies. */
export interface JudgeInputs {
  campaigns: readonly CampaignResult[];
  providers: { total: readonly ProviderRates[]; daily: readonly ProviderRates[] };
  /** Each complainer's first complaint time (epoch ms) for a campaign, when the source has them. */
  complaintTimesOf(campaign: string): readonly number[] | undefined;
}

export interface PolicyJudgement {
  reasons: VerdictReason[];
  headroom: ThresholdHeadroom[];
  /** What could not be judged under this policy, and why. */
  notes: string[];
}

/** One campaign, day, window or the whole audit, measured for one threshold's metric. */
interface MeasuredUnit {
  /** "campaign "Spring sale"", "2026-11-02, Google", ... */
  label: string;
  /** Stable key: units with the same key are the same measurement across thresholds. */
  key: string;
  campaign?: string;
  campaigns?: string[];
  day?: string;
  sentAt?: string | null;
  numerator: number;
  /** null for counts (messages sent). */
  denominator: number | null;
}

/**
 * Judge one policy: measure every threshold over its scope, report each campaign, day or
 * window that crosses it (only the worst threshold crossed per metric and unit), and say how
 * much room is left below each threshold.
 */
export function judgePolicy(policy: Policy, inputs: JudgeInputs): PolicyJudgement {
  const drafts: VerdictReason[] = [];
  const headroom: ThresholdHeadroom[] = [];
  const notes = new Set<string>();
  for (const threshold of policy.thresholds) {
    const units = measure(threshold, inputs, notes).filter((u) => {
      const volume = u.denominator ?? u.numerator;
      return threshold.minVolume === undefined || volume >= threshold.minVolume.value;
    });
    headroom.push(headroomOf(policy, threshold, units));
    if (threshold.sustained) {
      const reason = sustainedReason(policy, threshold, units);
      if (reason) drafts.push(reason);
      continue;
    }
    for (const unit of units) {
      if (!crosses(unit, threshold)) continue;
      drafts.push(reasonFor(policy, threshold, unit, continuationOf(threshold, unit, inputs)));
    }
  }
  return { reasons: worstPerUnit(drafts), headroom, notes: [...notes] };
}

const rank = (level: VerdictReason['level']) => VERDICT_LEVELS.indexOf(level);

/** A campaign at 0.6% crosses Emma's 0.1%, 0.2% and 0.5%: only the worst is its reason. */
function worstPerUnit(reasons: VerdictReason[]): VerdictReason[] {
  const kept = new Map<string, VerdictReason>();
  for (const r of reasons) {
    const key = `${r.metric}|${r.comparison === 'below' ? 'low' : 'high'}|${r.unitKey}`;
    const held = kept.get(key);
    if (!held || rank(r.level) > rank(held.level) || (rank(r.level) === rank(held.level) && stricter(r, held))) kept.set(key, r);
  }
  return reasons.filter((r) => kept.get(`${r.metric}|${r.comparison === 'below' ? 'low' : 'high'}|${r.unitKey}`) === r);
}

const stricter = (a: VerdictReason, b: VerdictReason) => (a.comparison === 'below' ? a.threshold > b.threshold : a.threshold < b.threshold);

// ---- measuring --------------------------------------------------------------------------

function measure(t: PolicyThreshold, inputs: JudgeInputs, notes: Set<string>): MeasuredUnit[] {
  const judged = inputs.campaigns.filter((c) => campaignCounts(c, t.metric) !== null);
  switch (t.scope) {
    case 'campaign':
      return judged.map((c) => ({ label: `campaign "${c.campaign}"`, key: `campaign:${c.campaign}`, campaign: c.campaign, sentAt: c.sentAt, ...campaignCounts(c, t.metric)! }));
    case 'rolling_window':
      return rollingWindows(t, judged, notes);
    case 'audit':
      if (t.providers) {
        const rows = inputs.providers.total.filter((p) => t.providers!.includes(p.provider));
        noteSummariesLeftOut(inputs.campaigns, notes);
        return [{ label: `all mail audited to ${providerNames(t)}`, key: `audit:${t.providers.join('+')}`, ...sumCounts(rows, t.metric) }];
      }
      if (!judged.length) return [];
      return [{ label: `all ${judged.length} campaign(s) audited`, key: 'audit', campaigns: judged.map((c) => c.campaign), ...sumCampaigns(judged, t.metric) }];
    case 'day': {
      noteSummariesLeftOut(inputs.campaigns, notes);
      const byDay = new Map<string, ProviderRates[]>();
      for (const p of inputs.providers.daily) {
        if (t.providers && !t.providers.includes(p.provider)) continue;
        const list = byDay.get(p.day!) ?? [];
        list.push(p);
        byDay.set(p.day!, list);
      }
      const who = t.providers ? `, ${providerNames(t)}` : '';
      return [...byDay.entries()].map(([day, rows]) => ({ label: `${day}${who}`, key: `day:${day}:${t.providers?.join('+') ?? 'all'}`, day, ...sumCounts(rows, t.metric) }));
    }
  }
}

const providerNames = (t: PolicyThreshold) => (t.providers ?? []).map((p) => MAILBOX_PROVIDER_NAMES[p]).join(', ');

function sumCounts(rows: readonly ProviderRates[], metric: PolicyMetric) {
  let numerator = 0;
  let denominator = 0;
  for (const row of rows) {
    const c = providerCounts(row, metric)!;
    numerator += c.numerator;
    denominator += c.denominator ?? 0;
  }
  return { numerator, denominator: METRIC_DEFINITIONS[metric].kind === 'count' ? null : denominator };
}

function sumCampaigns(campaigns: readonly CampaignResult[], metric: PolicyMetric) {
  let numerator = 0;
  let denominator = 0;
  for (const c of campaigns) {
    const counts = campaignCounts(c, metric)!;
    numerator += counts.numerator;
    denominator += counts.denominator ?? 0;
  }
  return { numerator, denominator: METRIC_DEFINITIONS[metric].kind === 'count' ? null : denominator };
}

/** Campaign summaries carry no recipients, so per-provider and per-day rules cannot see them. */
function noteSummariesLeftOut(campaigns: readonly CampaignResult[], notes: Set<string>) {
  const summaries = campaigns.filter((c) => c.source === 'campaign_summary').map((c) => c.campaign);
  if (!summaries.length) return;
  notes.add(
    `${listNames(summaries)} come from campaign summaries, which have no recipients to split by day or mailbox provider: rules measured per day or per provider leave them out.`,
  );
}

/** At each send, the campaigns sent in the window up to and including it. */
function rollingWindows(t: PolicyThreshold, judged: readonly CampaignResult[], notes: Set<string>): MeasuredUnit[] {
  const dated = judged.filter((c) => c.sentAt !== null).sort((a, b) => (a.sentAt! < b.sentAt! ? -1 : a.sentAt! > b.sentAt! ? 1 : 0));
  const undated = judged.filter((c) => c.sentAt === null).map((c) => c.campaign);
  if (undated.length) notes.add(`No send time for ${listNames(undated)}: left out of rules measured over the last ${t.windowHours} hours.`);
  const span = t.windowHours! * 3_600_000;
  const units: MeasuredUnit[] = [];
  for (let end = 0; end < dated.length; end++) {
    // Several campaigns sent at the same moment form one window, judged once at the last of them.
    if (end + 1 < dated.length && dated[end + 1]!.sentAt === dated[end]!.sentAt) continue;
    const endAt = Date.parse(dated[end]!.sentAt!);
    const inWindow = dated.filter((c, i) => i <= end && Date.parse(c.sentAt!) > endAt - span);
    units.push({
      label: `the ${t.windowHours} hours to ${dated[end]!.sentAt} (${listNames(inWindow.map((c) => c.campaign))})`,
      key: `window${t.windowHours}:${dated[end]!.sentAt}`,
      campaigns: inWindow.map((c) => c.campaign),
      sentAt: dated[end]!.sentAt,
      ...sumCampaigns(inWindow, t.metric),
    });
  }
  return units;
}

// ---- crossing ---------------------------------------------------------------------------

function crosses(unit: MeasuredUnit, t: PolicyThreshold): boolean {
  if (unit.denominator === null) {
    switch (t.comparison) {
      case 'above':
        return unit.numerator > t.value;
      case 'at_or_above':
        return unit.numerator >= t.value;
      case 'below':
        return unit.numerator < t.value;
    }
  }
  return tripsThreshold(unit.numerator, unit.denominator, t);
}

/** The most the numerator can be (denominator unchanged) without crossing; undefined for `below`. */
function limitOf(unit: MeasuredUnit, t: PolicyThreshold): number | undefined {
  if (unit.denominator === null) {
    if (t.comparison === 'below') return undefined;
    return t.comparison === 'above' ? Math.floor(t.value) : Math.ceil(t.value) - 1;
  }
  return largestNumeratorBelow(unit.denominator, t);
}

function headroomOf(policy: Policy, t: PolicyThreshold, units: readonly MeasuredUnit[]): ThresholdHeadroom {
  let closest: ThresholdHeadroom['closest'] = null;
  let crossed = 0;
  for (const unit of units) {
    if (crosses(unit, t)) {
      crossed++;
      continue;
    }
    const limit = limitOf(unit, t);
    if (limit === undefined || (unit.denominator !== null && unit.denominator <= 0)) continue;
    const room = limit - unit.numerator;
    if (closest === null || room < closest.headroom) {
      closest = { unit: unit.label, numerator: unit.numerator, denominator: unit.denominator, limit, headroom: room };
    }
  }
  return {
    policy: policy.name,
    code: `${policy.name}.${t.id}`,
    metric: t.metric,
    scope: t.scope,
    level: t.level,
    threshold: t.value,
    comparison: t.comparison,
    unitsJudged: units.length,
    unitsCrossed: crossed,
    closest,
  };
}

/** Complaints that arrived after the one that first took the campaign across the threshold. */
function continuationOf(t: PolicyThreshold, unit: MeasuredUnit, inputs: JudgeInputs): number | 'unknown' | undefined {
  if (!t.ifComplaintsContinue || unit.campaign === undefined || unit.denominator === null) return undefined;
  const times = inputs.complaintTimesOf(unit.campaign);
  const k = (largestNumeratorBelow(unit.denominator, t) ?? 0) + 1;
  const sorted = times ? [...times].sort((a, b) => a - b) : [];
  const crossedAt = sorted[k - 1];
  if (crossedAt === undefined) return 'unknown';
  // "If complaints continue to be received for the same email": strictly later ones only.
  return sorted.filter((at) => at > crossedAt).length;
}

// ---- reasons ----------------------------------------------------------------------------

const percent = (x: number) => `${(x * 100).toFixed(3).replace(/\.?0+$/, '')}%`;
const count = (n: number) => n.toLocaleString('en-US');

const COMPARISON_WORDS = { above: 'above', at_or_above: 'at or above', below: 'below' } as const;

function reasonFor(policy: Policy, t: PolicyThreshold, unit: MeasuredUnit, continued: number | 'unknown' | undefined): VerdictReason {
  const def = METRIC_DEFINITIONS[t.metric];
  const value = unit.denominator === null ? unit.numerator : unit.numerator / unit.denominator;
  const measured =
    unit.denominator === null
      ? `${count(unit.numerator)} ${def.title}`
      : `${def.title} ${percent(value)} (${count(unit.numerator)} of ${count(unit.denominator)} ${def.denominator})`;
  const limit = unit.denominator === null ? count(t.value) : percent(t.value);
  const second = typeof continued === 'number' && continued > 0 ? t.ifComplaintsContinue : undefined;
  const id = second ? second.id : t.id;
  const then = second ? `, and ${count(continued as number)} more complaint(s) arrived after it crossed` : '';
  const consequence = second ? second.consequence : t.consequence;
  const message = `${capitalise(unit.label)}: ${measured}, ${COMPARISON_WORDS[t.comparison]} ${policy.name}'s ${limit}${then}: ${consequence}.`;
  return build(policy, t, id, unit, value, message, second ? `${t.source}; ${second.source}` : t.source, consequence);
}

function sustainedReason(policy: Policy, t: PolicyThreshold, units: readonly MeasuredUnit[]): VerdictReason | null {
  const rule = t.sustained!;
  const dated = units
    .filter((u) => u.sentAt)
    .sort((a, b) => (a.sentAt! < b.sentAt! ? -1 : a.sentAt! > b.sentAt! ? 1 : a.key < b.key ? -1 : 1));
  const run: MeasuredUnit[] = [];
  for (let i = dated.length - 1; i >= 0 && crosses(dated[i]!, t); i--) run.unshift(dated[i]!);
  if (run.length < rule.campaigns.value) return null;
  const spanDays = (Date.parse(run[run.length - 1]!.sentAt!) - Date.parse(run[0]!.sentAt!)) / DAY_MS;
  if (spanDays < rule.minSpanDays.value) return null;
  const numerator = run.reduce((n, u) => n + u.numerator, 0);
  const denominator = run.reduce((n, u) => n + (u.denominator ?? 0), 0);
  const def = METRIC_DEFINITIONS[t.metric];
  const first = run[0]!.sentAt!.slice(0, 10);
  const last = run[run.length - 1]!.sentAt!.slice(0, 10);
  const unit: MeasuredUnit = {
    label: `the last ${run.length} campaigns (${first} to ${last})`,
    key: `run:${run.map((u) => u.key).join(',')}`,
    campaigns: run.map((u) => u.campaign!),
    numerator,
    denominator,
  };
  const message = `The last ${run.length} campaigns, sent over ${Math.floor(spanDays)} days, each had a ${def.title} ${COMPARISON_WORDS[t.comparison]} ${percent(t.value)} (together ${percent(numerator / denominator)}): ${t.consequence}.`;
  const source = `${t.source}; run of ${rule.campaigns.value}+ campaigns over ${rule.minSpanDays.value}+ days: ${rule.minSpanDays.source}`;
  return build(policy, t, t.id, unit, numerator / denominator, message, source, t.consequence);
}

function build(policy: Policy, t: PolicyThreshold, id: string, unit: MeasuredUnit, value: number, message: string, source: string, consequence: string): VerdictReason {
  const interval = unit.denominator === null ? null : wilsonInterval(unit.numerator, unit.denominator);
  return {
    code: `${policy.name}.${id}`,
    policy: policy.name,
    thresholdId: t.id,
    level: t.level,
    message,
    metric: t.metric,
    scope: t.scope,
    ...(t.providers ? { providers: t.providers } : {}),
    value,
    threshold: t.value,
    comparison: t.comparison,
    window: unit.label,
    unitKey: unit.key,
    ...(unit.campaign !== undefined ? { campaign: unit.campaign } : {}),
    ...(unit.campaigns !== undefined ? { campaigns: unit.campaigns } : {}),
    ...(unit.day !== undefined ? { day: unit.day } : {}),
    numerator: unit.numerator,
    denominator: unit.denominator,
    consequence,
    source,
    estimate: t.estimate,
    interval,
    // The interval straddles the threshold: too little volume to be sure which side the true rate is on.
    thinEvidence: interval !== null && interval.low <= t.value && t.value <= interval.high,
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function listNames(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length <= 5 ? quoted.join(', ') : `${quoted.slice(0, 5).join(', ')} and ${quoted.length - 5} more`;
}
