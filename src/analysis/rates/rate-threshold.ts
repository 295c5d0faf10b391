/** A rate threshold as the comparisons need it (a policy threshold is one). */
export interface RateThreshold {
  /** A fraction in [0, 1]. */
  value: number;
  comparison: 'above' | 'at_or_above' | 'below';
}

/**
 * Rates are compared exactly, as integers in parts per million, so that 2 complaints in
 * 1,000 deliveries is exactly 0.2% and never "above" it through floating-point noise.
 */
const PPM = 1_000_000;

function thresholdPpm(threshold: RateThreshold): number {
  return Math.round(threshold.value * PPM);
}

/** Does numerator/denominator trip the threshold? A zero denominator never does. */
export function tripsThreshold(numerator: number, denominator: number, threshold: RateThreshold): boolean {
  if (denominator <= 0) return false;
  const left = numerator * PPM;
  const right = thresholdPpm(threshold) * denominator;
  switch (threshold.comparison) {
    case 'above':
      return left > right;
    case 'at_or_above':
      return left >= right;
    case 'below':
      return left < right;
  }
}

/**
 * The largest numerator that does not trip an `above` or `at_or_above` threshold for
 * this denominator; undefined for `below` thresholds, where adding events never trips.
 */
export function largestNumeratorBelow(denominator: number, threshold: RateThreshold): number | undefined {
  const scaled = thresholdPpm(threshold) * denominator;
  switch (threshold.comparison) {
    case 'above':
      return Math.floor(scaled / PPM);
    case 'at_or_above':
      return Math.ceil(scaled / PPM) - 1;
    case 'below':
      return undefined;
  }
}

/** numerator / denominator, or null when there is nothing to divide by. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
