import { VERDICT_LEVELS, type VerdictLevel } from '../analysis/audit-result.js';
import { ExitCode } from '../errors.js';

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
  /** A judged policy's name (built-in or custom); checked against the judged set once it is known. */
  policy?: string;
  level: FailOn;
}

/** Parses `warning` or `emma:warning,intercom:restricted`; a string says what is wrong. */
export function parseFailGates(text: string): FailGate[] | string {
  const gates: FailGate[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const [a, b] = part.split(':');
    const level = (b ?? a) as FailOn;
    const policy = b === undefined ? undefined : a;
    if (!(FAIL_ON_LEVELS as readonly string[]).includes(level)) return `"${part}": the level must be one of ${FAIL_ON_LEVELS.join(', ')}`;
    if (policy !== undefined && !/^[a-z][a-z0-9_-]*$/.test(policy)) return `"${part}": expected <policy>:<level>, with a policy name such as emma, gmail or ses`;
    gates.push(policy ? { policy, level } : { level });
  }
  return gates;
}

/** 1 when any gate trips: the overall verdict, or a named policy's, at or above its level. */
export function computeGateExitCode(verdict: { level: VerdictLevel; byPolicy: Record<string, VerdictLevel> }, gates: readonly FailGate[]): ExitCode {
  const tripped = gates.some((g) => computeExitCode(g.policy ? (verdict.byPolicy[g.policy] ?? 'ok') : verdict.level, g.level) === ExitCode.GateFailed);
  return tripped ? ExitCode.GateFailed : ExitCode.Ok;
}

/** A gate naming a policy the run does not judge can never trip: refuse it rather than pass silently. */
export function gateOutsideJudged(gates: readonly FailGate[], judged: readonly string[]): string | undefined {
  const stray = gates.find((g) => g.policy !== undefined && !judged.includes(g.policy));
  if (!stray) return undefined;
  return `--fail-on ${stray.policy}:${stray.level}: "${stray.policy}" is not judged in this run (judged: ${judged.join(', ')}); add it with --policy`;
}
