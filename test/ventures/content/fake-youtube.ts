/**
 * A fake YouTube Data API upload endpoint on 127.0.0.1 (port 0) that answers like the documented
 * resumable protocol: POST …/videos?uploadType=resumable → 200 + Location; PUT bytes → 201 + the
 * video resource; PUT with `Content-Range: bytes * /SIZE` → 200/201 when done, 308 + Range when
 * partial. It checks the bearer token and counts finished uploads, and can be told to refuse
 * (quota, 429, 5xx), to drop the Location header, to answer a finished upload with garbage, or to
 * keep only part of the first PUT's bytes (an interrupted transfer).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Session {
  id: number;
  size: number;
  mime: string;
  resource: { snippet?: { title?: string; description?: string; tags?: string[]; categoryId?: string }; status?: { privacyStatus?: string } };
  received: Buffer;
  videoId?: string;
}

export interface FakeYouTube {
  url: string;
  token: string;
  sessions: Session[];
  /** Videos that finished uploading (the count that must never exceed one per piece). */
  uploads: () => number;
  requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  /** What the next matching request answers instead of the normal flow (consumed once each). */
  next: {
    start?: 'quota403' | 'rate429' | 'server503' | 'noLocation';
    put?: 'garbage' | 'partial503' | 'server503';
  };
  close: () => Promise<void>;
}

const googleError = (code: number, reason: string, message: string): string => JSON.stringify({ error: { code, message, errors: [{ domain: 'youtube', reason, message }] } });

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => ok(Buffer.concat(parts)));
    req.on('error', fail);
  });
}

export async function startFakeYouTube(token = 'test-access-token'): Promise<FakeYouTube> {
  const sessions: Session[] = [];
  const requests: FakeYouTube['requests'] = [];
  const fake = { token, sessions, requests, next: {} } as Omit<FakeYouTube, 'url' | 'uploads' | 'close'> & Partial<FakeYouTube>;
  let base = '';

  const videoJson = (s: Session): string => JSON.stringify({ kind: 'youtube#video', id: s.videoId, snippet: s.resource.snippet, status: { uploadStatus: 'uploaded', privacyStatus: s.resource.status?.privacyStatus } });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const data = await body(req);
    const u = new URL(req.url ?? '/', base);
    const json = (status: number, text: string, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...headers });
      res.end(text);
    };
    if (req.headers.authorization !== `Bearer ${token}`) return json(401, googleError(401, 'authError', 'Invalid Credentials'));
    if (u.pathname !== '/upload/youtube/v3/videos' || u.searchParams.get('uploadType') !== 'resumable') return json(404, googleError(404, 'notFound', 'Not Found'));

    if (req.method === 'POST') {
      const refuse = fake.next.start;
      delete fake.next.start;
      if (refuse === 'quota403') return json(403, googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.'));
      if (refuse === 'rate429') return json(429, googleError(429, 'rateLimitExceeded', 'Too many requests'), { 'Retry-After': '120' });
      if (refuse === 'server503') return json(503, googleError(503, 'backendError', 'Backend Error'));
      const resource = JSON.parse(data.toString('utf8')) as Session['resource'];
      if (!resource.snippet?.title) return json(400, googleError(400, 'invalidTitle', 'The request metadata specifies an invalid or empty video title.'));
      const s: Session = { id: sessions.length + 1, size: Number(req.headers['x-upload-content-length']), mime: String(req.headers['x-upload-content-type']), resource, received: Buffer.alloc(0) };
      sessions.push(s);
      if (refuse === 'noLocation') return json(200, '');
      res.writeHead(200, { Location: `${base}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${s.id}`, 'Content-Length': '0' });
      return void res.end();
    }

    if (req.method === 'PUT') {
      const s = sessions.find((x) => String(x.id) === u.searchParams.get('upload_id'));
      if (!s) return json(404, googleError(404, 'notFound', 'upload session not found'));
      const range = String(req.headers['content-range'] ?? '');
      if (range === `bytes */${s.size}`) {
        if (s.videoId) return json(200, videoJson(s));
        res.writeHead(308, s.received.length > 0 ? { Range: `bytes=0-${s.received.length - 1}` } : {});
        return void res.end();
      }
      const from = range ? Number(/^bytes (\d+)-/.exec(range)?.[1]) : 0;
      if (from !== s.received.length) return json(400, googleError(400, 'badContent', `expected bytes from ${s.received.length}, got ${from}`));
      const refuse = fake.next.put;
      delete fake.next.put;
      if (refuse === 'server503') return json(503, googleError(503, 'backendError', 'Backend Error'));
      if (refuse === 'partial503') {
        s.received = Buffer.concat([s.received, data.subarray(0, Math.floor(data.length / 2))]);
        return json(503, googleError(503, 'backendError', 'Backend Error'));
      }
      s.received = Buffer.concat([s.received, data]);
      if (s.received.length < s.size) {
        res.writeHead(308, { Range: `bytes=0-${s.received.length - 1}` });
        return void res.end();
      }
      s.videoId = `vid${s.id}`;
      if (refuse === 'garbage') {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        return void res.end('<html>proxy error</html>');
      }
      return json(201, videoJson(s));
    }
    json(405, googleError(405, 'methodNotAllowed', 'method not allowed'));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    url: base,
    uploads: () => sessions.filter((s) => s.videoId !== undefined).length,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }) as FakeYouTube;
}
