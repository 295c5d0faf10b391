import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { binomialCdf, binomialTailAbove, binomialTailBelow } from './binomial.js';

/** The accuracy contract: 1e-9 relative above 1e-300, 1e-12 absolute below. */
function expectAccurate(actual: number, expected: number): void {
  if (expected > 1e-300) {
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * expected);
  } else {
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12);
  }
}

// ---------------------------------------------------------------------------------------
// Reference 1: exact rational arithmetic (BigInt) for p = a / 2^b, which is exactly the
// double the code receives. pmf(j) = C(n, j) · a^j · (2^b − a)^(n−j) / 2^(b·n).
// ---------------------------------------------------------------------------------------

function ldexp(x: number, e: number): number {
  let v = x;
  let rest = e;
  while (rest > 1000) {
    v *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    v *= 2 ** -1000;
    rest += 1000;
  }
  return v * 2 ** rest;
}

/** num / 2^denBits as a double (num truncated to 64 significant bits first: < 1e-18 rel). */
function dyadicToNumber(num: bigint, denBits: number): number {
  if (num === 0n) return 0;
  const bits = num.toString(2).length;
  const shift = Math.max(0, bits - 64);
  return ldexp(Number(num >> BigInt(shift)), shift - denBits);
}

/** Exact pmf numerators w[j] for j = 0..n, over the common denominator 2^(b·n). */
function exactWeights(n: number, a: number, b: number): bigint[] {
  const A = BigInt(a);
  const B = (1n << BigInt(b)) - A;
  const powA: bigint[] = [1n];
  const powB: bigint[] = [1n];
  for (let j = 1; j <= n; j++) {
    powA.push((powA[j - 1] ?? 0n) * A);
    powB.push((powB[j - 1] ?? 0n) * B);
  }
  const w: bigint[] = [];
  let choose = 1n;
  for (let j = 0; j <= n; j++) {
    w.push(choose * (powA[j] ?? 0n) * (powB[n - j] ?? 0n));
    choose = (choose * BigInt(n - j)) / BigInt(j + 1);
  }
  return w;
}

/** Exact P(X ≤ m) and P(X > m), each summed on its own side (no subtraction). */
function exactSplit(w: bigint[], m: number, denBits: number): { le: number; gt: number } {
  let le = 0n;
  let gt = 0n;
  w.forEach((x, j) => {
    if (j <= m) le += x;
    else gt += x;
  });
  return { le: dyadicToNumber(le, denBits), gt: dyadicToNumber(gt, denBits) };
}

// ---------------------------------------------------------------------------------------
// Reference 2: an independent O(n) computation with no lgamma, no saddle point and no
// complement: every pmf(j) relative to the mode by the multiplicative recurrence, then
// normalised by the grand total (so the absolute scale never comes from a formula).
// Each tail is summed on its own side. Rounding grows by ~2 ulp per step: < 1e-11 here.
// ---------------------------------------------------------------------------------------

function normalisedPmf(n: number, p: number): Float64Array {
  const q = 1 - p;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const r = new Float64Array(n + 1);
  r[mode] = 1;
  for (let j = mode; j < n; j++) r[j + 1] = (r[j] ?? 0) * ((n - j) / (j + 1)) * (p / q);
  for (let j = mode; j > 0; j--) r[j - 1] = (r[j] ?? 0) * (j / (n - j + 1)) * (q / p);
  let total = 0;
  for (const x of r) total += x;
  return r.map((x) => x / total);
}

function sumRange(pmf: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let j = Math.max(0, from); j <= Math.min(to, pmf.length - 1); j++) s += pmf[j] ?? 0;
  return s;
}

function logSumExp(logs: number[]): number {
  if (logs.length === 0) return 0;
  const max = Math.max(...logs);
  if (max === -Infinity) return 0;
  let s = 0;
  for (const l of logs) s += Math.exp(l - max);
  return Math.exp(max + Math.log(s));
}

function poissonUpperTail(lambda: number, above: number, terms: number): number {
  // P(Y > above) for Y ~ Poisson(lambda), summed directly in log space.
  const logs: number[] = [];
  let l = -lambda;
  for (let j = 1; j <= above; j++) l += Math.log(lambda / j);
  for (let j = above + 1; j <= above + terms; j++) {
    l += Math.log(lambda / j);
    logs.push(l);
  }
  return logSumExp(logs);
}

