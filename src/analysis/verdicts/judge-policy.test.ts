import { campaignResult } from '../testing/campaign-result.js';
import { describe, expect, it } from 'vitest';
import { brevoPolicy } from '../../policies/brevo.js';
import { emmaPolicy } from '../../policies/emma.js';
import type { CampaignResult } from '../audit-result.js';
import { judgePolicy, type JudgeInputs } from './judge-policy.js';

const inputs = (campaigns: CampaignResult[], times: Record<string, number[]> = {}): JudgeInputs => ({
  campaigns,
  providers: { total: [], daily: [] },
  complaintTimesOf: (name) => times[name],
});

describe('judgePolicy', () => {
  it("Emma: one reason per campaign, the worst crossed; the second warning when complaints continue", () => {
    const c = campaignResult('A', '2026-11-01T09:00:00.000Z', { sent: 1000, delivered: 1000, complaints: 4 });
    // 4 / 1,000 = 0.4%: crosses 0.1% and 0.2%, not 0.5%. 0.2% of 1,000 = 2, so the 3rd complaint crossed.
    const first = judgePolicy(emmaPolicy, inputs([c], { A: [10, 20, 30, 30] }));
    expect(first.reasons.map((r) => r.code)).toEqual(['emma.warning']);
    const second = judgePolicy(emmaPolicy, inputs([c], { A: [10, 20, 30, 40] }));
    expect(second.reasons.map((r) => [r.code, r.level])).toEqual([['emma.second_warning', 'warning']]);
    expect(second.reasons[0]!.message).toBe(
      'Campaign "A": complaint rate 0.4% (4 of 1,000 delivered), above emma\'s 0.2%, and 1 more complaint(s) arrived after it crossed: Emma\'s second warning email; the account is suspended if the rate goes above 0.5%.',
    );
    // Headroom to suspension: 0.5% of 1,000 = 5 still passes ("above"), so one more complaint.
    expect(second.headroom.find((h) => h.code === 'emma.suspended')!.closest).toMatchObject({ numerator: 4, limit: 5, headroom: 1 });
  });
  it('Brevo: campaigns sent within 24 hours are judged together, at each send', () => {
    const a = campaignResult('A', '2026-11-01T09:00:00.000Z', { sent: 1000, delivered: 1000, complaints: 1 });
    const b = campaignResult('B', '2026-11-01T20:00:00.000Z', { sent: 1000, delivered: 1000, complaints: 4 });
    const c = campaignResult('C', '2026-11-03T09:00:00.000Z', { sent: 1000, delivered: 1000, complaints: 2 });
    const { reasons, headroom } = judgePolicy(brevoPolicy, inputs([a, b, c]));
    // Window to B: A + B = 5 / 2,000 = 0.25% > 0.2%. Window to A: 1 / 1,000; to C: 2 / 1,000 (= 0.2%, not above).
    expect(reasons.map((r) => [r.code, r.campaigns, r.numerator, r.denominator])).toEqual([['brevo.complaint_rate', ['A', 'B'], 5, 2000]]);
    expect(headroom.find((h) => h.code === 'brevo.complaint_rate')).toMatchObject({ unitsJudged: 3, unitsCrossed: 1, closest: { numerator: 2, limit: 2, headroom: 0 } });
  });
  it('leaves out campaigns known only from bounce dumps', () => {
    const dump = campaignResult('D', '2026-11-01T09:00:00.000Z', { deliveredMethod: 'no_send_data', hardBounces: 50, bounced: 50 });
    expect(judgePolicy(brevoPolicy, inputs([dump])).reasons).toEqual([]);
  });
});
