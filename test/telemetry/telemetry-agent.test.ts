import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { drawdownGuard } from '../../src/contracts/risk.js';
import { performanceMetrics } from '../../src/contracts/trading.js';
import { wealthTrajectory } from '../../src/contracts/wealth.js';
import { manualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/log/logger.js';
import { drawdownStep, initialDrawdownState } from '../../src/risk/drawdown.js';
import { simulatedMarket } from '../../src/market/simulator.js';
import { openFileStore } from '../../src/store/file-store.js';
import { telemetryAgent } from '../../src/telemetry/telemetry-agent.js';
import { tempHome } from '../risk/agent-context.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

describe('telemetry agent', () => {
  it('writes the wealth trajectory and alerts a new halt through the Bot API', async () => {
    const texts: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        texts.push((JSON.parse(body) as { text: string }).text);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, result: {} }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const home = tempHome();
      const store = openFileStore(home);
      const path = Array.from({ length: 40 }, (_, i) => 10_000 * (1 + 0.001 * i));
      store.ledger(performanceMetrics).append(
        path.map((equity, i) => ({ key: `k${i}`, row: { ts: new Date(T0 + i * DAY).toISOString(), mode: 'sim' as const, equity, cash: 0, exposure: 0, drawdown: 0, sharpe: '' as const, daily_pnl: 0 } })),
      );
      const config = loadConfig({ home }, { TELEGRAM_BOT_TOKEN: '1:T', TELEGRAM_CHAT_ID: '7' });
      const clock = manualClock(T0 + 40 * DAY);
      const { port } = server.address() as AddressInfo;
      const agent = await telemetryAgent.create({ name: 'telemetry', clock, store, log: silentLogger(), config, ports: { market: simulatedMarket(1), telegramApiRoot: `http://127.0.0.1:${port}`, repairs: () => [{ agent: 'smart_trader', at: new Date(T0 + 41 * DAY).toISOString(), detail: 'repair hook ran after 3 failures' }] } });
      // a halt that happens after the agent started
      let s = initialDrawdownState(T0);
      s = drawdownStep(s, { ts: T0 + 40.5 * DAY, equity: 10_000 });
      s = drawdownStep(s, { ts: T0 + 40.6 * DAY, equity: 7_900 });
      store.write(drawdownGuard, s);
      await agent.tick(T0 + 41 * DAY);
      const w = store.get(wealthTrajectory);
      expect(w?.days).toHaveLength(40);
      expect(w?.probability_of_target).not.toBeNull();
      expect(w?.simulated).toBe(true);
      await agent.stop?.();
      expect(texts).toHaveLength(1); // coalesced into one message
      expect(texts[0]).toMatch(/simulated.*drawdown halt/s);
      expect(texts[0]).toMatch(/guardian repaired smart_trader/);
    } finally {
      server.close();
    }
  });
});
