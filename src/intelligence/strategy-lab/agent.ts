/**
 * Strategy Lab agent: the producer of `runtime/strategy_weights.json` in the mesh. It weights the
 * universe by inverse volatility with a time-series momentum filter (weights.ts) from daily bars of
 * the market port. An external lab may own the file instead: when the document's `source` is not
 * `strategy_lab` and it is fresher than `external_fresh_seconds`, the agent leaves it alone.
 */
import { configSection } from '../../config/config.js';
import { strategyLabSectionSchema } from '../../config/sections/strategy-lab.js';
import { MS } from '../../core/clock.js';
import { strategyWeights } from '../../contracts/weights.js';
import { SYMBOLS } from '../../market/instruments.js';
import { requirePort, type AgentDefinition } from '../../core/agent.js';
import { tunedParameters } from '../../contracts/tuning.js';
import { inverseVolatilityWeights, lookbackMomentum, smaTrend, type TrendFilter } from './weights.js';

const SOURCE = 'strategy_lab';

export const strategyLabAgent: AgentDefinition = {
  name: SOURCE,
  description: 'Writes runtime/strategy_weights.json: inverse-volatility weights with a momentum filter.',
  intervalMs: (config) => configSection(config, 'strategy_lab', strategyLabSectionSchema).interval_seconds * 1000,
  consumes: [tunedParameters],
  produces: [strategyWeights],
  needs: ['market'],
  create: (ctx) => {
    const cfg = configSection(ctx.config, 'strategy_lab', strategyLabSectionSchema);
    const market = requirePort(ctx, 'market');
    const symbols = cfg.symbols ?? [...SYMBOLS];
    return {
      async tick(now) {
        const current = ctx.store.get(strategyWeights);
        if (current && current.source !== SOURCE && current.updated_at && now - Date.parse(current.updated_at) < cfg.external_fresh_seconds * 1000) {
          ctx.log.info({ source: current.source ?? 'unknown' }, 'an external lab wrote the weights recently; following it');
          return;
        }
        const tuned = ctx.store.get(tunedParameters);
        let filter: TrendFilter | null = cfg.momentum_filter ? lookbackMomentum(cfg.lookback_days) : null;
        let rule = cfg.momentum_filter ? `momentum(${cfg.lookback_days})` : 'none';
        let history = cfg.lookback_days;
        if (cfg.momentum_filter && tuned?.strategy === 'sma-cross' && tuned.params.fast && tuned.params.slow) {
          filter = smaTrend(tuned.params.fast, tuned.params.slow);
          rule = `tuned sma-cross(${tuned.params.fast},${tuned.params.slow})`;
          history = Math.max(history, tuned.params.slow);
        } else if (cfg.momentum_filter && tuned?.strategy === 'momentum' && tuned.params.lookback) {
          filter = lookbackMomentum(tuned.params.lookback);
          rule = `tuned momentum(${tuned.params.lookback})`;
          history = Math.max(history, tuned.params.lookback + 1);
        }
        const closes: Record<string, number[]> = {};
        for (const s of symbols) {
          const bars = await market.bars(s, now - (history * 1.6 + 10) * MS.day, now, MS.day);
          closes[s] = bars.map((b) => b.close);
        }
        let weights = inverseVolatilityWeights(closes, cfg.lookback_days, filter);
        // Everything trending down: hold the least volatile assets rather than nothing.
        if (Object.keys(weights).length < 3) weights = inverseVolatilityWeights(closes, cfg.lookback_days, null);
        ctx.store.write(strategyWeights, { weights, updated_at: new Date(now).toISOString(), source: SOURCE, strategy: `inverse-vol, trend rule ${rule}` });
        ctx.log.info({ weights }, `strategy weights for ${Object.keys(weights).length} assets`);
      },
    };
  },
};
