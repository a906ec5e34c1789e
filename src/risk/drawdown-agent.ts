/**
 * Agent `drawdown_guard`: feeds the mesh's total wealth at every new row of
 * `state/performance_metrics.csv` — the trader's equity plus every venture's profit up to that
 * instant (venture-wealth.ts) — through the pure `drawdownStep`, then, every tick, the total wealth
 * now: the trader's last equity plus every venture's profit so far plus the valued inventories
 * marked to their valuation plus the hedge book's P&L (its realised steps in the replay, realised
 * plus open hedges at their last mark now). So a venture's loss (or a fall in what its goods would fetch) halts the
 * mesh on the guard's next tick even while the trader writes no equity rows. It writes
 * `state/drawdown_guard.json`; its halt stops every capital agent, the ventures included. It resumes from the document's `last_seq`,
 * so a halt survives restarts. A missing or corrupt document (the corrupt one is moved aside, not
 * overwritten) is rebuilt at once by replaying the whole equity ledger — the step is
 * deterministic, so a halt comes back as a halt. While the ledger cannot be read, the guard fails
 * closed, never ACTIVE on a guess: with a trusted document it keeps that state and adds
 * EQUITY_HISTORY_CORRUPT (reduce-only for every capital agent); with nothing to trust it writes
 * HALTED, multiplier 0, reason RISK_STATE_MISSING.
 */
import { hedgeLedger } from '../contracts/capital.js';
import { performanceMetrics } from '../contracts/trading.js';
import { collectiblesInventory, luxuryInventory } from '../contracts/ventures.js';
import { drawdownGuard, type DrawdownGuardState } from '../contracts/risk.js';
import { MS } from '../core/clock.js';
import { describeError } from '../core/errors.js';
import type { AgentContext, AgentDefinition } from '../core/agent.js';
import { setAside } from '../store/set-aside.js';
import { riskSection } from './config.js';
import { addedEvents, DEFAULT_DRAWDOWN_PARAMS, drawdownStep, initialDrawdownState } from './drawdown.js';
import { hedgeWealthSteps } from './hedge-book-store.js';
import { profitAt, readInventoryMarks, readVentureProfitSteps, unrealisedInventory } from './venture-wealth.js';

export const RISK_STATE_MISSING = 'RISK_STATE_MISSING';

/** The guard's state while its input cannot be read (pure): halted with the reason, the rest kept for reporting. */
export function failClosedState(base: DrawdownGuardState, now: number, why: string): DrawdownGuardState {
  const at = new Date(now).toISOString();
  const event = { at, type: 'halt' as const, equity: base.equity ?? 0, drawdown: base.drawdown, multiplier: 0, detail: `${RISK_STATE_MISSING}: ${why}` };
  return {
    ...base,
    updated_at: at,
    mode: 'halted',
    trading_state: 'HALTED',
    multiplier: 0,
    tier: 4,
    halted_at: base.halted_at ?? at,
    events: [...base.events, event].slice(-DEFAULT_DRAWDOWN_PARAMS.maxEvents),
    reasons: ['RISK_STATE_MISSING', 'EQUITY_HISTORY_CORRUPT'],
  };
}

/** Where to continue from: the stored document, or the start of the ledger when there is none to trust. */
function startingPoint(ctx: AgentContext): { state: DrawdownGuardState; trusted: boolean } {
  const read = ctx.store.read(drawdownGuard);
  if (!read.ok) {
    const movedTo = setAside(ctx.store.pathOf(drawdownGuard.path));
    ctx.log.warn(
      { path: drawdownGuard.path, moved_to: movedTo ?? null, problem: describeError(read.error) },
      `${drawdownGuard.path} is invalid (${read.error.message}); ${movedTo ? `moved to ${movedTo}` : 'it vanished before it could be moved aside'}; rebuilding the guard by replaying ${performanceMetrics.path} from the start`,
    );
    return { state: initialDrawdownState(ctx.clock.now()), trusted: false };
  }
  return read.value ? { state: read.value, trusted: true } : { state: initialDrawdownState(ctx.clock.now()), trusted: false };
}

