/**
 * Connectors of the knowledge integrator, each written against its service's documented REST API
 * and each with an overridable base URL (tests point them at a fake server on 127.0.0.1):
 * - GitHub: GET /search/repositories?q=…&sort=updated (REST API v3, Bearer token);
 * - Reddit: POST /api/v1/access_token (client credentials, HTTP Basic) on www.reddit.com, then
 *   GET /r/{sub}/hot on oauth.reddit.com with the Bearer token and a descriptive User-Agent;
 * - Twitter/X: GET /2/tweets/search/recent?query=… (API v2, Bearer token).
 * Every connector returns plain texts; scoring is done by the pure functions in knowledge.ts.
 */
import { z } from 'zod';
import { NeoLightError } from '../core/errors.js';

export interface SourceBaseUrls {
  github?: string;
  redditAuth?: string;
  redditApi?: string;
  twitter?: string;
}

const USER_AGENT = 'neolight-knowledge-integrator/0.1 (self-hosted)';
const TIMEOUT_MS = 10_000;

async function getJson(url: string, init: RequestInit, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new NeoLightError('NL_ERR_UPSTREAM', `${what}: ${(err as Error).message}`);
  }
  if (!res.ok) throw new NeoLightError('NL_ERR_UPSTREAM', `${what}: HTTP ${res.status}`);
  return res.json();
}

const githubSearch = z.object({ items: z.array(z.object({ full_name: z.string(), description: z.string().nullable().optional() })) });

export async function fetchGithub(token: string, query: string, base = 'https://api.github.com'): Promise<string[]> {
  const url = `${base}/search/repositories?q=${encodeURIComponent(query)}&sort=updated&per_page=30`;
  const body = githubSearch.parse(
    await getJson(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': USER_AGENT } }, 'GitHub search'),
  );
  return body.items.map((i) => `${i.full_name} ${i.description ?? ''}`.trim());
}

const redditToken = z.object({ access_token: z.string().min(1) });
const redditListing = z.object({ data: z.object({ children: z.array(z.object({ data: z.object({ title: z.string() }) })) }) });

export async function fetchReddit(clientId: string, secret: string, subreddits: readonly string[], urls: SourceBaseUrls = {}): Promise<string[]> {
  const auth = urls.redditAuth ?? 'https://www.reddit.com';
  const api = urls.redditApi ?? 'https://oauth.reddit.com';
  const tok = redditToken.parse(
    await getJson(
      `${auth}/api/v1/access_token`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': USER_AGENT,
        },
        body: 'grant_type=client_credentials',
      },
      'Reddit token',
    ),
  );
  const titles: string[] = [];
  for (const sub of subreddits) {
    const listing = redditListing.parse(
      await getJson(`${api}/r/${encodeURIComponent(sub)}/hot?limit=25`, { headers: { authorization: `Bearer ${tok.access_token}`, 'user-agent': USER_AGENT } }, `Reddit r/${sub}`),
    );
    titles.push(...listing.data.children.map((c) => c.data.title));
  }
  return titles;
}

const tweets = z.object({ data: z.array(z.object({ text: z.string() })).optional() });

export async function fetchTwitter(bearer: string, query: string, base = 'https://api.twitter.com'): Promise<string[]> {
  const url = `${base}/2/tweets/search/recent?query=${encodeURIComponent(query)}&max_results=50`;
  const body = tweets.parse(await getJson(url, { headers: { authorization: `Bearer ${bearer}`, 'user-agent': USER_AGENT } }, 'Twitter search'));
  return (body.data ?? []).map((t) => t.text);
}
