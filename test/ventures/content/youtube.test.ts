import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NeoLightError } from '../../../src/core/errors.js';
import type { PublishRequest } from '../../../src/core/publisher.js';
import { fixedToken, refreshingToken } from '../../../src/ventures/content/youtube-auth.js';
import { retryAfterMs, youtubePublisher } from '../../../src/ventures/content/youtube.js';
import { startFakeYouTube, type FakeYouTube } from './fake-youtube.js';

let yt: FakeYouTube;
let dir: string;
let video: string;
const bytes = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));

beforeEach(async () => {
  yt = await startFakeYouTube();
  dir = mkdtempSync(join(tmpdir(), 'nl-yt-'));
  video = join(dir, 'video.mp4');
  writeFileSync(video, bytes);
});
afterEach(() => yt.close());

const req = (): PublishRequest => ({ id: 'piece-1', platform: 'youtube', title: 'The science of sleep, explained simply', description: 'A sourced explanation.', tags: ['sleep', 'science'], category: '27', mediaPath: video });

function progress(session?: string): { session?: string; saveSession: (s: string) => void; saved: string[] } {
  const saved: string[] = [];
  return { ...(session ? { session } : {}), saveSession: (s) => saved.push(s), saved };
}

async function failure(p: Promise<unknown>): Promise<NeoLightError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NeoLightError);
  return err as NeoLightError;
}

