/**
 * YouTube Data API v3 upload connector (videos.insert with the resumable upload protocol, as the
 * "Resumable Uploads" guide describes it):
 *   1. POST {base}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status with the video
 *      resource as JSON, `Authorization: Bearer`, `X-Upload-Content-Length` and
 *      `X-Upload-Content-Type`; the answer's `Location` header is the session URI.
 *   2. The session URI is handed to the agent (saveSession) before any byte is sent.
 *   3. PUT the bytes to the session URI; 200/201 carries the video resource (its `id`).
 * A later attempt with a saved session first asks where the upload stands (PUT with
 * `Content-Range: bytes * /SIZE`, no body): 200/201 means the video exists (nothing is sent again),
 * 308 with `Range: bytes=0-N` resumes from N+1, 404/410 (session expired) starts a new one.
 * Failures are NL_ERR_UPSTREAM with `detail.reason`: 'auth' (401), 'quota' (429, or 403/400 with
 * quotaExceeded, rateLimitExceeded, userRateLimitExceeded, uploadLimitExceeded; with
 * `detail.retryAfterMs` from Retry-After), 'server' (5xx), 'malformed' (no Location, no video id,
 * not JSON), 'network', or 'rejected' (any other 4xx). The session is kept in every case.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { describeError, NeoLightError } from '../../core/errors.js';
import type { PublishProgress, PublishRequest, PublishResult, Publisher } from '../../core/publisher.js';

export const YOUTUBE_DEFAULT_BASE_URL = 'https://www.googleapis.com';
export const YOUTUBE_CREDENTIAL_ENV = 'YOUTUBE_ACCESS_TOKEN or YOUTUBE_CLIENT_ID, YOUTUBE_CLIENT_SECRET and YOUTUBE_REFRESH_TOKEN';
/** When a quota refusal carries no Retry-After: the daily quota resets at midnight Pacific, so wait an hour and ask again. */
export const QUOTA_DEFAULT_WAIT_MS = 3600_000;

export interface YouTubeOptions {
  readonly baseUrl?: string;
  /** An OAuth 2.0 access token with the youtube.upload scope (refreshed by the caller when it expires). */
  token(): Promise<string>;
  readonly privacy: 'private' | 'unlisted' | 'public';
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

const QUOTA_REASONS = new Set(['quotaExceeded', 'rateLimitExceeded', 'userRateLimitExceeded', 'uploadLimitExceeded']);
const MIME: Record<string, string> = { '.mp4': 'video/mp4', '.mov': 'video/quicktime', '.webm': 'video/webm', '.mkv': 'video/x-matroska', '.avi': 'video/x-msvideo' };

function fail(reason: string, message: string, extra: Record<string, unknown> = {}, cause?: unknown): NeoLightError {
  return new NeoLightError('NL_ERR_UPSTREAM', `youtube: ${message}`, { venue: 'youtube', reason, ...extra }, cause === undefined ? undefined : { cause });
}

/** Retry-After as milliseconds: delta seconds or an HTTP date. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}

/** The first `errors[].reason` and the message of a Google API error body. */
function googleError(text: string): { reason?: string; message: string } {
  try {
    const body: unknown = JSON.parse(text);
    const err: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'error') : undefined;
    if (typeof err === 'object' && err !== null) {
      const list: unknown = Reflect.get(err, 'errors');
      const first: unknown = Array.isArray(list) ? list[0] : undefined;
      const reason: unknown = typeof first === 'object' && first !== null ? Reflect.get(first, 'reason') : undefined;
      const message: unknown = Reflect.get(err, 'message');
      return { ...(typeof reason === 'string' ? { reason } : {}), message: typeof message === 'string' ? message : text.slice(0, 200) };
    }
  } catch {
    // not JSON: report the text
  }
  return { message: text.slice(0, 200) };
}

async function refusal(res: Response, what: string, nowMs: number): Promise<NeoLightError> {
  const { reason, message } = googleError(await res.text().catch(() => ''));
  const status = `${res.status}${reason ? ` ${reason}` : ''}`;
  if (res.status === 401) return fail('auth', `${what} refused the OAuth token (${status}: ${message}); check ${YOUTUBE_CREDENTIAL_ENV}`, { status: res.status });
  if (res.status === 429 || (reason !== undefined && QUOTA_REASONS.has(reason))) {
    const wait = retryAfterMs(res.headers.get('retry-after'), nowMs) ?? QUOTA_DEFAULT_WAIT_MS;
    return fail('quota', `${what} refused: quota or rate limit (${status}: ${message}); retry in ${Math.ceil(wait / 1000)} s`, { status: res.status, retryAfterMs: wait, ...(reason ? { googleReason: reason } : {}) });
  }
  if (res.status >= 500) return fail('server', `${what} failed on YouTube's side (${status}: ${message}); the upload session is kept`, { status: res.status });
  return fail('rejected', `${what} rejected (${status}: ${message})`, { status: res.status, ...(reason ? { googleReason: reason } : {}) });
}

