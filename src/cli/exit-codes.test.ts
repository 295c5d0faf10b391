import { describe, expect, it } from 'vitest';
import { computeExitCode, computeGateExitCode, gateOutsideJudged, parseFailGates } from './exit-codes.js';

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
    // Any policy name parses; whether the run judges it is checked once the policies are chosen.
    expect(parseFailGates('gmail:warning')).toEqual([{ policy: 'gmail', level: 'warning' }]);
    expect(parseFailGates('Gmail!:warning')).toBe('"Gmail!:warning": expected <policy>:<level>, with a policy name such as emma, gmail or ses');
    expect(gateOutsideJudged([{ policy: 'ses', level: 'warning' }], ['emma', 'gmail'])).toBe(
      '--fail-on ses:warning: "ses" is not judged in this run (judged: emma, gmail); add it with --policy',
    );
    expect(gateOutsideJudged([{ level: 'warning' }, { policy: 'gmail', level: 'warning' }], ['emma', 'gmail'])).toBeUndefined();
    expect(parseFailGates('emma:sometimes')).toBe('"emma:sometimes": the level must be one of warning, restricted, suspended, never');
  });
  it('trips when any named policy reaches its level', () => {
    expect(computeGateExitCode(verdict, [{ policy: 'emma', level: 'warning' }])).toBe(1);
    expect(computeGateExitCode(verdict, [{ policy: 'emma', level: 'restricted' }])).toBe(0);
    expect(computeGateExitCode(verdict, [{ policy: 'emma', level: 'restricted' }, { policy: 'intercom', level: 'restricted' }])).toBe(1);
    expect(computeGateExitCode(verdict, [{ level: 'suspended' }])).toBe(0);
  });
});
