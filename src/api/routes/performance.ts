/**
 * `GET /api/performance/periods`: monthly and yearly returns and the five worst drawdowns of the
 * live run, from the equity ledger (state/performance_metrics.csv), with the same pure functions
 * as the backtest report (research/periods.ts). The dashboard renders the answer as it comes.
 */
import type { FastifyInstance } from 'fastify';
import { performanceMetrics } from '../../contracts/trading.js';
import type { PerformancePeriods } from '../../contracts/performance-periods.js';
import { NeoLightError } from '../../core/errors.js';
import { dailyCloses, monthlyReturns, worstDrawdowns, yearlyReturns } from '../../research/periods.js';
import type { StateStore } from '../../store/file-store.js';

export function periodsOf(rows: readonly { ts: string; mode: NonNullable<PerformancePeriods['mode']>; equity: number }[]): PerformancePeriods {
  // The ledger is appended in time order; rows that are not positive equity cannot be compounded.
  const usable = rows.filter((r) => r.equity > 0);
  const days = dailyCloses(usable.map((r) => Date.parse(r.ts)), usable.map((r) => r.equity));
  const mode = rows.at(-1)?.mode ?? null;
  return {
    mode,
    simulated: mode === 'sim' || mode === 'backtest',
    days: days.length,
    first_day: days[0]?.date ?? null,
    last_day: days.at(-1)?.date ?? null,
    monthly_returns: monthlyReturns(days),
    yearly_returns: yearlyReturns(days),
    worst_drawdowns: worstDrawdowns(days, 5),
  };
}

export function performanceRoutes(store: StateStore) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/api/performance/periods', async () => {
      if (!store.exists(performanceMetrics)) throw new NeoLightError('NL_ERR_NOT_FOUND', `${performanceMetrics.path} does not exist yet`);
      return periodsOf(store.ledger(performanceMetrics).readAll());
    });
  };
}
