/**
 * Exact binomial probabilities for send forecasts: with `n` deliveries and a per-delivery
 * rate `p`, how likely is it that the count X ~ Binomial(n, p) lands above or below a
 * threshold (e.g. "more than 400 complaints out of 200,000")?
 *
 * Why it is built this way:
 * - Log space. For n in the millions the probability mass of one outcome is far below the
 *   smallest double (and n! is far above the largest), so the first term is computed as a
 *   logarithm. We do not use lgamma(n+1) − lgamma(k+1) − lgamma(n−k+1): at n ≈ 5e7 those
 *   terms are ≈ 8e8 and cancel, leaving ~1e-7 of absolute error in the log. Instead we use
 *   Loader's saddle-point form (the one behind R's dbinom), built from the Stirling-series
 *   remainder `stirlerr` and the deviance `bd0`, which are small and accurate.
 * - Summing from the mode outward. pmf(j) rises up to the mode and falls after it
 *   (log-concave), so a tail that does not contain the mode is summed from its inner edge
 *   outward: every term is smaller than the last, the sum is dominated by its first terms,
 *   and we stop once a term drops below 1e-17 of the running sum. Successive terms come from
 *   the exact ratio pmf(j±1)/pmf(j), relative to the first term, so no term is re-derived
 *   from factorials. A tail that does contain the mode is 1 − (the other tail), which is
 *   safe because such a tail is never tiny; a tiny tail is always summed directly, so we
 *   never compute 1 − (something ≈ 1). The cost is O(sqrt(n·p·(1−p))) terms, not O(n).
 *
 * Accuracy: relative error well under 1e-9 for results above 1e-300 (below that, the
 * absolute error is negligible). Results are clamped into [0, 1].
 */

/**
 * P(X ≤ k) for X ~ Binomial(n, p). Non-integer k is floored (X only takes integer values):
 * P(X ≤ 2.7) = P(X ≤ 2). Throws RangeError unless n is an integer ≥ 0, p is in [0, 1] and
 * k is not NaN (±Infinity is fine).
 */
export function binomialCdf(n: number, p: number, k: number): number {
  validate(n, p, k);
  return atMost(n, p, Math.floor(k));
}

/** P(X > k) = 1 − binomialCdf(n, p, k), computed without that subtraction when small; for non-integer k it is P(X ≥ ⌊k⌋ + 1). */
export function binomialTailAbove(n: number, p: number, k: number): number {
  validate(n, p, k);
  return atLeast(n, p, Math.floor(k) + 1);
}

/** P(X < k); for non-integer k that is P(X ≤ ⌈k⌉ − 1), e.g. P(X < 2.5) = P(X ≤ 2). */
export function binomialTailBelow(n: number, p: number, k: number): number {
  validate(n, p, k);
  return atMost(n, p, Math.ceil(k) - 1);
}

function validate(n: number, p: number, k: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`binomial: n must be an integer ≥ 0, got ${n}`);
  }
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`binomial: p must be in [0, 1], got ${p}`);
  }
  if (Number.isNaN(k)) {
    throw new RangeError('binomial: k must be a number, got NaN');
  }
}

/** P(X ≤ m) for integer m (or ±Infinity). */
function atMost(n: number, p: number, m: number): number {
  if (m < 0) return 0;
  if (m >= n) return 1;
  // Degenerate: all mass on one point (p = 0 → X = 0, p = 1 → X = n; n = 0 is caught above).
  if (p === 0) return 1;
  if (p === 1) return 0;
  const mode = modeOf(n, p);
  if (m < mode) return clamp01(sumTail(n, p, m, -1));
  return clamp01(1 - sumTail(n, p, m + 1, +1));
}

