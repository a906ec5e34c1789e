/**
 * The dashboard's view of the content pipeline, pure: pieces waiting (for approval, or approved and
 * waiting for their media or a retry), the latest published, and revenue by stream and platform
 * summed in cents over every row of content_revenue.csv.
 */
import type { ContentSummary } from '../../contracts/content.js';
import type { contentPipeline } from '../../contracts/content.js';
import type { DocOf, RowOf } from '../../contracts/contract.js';
import { isSimulatedMode } from '../../contracts/contract.js';
import type { contentRevenue } from '../../contracts/ventures.js';

/** Published pieces shown, newest first. */
export const PUBLISHED_SHOWN = 50;

export function contentSummaryOf(doc: DocOf<typeof contentPipeline>, rows: readonly RowOf<typeof contentRevenue>[]): ContentSummary {
  const counts: ContentSummary['counts'] = { awaiting_approval: 0, approved: 0, published: 0, rejected: 0, expired: 0 };
  for (const p of doc.pieces) counts[p.status] += 1;
  const stream = { ads: 0, affiliate: 0, sponsorship: 0 };
  const platform: Record<string, number> = {};
  let simulated = false;
  for (const r of rows) {
    const cents = Math.round(r.amount * 100);
    if (r.stream === 'ads' || r.stream === 'affiliate' || r.stream === 'sponsorship') stream[r.stream] += cents;
    platform[r.platform] = (platform[r.platform] ?? 0) + cents;
    simulated ||= isSimulatedMode(r.mode);
  }
  const total = Object.values(platform).reduce((a, b) => a + b, 0);
  return {
    updated_at: doc.updated_at,
    publisher: doc.publisher,
    hours_per_week: doc.hours_per_week,
    hours_used_week: doc.hours_used_week,
    counts,
    waiting: doc.pieces
      .filter((p) => p.status === 'awaiting_approval' || p.status === 'approved')
      .map((p) => ({ id: p.id, title: p.title, platform: p.platform, format: p.format, niche: p.niche, status: p.status, dir: p.dir, approval_id: p.approval_id, produced_at: p.produced_at, expected_revenue_30d: p.expected_revenue_30d, trend_source: p.trend_source, last_error: p.last_error, retry_at: p.retry_at })),
    published: doc.pieces
      .filter((p) => p.status === 'published')
      .sort((a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? ''))
      .slice(0, PUBLISHED_SHOWN)
      .map((p) => ({ id: p.id, title: p.title, platform: p.platform, format: p.format, niche: p.niche, published_at: p.published_at, url: p.url, published_simulated: p.published_simulated })),
    revenue_simulated: simulated,
    revenue_by_stream: { ads: stream.ads / 100, affiliate: stream.affiliate / 100, sponsorship: stream.sponsorship / 100 },
    revenue_by_platform: Object.fromEntries(Object.entries(platform).map(([k, v]) => [k, v / 100])),
    revenue_total: total / 100,
  };
}
