/**
 * Agent `capital_governor`: once per rebalance period (config `risk.capital_period_days`, default
 * 7 market days) it sets every capital agent's budget from the mesh's total wealth with the pure
 * rule in capital-governor.ts, writes `state/capital_budgets.json` (the one document every capital
 * agent reads its budget from) and appends each change with its reason to
 * `state/capital_budget_changes.csv`.
 *
 * Total wealth = the SmartTrader's equity + every other agent's profit (readTotalWealth).
 * A period's return for an agent is its profit over the period divided by the budget it had. While
 * the drawdown guard halts the mesh, or the risk state cannot be trusted, every budget is frozen
 * (fail closed: no agent gets more money on inputs nobody can vouch for).
 */
import { configSection } from '../config/config.js';
import { venturesSectionSchema, type VentureName } from '../config/sections/ventures.js';
import { capitalBudgetChanges, capitalBudgets } from '../contracts/capital.js';
import { drawdownGuard, riskGovernor } from '../contracts/risk.js';
import { revenueByAgent } from '../contracts/revenue.js';
import { isSimulatedMode } from '../contracts/contract.js';
import { performanceMetrics } from '../contracts/trading.js';
import { MS } from '../core/clock.js';
import { toCents } from '../core/venue.js';
import type { AgentDefinition } from '../core/agent.js';
import { allocateCapital, DEFAULT_CAPITAL_PARAMS, type CapitalAgentInput } from './capital-governor.js';
import { riskSection } from './config.js';
import { FAIL_CLOSED } from './risk-state.js';
import { readRiskState, readTotalWealth } from './sources.js';

/** Ventures that spend capital (sports analytics, content and healthcare spend time, not money). */
export const CAPITAL_VENTURES: readonly VentureName[] = ['dropship_agent', 'ticket_arbitrage', 'collectibles_agent', 'luxury_agent', 'sports_betting'];
export const TRADER = 'smart_trader';

export const capitalGovernorAgent: AgentDefinition = {
  name: 'capital_governor',
  description: 'Sets each capital agent’s budget from total wealth and its risk-adjusted track record, once per period.',
  // Checks hourly in market time; rebalances only when the period is over.
  intervalMs: () => MS.hour,
  consumes: [performanceMetrics, revenueByAgent, drawdownGuard, riskGovernor],
  produces: [capitalBudgets, capitalBudgetChanges],
  needs: [],
  create(ctx) {
    const r = riskSection(ctx.config);
    const periodDays = r.capital_period_days ?? 7;
    const params = { ...DEFAULT_CAPITAL_PARAMS, deployable: r.capital_deployable ?? DEFAULT_CAPITAL_PARAMS.deployable, minTrackRecord: r.capital_min_track_record ?? DEFAULT_CAPITAL_PARAMS.minTrackRecord };
    const ventures = configSection(ctx.config, 'ventures', venturesSectionSchema);
    const names = [TRADER, ...CAPITAL_VENTURES.filter((v) => ventures[v]?.enabled !== false)];
    return {
      tick(now) {
        const prev = ctx.store.get(capitalBudgets);
        if (prev && Date.parse(prev.next_rebalance_at) > now) return;
        const { equity, wealth } = readTotalWealth(ctx.store, ctx.log, ctx.config.startingEquity);
        const rev = ctx.store.get(revenueByAgent);
        const profitOf = (name: string): number => (name === TRADER ? equity - ctx.config.startingEquity : (rev?.agents[name as keyof typeof rev.agents]?.profit ?? 0));
        const wealthCents = toCents(Math.max(0, wealth));

        const risk = readRiskState(ctx.store, ctx.config, now);
        const halted = risk.tradingState === 'HALTED' || risk.reasons.some((c) => FAIL_CLOSED.has(c));
        const floorOf = (name: string): number => {
          if (name === TRADER) return r.capital_trader_floor ?? 0.5;
          const v = ventures[name as VentureName];
          const asked = v?.budget_usd !== undefined ? v.budget_usd / Math.max(1, wealth) : v?.budget_fraction;
          return Math.min(r.capital_cap ?? 0.4, asked ?? r.capital_floor ?? 0.05);
        };
        const inputs: CapitalAgentInput[] = names.map((name) => {
          const before = prev?.agents[name];
          const returns = [...(before?.returns ?? [])];
          if (before && before.budget > 0) returns.push((profitOf(name) - before.cum_profit) / before.budget);
          return {
            name,
            periodReturns: returns.slice(-52),
            ...(before ? { currentCents: toCents(before.budget) } : {}),
            halted,
            floor: floorOf(name),
            cap: name === TRADER ? 1 : (r.capital_cap ?? 0.4),
          };
        });
        const budgets = allocateCapital(wealthCents, inputs, params);
        const at = new Date(now).toISOString();
        const agents: Record<string, NonNullable<typeof prev>['agents'][string]> = {};
        const changes: { key: string; row: { ts: string; agent: string; from_budget: number; to_budget: number; score: number; periods: number; reason: string } }[] = [];
        budgets.forEach((b, i) => {
          const input = inputs[i]!;
          const budget = b.cents / 100;
          agents[b.name] = { budget, share: b.share, floor: input.floor, cap: input.cap, returns: [...input.periodReturns], cum_profit: profitOf(b.name), score: b.score, frozen: b.frozen, reason: b.reason };
          const from = prev?.agents[b.name]?.budget ?? 0;
          // Keyed by the period it closes, so a restart that repeats the rebalance writes no second row.
          if (from !== budget) changes.push({ key: `${prev?.updated_at ?? 'first'}:${b.name}`, row: { ts: at, agent: b.name, from_budget: from, to_budget: budget, score: b.score, periods: b.periods, reason: b.reason } });
        });
        ctx.store.ledger(capitalBudgetChanges).append(changes);
        ctx.store.write(capitalBudgets, {
          updated_at: at,
          next_rebalance_at: new Date(now + periodDays * MS.day).toISOString(),
          period_days: periodDays,
          total_wealth: Math.round(wealth * 100) / 100,
          simulated: isSimulatedMode(ctx.config.mode) || Object.values(rev?.agents ?? {}).some((a) => a?.simulated),
          halted,
          agents,
        });
        ctx.log.info({ total_wealth: wealth, halted, budgets: Object.fromEntries(budgets.map((b) => [b.name, b.cents / 100])) }, `capital budgets set for ${names.length} agents`);
      },
    };
  },
};
