import { describe, expect, it } from 'vitest';
import { computeExitCode } from './exit-codes.js';

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
