/**
 * The Wilson score interval for a proportion: where the true rate lies, with 95%
 * confidence, given `successes` out of `trials`. It stays inside [0, 1] and behaves at 0
 * and small counts, unlike the normal approximation, so "1 complaint in 150" and "40 in
 * 5,000" can be told apart.
 */
const Z95 = 1.959963984540054;

export interface RateInterval {
  low: number;
  high: number;
}

export function wilsonInterval(successes: number, trials: number, z = Z95): RateInterval | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // At 0 and at every trial, the bound is exactly 0 or 1 (no floating-point crumbs).
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - margin),
    high: successes === trials ? 1 : Math.min(1, centre + margin),
  };
}
