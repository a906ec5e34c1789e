/**
 * Agent `drawdown_guard`: feeds every new row of `state/performance_metrics.csv` through the pure
 * `drawdownStep` and writes `state/drawdown_guard.json`. It resumes from the document's `last_seq`,
 * so a halt survives restarts; if the document is unreadable it replays the whole ledger, which
 * rebuilds the same state because the step is deterministic. An unreadable ledger is written as
 * `reasons: [EQUITY_HISTORY_CORRUPT]` (reduce-only for every capital agent), the state kept.
 */
import { performanceMetrics } from '../contracts/trading.js';
import { drawdownGuard } from '../contracts/risk.js';
import { MS } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { AgentDefinition } from '../core/agent.js';
import { riskSection } from './config.js';
import { drawdownStep, initialDrawdownState } from './drawdown.js';

export const drawdownGuardAgent: AgentDefinition = {
  name: 'drawdown_guard',
  description: 'Tier slow-downs at -5/-10/-15 % from the high-water mark, halt of all capital agents at -20 %, recovery mode.',
  intervalMs: (config) => (riskSection(config).drawdown_interval ?? 60) * MS.second,
  consumes: [performanceMetrics],
  produces: [drawdownGuard],
  needs: [],
  create(ctx) {
    const read = ctx.store.read(drawdownGuard);
    if (!read.ok) ctx.log.error({ err: describeError(read.error) }, 'state/drawdown_guard.json is invalid; replaying the equity curve from the start');
    let state = read.ok && read.value ? read.value : initialDrawdownState(ctx.clock.now());
    if (state.mode === 'halted') ctx.log.warn({ halted_at: state.halted_at }, 'resuming in HALTED mode from the stored document');
    return {
      tick(now) {
        let rows;
        try {
          rows = ctx.store.ledger(performanceMetrics).readSince(state.last_seq);
        } catch (err) {
          // Fail closed: say so in the document (reduce-only for every capital agent), keep the state.
          ctx.log.warn({ err: describeError(err), reason: 'EQUITY_HISTORY_CORRUPT' }, 'cannot read state/performance_metrics.csv: drawdown unknown, reduce-only');
          ctx.store.write(drawdownGuard, { ...state, updated_at: new Date(now).toISOString(), reasons: ['EQUITY_HISTORY_CORRUPT'] });
          return;
        }
        const seen = state.events.length;
        for (const row of rows) {
          state = { ...drawdownStep(state, { ts: Date.parse(row.ts), equity: row.equity }), last_seq: row.seq };
        }
        for (const e of state.events.slice(seen)) ctx.log.warn({ event: e }, `drawdown guard: ${e.type}: ${e.detail}`);
        state = { ...state, updated_at: new Date(now).toISOString(), reasons: [] };
        ctx.store.write(drawdownGuard, state);
      },
    };
  },
};