/** Standard normal upper tail via Numerical Recipes' erfc (fractional error < 1.2e-7). */
function normalUpper(z: number): number {
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const erfc = x >= 0 ? y : 2 - y;
  return erfc / 2;
}

describe('binomial: hand-computed small cases', () => {
  it('n=3, p=0.5: P(X ≤ 1) = 1/8 + 3/8 = 0.5', () => {
    expect(binomialCdf(3, 0.5, 1)).toBeCloseTo(0.5, 15);
    expect(binomialTailAbove(3, 0.5, 1)).toBeCloseTo(0.5, 15);
    expect(binomialTailBelow(3, 0.5, 1)).toBeCloseTo(0.125, 15);
  });

  it('n=10, p=0.1: P(X ≤ 0) = 0.9^10 = 0.3486784401', () => {
    expectAccurate(binomialCdf(10, 0.1, 0), 0.3486784401);
    expectAccurate(binomialTailAbove(10, 0.1, 0), 1 - 0.3486784401);
  });

  it('n=5, p=0.2: P(X > 2) = 10·0.2³·0.8² + 5·0.2⁴·0.8 + 0.2⁵ = 0.05792', () => {
    expectAccurate(binomialTailAbove(5, 0.2, 2), 0.05792);
    expectAccurate(binomialCdf(5, 0.2, 2), 0.94208);
    expectAccurate(binomialTailBelow(5, 0.2, 3), 0.94208);
  });

  it('n=4, p=0.25: every point of the cdf', () => {
    // pmf = (81, 108, 54, 12, 1) / 256
    const cum = [81, 189, 243, 255, 256];
    cum.forEach((c, k) => expectAccurate(binomialCdf(4, 0.25, k), c / 256));
    cum.forEach((c, k) => expectAccurate(binomialTailAbove(4, 0.25, k), (256 - c) / 256));
  });

  it('n=20, p=0.5: P(X ≥ 20) = P(X ≤ 0) = 2^-20', () => {
    expectAccurate(binomialTailAbove(20, 0.5, 19), 2 ** -20);
    expectAccurate(binomialCdf(20, 0.5, 0), 2 ** -20);
  });

  it('far tails keep relative accuracy instead of rounding to 0: n=1000, p=0.5, P(X ≤ 0) = 2^-1000', () => {
    expectAccurate(binomialCdf(1000, 0.5, 0), 2 ** -1000);
    expectAccurate(binomialTailAbove(1000, 0.5, 999), 2 ** -1000);
    // P(X ≤ 1) = 1001 · 2^-1000
    expectAccurate(binomialCdf(1000, 0.5, 1), 1001 * 2 ** -1000);
  });

  it('the send-forecast example: 200,000 deliveries at 0.12%, more than 400 complaints', () => {
    // mean 240, sd ≈ 15.5: 400 is ~10 sd out. 50-digit mpmath sum: 1.5439045719480027724e-21.
    expectAccurate(binomialTailAbove(200_000, 0.0012, 400), 1.5439045719480027724e-21);
    // At the mean the tail is about a half.
    const atMean = binomialTailAbove(200_000, 0.0012, 240);
    expect(atMean).toBeGreaterThan(0.45);
    expect(atMean).toBeLessThan(0.5);
  });
});

