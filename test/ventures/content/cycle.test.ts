import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { contentPipeline, type ContentPiece } from '../../../src/contracts/content.js';
import { approvals } from '../../../src/contracts/status.js';
import { contentAnalytics, contentRevenue } from '../../../src/contracts/ventures.js';
import { manualClock } from '../../../src/core/clock.js';
import { silentLogger } from '../../../src/log/logger.js';
import { decideApproval } from '../../../src/store/approval-queue.js';
import { openFileStore, type StateStore } from '../../../src/store/file-store.js';
import { YOUTUBE_CATEGORY } from '../../../src/ventures/content/artefacts.js';
import { DAY_MS, dailyViews } from '../../../src/ventures/content/audience.js';
import { contentCycle } from '../../../src/ventures/content/cycle.js';
import { routedPublisher, simulatedPublisher } from '../../../src/ventures/content/simulated-publisher.js';
import { fixedToken } from '../../../src/ventures/content/youtube-auth.js';
import { youtubePublisher } from '../../../src/ventures/content/youtube.js';
import { startFakeYouTube, type FakeYouTube } from './fake-youtube.js';

const T0 = Date.parse('2026-11-23T09:00:00Z');
let yt: FakeYouTube;
let home: string;
let store: StateStore;
let wall: number;

beforeEach(async () => {
  yt = await startFakeYouTube();
  home = mkdtempSync(join(tmpdir(), 'nl-content-cycle-'));
  store = openFileStore(home);
  wall = Date.parse('2026-11-29T20:00:00Z');
});
afterEach(() => yt.close());

/** A fresh agent on the same data directory: what a restart gives. */
function agent(hoursPerWeek = 40, ttlHours = 72) {
  const config = loadConfig({ home }, {});
  const publisher = routedPublisher({ youtube: youtubePublisher({ baseUrl: yt.url, token: fixedToken(yt.token), privacy: 'private' }) }, simulatedPublisher());
  const ctx = { name: 'content_agent', clock: manualClock(T0), store, log: silentLogger(), config, ports: { publisher } };
  return contentCycle({ ctx, publisher, settings: { hoursPerWeek, approvalTtlMs: ttlHours * 3600_000 }, wallNow: () => wall });
}

const pieces = (): ContentPiece[] => store.get(contentPipeline)!.pieces;
const piece = (id: string): ContentPiece => pieces().find((p) => p.id === id)!;
const youtubeLong = (): ContentPiece => pieces().find((p) => p.platform === 'youtube' && p.format === 'long_video')!;
const withVideo = (p: ContentPiece): void => writeFileSync(join(home, p.media), Buffer.alloc(4096, 7));

