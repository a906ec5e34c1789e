import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { knowledgeSnap } from '../../src/contracts/inputs.js';
import { manualClock } from '../../src/core/clock.js';
import { knowledgeIntegratorAgent } from '../../src/intelligence/knowledge-integrator.js';
import { sentimentOf, topicScores } from '../../src/intelligence/knowledge.js';
import { silentLogger } from '../../src/log/logger.js';
import { openFileStore } from '../../src/store/file-store.js';

/** A fake of the three documented APIs, recording what it was asked. */
let server: Server;
let base = '';
const seen: { method: string; url: string; auth: string | undefined }[] = [];
let failTwitter = false;

function reply(req: IncomingMessage): [number, unknown] {
  const url = req.url ?? '';
  if (url.startsWith('/search/repositories')) return [200, { items: [{ full_name: 'x/gold-bot', description: 'gold rally tracker' }] }];
  if (url === '/api/v1/access_token' && req.method === 'POST') return req.headers.authorization === `Basic ${Buffer.from('cid:csecret').toString('base64')}` ? [200, { access_token: 'tok', token_type: 'bearer' }] : [401, {}];
  if (url.startsWith('/r/')) return req.headers.authorization === 'Bearer tok' ? [200, { data: { children: [{ data: { title: 'Bitcoin surge continues' } }, { data: { title: 'Stocks crash fear' } }] } }] : [401, {}];
  if (url.startsWith('/2/tweets/search/recent')) return failTwitter ? [503, {}] : [200, { data: [{ text: 'bullish on bitcoin, strong gains' }] }];
  return [404, {}];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization });
    const [code, body] = reply(req);
    res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  base = typeof a === 'object' && a ? `http://127.0.0.1:${a.port}` : '';
});
afterAll(() => server.close());

async function runOnce(env: Record<string, string>): Promise<ReturnType<typeof openFileStore>> {
  const home = mkdtempSync(join(tmpdir(), 'neolight-know-'));
  const config = loadConfig({ home }, env);
  const store = openFileStore(home);
  const inst = await knowledgeIntegratorAgent.create({
    name: 'knowledge_integrator',
    clock: manualClock(0),
    store,
    log: silentLogger(),
    config,
    ports: { knowledgeUrls: { github: base, redditAuth: base, redditApi: base, twitter: base } },
  });
  await inst.tick(Date.parse('2025-01-02T00:00:00Z'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  return store;
}

describe('knowledge integrator', () => {
  it('is a graceful no-op without keys', async () => {
    const doc = (await runOnce({})).get(knowledgeSnap)!;
    expect(doc.sources).toEqual({ twitter: { status: 'no_key', items: 0 }, reddit: { status: 'no_key', items: 0 }, github: { status: 'no_key', items: 0 } });
    expect(doc.sentiment).toBeNull();
  });

  it('aggregates all three sources through their documented endpoints', async () => {
    seen.length = 0;
    const doc = (await runOnce({ TWITTER_BEARER_TOKEN: 'tw-secret', REDDIT_CLIENT_ID: 'cid', REDDIT_SECRET: 'csecret', GITHUB_TOKEN: 'gh-secret' })).get(knowledgeSnap)!;
    expect(doc.sources.twitter).toEqual({ status: 'active', items: 1 });
    expect(doc.sources.reddit).toEqual({ status: 'active', items: 6 });
    expect(doc.sources.github).toEqual({ status: 'active', items: 1 });
    expect(doc.sentiment).toBeGreaterThan(0);
    expect(doc.topics.map((t) => t.topic)).toContain('crypto');
    expect(seen.find((s) => s.url.startsWith('/2/tweets'))?.auth).toBe('Bearer tw-secret');
    expect(seen.find((s) => s.url.startsWith('/search/repositories'))?.auth).toBe('Bearer gh-secret');
  });

  it('reports a failing source as error and keeps the others', async () => {
    failTwitter = true;
    const doc = (await runOnce({ TWITTER_BEARER_TOKEN: 'tw-secret', GITHUB_TOKEN: 'gh-secret' })).get(knowledgeSnap)!;
    failTwitter = false;
    expect(doc.sources.twitter?.status).toBe('error');
    expect(doc.sources.twitter?.detail).toContain('503');
    expect(doc.sources.github?.status).toBe('active');
  });

  it('scores sentiment and topics with a visible lexicon', () => {
    expect(sentimentOf(['gold rally', 'stocks crash'])).toBe(0);
    expect(sentimentOf(['nothing here'])).toBeNull();
    expect(topicScores(['bitcoin up', 'gold flat'])).toEqual([
      { topic: 'crypto', score: 0.5 },
      { topic: 'metals', score: 0.5 },
    ]);
  });
});