describe('binomial: edge cases', () => {
  it('p = 0: X = 0 surely', () => {
    expect(binomialCdf(10, 0, 0)).toBe(1);
    expect(binomialCdf(10, 0, -1)).toBe(0);
    expect(binomialTailAbove(10, 0, 0)).toBe(0);
    expect(binomialTailAbove(10, 0, -1)).toBe(1);
    expect(binomialTailBelow(10, 0, 0)).toBe(0);
    expect(binomialTailBelow(10, 0, 1)).toBe(1);
    expect(binomialCdf(50_000_000, 0, 3)).toBe(1);
  });

  it('p = 1: X = n surely', () => {
    expect(binomialCdf(10, 1, 9)).toBe(0);
    expect(binomialCdf(10, 1, 10)).toBe(1);
    expect(binomialTailAbove(10, 1, 9)).toBe(1);
    expect(binomialTailAbove(10, 1, 10)).toBe(0);
    expect(binomialTailBelow(10, 1, 10)).toBe(0);
    expect(binomialTailBelow(10, 1, 11)).toBe(1);
    expect(binomialTailAbove(50_000_000, 1, 49_999_999)).toBe(1);
  });

  it('n = 0: X = 0 surely, for any p', () => {
    for (const p of [0, 1e-6, 0.5, 1]) {
      expect(binomialCdf(0, p, 0)).toBe(1);
      expect(binomialCdf(0, p, -1)).toBe(0);
      expect(binomialTailAbove(0, p, 0)).toBe(0);
      expect(binomialTailAbove(0, p, -0.5)).toBe(1);
      expect(binomialTailBelow(0, p, 0)).toBe(0);
      expect(binomialTailBelow(0, p, 0.5)).toBe(1);
    }
  });

  it('k < 0 and k ≥ n', () => {
    expect(binomialCdf(7, 0.3, -1)).toBe(0);
    expect(binomialCdf(7, 0.3, -1e300)).toBe(0);
    expect(binomialCdf(7, 0.3, -Infinity)).toBe(0);
    expect(binomialCdf(7, 0.3, 7)).toBe(1);
    expect(binomialCdf(7, 0.3, 1e9)).toBe(1);
    expect(binomialCdf(7, 0.3, Infinity)).toBe(1);
    expect(binomialTailAbove(7, 0.3, -1)).toBe(1);
    expect(binomialTailAbove(7, 0.3, 7)).toBe(0);
    expect(binomialTailAbove(7, 0.3, Infinity)).toBe(0);
    expect(binomialTailBelow(7, 0.3, 0)).toBe(0);
    expect(binomialTailBelow(7, 0.3, -3)).toBe(0);
    expect(binomialTailBelow(7, 0.3, 8)).toBe(1);
    expectAccurate(binomialTailBelow(7, 0.3, 7), 1 - 0.3 ** 7);
  });

  it('non-integer k: cdf and tailAbove floor, tailBelow means strictly below', () => {
    expect(binomialCdf(10, 0.3, 2.7)).toBe(binomialCdf(10, 0.3, 2));
    expect(binomialCdf(10, 0.3, -0.2)).toBe(0);
    expect(binomialTailAbove(10, 0.3, 2.7)).toBe(binomialTailAbove(10, 0.3, 2));
    expect(binomialTailBelow(10, 0.3, 2.3)).toBe(binomialCdf(10, 0.3, 2));
    expect(binomialTailBelow(10, 0.3, 2)).toBe(binomialCdf(10, 0.3, 1));
    expect(binomialTailBelow(10, 0.3, 9.5)).toBe(binomialCdf(10, 0.3, 9));
  });

  it('rejects bad n, p and NaN k with RangeError', () => {
    for (const n of [-1, 2.5, NaN, Infinity, 2 ** 60]) {
      expect(() => binomialCdf(n, 0.5, 1)).toThrow(RangeError);
      expect(() => binomialTailAbove(n, 0.5, 1)).toThrow(RangeError);
      expect(() => binomialTailBelow(n, 0.5, 1)).toThrow(RangeError);
    }
    for (const p of [-0.1, 1.1, NaN, Infinity]) {
      expect(() => binomialCdf(10, p, 1)).toThrow(RangeError);
    }
    expect(() => binomialCdf(10, 0.5, NaN)).toThrow(RangeError);
  });

  it('tiny p near the smallest double', () => {
    // P(X > 0) = 1 − (1 − p)^n ≈ n·p
    expectAccurate(binomialTailAbove(1000, 1e-300, 0), 1e-297);
    // P(X ≥ 2) ≈ 45e-400: below the smallest double.
    expectAccurate(binomialTailAbove(10, 1e-200, 1), 0);
    expect(binomialCdf(1000, 1e-300, 0)).toBe(1);
  });
});