/** The video resource of a finished upload, or a 'malformed' error naming what is missing. */
async function videoOf(res: Response): Promise<PublishResult> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw fail('malformed', `upload finished (${res.status}) but the answer is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const id: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'id') : undefined;
  if (typeof id !== 'string' || id === '') throw fail('malformed', `upload finished (${res.status}) but the video resource has no "id"`);
  return { platformId: id, url: `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`, simulated: false };
}

export function youtubePublisher(o: YouTubeOptions): Publisher {
  const base = (o.baseUrl ?? YOUTUBE_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const now = o.now ?? Date.now;
  const timeout = o.timeoutMs ?? 120_000;

  const send = async (what: string, url: string, init: RequestInit): Promise<Response> => {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeout) });
    } catch (err) {
      throw fail('network', `${what} did not reach YouTube (${describeError(err)}); the upload session is kept`, {}, err);
    }
  };

  const start = async (req: PublishRequest, size: number, mime: string, auth: string): Promise<string> => {
    const resource = {
      snippet: { title: req.title, description: req.description, tags: [...req.tags], ...(req.category ? { categoryId: req.category } : {}) },
      status: { privacyStatus: o.privacy, selfDeclaredMadeForKids: false },
    };
    const body = JSON.stringify(resource);
    const res = await send('videos.insert (start session)', `${base}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json; charset=UTF-8', 'X-Upload-Content-Length': String(size), 'X-Upload-Content-Type': mime },
      body,
    });
    if (res.status !== 200 && res.status !== 201) throw await refusal(res, 'videos.insert (start session)', now());
    await res.arrayBuffer().catch(() => undefined);
    const location = res.headers.get('location');
    if (!location) throw fail('malformed', `videos.insert answered ${res.status} without a Location header (no upload session URI)`);
    return new URL(location, base).toString();
  };

  /** Where an earlier session stands: 'done' with the video, the next byte offset, or 'expired'. */
  const status = async (session: string, size: number, auth: string): Promise<PublishResult | number | 'expired'> => {
    const res = await send('upload status', session, { method: 'PUT', headers: { Authorization: auth, 'Content-Length': '0', 'Content-Range': `bytes */${size}` } });
    if (res.status === 200 || res.status === 201) return videoOf(res);
    if (res.status === 404 || res.status === 410) return 'expired';
    if (res.status !== 308) throw await refusal(res, 'upload status', now());
    const range = /^bytes=0-(\d+)$/.exec(res.headers.get('range') ?? '');
    return range ? Number(range[1]) + 1 : 0;
  };

  const upload = async (session: string, bytes: Buffer, from: number, mime: string, auth: string): Promise<PublishResult> => {
    const part = bytes.subarray(from);
    const headers: Record<string, string> = { Authorization: auth, 'Content-Type': mime, 'Content-Length': String(part.length) };
    if (from > 0) headers['Content-Range'] = `bytes ${from}-${bytes.length - 1}/${bytes.length}`;
    const res = await send('upload', session, { method: 'PUT', headers, body: new Uint8Array(part) });
    if (res.status === 200 || res.status === 201) return videoOf(res);
    throw await refusal(res, 'upload', now());
  };

  return {
    name: 'youtube',
    simulated: false,
    supports: (platform) => platform === 'youtube',
    needsMedia: () => true,
    async publish(req: PublishRequest, progress: PublishProgress): Promise<PublishResult> {
      if (req.platform !== 'youtube') throw new NeoLightError('NL_ERR_BAD_INPUT', `youtube publisher cannot publish to "${req.platform}"`);
      if (!req.mediaPath) throw new NeoLightError('NL_ERR_BAD_INPUT', `youtube: piece ${req.id} has no rendered video to upload`);
      const bytes = await readFile(req.mediaPath).catch((err: unknown) => {
        throw new NeoLightError('NL_ERR_BAD_INPUT', `youtube: cannot read the video of piece ${req.id} at ${req.mediaPath}: ${describeError(err)}`);
      });
      const mime = MIME[extname(req.mediaPath).toLowerCase()] ?? 'application/octet-stream';
      const auth = `Bearer ${await o.token()}`;
      if (progress.session) {
        const where = await status(progress.session, bytes.length, auth);
        if (typeof where === 'object') return where;
        if (where !== 'expired') return upload(progress.session, bytes, where, mime, auth);
      }
      const session = await start(req, bytes.length, mime, auth);
      progress.saveSession(session);
      return upload(session, bytes, 0, mime, auth);
    },
  };
}
