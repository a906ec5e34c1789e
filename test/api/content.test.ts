/** `GET /api/content`: the content pipeline and its revenue by stream, summarised for the dashboard. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../src/api/server.js';
import { loadConfig } from '../../src/config/config.js';
import { contentPipeline, contentSummary, type ContentPiece } from '../../src/contracts/content.js';
import { contentRevenue } from '../../src/contracts/ventures.js';
import { openFileStore } from '../../src/store/file-store.js';
import { fakeSupervisor } from './fixture.js';

const home = mkdtempSync(join(tmpdir(), 'neolight-content-api-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const server = () => createApiServer({ config: loadConfig({ home }, {}), supervisor: fakeSupervisor, webDist: join(home, 'no-web') });
const T = '2026-11-23T09:00:00.000Z';

function piece(id: string, status: ContentPiece['status'], publishedAt: string | null = null): ContentPiece {
  return { id, niche: 'pop_science', platform: 'tiktok', format: 'short', topic: 'sleep', trend_source: 'simulated', trend_score: 0.5, week: 2964, production_hours: 2, produced_at: T, title: `Piece ${id}`, dir: `content/${id}`, media: `content/${id}/video.mp4`, expected_views_30d: 1000, expected_revenue_30d: 1.5, sponsored: false, approval_id: `content-${id}`, status, upload_session: null, published_at: publishedAt, platform_id: publishedAt ? `sim-${id}` : null, url: null, published_simulated: publishedAt ? true : null, booked_days: 0, last_error: null, retry_at: null };
}

describe('GET /api/content', () => {
  it('answers 404 naming the pipeline before the content agent ran', async () => {
    const app = await server();
    const r = await app.inject({ method: 'GET', url: '/api/content' });
    expect(r.statusCode).toBe(404);
    expect(r.body).toContain('state/content_pipeline.json');
    await app.close();
  });

  it('lists waiting and published pieces and sums revenue by stream and platform in cents', async () => {
    const store = openFileStore(home);
    store.write(contentPipeline, { updated_at: T, publisher: 'simulated', hours_per_week: 20, week: 2964, hours_used_week: 6, pieces: [piece('a', 'awaiting_approval'), piece('b', 'published', '2026-11-23T10:00:00.000Z'), piece('c', 'rejected'), piece('d', 'published', '2026-11-24T10:00:00.000Z')] });
    const row = (stream: 'ads' | 'affiliate' | 'sponsorship', platform: string, amount: number) => ({ ts: T, mode: 'sim' as const, platform, channel: 'neolight-science', stream, amount });
    store.ledger(contentRevenue).append([
      { key: 'b:d0:ads', row: row('ads', 'tiktok', 0.1) },
      { key: 'b:d1:ads', row: row('ads', 'tiktok', 0.2) },
      { key: 'b:d0:affiliate', row: row('affiliate', 'tiktok', 0.07) },
      { key: 'd:d0:sponsorship', row: row('sponsorship', 'youtube', 344.73) },
    ]);
    const app = await server();
    const r = await app.inject({ method: 'GET', url: '/api/content' });
    expect(r.statusCode).toBe(200);
    const s = contentSummary.parse(r.json());
    expect(s.counts).toEqual({ awaiting_approval: 1, approved: 0, published: 2, rejected: 1, expired: 0 });
    expect(s.waiting.map((w) => w.id)).toEqual(['a']);
    expect(s.published.map((p) => p.id)).toEqual(['d', 'b']);
    // 0.10 + 0.20 = 0.30 exactly (cents, not floats), affiliate 0.07, sponsorship 344.73
    expect(s.revenue_by_stream).toEqual({ ads: 0.3, affiliate: 0.07, sponsorship: 344.73 });
    expect(s.revenue_by_platform).toEqual({ tiktok: 0.37, youtube: 344.73 });
    expect(s.revenue_total).toBe(345.1);
    expect(s.revenue_simulated).toBe(true);
    await app.close();
  });
});
