import { activityWindowOf, emmaLadderPolicy, type PolicySet } from '../policies/index.js';
import type { AuditAccumulator } from './audit-accumulator.js';
import { AUDIT_SCHEMA_VERSION, type AuditResult } from './audit-result.js';
import { summariseBounces } from './bounces/summarise-bounces.js';
import { decideAudience } from './eligibility/decide-audience.js';
import { forecastNextSend } from './forecast/forecast-next-send.js';
import { summariseProviderRates } from './providers/summarise-provider-rates.js';
import { complaintLadderOf } from './rates/complaint-ladder.js';
import { computeCampaignResults } from './rates/compute-campaign-results.js';
import { decideVerdict } from './verdicts/decide-verdict.js';
import { nextSteps } from './verdicts/next-steps.js';

export interface AuditSettings {
  policies: PolicySet;
  /** The moment all windows are measured from (epoch ms): an argument, never the clock. */
  asOf: number;
  toolVersion: string;
}

/** Turns the accumulated state into the one AuditResult every output is made from. */
export function finishAudit(acc: AuditAccumulator, settings: AuditSettings): AuditResult {
  const { policies, asOf } = settings;
  const campaigns = computeCampaignResults(acc, complaintLadderOf(emmaLadderPolicy(policies)));
  const providers = summariseProviderRates(acc);
  const { verdict, headroom } = decideVerdict(
    {
      campaigns,
      providers,
      complaintTimesOf: (name) => {
        const state = acc.campaigns.get(name);
        return state ? [...state.complaintTimes.values()] : undefined;
      },
    },
    policies,
  );
  // Every per-address output lists contacts by address, whatever order they were read in.
  const byKey = acc.contacts.numbersInKeyOrder();
  // A policy's restricted mode (Intercom's) limits mail to recently active contacts.
  const restricting = policies.judged.filter((p) => p.restrictedMode && verdict.byPolicy[p.name] === 'restricted');
  const audience = decideAudience(acc.contacts, byKey, policies.hygiene, activityWindowOf(policies), asOf, restricting.length > 0, acc.duplicateContactRows);
  const bounces = summariseBounces(acc, byKey);
  // Rejects in input order: by file as given, then by line.
  const fileOrder = new Map(acc.files.map((f, i) => [f.file, i]));
  const rejects = [...acc.rejects].sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.line - b.line);
  const partial = { verdict, campaigns, bounces, audience: audience.summary };
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: 'deliv', version: settings.toolVersion },
    asOf: new Date(asOf).toISOString(),
    policies,
    inputs: acc.files,
    campaigns,
    verdict,
    headroom,
    forecast: forecastNextSend({ campaigns, providers, audienceByProvider: audience.contacts.eligibleByProvider, policies: policies.judged }),
    bounces,
    audience: audience.summary,
    providers,
    contacts: audience.contacts,
    rejects,
    nextSteps: nextSteps(partial),
  };
}