describe('content agent cycle', () => {
  it('produces publishable files for simulated trends within the week’s hours, each waiting for approval, nothing published', async () => {
    const r = await agent(40).tick(T0);
    expect(r.produced.length).toBeGreaterThan(3);
    const doc = store.get(contentPipeline)!;
    expect(doc.hours_used_week).toBeLessThanOrEqual(40);
    expect(doc.hours_used_week).toBe(pieces().reduce((a, p) => a + p.production_hours, 0));
    const queue = store.get(approvals)!.items;
    for (const p of pieces()) {
      expect(p.status).toBe('awaiting_approval');
      expect(p.trend_source).toBe('simulated');
      for (const f of ['script.md', 'metadata.json', 'description.txt', 'thumbnail.svg']) expect(existsSync(join(home, p.dir, f))).toBe(true);
      expect(readFileSync(join(home, p.dir, 'script.md'), 'utf8')).toContain(p.topic);
      const item = queue.find((i) => i.id === p.approval_id)!;
      expect(item).toMatchObject({ agent: 'content_agent', kind: 'content_publish', status: 'pending', amount: null });
      expect(Date.parse(item.expires_at!)).toBe(wall + 72 * 3600_000);
    }
    expect(yt.requests).toHaveLength(0);
    expect(store.ledger(contentRevenue).count()).toBe(0);
    // The same week again: the budget is spent and nothing is made twice.
    const again = await agent(40).tick(T0 + 3600_000);
    expect(again.produced).toEqual([]);
    expect(store.get(approvals)!.items).toHaveLength(queue.length);
  });

  it('a rejected piece is never published', async () => {
    await agent().tick(T0);
    const p = youtubeLong();
    withVideo(p);
    decideApproval(store, p.approval_id, 'reject', 'cli', wall);
    await agent().tick(T0 + 3600_000);
    await agent().tick(T0 + 5 * DAY_MS);
    expect(piece(p.id).status).toBe('rejected');
    expect(piece(p.id).published_at).toBeNull();
    expect(yt.requests).toHaveLength(0);
    expect(store.ledger(contentRevenue).readAll().some((r) => r.key.startsWith(`${p.id}:`))).toBe(false);
  });

  it('an approved piece is published exactly once, also across a failed answer and a restart', async () => {
    await agent().tick(T0);
    const p = youtubeLong();
    decideApproval(store, p.approval_id, 'approve', 'api', wall);
    // Without its rendered video a real platform cannot take it: it waits, nothing is sent.
    await agent().tick(T0 + 3600_000);
    expect(piece(p.id).last_error).toMatch(/^NO_MEDIA: render the video to .*video\.mp4/);
    expect(yt.requests).toHaveLength(0);
    withVideo(p);
    yt.next.put = 'garbage';
    await agent().tick(T0 + 2 * 3600_000);
    const failed = piece(p.id);
    expect(failed.status).toBe('approved');
    expect(failed.upload_session).toMatch(/upload_id=1$/);
    expect(failed.last_error).toMatch(/malformed|not JSON/);
    expect(Date.parse(failed.retry_at!)).toBe(wall + 15 * 60_000);
    wall += 16 * 60_000;
    await agent().tick(T0 + 3 * 3600_000); // a restarted agent resumes the saved session
    const done = piece(p.id);
    expect(done).toMatchObject({ status: 'published', platform_id: 'vid1', url: 'https://www.youtube.com/watch?v=vid1', published_simulated: false, last_error: null });
    await agent().tick(T0 + 4 * 3600_000);
    await agent().tick(T0 + 2 * DAY_MS);
    expect(yt.uploads()).toBe(1);
    expect(yt.sessions).toHaveLength(1);
    expect(yt.sessions[0]!.resource.snippet).toMatchObject({ title: p.title, categoryId: YOUTUBE_CATEGORY[p.niche] });
    // A real upload has no simulated audience: no revenue is invented for it.
    expect(store.ledger(contentRevenue).readAll().some((r) => r.key.startsWith(`${p.id}:`))).toBe(false);
  });

  it('a quota refusal waits for Retry-After, then publishes', async () => {
    await agent().tick(T0);
    const p = youtubeLong();
    withVideo(p);
    decideApproval(store, p.approval_id, 'approve', 'api', wall);
    yt.next.start = 'rate429';
    await agent().tick(T0 + 3600_000);
    expect(piece(p.id).last_error).toMatch(/quota or rate limit/);
    expect(Date.parse(piece(p.id).retry_at!)).toBe(wall + 120_000);
    wall += 60_000;
    const before = yt.requests.length;
    await agent().tick(T0 + 2 * 3600_000);
    expect(yt.requests.length).toBe(before);
    wall += 61_000;
    await agent().tick(T0 + 3 * 3600_000);
    expect(piece(p.id).status).toBe('published');
    expect(yt.uploads()).toBe(1);
  });

  it('an approval left undecided expires and the piece is never published', async () => {
    await agent(40, 1).tick(T0);
    const p = youtubeLong();
    withVideo(p);
    wall += 2 * 3600_000;
    await agent(40, 1).tick(T0 + 3600_000);
    expect(piece(p.id).status).toBe('expired');
    expect(yt.requests).toHaveLength(0);
  });

  it('a simulated piece books SIMULATED revenue per whole day, once, and its channel analytics', async () => {
    await agent().tick(T0);
    const p = pieces().find((x) => x.platform !== 'youtube')!;
    decideApproval(store, p.approval_id, 'approve', 'api', wall);
    await agent().tick(T0 + 3600_000);
    expect(piece(p.id)).toMatchObject({ status: 'published', published_simulated: true });
    const at = T0 + 3600_000 + 3 * DAY_MS + 60_000;
    const r = await agent().tick(at);
    const rows = store.ledger(contentRevenue).readAll().filter((x) => x.key.startsWith(`${p.id}:`));
    expect(r.revenueRows).toBe(rows.length);
    expect(new Set(rows.map((x) => x.key.split(':')[1]))).toEqual(new Set(['d0', 'd1', 'd2']));
    expect(rows.every((x) => x.mode === 'sim' && x.platform === p.platform)).toBe(true);
    expect(piece(p.id).booked_days).toBe(3);
    expect((await agent().tick(at + 1000)).revenueRows).toBe(0);
    const a = store.get(contentAnalytics)!;
    expect(a.simulated).toBe(true);
    const ch = a.channels.find((c) => c.platform === p.platform && c.niche === p.niche)!;
    const views = [0, 1, 2].map((d) => dailyViews(42, p.id, p.platform, p.format, p.trend_score, d)).reduce((x, y) => x + y, 0);
    expect(ch.views_30d).toBe(views);
    expect(Math.round(ch.revenue_30d * 100)).toBe(rows.reduce((s, x) => s + Math.round(x.amount * 100), 0));
  });
});
