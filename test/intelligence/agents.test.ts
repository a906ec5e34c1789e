import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atlasBrain, intelligenceSummary } from '../../src/contracts/brain.js';
import { allocationsOverride } from '../../src/contracts/weights.js';
import { orchestratorAgent } from '../../src/intelligence/orchestrator-agent.js';
import { weightsBridgeAgent } from '../../src/intelligence/weights-bridge.js';
import type { Bar, MarketData } from '../../src/core/market.js';
import { openFileStore } from '../../src/store/file-store.js';
import { agentContext, tempHome } from '../risk/agent-context.js';

const T0 = Date.UTC(2025, 0, 1);

describe('weights_bridge agent', () => {
  it('projects valid weights and keeps the last good allocation on invalid input', async () => {
    const home = tempHome();
    const store = openFileStore(home);
    const file = store.pathOf('runtime/strategy_weights.json');
    const ctx = agentContext(home, 'weights_bridge', T0);
    const agent = await weightsBridgeAgent.create(ctx);
    try {
      writeFileSync(file, JSON.stringify({ SPY: 0.7, QQQ: 0.2, GLD: 0.1 }));
      await agent.tick(T0);
      const good = store.get(allocationsOverride);
      expect(good?.allocations.SPY).toBeCloseTo(0.35, 12);
      expect(Object.values(good?.allocations ?? {}).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const bad of ['{"SPY": -1, "QQQ": 1, "GLD": 1}', '{"SPY": 1, "NOPE": 1, "GLD": 1}', '{"SPY": 1, "QQQ": 1}', 'not json', '{"SPY": "NaN"}']) {
        writeFileSync(file, bad);
        await new Promise((r) => setTimeout(r, 5)); // a new mtime
        await agent.tick(T0 + 5000);
        expect(openFileStore(home).get(allocationsOverride)).toEqual(good);
      }
    } finally {
      await agent.stop?.();
    }
  });
});

function fakeMarket(vol: number): MarketData {
  return {
    simulated: true,
    async quote() {
      throw new Error('not used');
    },
    async bars(_s, from, to, step) {
      const out: Bar[] = [];
      let p = 100;
      for (let t = from, i = 0; t <= to; t += step, i++) {
        p *= 1 + (i % 2 ? vol : -vol * 0.9);
        out.push({ ts: t, open: p, high: p, low: p, close: p, volume: 1 });
      }
      return out;
    },
  };
}

describe('intelligence_orchestrator agent', () => {
  it('writes in-range documents with missing files and names the missing inputs', async () => {
    const home = tempHome();
    const agent = await orchestratorAgent.create(agentContext(home, 'intelligence_orchestrator', T0));
    await agent.tick(T0);
    const store = openFileStore(home);
    const brain = store.get(atlasBrain);
    expect(brain?.risk_scaler).toBeGreaterThanOrEqual(0.4);
    expect(brain?.confidence).toBeLessThan(0.5);
    const summary = store.get(intelligenceSummary);
    expect(summary?.inputs.filter((i) => i.status === 'missing').map((i) => i.name)).toEqual(['performance_metrics', 'market', 'drawdown_guard', 'knowledge_snap']);
  });

  it('falls back to market bars for volatility and survives a garbage knowledge snapshot', async () => {
    const home = tempHome();
    writeFileSync(openFileStore(home).pathOf('state/knowledge_snap.json'), '{"sentiment": "NaN"}');
    const agent = await orchestratorAgent.create(agentContext(home, 'intelligence_orchestrator', T0, { market: fakeMarket(0.03) }));
    await agent.tick(T0);
    const summary = openFileStore(home).get(intelligenceSummary);
    expect(summary?.realized_volatility).toBeGreaterThan(0.3);
    expect(summary?.risk_scaler).toBeGreaterThanOrEqual(0.4);
    expect(summary?.risk_scaler).toBeLessThan(0.6);
    expect(summary?.inputs.find((i) => i.name === 'knowledge_snap')?.status).toBe('invalid');
    expect(summary?.inputs.find((i) => i.name === 'market')?.detail).toMatch(/simulated/);
  });
});
