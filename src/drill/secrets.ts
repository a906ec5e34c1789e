/**
 * No secret leaks: a mesh runs with fake credentials set, then every file of its data directory
 * (logs, documents, ledgers, runtime files), /status, /metrics and a capture of /events are
 * searched for the secret values. Credentials whose integration would call a real host
 * (Telegram with a chat id, Twitter, Reddit, GitHub) are set only where that call cannot happen.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, makeDrillHome } from './drill-home.js';
import { apiGet, freePort, reapAll, sleep, startMesh, stopMesh, waitExit } from './mesh.js';
import type { CheckResult } from './security-api.js';

/** Fake secrets; TELEGRAM_CHAT_ID stays unset so no message is ever sent to the real Telegram. */
export const FAKE_SECRETS: Record<string, string> = {
  TELEGRAM_BOT_TOKEN: '7777777:drill-fake-telegram-secret-AAA',
  NEOLIGHT_API_TOKEN: 'drill-fake-api-token-BBBBBBBBBBBB',
  BETFAIR_API_KEY: 'drill-fake-betfair-key-CCC',
  BETFAIR_USERNAME: 'drill-fake-betfair-user-JJJ',
  BETFAIR_PASSWORD: 'drill-fake-betfair-pass-DDD',
  SHOPIFY_API_KEY: 'drill-fake-shopify-key-EEE',
  SHOPIFY_PASSWORD: 'drill-fake-shopify-pass-FFF',
  STOCKX_API_KEY: 'drill-fake-stockx-key-GGG',
  STUBHUB_CLIENT_SECRET: 'drill-fake-stubhub-secret-KKK',
  EBAY_ACCESS_TOKEN: 'drill-fake-ebay-token-LLL',
  GOAT_API_KEY: 'drill-fake-goat-key-HHH',
  SPORTRADAR_API_KEY: 'drill-fake-sportradar-key-III',
};

/** Every file under dir, recursively. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/** Where any secret value occurs in the named texts (pure). */
export function findSecrets(texts: readonly { where: string; text: string }[], secrets: Record<string, string>): string[] {
  const hits: string[] = [];
  for (const { where, text } of texts) for (const [name, value] of Object.entries(secrets)) if (text.includes(value)) hits.push(`${name} in ${where}`);
  return hits;
}

async function captureSse(port: number, token: string, ms: number): Promise<string> {
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), ms);
  let text = '';
  try {
    const res = await fetch(`http://127.0.0.1:${port}/events`, { headers: { authorization: `Bearer ${token}` }, signal: ctl.signal });
    const reader = res.body?.getReader();
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      text += Buffer.from(chunk.value).toString('utf8');
    }
  } catch {
    // aborted at the end of the capture
  } finally {
    clearTimeout(t);
  }
  return text;
}

export async function checkNoSecretLeaks(opts: { runSeconds: number; keep: boolean }): Promise<CheckResult> {
  const home = makeDrillHome('secrets');
  const token = FAKE_SECRETS.NEOLIGHT_API_TOKEN!;
  const texts: { where: string; text: string }[] = [];
  const problems: string[] = [];
  try {
    const port = await freePort();
    const mesh = await startMesh(home, { timeScale: 3000, port, env: FAKE_SECRETS });
    const sse = captureSse(port, token, Math.min(5000, opts.runSeconds * 1000));
    await sleep(opts.runSeconds * 1000);
    for (const path of ['/status', '/metrics', '/api/documents/smart_trader_state', '/api/agents/guardian/log', '/api/repairs']) {
      const r = await apiGet(port, path, token).catch((err: unknown) => ({ status: 0, text: String(err) }));
      texts.push({ where: `GET ${path} (${r.status})`, text: r.text });
    }
    texts.push({ where: 'GET /events capture', text: await sse });
    texts.push({ where: 'neolight up output', text: mesh.output() });
    const stop = await stopMesh(home, FAKE_SECRETS);
    texts.push({ where: 'neolight stop output', text: stop.output });
    await waitExit(mesh.guardian, 20_000);
  } catch (err) {
    problems.push(`the mesh did not run: ${(err as Error).message}`);
  }
  await reapAll(home);
  for (const f of filesUnder(home)) if (statSync(f).size < 50 * 1024 * 1024 && !f.endsWith('neolight.config.json')) texts.push({ where: f.slice(home.length + 1), text: readFileSync(f, 'latin1') });
  const hits = findSecrets(texts, FAKE_SECRETS);
  problems.push(...hits);
  cleanup(home, opts.keep || problems.length > 0);
  return { name: 'no_secret_leaks', ok: problems.length === 0, detail: problems.length ? problems.join('; ') : `${texts.length} files and responses searched for ${Object.keys(FAKE_SECRETS).length} secrets: 0 hits` };
}