describe('YouTube resumable upload connector', () => {
  it('starts a session, saves its URI before sending bytes, uploads once and returns the video id', async () => {
    const pub = youtubePublisher({ baseUrl: yt.url, token: fixedToken(yt.token), privacy: 'private' });
    const pr = progress();
    const out = await pub.publish(req(), pr);
    expect(out).toEqual({ platformId: 'vid1', url: 'https://www.youtube.com/watch?v=vid1', simulated: false });
    expect(yt.uploads()).toBe(1);
    expect(pr.saved).toEqual([`${yt.url}/upload/youtube/v3/videos?uploadType=resumable&upload_id=1`]);
    const [start, put] = yt.requests;
    expect(start!.method).toBe('POST');
    expect(start!.url).toBe('/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status');
    expect(start!.headers['x-upload-content-length']).toBe('10000');
    expect(start!.headers['x-upload-content-type']).toBe('video/mp4');
    expect(start!.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(put!.method).toBe('PUT');
    expect(put!.headers['content-length']).toBe('10000');
    const s = yt.sessions[0]!;
    expect(s.received.equals(bytes)).toBe(true);
    expect(s.resource).toEqual({ snippet: { title: req().title, description: req().description, tags: ['sleep', 'science'], categoryId: '27' }, status: { privacyStatus: 'private', selfDeclaredMadeForKids: false } });
  });

  it('429 with Retry-After: a quota error carrying the wait, no session opened, nothing uploaded', async () => {
    yt.next.start = 'rate429';
    const pr = progress();
    const err = await failure(youtubePublisher({ baseUrl: yt.url, token: fixedToken(yt.token), privacy: 'private' }).publish(req(), pr));
    expect(err.detail).toMatchObject({ reason: 'quota', status: 429, retryAfterMs: 120_000 });
    expect(err.message).toMatch(/quota or rate limit.*retry in 120 s/);
    expect(pr.saved).toEqual([]);
    expect(yt.uploads()).toBe(0);
  });

  it('403 quotaExceeded without Retry-After waits the default hour', async () => {
    yt.next.start = 'quota403';
    const err = await failure(youtubePublisher({ baseUrl: yt.url, token: fixedToken(yt.token), privacy: 'private' }).publish(req(), progress()));
    expect(err.detail).toMatchObject({ reason: 'quota', status: 403, googleReason: 'quotaExceeded', retryAfterMs: 3_600_000 });
  });

  it('401: an auth error naming the settings to check', async () => {
    const err = await failure(youtubePublisher({ baseUrl: yt.url, token: fixedToken('expired-token'), privacy: 'private' }).publish(req(), progress()));
    expect(err.detail).toMatchObject({ reason: 'auth', status: 401 });
    expect(err.message).toContain('YOUTUBE_ACCESS_TOKEN');
    expect(yt.uploads()).toBe(0);
  });

  it('a session start without Location is malformed', async () => {
    yt.next.start = 'noLocation';
    const pr = progress();
    const err = await failure(youtubePublisher({ baseUrl: yt.url, token: fixedToken(yt.token), privacy: 'private' }).publish(req(), pr));
    expect(err.detail).toMatchObject({ reason: 'malformed' });
    expect(err.message).toContain('without a Location header');
    expect(pr.saved).toEqual([]);
  });

  it('a garbled answer to the finished upload is malformed; the retry with the saved session finds the video and uploads nothing again', async () => {
    const pub = youtubePublisher({ baseUrl: yt.url, token: fixedToken(yt.token), privacy: 'private' });
    yt.next.put = 'garbage';
    const first = progress();
    const err = await failure(pub.publish(req(), first));
    expect(err.detail).toMatchObject({ reason: 'malformed' });
    expect(first.saved).toHaveLength(1);
    const again = await pub.publish(req(), progress(first.saved[0]));
    expect(again.platformId).toBe('vid1');
    expect(yt.uploads()).toBe(1);
    expect(yt.sessions).toHaveLength(1);
  });

  it('an interrupted transfer resumes from the Range the server reports', async () => {
    const pub = youtubePublisher({ baseUrl: yt.url, token: fixedToken(yt.token), privacy: 'private' });
    yt.next.put = 'partial503';
    const first = progress();
    const err = await failure(pub.publish(req(), first));
    expect(err.detail).toMatchObject({ reason: 'server', status: 503 });
    expect(yt.sessions[0]!.received.length).toBe(5000);
    const out = await pub.publish(req(), progress(first.saved[0]));
    expect(out.platformId).toBe('vid1');
    const resumed = yt.requests.at(-1)!;
    expect(resumed.headers['content-range']).toBe('bytes 5000-9999/10000');
    expect(yt.sessions[0]!.received.equals(bytes)).toBe(true);
    expect(yt.uploads()).toBe(1);
  });

  it('a missing video file is a clear input error before any request', async () => {
    const err = await failure(youtubePublisher({ baseUrl: yt.url, token: fixedToken(yt.token), privacy: 'private' }).publish({ ...req(), mediaPath: join(dir, 'nope.mp4') }, progress()));
    expect(err.code).toBe('NL_ERR_BAD_INPUT');
    expect(err.message).toContain('nope.mp4');
    expect(yt.requests).toHaveLength(0);
  });

  it('Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('30', 0)).toBe(30_000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000);
    expect(retryAfterMs(null, 0)).toBeUndefined();
  });
});

describe('OAuth refresh', () => {
  it('exchanges the refresh token once and reuses the access token until a minute before it expires', async () => {
    const seen: string[] = [];
    const server = createServer((r, res) => {
      let b = '';
      r.on('data', (c: Buffer) => (b += c.toString()));
      r.on('end', () => {
        seen.push(b);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ access_token: `tok${seen.length}`, expires_in: 3600, token_type: 'Bearer' }));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    try {
      let now = 0;
      const token = refreshingToken({ tokenUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, clientId: 'cid', clientSecret: 'sec', refreshToken: 'ref', now: () => now });
      expect(await token()).toBe('tok1');
      now = 3_539_000;
      expect(await token()).toBe('tok1');
      now = 3_541_000;
      expect(await token()).toBe('tok2');
      expect(new URLSearchParams(seen[0]).get('grant_type')).toBe('refresh_token');
      expect(new URLSearchParams(seen[0]).get('refresh_token')).toBe('ref');
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });
});
