/**
 * One cycle of the content agent:
 *   decide   — follow each waiting piece's approval: rejected or expired pieces are closed and never
 *              published; approved ones are published once through the publisher port (a real
 *              platform needs the rendered media first; a refusal keeps the piece approved with its
 *              upload session and a retry time, so nothing is lost and nothing is sent twice);
 *   account  — simulated revenue of published pieces per whole day into content_revenue.csv
 *              (idempotency key piece:day:stream) and the channels into content_analytics.json;
 *   plan     — this week's trends (knowledge snapshot, else the simulator), the best pieces that fit
 *              the hours left in the weekly time budget (the agent's only risk control: it spends
 *              no capital), each written to <home>/content/<id>/ and queued for approval.
 * Market time (`now`) dates production and revenue; wall time dates approvals and retries.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentPipeline, type ContentPiece } from '../../contracts/content.js';
import { knowledgeSnap } from '../../contracts/inputs.js';
import { contentAnalytics, contentRevenue } from '../../contracts/ventures.js';
import type { AgentContext } from '../../core/agent.js';
import { describeError, NeoLightError } from '../../core/errors.js';
import type { Publisher } from '../../core/publisher.js';
import { approvalStatus, claimExecution, requestApproval } from '../../store/approval-queue.js';
import { channelFigures, fullDays, revenueRows } from './accounting.js';
import { isSponsored } from './audience.js';
import { pieceFiles, writePiece, YOUTUBE_CATEGORY } from './artefacts.js';
import { contentPlan, hoursUsed } from './plan.js';
import { pieceText } from './script.js';
import { currentTrends, weekOf } from './trends.js';

export const AGENT = 'content_agent';
export const APPROVAL_KIND = 'content_publish';
/** Wait after a failure that names no Retry-After (network, 5xx, malformed answer). */
export const RETRY_MS = 15 * 60_000;

export interface ContentSettings {
  hoursPerWeek: number;
  approvalTtlMs: number;
}

export interface CycleDeps {
  ctx: AgentContext;
  publisher: Publisher;
  settings: ContentSettings;
  /** Wall clock for approvals and retries (Date.now in the mesh). */
  wallNow: () => number;
}

export interface CycleReport {
  produced: string[];
  published: string[];
  closed: string[];
  waiting: string[];
  revenueRows: number;
}

type Pipeline = { pieces: ContentPiece[] };