describe('binomial: properties', () => {
  // p = a / 2^b is an exact double, so the BigInt sum is the exact answer for that input.
  const dyadicCase = fc
    .record({
      n: fc.integer({ min: 0, max: 200 }),
      b: fc.integer({ min: 1, max: 30 }),
      aFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      kFrac: fc.double({ min: -0.1, max: 1.1, noNaN: true }),
    })
    .map(({ n, b, aFrac, kFrac }) => ({
      n,
      b,
      a: Math.round(aFrac * 2 ** b),
      k: Math.floor(kFrac * (n + 1)),
    }));

  test.prop([dyadicCase], { numRuns: 400 })('matches an exact BigInt sum for n ≤ 200', ({ n, a, b, k }) => {
    const p = a / 2 ** b;
    const w = exactWeights(n, a, b);
    const { le, gt } = exactSplit(w, k, b * n);
    expectAccurate(binomialCdf(n, p, k), le);
    expectAccurate(binomialTailAbove(n, p, k), gt);
    const below = exactSplit(w, k - 1, b * n).le;
    expectAccurate(binomialTailBelow(n, p, k), below);
  });

  test.prop([fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 })], { numRuns: 100 })(
    'matches the exact sum at every k (small dyadic rates)',
    (n, seed) => {
      const b = 1 + (seed % 20);
      const a = 1 + (seed % 7);
      if (a >= 2 ** b) return;
      const w = exactWeights(n, a, b);
      const p = a / 2 ** b;
      for (let k = -1; k <= n; k++) {
        const { le, gt } = exactSplit(w, k, b * n);
        expectAccurate(binomialCdf(n, p, k), le);
        expectAccurate(binomialTailAbove(n, p, k), gt);
      }
    },
  );

  const rate = fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 1e-7, max: 1e-2, noNaN: true }),
    fc.double({ min: 0.99, max: 1, noNaN: true }),
  );

  test.prop([fc.integer({ min: 1, max: 20_000 }), rate, fc.double({ min: 0, max: 1, noNaN: true })], {
    numRuns: 150,
  })('matches an independent normalised recurrence for n ≤ 20,000', (n, p, kFrac) => {
    const k = Math.min(n - 1, Math.floor(kFrac * n));
    if (p === 0 || p === 1) return;
    const pmf = normalisedPmf(n, p);
    const le = sumRange(pmf, 0, k);
    const gt = sumRange(pmf, k + 1, n);
    expectAccurate(binomialCdf(n, p, k), le);
    expectAccurate(binomialTailAbove(n, p, k), gt);
  });

  test.prop([fc.integer({ min: 0, max: 50_000_000 }), rate, fc.double({ min: -0.05, max: 1.05, noNaN: true }), fc.double({ min: -0.05, max: 1.05, noNaN: true })], {
    numRuns: 300,
  })('the cdf never decreases in k', (n, p, f1, f2) => {
    const k1 = Math.floor(Math.min(f1, f2) * n);
    const k2 = Math.floor(Math.max(f1, f2) * n);
    expect(binomialCdf(n, p, k1)).toBeLessThanOrEqual(binomialCdf(n, p, k2));
    expect(binomialTailAbove(n, p, k1)).toBeGreaterThanOrEqual(binomialTailAbove(n, p, k2));
    expect(binomialTailBelow(n, p, k1)).toBeLessThanOrEqual(binomialTailBelow(n, p, k2));
  });

  test.prop([fc.integer({ min: 0, max: 100_000 }), rate, fc.double({ min: 0, max: 1, noNaN: true })], {
    numRuns: 300,
  })('the cdf never decreases between neighbouring k (around the mode too)', (n, p, f) => {
    // Neighbours straddling the mode exercise the switch between direct sum and complement.
    const mode = Math.floor((n + 1) * p);
    const centre = Math.floor(f * 2) === 0 ? mode : Math.floor(f * n);
    for (let k = centre - 3; k <= centre + 3; k++) {
      expect(binomialCdf(n, p, k)).toBeLessThanOrEqual(binomialCdf(n, p, k + 1));
    }
  });

  test.prop([fc.integer({ min: 0, max: 50_000_000 }), rate, fc.double({ min: -0.05, max: 1.05, noNaN: true })], {
    numRuns: 300,
  })('cdf + tailAbove = 1, and tailBelow(k) = cdf(k − 1)', (n, p, f) => {
    const k = Math.floor(f * n);
    const cdf = binomialCdf(n, p, k);
    const above = binomialTailAbove(n, p, k);
    expect(cdf).toBeGreaterThanOrEqual(0);
    expect(cdf).toBeLessThanOrEqual(1);
    expect(above).toBeGreaterThanOrEqual(0);
    expect(above).toBeLessThanOrEqual(1);
    expect(Math.abs(cdf + above - 1)).toBeLessThanOrEqual(1e-12);
    expect(binomialTailBelow(n, p, k)).toBe(binomialCdf(n, p, k - 1));
  });
});