export const drawdownGuardAgent: AgentDefinition = {
  name: 'drawdown_guard',
  description: 'Tier slow-downs at -5/-10/-15 % from the high-water mark, halt of all capital agents at -20 %, recovery mode.',
  intervalMs: (config) => (riskSection(config).drawdown_interval ?? 60) * MS.second,
  consumes: [performanceMetrics, collectiblesInventory, luxuryInventory, hedgeLedger],
  produces: [drawdownGuard],
  needs: [],
  create(ctx) {
    const start = startingPoint(ctx);
    let state = start.state;
    let trusted = start.trusted;
    let failing: string | undefined;
    /** The trader's last equity row (value and time); unknown until the ledger is first read. */
    let trader: { equity: number; ts: number } | undefined;

    /** Consume new equity rows and write the document; unreadable input writes the fail-closed state instead. */
    const sync = (now: number): void => {
      let rows;
      let ventures;
      let inventory;
      let hedgeSteps;
      let hedgeNow;
      try {
        rows = ctx.store.ledger(performanceMetrics).readSince(state.last_seq);
        ventures = readVentureProfitSteps(ctx.store);
        inventory = unrealisedInventory(readInventoryMarks(ctx.store));
        ({ steps: hedgeSteps, now: hedgeNow } = hedgeWealthSteps(ctx.store));
        if (!trader && rows.length === 0) {
          const last = ctx.store.ledger(performanceMetrics).readAll().at(-1);
          if (last) trader = { equity: last.equity, ts: Date.parse(last.ts) };
        }
      } catch (err) {
        const why = `cannot read ${performanceMetrics.path}, a venture's P&L ledger or its inventory, or the hedge ledger: ${describeError(err)}`;
        if (trusted) {
          if (failing !== why) ctx.log.warn({ reason: 'EQUITY_HISTORY_CORRUPT', err: describeError(err) }, `drawdown unknown, reduce-only (EQUITY_HISTORY_CORRUPT): ${why}`);
          ctx.store.write(drawdownGuard, { ...state, updated_at: new Date(now).toISOString(), reasons: ['EQUITY_HISTORY_CORRUPT'] });
        } else {
          if (failing !== why) ctx.log.warn({ code: RISK_STATE_MISSING, err: describeError(err) }, `drawdown guard fails closed (HALTED, ${RISK_STATE_MISSING}): ${why}`);
          ctx.store.write(drawdownGuard, failClosedState(state, now, why));
        }
        failing = why;
        return;
      }
      if (failing) ctx.log.warn(`${performanceMetrics.path} is readable again; the guard state is rebuilt from it`);
      failing = undefined;
      const before = state;
      for (const row of rows) {
        // Total wealth: the trader's equity plus every venture's profit up to the same instant.
        const ts = Date.parse(row.ts);
        state = { ...drawdownStep(state, { ts, equity: row.equity + profitAt(ventures, ts) + profitAt(hedgeSteps, ts) }), last_seq: row.seq };
        trader = { equity: row.equity, ts };
      }
      // Total wealth now (never before the last row, so the step's clock does not run backwards).
      const at = Math.max(now, trader?.ts ?? now);
      state = drawdownStep(state, { ts: at, equity: (trader?.equity ?? ctx.config.startingEquity) + profitAt(ventures, at) + inventory + hedgeNow });
      // Found by identity, not by count: once the list is at its cap a count would say none is new.
      for (const e of addedEvents(before, state)) ctx.log.warn({ event: e }, `drawdown guard: ${e.type}: ${e.detail}`);
      state = { ...state, updated_at: new Date(now).toISOString(), reasons: [] };
      trusted = true;
      ctx.store.write(drawdownGuard, state);
    };

    // Write the rebuilt (or fail-closed) document now: until the first tick the traders would see nothing.
    sync(ctx.clock.now());
    if (state.mode === 'halted' && !failing) ctx.log.warn({ halted_at: state.halted_at }, 'drawdown guard starts HALTED');
    return { tick: sync };
  },
};