export function contentCycle(d: CycleDeps): { tick(now: number): Promise<CycleReport> } {
  const { ctx, publisher, settings } = d;
  const load = (): Pipeline => ({ pieces: ctx.store.get(contentPipeline)?.pieces ?? [] });
  const save = (p: Pipeline, now: number): void => {
    const week = weekOf(now);
    ctx.store.write(contentPipeline, { updated_at: new Date(now).toISOString(), publisher: publisher.name, hours_per_week: settings.hoursPerWeek, week, hours_used_week: hoursUsed(p.pieces.map((x) => ({ week: x.week, production_hours: x.production_hours })), week), pieces: p.pieces });
  };

  const publish = async (p: Pipeline, piece: ContentPiece, now: number, report: CycleReport): Promise<void> => {
    const wall = d.wallNow();
    if (piece.retry_at !== null && Date.parse(piece.retry_at) > wall) return void report.waiting.push(piece.id);
    const media = join(ctx.store.home, piece.media);
    if (publisher.needsMedia(piece.platform) && !existsSync(media)) {
      piece.last_error = `NO_MEDIA: render the ${piece.format === 'track' ? 'audio' : 'video'} to ${media} to publish this approved piece`;
      return void report.waiting.push(piece.id);
    }
    claimExecution(ctx.store, piece.approval_id, AGENT, wall);
    try {
      const files = pieceFiles(piece.id, piece.format);
      const m = metadataOf(JSON.parse(readFileSync(join(ctx.store.home, files.metadata), 'utf8')), piece);
      const out = await publisher.publish(
        { id: piece.id, platform: piece.platform, title: m.title, description: m.description, tags: m.tags, ...(piece.platform === 'youtube' ? { category: YOUTUBE_CATEGORY[piece.niche] } : {}), mediaPath: media, thumbnailPath: join(ctx.store.home, files.thumbnail) },
        {
          ...(piece.upload_session ? { session: piece.upload_session } : {}),
          saveSession: (s) => {
            piece.upload_session = s;
            save(p, now);
          },
        },
      );
      Object.assign(piece, { status: 'published', published_at: new Date(now).toISOString(), platform_id: out.platformId, url: out.url, published_simulated: out.simulated, last_error: null, retry_at: null });
      report.published.push(piece.id);
    } catch (err) {
      const wait = err instanceof NeoLightError && typeof err.detail?.retryAfterMs === 'number' ? err.detail.retryAfterMs : RETRY_MS;
      piece.last_error = describeError(err);
      piece.retry_at = new Date(wall + wait).toISOString();
      ctx.log.warn({ piece: piece.id, err: piece.last_error, retry_at: piece.retry_at }, 'publishing failed; the piece stays approved and is retried');
      report.waiting.push(piece.id);
    }
    save(p, now);
  };

  return {
    async tick(now) {
      const report: CycleReport = { produced: [], published: [], closed: [], waiting: [], revenueRows: 0 };
      const p = load();

      // Decide: follow the approvals.
      for (const piece of p.pieces) {
        if (piece.status !== 'awaiting_approval' && piece.status !== 'approved') continue;
        const st = approvalStatus(ctx.store, piece.approval_id, d.wallNow());
        if (st === 'rejected' || st === 'expired') {
          piece.status = st;
          report.closed.push(piece.id);
        } else if (st === 'approved') {
          piece.status = 'approved';
          await publish(p, piece, now, report);
        } else if (st === 'missing') {
          // The queue lost it (a restored backup): ask again rather than publish unapproved.
          requestApproval(ctx.store, approvalRequest(piece, settings, d.wallNow()), d.wallNow());
        }
      }

      // Account: simulated revenue of published pieces, day by day, idempotent by key.
      const ledger = ctx.store.ledger(contentRevenue);
      const mode = ctx.config.mode === 'live' ? 'sim' : ctx.config.mode;
      // One append (one fsync) for every piece's new days; keys make a repeated day a no-op.
      const batch: Parameters<typeof ledger.append>[0][number][] = [];
      for (const piece of p.pieces) {
        if (piece.status !== 'published') continue;
        const rows = revenueRows(ctx.config.seed, piece, now);
        for (const r of rows) batch.push({ key: r.key, row: { ts: new Date(r.tsMs).toISOString(), mode, platform: r.platform, channel: r.channel, stream: r.stream, amount: r.cents / 100 } });
        piece.booked_days = fullDays(piece, now);
      }
      report.revenueRows += ledger.append(batch).length;
      const booked = ledger.readAll().map((r) => ({ tsMs: Date.parse(r.ts), platform: r.platform, channel: r.channel, cents: Math.round(r.amount * 100) }));
      ctx.store.write(contentAnalytics, {
        updated_at: new Date(now).toISOString(),
        simulated: true,
        channels: channelFigures(ctx.config.seed, p.pieces, booked, now).map((c) => ({ platform: c.platform, channel: c.channel, niche: c.niche, followers: c.followers, views_30d: c.views_30d, engagement_rate: c.engagement_rate, revenue_30d: c.revenue_30d_cents / 100 })),
      });

      // Plan and produce within the week's hours.
      const week = weekOf(now);
      const snap = ctx.store.get(knowledgeSnap);
      const trends = currentTrends(snap?.topics, ctx.config.seed, now);
      const plan = contentPlan(trends, { hoursPerWeek: settings.hoursPerWeek, usedHours: hoursUsed(p.pieces, week), produced: new Set(p.pieces.map((x) => x.id)) });
      for (const item of plan.chosen) {
        const text = pieceText(item);
        const files = writePiece(ctx.store.home, item, text);
        const piece: ContentPiece = {
          id: item.id,
          niche: item.niche,
          platform: item.platform,
          format: item.format,
          topic: item.trend.topic,
          trend_source: item.trend.source,
          trend_score: item.trend.score,
          week,
          production_hours: item.productionHours,
          produced_at: new Date(now).toISOString(),
          title: text.title,
          dir: files.dir,
          media: files.media,
          expected_views_30d: item.expectedViews30d,
          expected_revenue_30d: item.expectedCents30d / 100,
          sponsored: isSponsored(ctx.config.seed, item.id, item.platform, item.format),
          approval_id: `content-${item.id}`,
          status: 'awaiting_approval',
          upload_session: null,
          published_at: null,
          platform_id: null,
          url: null,
          published_simulated: null,
          booked_days: 0,
          last_error: null,
          retry_at: null,
        };
        requestApproval(ctx.store, approvalRequest(piece, settings, d.wallNow()), d.wallNow());
        p.pieces.push(piece);
        report.produced.push(piece.id);
      }
      save(p, now);
      return report;
    },
  };
}

function approvalRequest(piece: ContentPiece, settings: ContentSettings, wall: number): Parameters<typeof requestApproval>[1] {
  return {
    id: piece.approval_id,
    agent: AGENT,
    kind: APPROVAL_KIND,
    summary: `Publish "${piece.title}" (${piece.format.replace('_', ' ')}) on ${piece.platform}; files in ${piece.dir}/${piece.trend_source === 'simulated' ? '; trend SIMULATED' : ''}`,
    amount: null,
    expiresAtMs: wall + settings.approvalTtlMs,
    action: { piece_id: piece.id, platform: piece.platform, dir: piece.dir },
  };
}

/** The title, description and tags a person may have edited in metadata.json before approving. */
function metadataOf(raw: unknown, piece: ContentPiece): { title: string; description: string; tags: string[] } {
  const get = (k: string): unknown => (typeof raw === 'object' && raw !== null ? Reflect.get(raw, k) : undefined);
  const title = get('title');
  const description = get('description');
  const tags = get('tags');
  if (typeof title !== 'string' || title.trim() === '' || typeof description !== 'string' || !Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
    throw new NeoLightError('NL_ERR_BAD_INPUT', `${piece.dir}/metadata.json must hold a non-empty "title", a "description" and "tags" (strings)`);
  }
  return { title, description, tags };
}
