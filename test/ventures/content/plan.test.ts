import { describe, expect, it } from 'vitest';
import { candidates, contentPlan, hoursUsed } from '../../../src/ventures/content/plan.js';
import { currentTrends, simulatedTrends, trendsFromSnapshot, weekOf, WEEK_MS, type Trend } from '../../../src/ventures/content/trends.js';

const T0 = Date.parse('2026-11-23T00:00:00Z');

describe('trends', () => {
  it('the simulator is a pure function of (seed, week): three distinct topics per niche, labelled simulated', () => {
    const a = simulatedTrends(42, T0);
    expect(simulatedTrends(42, T0 + 3600_000)).toEqual(a);
    expect(a).toHaveLength(9);
    for (const niche of ['lofi_music', 'sports_highlights', 'pop_science']) {
      const topics = a.filter((t) => t.niche === niche).map((t) => t.topic);
      expect(new Set(topics).size).toBe(3);
    }
    expect(a.every((t) => t.source === 'simulated' && t.score >= 0.3 && t.score <= 1)).toBe(true);
    expect(simulatedTrends(42, T0 + WEEK_MS).map((t) => t.id)).not.toEqual(a.map((t) => t.id));
    expect(simulatedTrends(7, T0).map((t) => t.id)).not.toEqual(a.map((t) => t.id));
  });

  it('knowledge snapshot topics become trends, placed by their words; a market topic is read through psychology', () => {
    const t = trendsFromSnapshot([{ topic: 'crypto', score: 0.4 }, { topic: 'nba finals', score: 0.6 }], T0);
    expect(t.map((x) => [x.niche, x.topic, x.source])).toEqual([
      ['sports_highlights', 'nba finals', 'knowledge_snap'],
      ['pop_science', 'the psychology of crypto', 'knowledge_snap'],
    ]);
    expect(currentTrends([], 42, T0)[0]!.source).toBe('simulated');
    expect(currentTrends([{ topic: 'crypto', score: 0.4 }], 42, T0)[0]!.source).toBe('knowledge_snap');
  });
});

describe('content plan under the weekly time budget', () => {
  const trends: Trend[] = [
    { id: 'sleep-w1', niche: 'pop_science', topic: 'sleep and memory', score: 0.8, source: 'simulated', week: 1 },
    { id: 'rain-w1', niche: 'lofi_music', topic: 'rainy night jazz', score: 0.5, source: 'simulated', week: 1 },
  ];

  it('spends the hours on the best cents per hour first and skips what does not fit with OVER_TIME_BUDGET', () => {
    const plan = contentPlan(trends, { hoursPerWeek: 10, usedHours: 0, produced: new Set() });
    const hours = plan.chosen.reduce((a, c) => a + c.productionHours, 0);
    expect(hours).toBeLessThanOrEqual(10);
    expect(plan.hoursLeft).toBeCloseTo(10 - hours, 9);
    const rates = plan.chosen.map((c) => c.centsPerHour);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const all = candidates(trends);
    expect(plan.chosen.length + plan.skipped.length).toBe(all.length);
    for (const s of plan.skipped) {
      expect(s.code).toBe('OVER_TIME_BUDGET');
      expect(all.find((c) => c.id === s.id)!.productionHours).toBeGreaterThan(plan.hoursLeft);
    }
  });

  it('a spent week produces nothing; already produced pieces are not made twice', () => {
    expect(contentPlan(trends, { hoursPerWeek: 10, usedHours: 10, produced: new Set() }).chosen).toEqual([]);
    const first = contentPlan(trends, { hoursPerWeek: 100, usedHours: 0, produced: new Set() });
    const again = contentPlan(trends, { hoursPerWeek: 100, usedHours: 0, produced: new Set(first.chosen.map((c) => c.id)) });
    expect(again.chosen).toEqual([]);
    expect(again.skipped.every((s) => s.code === 'ALREADY_PRODUCED')).toBe(true);
  });

  it('hours used count only this week', () => {
    expect(hoursUsed([{ week: 5, production_hours: 4 }, { week: 5, production_hours: 1.5 }, { week: 4, production_hours: 8 }], 5)).toBe(5.5);
    expect(weekOf(T0)).toBe(Math.floor(T0 / WEEK_MS));
  });

  it('a YouTube long-form pop-science piece is valued at ads + affiliate + a quarter of a sponsorship', () => {
    const c = candidates([{ id: 'x', niche: 'pop_science', topic: 'the placebo effect', score: 0.5, source: 'simulated', week: 1 }]).find((p) => p.platform === 'youtube' && p.format === 'long_video')!;
    // views 11,491: ads 11.491 × $10 × 0.55 = $63.20; affiliate 11,491 × 0.005 × 0.05 × $18 × 0.045 = $2.33;
    // sponsorship 11.491 × $30 = $344.73 × 25 % = $86.18 → 15,171 cents over 8 h = 1,896 cents/h
    expect(c.expectedViews30d).toBe(11_491);
    expect(c.expectedCents30d).toBe(6_320 + 233 + Math.round(0.25 * 34_473));
    expect(c.centsPerHour).toBe(Math.round(c.expectedCents30d / 8));
  });
});
