/**
 * The content agent's pipeline document: every piece it produced, where its files are, where its
 * approval stands and what became of it. The upload session of a piece being published is kept
 * here before any byte is sent, so a restart resumes the upload instead of starting a second one.
 */
import { z } from 'zod';
import { defineDocument, isoTime } from './contract.js';

export const contentPieceStatus = z.enum(['awaiting_approval', 'approved', 'published', 'rejected', 'expired']);

export const contentPiece = z.object({
  id: z.string().min(1),
  niche: z.enum(['lofi_music', 'sports_highlights', 'pop_science']),
  platform: z.enum(['youtube', 'tiktok', 'instagram', 'spotify']),
  format: z.enum(['long_video', 'short', 'track']),
  topic: z.string().min(1),
  trend_source: z.enum(['knowledge_snap', 'simulated']),
  trend_score: z.number().min(0).max(1),
  /** Weeks since the Unix epoch in which the piece was produced (its hours count against that week's budget). */
  week: z.number().int(),
  production_hours: z.number().positive(),
  produced_at: isoTime,
  title: z.string().min(1),
  /** Folder of the piece's files, relative to the data directory (content/<id>). */
  dir: z.string().min(1),
  /** Where the rendered video or audio is expected (relative to the data directory); real platforms upload it. */
  media: z.string().min(1),
  expected_views_30d: z.number().int().min(0),
  expected_revenue_30d: z.number().min(0),
  sponsored: z.boolean(),
  approval_id: z.string().min(1),
  status: contentPieceStatus,
  upload_session: z.string().nullable(),
  published_at: isoTime.nullable(),
  platform_id: z.string().nullable(),
  url: z.string().nullable(),
  /** True when the piece went to the simulated publisher (its views and revenue are simulated). */
  published_simulated: z.boolean().nullable(),
  /** Whole days after publication whose simulated revenue is booked in content_revenue.csv. */
  booked_days: z.number().int().min(0),
  last_error: z.string().nullable(),
  /** No publishing attempt before this time (a quota refusal's Retry-After). */
  retry_at: isoTime.nullable(),
});
export type ContentPiece = z.infer<typeof contentPiece>;

export const contentPipeline = defineDocument({
  name: 'content_pipeline',
  path: 'state/content_pipeline.json',
  description: 'Content pieces produced by the content agent: files, approval, publication and upload session.',
  schema: z.object({
    updated_at: isoTime,
    /** The publisher in force ("simulated", or "youtube+simulated" when YouTube is configured). */
    publisher: z.string().min(1),
    hours_per_week: z.number().positive(),
    week: z.number().int(),
    hours_used_week: z.number().min(0),
    pieces: z.array(contentPiece),
  }),
});

const streamCents = z.object({ ads: z.number(), affiliate: z.number(), sponsorship: z.number() }).strict();

/**
 * `GET /api/content`: the pipeline for the dashboard — pieces waiting for a person or for their
 * media, what was published, and revenue by stream and platform over the whole ledger (dollars).
 */
export const contentSummary = z
  .object({
    updated_at: isoTime,
    publisher: z.string(),
    hours_per_week: z.number(),
    hours_used_week: z.number(),
    counts: z.record(contentPieceStatus, z.number().int().min(0)),
    waiting: z.array(contentPiece.pick({ id: true, title: true, platform: true, format: true, niche: true, status: true, dir: true, approval_id: true, produced_at: true, expected_revenue_30d: true, trend_source: true, last_error: true, retry_at: true })),
    published: z.array(contentPiece.pick({ id: true, title: true, platform: true, format: true, niche: true, published_at: true, url: true, published_simulated: true })),
    /** True while any revenue row comes from the audience simulator (every row today). */
    revenue_simulated: z.boolean(),
    revenue_by_stream: streamCents,
    revenue_by_platform: z.record(z.string(), z.number()),
    revenue_total: z.number(),
  })
  .strict();
export type ContentSummary = z.infer<typeof contentSummary>;
