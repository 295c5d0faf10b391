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
