import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { intelligenceSummary } from '../../src/contracts/brain.js';
import { computeBrain, type BrainInputs, type InputReport } from '../../src/intelligence/orchestrator.js';
import { orchestratorAgent } from '../../src/intelligence/orchestrator-agent.js';
import type { Bar, MarketData } from '../../src/core/market.js';
import { openFileStore } from '../../src/store/file-store.js';
import { agentContext, tempHome } from '../risk/agent-context.js';

const ok = (name: string): InputReport => ({ name, status: 'ok', age_seconds: 1 });
const base: BrainInputs = {
  realisedVol: 0.15,
  targetVol: 0.15,
  drawdown: 0,
  halted: false,
  sentiment: null,
  signals: [1, 1, 1],
  validationScores: [0.8],
  inputs: [ok('performance_metrics'), ok('drawdown_guard')],
};

function inRange(b: { risk_scaler: number; confidence: number }): void {
  expect(b.risk_scaler).toBeGreaterThanOrEqual(0.4);
  expect(b.risk_scaler).toBeLessThanOrEqual(1.2);
  expect(b.confidence).toBeGreaterThanOrEqual(0.05);
  expect(b.confidence).toBeLessThanOrEqual(0.9);
}

describe('computeBrain', () => {
  it('targets volatility, scales down in drawdown and halts', () => {
    expect(computeBrain(base).risk_scaler).toBeCloseTo(1, 12);
    expect(computeBrain({ ...base, realisedVol: 0.3 }).risk_scaler).toBeCloseTo(0.5, 12);
    expect(computeBrain({ ...base, realisedVol: 0.05 }).risk_scaler).toBe(1.2);
    expect(computeBrain({ ...base, drawdown: 0.1 }).risk_scaler).toBeCloseTo(0.8, 12);
    expect(computeBrain({ ...base, halted: true }).risk_scaler).toBe(0.4);
    const withSentiment = computeBrain({ ...base, realisedVol: 0.2, sentiment: 0.5, inputs: [...base.inputs, ok('knowledge_snap')] });
    expect(withSentiment.risk_scaler).toBeCloseTo(0.75 * 1.05, 12);
    // agreement high + good validation → high confidence; disagreement lowers it
    expect(computeBrain(base).confidence).toBeCloseTo(0.9, 12);
    expect(computeBrain({ ...base, signals: [1, -1] }).confidence).toBeCloseTo(0.4, 12);
  });

  it('stale or missing inputs lower confidence and the scaler, and are named', () => {
    const b = computeBrain({ ...base, inputs: [{ name: 'performance_metrics', status: 'stale', age_seconds: 9000 }, { name: 'knowledge_snap', status: 'missing', age_seconds: null }] });
    expect(b.risk_scaler).toBeCloseTo(0.81, 12);
    expect(b.confidence).toBeCloseTo(0.9 * 0.64, 12);
    expect(b.reasons.join(' ')).toMatch(/performance_metrics: stale.*knowledge_snap: missing/);
  });

  it('stays in range for adversarial inputs', () => {
    const nasty: Partial<BrainInputs>[] = [
      { realisedVol: 0 },
      { realisedVol: Number.NaN },
      { realisedVol: -1 },
      { realisedVol: Number.POSITIVE_INFINITY },
      { realisedVol: 1e-300 },
      { realisedVol: null, drawdown: null },
      { targetVol: Number.NaN },
      { targetVol: 0 },
      { drawdown: Number.NaN },
      { drawdown: 5 },
      { drawdown: -3 },
      { sentiment: Number.NaN, inputs: [ok('knowledge_snap')] },
      { sentiment: 1e9, inputs: [ok('knowledge_snap')] },
      { signals: [Number.NaN, Number.POSITIVE_INFINITY], validationScores: [Number.NaN, -5, 99] },
      { signals: [], validationScores: [] },
      { signals: [0, 0, 0] },
      { inputs: Array.from({ length: 40 }, (_, i) => ({ name: `x${i}`, status: 'invalid' as const, age_seconds: null })) },
    ];
    for (const n of nasty) {
      const b = computeBrain({ ...base, ...n });
      inRange(b);
      expect(Number.isFinite(b.risk_scaler) && Number.isFinite(b.confidence)).toBe(true);
    }
  });
});

describe('orchestrator agent annualisation (issue 11, defect 7)', () => {
  // Alternating ±2 % daily closes: realised vol = std(last 20 returns) · √(periods of the proxy's calendar).
  const DAY = 86_400_000;
  const T0 = Date.UTC(2025, 0, 1);
  const market = (dailyOnly: 'all' | 'weekdays'): MarketData => ({
    simulated: true,
    quote: async (symbol, ts) => ({ symbol, ts, bid: 100, ask: 100, last: 100, volume: 0, open: true }),
    bars: async (_s, from, to, interval) => {
      const out: Bar[] = [];
      let px = 100;
      for (let ts = Math.ceil(from / interval) * interval, k = 0; ts < to; ts += interval) {
        const dow = new Date(ts).getUTCDay();
        if (dailyOnly === 'weekdays' && (dow === 0 || dow === 6)) continue;
        px *= k++ % 2 ? 1.02 : 0.98;
        out.push({ ts, open: px, high: px, low: px, close: px, volume: 1 });
      }
      return out;
    },
  });
  const expected = async (m: MarketData, symbol: string, periods: number): Promise<number> => {
    const closes = (await m.bars(symbol, T0 - 90 * DAY, T0, DAY)).map((b) => b.close);
    const r = closes.slice(1).map((c, i) => c / closes[i]! - 1).slice(-20);
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    return Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / (r.length - 1)) * Math.sqrt(periods);
  };

  it('annualises a crypto proxy by 365 and an equity proxy by 252', async () => {
    for (const [symbol, m, periods] of [['BTC-USD', market('all'), 365], ['SPY', market('weekdays'), 252]] as const) {
      const home = tempHome();
      writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ intelligence: { proxy_symbols: [symbol] } }));
      const agent = await orchestratorAgent.create(agentContext(home, 'intelligence_orchestrator', T0, { market: m }));
      await agent.tick(T0);
      expect(openFileStore(home).get(intelligenceSummary)?.realized_volatility, symbol).toBeCloseTo(await expected(m, symbol, periods), 12);
    }
  });
});