/** P(X ≥ m) for integer m (or ±Infinity). */
function atLeast(n: number, p: number, m: number): number {
  if (m <= 0) return 1;
  if (m > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const mode = modeOf(n, p);
  if (m > mode) return clamp01(sumTail(n, p, m, +1));
  return clamp01(1 - sumTail(n, p, m - 1, -1));
}

/**
 * The (largest) mode ⌊(n+1)p⌋: pmf(j+1) ≥ pmf(j) exactly when j + 1 ≤ (n+1)p. Rounding in
 * (n+1)p can only move this by one when two neighbouring terms are (almost) equal, which
 * keeps "terms shrink as we walk away from the mode" true.
 */
function modeOf(n: number, p: number): number {
  return Math.min(n, Math.floor((n + 1) * p));
}

/**
 * Σ pmf(j) for j = start, start + dir, start + 2·dir, … while 0 ≤ j ≤ n, where `start` lies
 * on the far side of the mode so the terms decrease. Terms are kept relative to pmf(start)
 * (the first is 1), so the running sum stays in normal double range even when pmf(start)
 * itself would underflow; the log of pmf(start) is added back at the end.
 *
 * Stopping rule: once a term is below 1e-17 of the sum. Because log pmf is concave, the
 * neglected remainder is at most term · r / (1 − r) for the current ratio r, which is far
 * below 1e-9 of the sum for any n up to the safe-integer range used here.
 */
function sumTail(n: number, p: number, start: number, dir: 1 | -1): number {
  const q = 1 - p;
  const logFirst = logPmf(n, p, start);
  if (logFirst === -Infinity) return 0;
  // Ratios pmf(j+1)/pmf(j) = (n − j)/(j + 1) · p/q and pmf(j−1)/pmf(j) = j/(n − j + 1) · q/p.
  const odds = dir === 1 ? p / q : q / p;
  let term = 1;
  let sum = 1;
  if (dir === 1) {
    for (let j = start; j < n; j++) {
      term *= ((n - j) / (j + 1)) * odds;
      sum += term;
      if (term < 1e-17 * sum) break;
    }
  } else {
    for (let j = start; j > 0; j--) {
      term *= (j / (n - j + 1)) * odds;
      sum += term;
      if (term < 1e-17 * sum) break;
    }
  }
  return Math.exp(logFirst + Math.log(sum));
}

const LN_2PI = 1.8378770664093453; // log(2π)

/**
 * log P(X = x) by Loader's saddle-point expansion:
 *   pmf = exp(stirlerr(n) − stirlerr(x) − stirlerr(n−x) − bd0(x, np) − bd0(n−x, nq))
 *         · 1/sqrt(2π · x · (1 − x/n)).
 * Each piece is small or well-conditioned, so the log is accurate to ~1e-14 absolute
 * even at n = 5e7, where an lgamma difference would lose about eight digits.
 * Requires 0 < p < 1 and 0 ≤ x ≤ n.
 */
function logPmf(n: number, p: number, x: number): number {
  const q = 1 - p;
  if (x === 0) return n * Math.log1p(-p);
  if (x === n) return n * Math.log(p);
  const lc =
    stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return lc - 0.5 * lf;
}

/**
 * stirlerr(n) = log(n!) − log(sqrt(2πn) · (n/e)^n), the error of Stirling's formula.
 * Exact table for n ≤ 15 (computed to 50 digits), asymptotic series beyond; the first
 * omitted series term at n = 16 is ≈ 1e-16.
 */
const STIRLERR_SMALL: readonly number[] = [
  0, // n = 0 is never used (x = 0 and x = n are handled without it)
  0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093,
  0.016644691189821193, 0.013876128823070748, 0.01189670994589177, 0.010411265261972096,
  0.009255462182712733, 0.00833056343336287, 0.007573675487951841, 0.00694284010720953,
  0.006408994188004207, 0.0059513701127588475, 0.005554733551962801,
];

const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

function stirlerr(n: number): number {
  if (n <= 15) return STIRLERR_SMALL[n] ?? 0;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/**
 * bd0(x, m) = x·log(x/m) + m − x, the deviance term, computed without cancellation: when x
 * is close to m it uses the series 2x·Σ v^(2j+1)/(2j+1) with v = (x − m)/(x + m).
 */
function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    if (Math.abs(s) < Number.MIN_VALUE) return s;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
