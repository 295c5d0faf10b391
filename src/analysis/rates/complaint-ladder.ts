import type { Policy } from '../../policies/index.js';
import { emmaPolicy } from '../../policies/emma.js';
import { largestNumeratorBelow, tripsThreshold, type RateThreshold } from './rate-threshold.js';

/** Emma's three complaint thresholds, lowest first. */
export interface ComplaintLadder {
  elevated: RateThreshold;
  warning: RateThreshold;
  suspended: RateThreshold;
}

/** The ladder from an Emma policy's thresholds of those ids (a custom file may change them), else the built-in ones. */
export function complaintLadderOf(policy: Policy): ComplaintLadder {
  const pick = (id: keyof ComplaintLadder) => (policy.thresholds.find((t) => t.id === id) ?? emmaPolicy.thresholds.find((t) => t.id === id))!;
  return { elevated: pick('elevated'), warning: pick('warning'), suspended: pick('suspended') };
}

/** Emma's ladder for one campaign, from best to worst. */
export const COMPLAINT_LEVELS = ['ok', 'elevated', 'warning', 'second_warning', 'suspended'] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];

export interface ComplaintLadderPosition {
  level: ComplaintLevel;
  /**
   * Further complaints the campaign can take (deliveries unchanged) before its rate crosses
   * the next threshold of the ladder; null at the top (suspended) or with no deliveries.
   */
  headroom: number | null;
  /**
   * Whether complaints kept arriving after the rate first went above the warning threshold:
   * 'unknown' when the source has no complaint timestamps (a campaign summary).
   */
  complaintsContinued: 'yes' | 'no' | 'unknown' | 'not_applicable';
  /** Complaints that arrived strictly after the one that took the rate above the warning threshold. */
  complaintsAfterWarning: number;
  /** When the rate first went above the warning threshold (epoch ms), if known. */
  warningCrossedAt?: number;
}

export const COMPLAINTS_CONTINUED = ['yes', 'no', 'unknown', 'not_applicable'] as const satisfies readonly ComplaintLadderPosition['complaintsContinued'][];

/**
 * Place a campaign on Emma's ladder (seeds/003): complaints / delivered for one campaign;
 * `complaintTimes` are the first-complaint times of each complainer, when the source has them.
 */
export function placeOnComplaintLadder(
  complaints: number,
  delivered: number,
  ladder: ComplaintLadder,
  complaintTimes?: readonly number[],
): ComplaintLadderPosition {
  if (delivered <= 0) {
    return { level: 'ok', headroom: null, complaintsContinued: 'not_applicable', complaintsAfterWarning: 0 };
  }
  const headroomTo = (threshold: RateThreshold) =>
    Math.max(0, (largestNumeratorBelow(delivered, threshold) ?? complaints) - complaints);

  if (tripsThreshold(complaints, delivered, ladder.suspended)) {
    return { level: 'suspended', headroom: null, complaintsContinued: 'not_applicable', complaintsAfterWarning: 0 };
  }
  if (tripsThreshold(complaints, delivered, ladder.warning)) {
    const headroom = headroomTo(ladder.suspended);
    if (!complaintTimes) {
      return { level: 'warning', headroom, complaintsContinued: 'unknown', complaintsAfterWarning: 0 };
    }
    // The k-th complaint is the one that first took the rate above the warning threshold.
    const k = (largestNumeratorBelow(delivered, ladder.warning) ?? 0) + 1;
    const sorted = [...complaintTimes].sort((a, b) => a - b);
    const crossedAt = sorted[k - 1];
    if (crossedAt === undefined) {
      return { level: 'warning', headroom, complaintsContinued: 'unknown', complaintsAfterWarning: 0 };
    }
    // "If complaints continue to be received for the same email": strictly later ones only.
    const after = sorted.filter((at) => at > crossedAt).length;
    return {
      level: after > 0 ? 'second_warning' : 'warning',
      headroom,
      complaintsContinued: after > 0 ? 'yes' : 'no',
      complaintsAfterWarning: after,
      warningCrossedAt: crossedAt,
    };
  }
  if (tripsThreshold(complaints, delivered, ladder.elevated)) {
    return { level: 'elevated', headroom: headroomTo(ladder.warning), complaintsContinued: 'not_applicable', complaintsAfterWarning: 0 };
  }
  return { level: 'ok', headroom: headroomTo(ladder.elevated), complaintsContinued: 'not_applicable', complaintsAfterWarning: 0 };
}

export function complaintLevelRank(level: ComplaintLevel): number {
  return COMPLAINT_LEVELS.indexOf(level);
}
