import { VERDICT_LEVELS, type VerdictLevel } from '../analysis/audit-result.js';
import { ExitCode } from '../errors.js';
import { VERDICT_POLICIES, type VerdictPolicy } from '../analysis/verdicts/decide-verdict.js';

/** --fail-on: the verdict level from which the run exits 1; `never` always exits 0. */
export const FAIL_ON_LEVELS = ['warning', 'restricted', 'suspended', 'never'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** 0 when the verdict is below --fail-on, 1 when at or above it. */
export function computeExitCode(level: VerdictLevel, failOn: FailOn): ExitCode {
  if (failOn === 'never') return ExitCode.Ok;
  return VERDICT_LEVELS.indexOf(level) >= VERDICT_LEVELS.indexOf(failOn) ? ExitCode.GateFailed : ExitCode.Ok;
}

/** One --fail-on gate: a level for the overall verdict, or `<policy>:<level>` for one policy. */
export interface FailGate {
  policy?: VerdictPolicy;
  level: FailOn;
}

/** Parses `warning` or `emma:warning,intercom:restricted`; a string says what is wrong. */
export function parseFailGates(text: string): FailGate[] | string {
  const gates: FailGate[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const [a, b] = part.split(':');
    const level = (b ?? a) as FailOn;
    const policy = b === undefined ? undefined : (a as VerdictPolicy);
    if (!(FAIL_ON_LEVELS as readonly string[]).includes(level)) return `"${part}": the level must be one of ${FAIL_ON_LEVELS.join(', ')}`;
    if (policy !== undefined && !(VERDICT_POLICIES as readonly string[]).includes(policy)) return `"${part}": the policy must be one of ${VERDICT_POLICIES.join(', ')}`;
    gates.push(policy ? { policy, level } : { level });
  }
  return gates;
}

/** 1 when any gate trips: the overall verdict, or a named policy's, at or above its level. */
export function computeGateExitCode(verdict: { level: VerdictLevel; byPolicy: Record<VerdictPolicy, VerdictLevel> }, gates: readonly FailGate[]): ExitCode {
  const tripped = gates.some((g) => computeExitCode(g.policy ? verdict.byPolicy[g.policy] : verdict.level, g.level) === ExitCode.GateFailed);
  return tripped ? ExitCode.GateFailed : ExitCode.Ok;
}