describe('binomial: large n', () => {
  const n = 1_000_000;
  const p = 0.001;
  // Exact figures from a 40-digit mpmath sum of the pmf (loggamma at 40 digits), for the
  // double p = 0.001:
  //   P(X > 1050)  = 0.05593883917957362482120816
  //   P(X ≥ 1050)  = 0.05953571731567830175445299
  //   P(X ≤ 1050)  = 0.9440611608204263751787918
  const EXACT_ABOVE_1050 = 0.05593883917957362482120816;
  const EXACT_AT_LEAST_1050 = 0.05953571731567830175445299;
  const EXACT_CDF_1050 = 0.9440611608204263751787918;

  it('n=1e6, p=0.001, k=1050: close to the normal and Poisson approximations', () => {
    const sd = Math.sqrt(n * p * (1 - p));
    const above = binomialTailAbove(n, p, 1050);
    // Normal with continuity correction: P(X > 1050) ≈ P(Z > (1050.5 − 1000)/sd) ≈ 0.0551;
    // P(X ≥ 1050) ≈ P(Z > (1049.5 − 1000)/sd) ≈ 0.0588.
    expect(Math.abs(above - normalUpper((1050.5 - n * p) / sd))).toBeLessThan(0.003);
    expect(Math.abs(binomialTailAbove(n, p, 1049) - normalUpper((1049.5 - n * p) / sd))).toBeLessThan(0.003);
    // Poisson(1000) differs from Binomial(1e6, 0.001) by well under 1%.
    expect(Math.abs(above / poissonUpperTail(n * p, 1050, 600) - 1)).toBeLessThan(0.01);
  });

  it('n=1e6, p=0.001, k=1050: exact to 1e-9 relative', () => {
    expectAccurate(binomialTailAbove(n, p, 1050), EXACT_ABOVE_1050);
    expectAccurate(binomialTailAbove(n, p, 1049), EXACT_AT_LEAST_1050);
    expectAccurate(binomialTailBelow(n, p, 1051), EXACT_CDF_1050);
    expectAccurate(binomialCdf(n, p, 1050), EXACT_CDF_1050);
  });

  it('n=1e6, p=0.001: agrees with the independent normalised recurrence on both sides of the mode', () => {
    const pmf = normalisedPmf(n, p);
    for (const k of [0, 500, 850, 900, 950, 999, 1000, 1001, 1050, 1100, 1200, 1500]) {
      expectAccurate(binomialCdf(n, p, k), sumRange(pmf, 0, k));
      expectAccurate(binomialTailAbove(n, p, k), sumRange(pmf, k + 1, n));
    }
    // The independent method reproduces the mpmath figure as well.
    expectAccurate(sumRange(pmf, 1051, n), EXACT_ABOVE_1050);
  });

  it('n=5e7, p=1e-6 is within the Le Cam bound (n·p² ≈ 5e-5) of Poisson(50)', () => {
    for (const k of [20, 40, 50, 60, 80]) {
      const poisson = poissonUpperTail(50, k, 400);
      expect(Math.abs(binomialTailAbove(50_000_000, 1e-6, k) - poisson)).toBeLessThan(5e-5);
    }
  });

  it('n=5e7 runs in O(sqrt(npq)) terms, not O(n)', () => {
    const started = performance.now();
    let checksum = 0;
    for (const p2 of [1e-6, 1e-3, 0.5, 1 - 1e-6]) {
      const mean = 50_000_000 * p2;
      const sd = Math.sqrt(mean * (1 - p2));
      for (let i = -25; i <= 25; i++) {
        const k = Math.floor(mean + (i * sd) / 5);
        checksum += binomialCdf(50_000_000, p2, k) + binomialTailAbove(50_000_000, p2, k);
      }
    }
    // 204 calls, each ≈ 1; at O(n) per call this would take minutes.
    expect(Math.abs(checksum - 204)).toBeLessThan(1e-9);
    expect(performance.now() - started).toBeLessThan(5_000);
    const single = binomialTailAbove(50_000_000, 1e-3, 50_500);
    expect(single).toBeGreaterThan(0.01);
    expect(single).toBeLessThan(0.02);
  });
});
