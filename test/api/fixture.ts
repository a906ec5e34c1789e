/** A data dir with one of everything the API serves, a fake supervisor and a fake built dashboard, for the API security tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApiServer } from '../../src/api/server.js';
import { loadConfig, type Flags } from '../../src/config/config.js';
import { atlasBrain, pnlHistory } from '../../src/contracts/index.js';
import { approvals } from '../../src/contracts/status.js';
import { openFileStore } from '../../src/store/file-store.js';
import { fakeSupervisor } from '../../src/drill/fixtures.js';

export const TOKEN = 'a-very-long-test-token';

/** An idle supervisor: the API's view of a mesh with no agents (shared with the drill's checks). */
export { fakeSupervisor };

export interface Fixture {
  home: string;
  webDist: string;
  /** A server on `flags` (e.g. apiHost) and `env` (e.g. the token); closed by `cleanup`. */
  server(flags?: Flags, env?: NodeJS.ProcessEnv): Promise<FastifyInstance>;
  approvalStatus(id: string): string | undefined;
  cleanup(): Promise<void>;
}

export function createFixture(): Fixture {
  const home = mkdtempSync(join(tmpdir(), 'neolight-apisec-'));
  const store = openFileStore(home);
  store.write(atlasBrain, { risk_scaler: 0.8, confidence: 0.5, updated_at: new Date().toISOString() });
  store.ledger(pnlHistory).append([
    { key: 'o1', row: { ts: new Date().toISOString(), agent: 'smart_trader', mode: 'sim' as const, symbol: 'SPY', side: 'buy' as const, qty: 1, price: 500, fee: 1, notional: 500, realized_pnl: 0, order_id: 'o1', reason: 'rebalance' } },
  ]);
  const now = new Date().toISOString();
  store.write(approvals, {
    updated_at: now,
    items: ['a1', 'a2', 'a3'].map((id) => ({ id, agent: 'ticket_arbitrage', kind: 'primary_purchase', summary: 'Buy 2 tickets', amount: 180, created_at: now, status: 'pending' as const, decided_at: null })),
  });
  writeFileSync(join(home, 'logs', 'smart_trader.log'), `${JSON.stringify({ msg: 'one' })}\n`);
  const webDist = join(home, 'web-dist');
  mkdirSync(join(webDist, 'assets'), { recursive: true });
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>t</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1);\n');
  const servers: FastifyInstance[] = [];
  return {
    home,
    webDist,
    async server(flags = {}, env = {}) {
      const app = await createApiServer({ config: loadConfig({ home, ...flags }, env), supervisor: fakeSupervisor, webDist });
      servers.push(app);
      return app;
    },
    approvalStatus: (id) => openFileStore(home).get(approvals)?.items.find((i) => i.id === id)?.status,
    async cleanup() {
      for (const s of servers.splice(0)) await s.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function listenLocal(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const a = app.server.address();
  if (!a || typeof a !== 'object') throw new Error('no port');
  return a.port;
}

/** Sends `head` (request line and headers, CRLF-separated, no final blank line) on a raw socket; resolves with the status code and the whole answer. */
export function rawRequest(port: number, head: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(`${head}\r\nConnection: close\r\n\r\n`));
    let text = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => (text += d));
    s.on('error', reject);
    s.on('end', () => resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text }));
  });
}
