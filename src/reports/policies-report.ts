import { DEFAULT_POLICY_NAMES, PLATFORM_POLICY_OF_FORMAT, type HygienePolicy, type Policy } from '../policies/index.js';
import { listThresholds } from '../policies/list-thresholds.js';
import { METRIC_DEFINITIONS, type PolicyThreshold } from '../policies/policy-schema.js';
import { MAILBOX_PROVIDER_NAMES } from '../analysis/providers/mailbox-providers.js';
import { formatThreshold } from './format.js';

const COMPARISON = { above: 'above', at_or_above: 'at or above', below: 'below' } as const;
const SCOPE = { campaign: 'per campaign', day: 'per day', rolling_window: 'over the last', audit: 'over the audit' } as const;

/** When a built-in is judged without --policy. */
export function defaultNote(name: string): string {
  if ((DEFAULT_POLICY_NAMES as readonly string[]).includes(name)) return 'default';
  const formats = Object.entries(PLATFORM_POLICY_OF_FORMAT).filter(([, policy]) => policy === name).map(([format]) => format);
  return formats.length ? `default with ${formats.join(', ')}` : 'with --policy';
}

/** "complaint rate per day (Google) above 0.1% -> warning" */
export function describeThreshold(t: PolicyThreshold): string {
  const def = METRIC_DEFINITIONS[t.metric];
  const scope = t.scope === 'rolling_window' ? `${SCOPE[t.scope]} ${t.windowHours} hours` : SCOPE[t.scope];
  const who = t.providers ? ` (${t.providers.map((p) => MAILBOX_PROVIDER_NAMES[p]).join(', ')})` : '';
  const value = def.kind === 'count' ? t.value.toLocaleString('en-US') : formatThreshold(t.value);
  const level = t.level === 'ok' ? 'note' : t.level;
  return `${def.title} ${scope}${who} ${COMPARISON[t.comparison]} ${value}${t.estimate ? ' (estimate)' : ''} -> ${level}`;
}

/** `deliv policies`: one line per policy, and the hygiene rules. */
export function policiesList(policies: readonly Policy[], hygiene: HygienePolicy): string {
  const width = Math.max(...policies.map((p) => p.name.length), hygiene.name.length);
  const when = policies.map((p) => defaultNote(p.name));
  const whenWidth = Math.max(...when.map((w) => w.length));
  return [
    ...policies.map((p, i) => `${p.name.padEnd(width)}  ${when[i]!.padEnd(whenWidth)}  ${p.title} (${p.thresholds.length} threshold${p.thresholds.length === 1 ? '' : 's'})`),
    `${hygiene.name.padEnd(width)}  ${'always'.padEnd(whenWidth)}  ${hygiene.title}: suppresses addresses, gives no verdict`,
    '',
    'deliv policies show <name> lists every threshold with its source; deliv audit --policy <names|file> chooses.',
  ].join('\n');
}

/** `deliv policies show <name>`: every threshold with its value, window, denominator, consequence and source. */
export function policyDetail(policy: Policy): string {
  const out = [`${policy.name}: ${policy.title}`];
  if (policy.url) out.push(policy.url);
  out.push(`Applies to: ${policy.appliesTo}`);
  if (policy.extends) out.push(`Extends: ${policy.extends}`);
  if (policy.restrictedMode) {
    const w = policy.restrictedMode.activityWindowDays;
    out.push(`Restricted mode: only contacts active in the last ${w.value} days may be mailed (source: ${w.source})`);
  }
  out.push('', 'Thresholds:');
  for (const t of policy.thresholds) {
    out.push(`  ${t.id}: ${describeThreshold(t)}`);
    out.push(`      window: ${t.window}`);
    if (METRIC_DEFINITIONS[t.metric].kind === 'rate') out.push(`      denominator: ${t.denominator}`);
    out.push(`      consequence: ${t.consequence}`);
    if (t.minVolume) out.push(`      judged from ${t.minVolume.value} messages${t.minVolume.estimate ? ' (estimate)' : ''}: ${t.minVolume.source}`);
    if (t.sustained) out.push(`      only when the last ${t.sustained.campaigns.value} campaigns in a row cross it, over at least ${t.sustained.minSpanDays.value} days`);
    if (t.ifComplaintsContinue) out.push(`      becomes ${t.ifComplaintsContinue.id} when complaints keep arriving after it is crossed`);
    out.push(`      source: ${t.source}`);
  }
  if (policy.notChecked.length) {
    out.push('', 'Not checked by this audit (check these yourself):');
    for (const n of policy.notChecked) out.push(`  - ${n.requirement}: ${n.check} (${n.source})`);
  }
  return out.join('\n');
}

/** `deliv policies show hygiene`. */
export function hygieneDetail(hygiene: HygienePolicy): string {
  const numbers = listThresholds(hygiene);
  const width = Math.max(...numbers.map((t) => t.path.length));
  return [
    `${hygiene.name}: ${hygiene.title} (always applied; suppresses addresses, gives no verdict)`,
    '',
    ...numbers.map((t) => `  ${t.path.padEnd(width)}  ${t.value}${t.estimate ? ' (estimate)' : ''}\n  ${' '.repeat(width)}  source: ${t.source}`),
  ].join('\n');
}

/** The README's table of built-in policies (a test keeps the README equal to it). */
export function policiesMarkdownTable(policies: readonly Policy[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = ['| policy | threshold | rule | consequence | source |', '|---|---|---|---|---|'];
  for (const p of policies) {
    for (const t of p.thresholds) rows.push(`| \`${p.name}\` | \`${t.id}\` | ${cell(describeThreshold(t))} | ${cell(t.consequence)} | ${cell(t.source)} |`);
  }
  return rows.join('\n');
}
