/**
 * The content plan, pure: every trend × every format its niche makes is a candidate piece, valued
 * at its expected 30-day revenue (ads + affiliate + the expected share of a sponsorship) per hour
 * of production; the week's hours go to the best value per hour first. The time budget is the
 * agent's only risk control (it spends no capital): a piece that does not fit the hours left this
 * week is skipped with OVER_TIME_BUDGET, one that was already made with ALREADY_PRODUCED.
 */
import { expectedViews, SPONSOR_SHARE } from './audience.js';
import { NICHE_SPECS, type Format, type Niche, type Platform } from './niches.js';
import { expectedCents } from './revenue-models.js';
import type { Trend } from './trends.js';

export interface PlanItem {
  id: string;
  trend: Trend;
  niche: Niche;
  platform: Platform;
  format: Format;
  minutes: number;
  productionHours: number;
  expectedViews30d: number;
  /** Expected 30-day revenue in cents: ads + affiliate + SPONSOR_SHARE × a sponsorship fee (YouTube long-form). */
  expectedCents30d: number;
  centsPerHour: number;
}

export type SkipCode = 'OVER_TIME_BUDGET' | 'ALREADY_PRODUCED';

export interface ContentPlan {
  chosen: PlanItem[];
  skipped: { id: string; code: SkipCode; detail: string }[];
  hoursLeft: number;
}

export function candidates(trends: readonly Trend[]): PlanItem[] {
  return trends.flatMap((trend) =>
    NICHE_SPECS[trend.niche].formats.map((f) => {
      const piece = { platform: f.platform, format: f.format, niche: trend.niche, minutes: f.minutes };
      const views = expectedViews(f.platform, f.format, trend.score, 30);
      const e = expectedCents(piece, views, true);
      const cents = e.ads + e.affiliate + Math.round(SPONSOR_SHARE * e.sponsorship);
      return {
        id: `${trend.id}-${f.platform}-${f.format.replace('_', '-')}`,
        trend,
        niche: trend.niche,
        platform: f.platform,
        format: f.format,
        minutes: f.minutes,
        productionHours: f.productionHours,
        expectedViews30d: views,
        expectedCents30d: cents,
        centsPerHour: Math.round(cents / f.productionHours),
      };
    }),
  );
}

/** Hours of the week's budget already spent on pieces produced this week. */
export function hoursUsed(produced: readonly { week: number; production_hours: number }[], week: number): number {
  return produced.filter((p) => p.week === week).reduce((a, p) => a + p.production_hours, 0);
}

/** Choose this week's pieces: best cents per hour first, while they fit the hours left. */
export function contentPlan(trends: readonly Trend[], o: { hoursPerWeek: number; usedHours: number; produced: ReadonlySet<string> }): ContentPlan {
  let left = Math.max(0, o.hoursPerWeek - o.usedHours);
  const chosen: PlanItem[] = [];
  const skipped: ContentPlan['skipped'] = [];
  const ranked = candidates(trends).sort((a, b) => b.centsPerHour - a.centsPerHour || a.id.localeCompare(b.id));
  for (const item of ranked) {
    if (o.produced.has(item.id)) {
      skipped.push({ id: item.id, code: 'ALREADY_PRODUCED', detail: 'made earlier; waits for approval or was decided' });
    } else if (item.productionHours > left + 1e-9) {
      skipped.push({ id: item.id, code: 'OVER_TIME_BUDGET', detail: `needs ${item.productionHours} h, ${left} h of ${o.hoursPerWeek} h left this week` });
    } else {
      chosen.push(item);
      left -= item.productionHours;
    }
  }
  return { chosen, skipped, hoursLeft: left };
}
