import { describe, expect, it } from 'vitest';
import { resolveCustomPolicy } from './custom-policy.js';
import { BUILT_IN_POLICIES, type Policy } from './index.js';

const resolve = (raw: unknown) => resolveCustomPolicy(raw, BUILT_IN_POLICIES);
const asPolicy = (x: ReturnType<typeof resolve>) => x as Policy;

const NEW_THRESHOLD = {
  id: 'hard_bounces',
  metric: 'hard_bounce_rate',
  scope: 'campaign',
  value: 0.01,
  comparison: 'above',
  level: 'warning',
  window: 'one campaign',
  denominator: 'sent',
  consequence: 'our own rule',
  source: 'runbook',
  estimate: false,
};

describe('custom policy files', () => {
  it('extends a built-in: overrides only the fields given, keeps the rest, inherits title and notChecked', () => {
    const p = asPolicy(resolve({ name: 'strict-ses', extends: 'ses', thresholds: [{ id: 'complaint_review', value: 0.0005 }] }));
    const review = p.thresholds.find((t) => t.id === 'complaint_review')!;
    expect(review).toMatchObject({ value: 0.0005, comparison: 'at_or_above', level: 'warning', metric: 'complaint_rate', scope: 'audit' });
    expect(review.source).toBe(BUILT_IN_POLICIES['ses']!.thresholds.find((t) => t.id === 'complaint_review')!.source);
    expect(p.thresholds).toHaveLength(5);
    expect(p.title).toBe('Amazon SES: bounce and complaint rates (strict-ses)');
    expect(p.notChecked).toEqual(BUILT_IN_POLICIES['ses']!.notChecked);
    expect(p.extends).toBe('ses');
  });
  it('adds thresholds and removes inherited ones', () => {
    const p = asPolicy(resolve({ name: 'mine', extends: 'emma', thresholds: [NEW_THRESHOLD], removeThresholds: ['elevated'] }));
    expect(p.thresholds.map((t) => t.id)).toEqual(['warning', 'suspended', 'hard_bounces']);
  });
  it('a whole policy without extends', () => {
    const p = asPolicy(resolve({ name: 'solo', title: 'Solo', appliesTo: 'our mail', thresholds: [NEW_THRESHOLD] }));
    expect(p).toMatchObject({ name: 'solo', notChecked: [] });
  });
  it('reports problems at their dotted path in the file as written', () => {
    expect(resolve({ name: 'x', extends: 'hotmail' })).toEqual({ path: 'extends', message: expect.stringContaining('no built-in policy named "hotmail"') });
    expect(resolve({ name: 'x', extends: 'emma', thresholds: [{ id: 'warning', value: 0.001 }, { id: 'warning', comparison: 'sideways' }] })).toMatchObject({
      path: 'thresholds.1.comparison',
    });
    expect(resolve({ name: 'x', extends: 'emma', thresholds: [{ id: 'brand_new', value: 0.01 }] })).toEqual({
      path: 'thresholds.0.metric',
      message: 'required for a new threshold ("brand_new" is not inherited from emma)',
    });
    expect(resolve({ name: 'x', extends: 'emma', thresholds: [{ id: 'warning', scope: 'rolling_window' }] })).toEqual({
      path: 'thresholds.0.windowHours',
      message: 'a rolling_window threshold needs windowHours',
    });
    expect(resolve({ name: 'x', extends: 'emma', removeThresholds: ['nope'] })).toEqual({ path: 'removeThresholds.0', message: 'no inherited threshold "nope" to remove' });
    expect(resolve({ name: 'x', extends: 'emma', colour: 'red' })).toMatchObject({ path: '(the top level)' });
    expect(resolve({ name: 'Bad Name', extends: 'emma' })).toMatchObject({ path: 'name' });
    expect(resolve({ name: 'solo', thresholds: [] })).toMatchObject({ path: 'title' });
    expect(resolve({ name: 'x', extends: 'gmail', thresholds: [{ id: 'spam_rate', providers: ['google'], scope: 'campaign' }] })).toEqual({
      path: 'thresholds.0.providers',
      message: 'providers can be set only for scope day or audit (campaign results are not split by provider)',
    });
  });
});
