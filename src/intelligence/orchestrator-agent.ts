/**
 * Agent `intelligence_orchestrator`: every NEOLIGHT_ORCH_INTERVAL market seconds gathers realised
 * volatility (the equity curve in state/performance_metrics.csv, or market bars of proxy symbols
 * from the optional `market` port when the curve is too short), the drawdown guard's state, the
 * knowledge snapshot's sentiment and the freshness of each, runs the pure `computeBrain`, and
 * writes `runtime/atlas_brain.json` and `state/intelligence_summary.json`. It never exits on bad
 * input: a bad input is named in the summary and lowers confidence.
 */
import { atlasBrain, intelligenceSummary } from '../contracts/brain.js';
import { knowledgeSnap } from '../contracts/inputs.js';
import { drawdownGuard } from '../contracts/risk.js';
import { performanceMetrics, pnlHistory } from '../contracts/trading.js';
import { allocationsOverride } from '../contracts/weights.js';
import { MS } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { AgentContext, AgentDefinition } from '../core/agent.js';
import { realisedVol } from '../risk/governor.js';
import { bookCalendars, bookPeriodsPerYear, readEquityCurve } from '../risk/sources.js';
import { periodsPerYear, simpleReturns } from '../research/stats.js';
import { intelligenceSection } from './config.js';
import { computeBrain, type InputReport } from './orchestrator.js';

const MIN_CURVE_RETURNS = 10;

function ageReport(name: string, atMs: number | undefined, now: number, staleAfterMs: number, detail?: string): InputReport {
  if (atMs === undefined || !Number.isFinite(atMs)) return { name, status: 'missing', age_seconds: null, ...(detail ? { detail } : {}) };
  const age = Math.max(0, (now - atMs) / 1000);
  return { name, status: age * 1000 > staleAfterMs ? 'stale' : 'ok', age_seconds: age, ...(detail ? { detail } : {}) };
}

/** Market-proxy volatility and momentum signals from daily bars; nulls when the port is absent or fails. */
async function marketProxy(ctx: AgentContext, now: number, symbols: readonly string[]): Promise<{ vol: number | null; signals: number[]; report: InputReport }> {
  const market = ctx.ports.market;
  if (!market) return { vol: null, signals: [], report: { name: 'market', status: 'missing', age_seconds: null, detail: 'no market port' } };
  const vols: number[] = [];
  const signals: number[] = [];
  try {
    for (const s of symbols) {
      const bars = await market.bars(s, now - 90 * MS.day, now, MS.day);
      const r = simpleReturns(bars.map((b) => b.close));
      // Each proxy annualised by its own calendar (BTC trades 365 days a year, SPY 252).
      const v = realisedVol(r, 20, periodsPerYear(bookCalendars([s])));
      if (v !== null) vols.push(v);
      const closes = bars.slice(-21).map((b) => b.close);
      const first = closes[0];
      const last = closes[closes.length - 1];
      if (first !== undefined && last !== undefined && first > 0) signals.push(last / first - 1);
    }
  } catch (err) {
    return { vol: null, signals, report: { name: 'market', status: 'invalid', age_seconds: null, detail: describeError(err) } };
  }
  const vol = vols.length ? vols.reduce((a, b) => a + b, 0) / vols.length : null;
  return { vol, signals, report: { name: 'market', status: vol === null ? 'invalid' : 'ok', age_seconds: 0, detail: `${symbols.join(', ')}${market.simulated ? ' (simulated)' : ''}` } };
}

export const orchestratorAgent: AgentDefinition = {
  name: 'intelligence_orchestrator',
  description: 'System heartbeat: risk_scaler (0.4-1.2) and confidence (0.05-0.9) in runtime/atlas_brain.json.',
  intervalMs: (config) => config.orchInterval * MS.second,
  consumes: [performanceMetrics, pnlHistory, allocationsOverride, drawdownGuard, knowledgeSnap],
  produces: [atlasBrain, intelligenceSummary],
  needs: ['market'],
  create(ctx) {
    const section = intelligenceSection(ctx.config);
    const targetVol = section.target_vol ?? 0.15;
    const proxies = section.proxy_symbols ?? ['SPY', 'BTC-USD'];
    const staleMs = (section.stale_after ?? Math.max(3600, 3 * ctx.config.orchInterval)) * MS.second;
    return {
      async tick(now) {
        const required: InputReport[] = [];
        const periods = bookPeriodsPerYear(ctx.store, ctx.log);
        const curve = readEquityCurve(ctx.store, ctx.log, periods);
        required.push(
          curve.corrupt
            ? { name: 'performance_metrics', status: 'invalid', age_seconds: null, detail: 'EQUITY_HISTORY_CORRUPT: the equity ledger cannot be read' }
            : ageReport('performance_metrics', curve.lastTs ?? undefined, now, staleMs, `${curve.dailyReturns.length} daily returns, ${periods} a year`),
        );
        let vol = curve.dailyReturns.length >= MIN_CURVE_RETURNS ? realisedVol(curve.dailyReturns, 20, periods) : null;
        let signals: number[] = [];
        const proxy = await marketProxy(ctx, now, proxies);
        signals = proxy.signals;
        if (vol === null) {
          vol = proxy.vol;
          required.push(proxy.report);
        }
        const dd = ctx.store.read(drawdownGuard);
        required.push(dd.ok ? ageReport('drawdown_guard', dd.value ? Date.parse(dd.value.updated_at) : undefined, now, staleMs) : { name: 'drawdown_guard', status: 'invalid', age_seconds: null, detail: dd.error.message });
        const guard = dd.ok ? dd.value : undefined;
        const peak = curve.points.reduce((a, p) => Math.max(a, p.equity), 0);
        const lastEq = curve.points[curve.points.length - 1]?.equity;
        const drawdown = guard?.drawdown ?? (lastEq !== undefined && peak > 0 ? Math.max(0, 1 - lastEq / peak) : null);

        const ks = ctx.store.read(knowledgeSnap);
        const ksReport: InputReport = ks.ok
          ? ageReport('knowledge_snap', ks.value ? Date.parse(ks.value.timestamp) : undefined, now, staleMs)
          : { name: 'knowledge_snap', status: 'invalid', age_seconds: null, detail: ks.error.message };
        // The knowledge snapshot is optional: it only counts against confidence when present but bad.
        const inputs = ksReport.status === 'missing' ? required : [...required, ksReport];
        const sentiment = ks.ok ? (ks.value?.sentiment ?? null) : null;

        const brain = computeBrain({ realisedVol: vol, targetVol, drawdown, halted: guard?.mode === 'halted', sentiment, signals, validationScores: [], inputs });
        const at = new Date(now).toISOString();
        ctx.store.write(atlasBrain, { risk_scaler: brain.risk_scaler, confidence: brain.confidence, updated_at: at, regime: brain.regime, reasons: brain.reasons });
        ctx.store.write(intelligenceSummary, {
          updated_at: at,
          risk_scaler: brain.risk_scaler,
          confidence: brain.confidence,
          regime: brain.regime,
          realized_volatility: vol,
          target_volatility: targetVol,
          drawdown: drawdown ?? 0,
          sentiment: sentiment,
          inputs: [...required, ksReport],
        });
        ctx.log.info({ risk_scaler: brain.risk_scaler, confidence: brain.confidence, regime: brain.regime }, 'atlas_brain.json updated');
      },
    };
  },
};
