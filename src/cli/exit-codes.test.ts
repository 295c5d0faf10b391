import { describe, expect, it } from 'vitest';
import { computeExitCode, computeGateExitCode, parseFailGates } from './exit-codes.js';

describe('computeExitCode', () => {
  it('fails at or above the --fail-on level', () => {
    expect(computeExitCode('ok', 'warning')).toBe(0);
    expect(computeExitCode('warning', 'warning')).toBe(1);
    expect(computeExitCode('warning', 'restricted')).toBe(0);
    expect(computeExitCode('restricted', 'restricted')).toBe(1);
    expect(computeExitCode('suspended', 'restricted')).toBe(1);
    expect(computeExitCode('restricted', 'suspended')).toBe(0);
    expect(computeExitCode('suspended', 'suspended')).toBe(1);
    expect(computeExitCode('suspended', 'never')).toBe(0);
  });
});

describe('--fail-on gates per policy', () => {
  const verdict = { level: 'restricted' as const, byPolicy: { emma: 'warning' as const, intercom: 'restricted' as const } };
  it('parses levels and policy:level lists', () => {
    expect(parseFailGates('warning')).toEqual([{ level: 'warning' }]);
    expect(parseFailGates('emma:warning, intercom:suspended')).toEqual([{ policy: 'emma', level: 'warning' }, { policy: 'intercom', level: 'suspended' }]);
    expect(parseFailGates('gmail:warning')).toBe('"gmail:warning": the policy must be one of emma, intercom');
    expect(parseFailGates('emma:sometimes')).toBe('"emma:sometimes": the level must be one of warning, restricted, suspended, never');
  });
  it('trips when any named policy reaches its level', () => {
    expect(computeGateExitCode(verdict, [{ policy: 'emma', level: 'warning' }])).toBe(1);
    expect(computeGateExitCode(verdict, [{ policy: 'emma', level: 'restricted' }])).toBe(0);
    expect(computeGateExitCode(verdict, [{ policy: 'emma', level: 'restricted' }, { policy: 'intercom', level: 'restricted' }])).toBe(1);
    expect(computeGateExitCode(verdict, [{ level: 'suspended' }])).toBe(0);
  });
});
