import { describe, expect, it } from 'vitest';
import { emmaPolicy } from '../../policies/emma.js';
import { complaintLadderOf, placeOnComplaintLadder } from './complaint-ladder.js';

const place = (c: number, d: number, times?: number[]) => placeOnComplaintLadder(c, d, complaintLadderOf(emmaPolicy), times);

describe("Emma's complaint ladder edges (per campaign, complaints / delivered)", () => {
  it('is ok under 0.1%', () => {
    expect(place(0, 1000)).toMatchObject({ level: 'ok', headroom: 0 });
    expect(place(1, 1001)).toMatchObject({ level: 'ok', headroom: 0 });
    expect(place(2, 5000)).toMatchObject({ level: 'ok', headroom: 2 }); // 4/5000 = 0.08%, 5/5000 = 0.1%
  });
  it('is elevated at exactly 0.1% and at exactly 0.2% (not "above")', () => {
    expect(place(1, 1000)).toMatchObject({ level: 'elevated', headroom: 1 });
    expect(place(2, 1000)).toMatchObject({ level: 'elevated', headroom: 0 });
  });
  it('is warning just above 0.2% and at exactly 0.5%', () => {
    expect(place(3, 1000)).toMatchObject({ level: 'warning', headroom: 2, complaintsContinued: 'unknown' });
    expect(place(5, 1000)).toMatchObject({ level: 'warning', headroom: 0 });
  });
  it('is suspended just above 0.5%', () => {
    expect(place(6, 1000)).toMatchObject({ level: 'suspended', headroom: null });
    expect(place(11, 2000)).toMatchObject({ level: 'suspended' });
    expect(place(10, 2000)).toMatchObject({ level: 'warning', headroom: 0 });
  });
  it('has no level and no headroom without deliveries', () => {
    expect(place(0, 0)).toMatchObject({ level: 'ok', headroom: null });
  });
});

describe('second warning: complaints keep arriving after the rate first went above 0.2%', () => {
  // 1,000 delivered: the 3rd complaint takes the rate to 0.3% (> 0.2%).
  it('is second_warning when a complaint arrives after the crossing one', () => {
    const r = place(4, 1000, [40, 10, 20, 30]);
    expect(r).toMatchObject({ level: 'second_warning', complaintsContinued: 'yes', complaintsAfterWarning: 1, warningCrossedAt: 30 });
  });
  it('stays warning when the crossing complaint is the last one', () => {
    expect(place(3, 1000, [10, 20, 30])).toMatchObject({ level: 'warning', complaintsContinued: 'no', warningCrossedAt: 30 });
  });
  it('does not count complaints at the same instant as the crossing one', () => {
    expect(place(4, 1000, [10, 20, 30, 30])).toMatchObject({ level: 'warning', complaintsAfterWarning: 0 });
  });
  it('leaves suspension on top whatever the timing', () => {
    expect(place(6, 1000, [1, 2, 3, 4, 5, 6]).level).toBe('suspended');
  });
});
