#!/usr/bin/env node
/**
 * The measured example of docs/risk.md (SIMULATED): the hedge engine over the simulator's crash
 * scenario (seed 2, crash from 2025-02-03) for a book holding 88 % of $100,000 in QQQ, ticked once
 * a market day at 15:00 UTC with the governor's regime taken from the simulator. Prints when hedges
 * open and close, their fees, borrow and P&L, and the worst drawdown of total wealth with and
 * without the hedge book. Needs `npx tsc -p tsconfig.build.json` first; writes only to a temp dir.
 *   node scripts/hedge-crash-example.mjs [--until 2025-06-30] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../dist/config/config.js';
import { hedgeBook, hedgeLedger, hedgeProposals } from '../dist/contracts/capital.js';
import { riskGovernor, drawdownGuard } from '../dist/contracts/risk.js';
import { performanceMetrics, pnlHistory } from '../dist/contracts/trading.js';
import { manualClock } from '../dist/core/clock.js';
import { silentLogger } from '../dist/log/logger.js';
import { simulatedMarket } from '../dist/market/simulator.js';
import { initialDrawdownState } from '../dist/risk/drawdown.js';
import { evaluateGovernor } from '../dist/risk/governor.js';
import { hedgeEngineAgent } from '../dist/risk/hedge-agent.js';
import { openFileStore } from '../dist/store/file-store.js';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log('usage: node scripts/hedge-crash-example.mjs [--until YYYY-MM-DD] [--json]\nRuns the hedge engine over the simulator crash scenario and prints SIMULATED figures.');
  process.exit(0);
}
const untilArg = args.indexOf('--until');
const until = Date.parse(`${untilArg >= 0 ? args[untilArg + 1] : '2025-06-30'}T15:00:00Z`);
if (!Number.isFinite(until)) {
  console.error(`--until ${args[untilArg + 1]} is not a date; accepted: YYYY-MM-DD`);
  process.exit(2);
}
const DAY = 86_400_000;
const home = mkdtempSync(join(tmpdir(), 'nl-hedge-example-'));
try {
  const market = simulatedMarket(2, { scenario: 'crash' });
  const store = openFileStore(home);
  const start = Date.parse('2025-01-27T15:00:00Z');
  const config = loadConfig({ home, logLevel: 'silent' }, {});
  const mid = (s, ts) => {
    const q = market.quoteSync(s, ts);
    return (q.bid + q.ask) / 2;
  };
  const p0 = mid('QQQ', start);
  const qty = Math.floor(88_000 / p0);
  const cash = 100_000 - qty * p0;
  store.ledger(pnlHistory).append([{ key: 'buy', row: { ts: new Date(start - 3_600_000).toISOString(), agent: 'smart_trader', mode: 'sim', symbol: 'QQQ', side: 'buy', qty, price: p0, fee: 0, notional: qty * p0, realized_pnl: 0, order_id: 'buy', reason: 'example' } }]);
  const agent = await hedgeEngineAgent.create({ name: 'hedge_engine', clock: manualClock(start), store, log: silentLogger(), config, ports: { market } });
  const events = [];
  let peak = { with: 0, without: 0 };
  let worst = { with: 0, without: 0 };
  let seenRows = 0;
  let preCrashMaxBeta = 0;
  for (let ts = start; ts <= until; ts += DAY) {
    if ([0, 6].includes(new Date(ts).getUTCDay())) continue;
    const equity = cash + qty * mid('QQQ', ts);
    store.ledger(performanceMetrics).append([{ key: `eq-${ts}`, row: { ts: new Date(ts).toISOString(), mode: 'sim', equity, cash, exposure: 0.88, drawdown: 0, sharpe: '', daily_pnl: 0 } }]);
    const gov = evaluateGovernor({ nowMs: ts, dailyReturns: [], periodsPerYear: 252, riskScaler: 1.25, previousSpikeUntil: null });
    store.write(riskGovernor, { ...gov, regime: market.regime(ts) });
    store.write(drawdownGuard, { ...initialDrawdownState(ts), updated_at: new Date(ts).toISOString() });
    await agent.tick(ts);
    const doc = store.get(hedgeProposals);
    const book = store.get(hedgeBook);
    const rows = store.ledger(hedgeLedger).readAll();
    if (ts < Date.UTC(2025, 1, 3)) preCrashMaxBeta = Math.max(preCrashMaxBeta, doc.exposures[0].beta);
    for (const r of rows.slice(seenRows)) if (r.event !== 'borrow') events.push({ date: r.ts.slice(0, 10), event: r.event, id: r.hedge_id, qty: r.qty, price: r.price, fee_cents: r.fee_cents, realized_cents: r.realized_cents, spy_beta_after: doc.exposures[0].beta, unhedged: doc.exposures[0].unhedged_beta, regime: doc.regime });
    seenRows = rows.length;
    const w = { with: equity + book.pnl_cents / 100, without: equity };
    for (const k of ['with', 'without']) {
      peak[k] = Math.max(peak[k], w[k]);
      worst[k] = Math.max(worst[k], 1 - w[k] / peak[k]);
    }
  }
  const book = store.get(hedgeBook);
  const out = {
    simulated: true,
    scenario: 'simulator seed 2, crash from 2025-02-03 (−40 % equities over 21 days, 70 % recovered over 120)',
    period: `${new Date(start).toISOString().slice(0, 10)} to ${new Date(until).toISOString().slice(0, 10)}`,
    book: `${qty} QQQ at $${p0.toFixed(2)} + $${cash.toFixed(2)} cash`,
    pre_crash_max_spy_beta: preCrashMaxBeta,
    events,
    hedge_book: { open: book.open.length, closed: book.closed.length, pnl: book.pnl_cents / 100, realized: book.realized_cents / 100, unrealized: book.unrealized_cents / 100, fees: book.fee_cents / 100, borrow: book.borrow_cents / 100 },
    max_drawdown: { with_hedges: worst.with, without: worst.without },
  };
  if (args.includes('--json')) console.log(JSON.stringify(out, null, 2));
  else {
    console.log(`SIMULATED — ${out.scenario}\n${out.period}; ${out.book}; highest SPY beta before the crash ${preCrashMaxBeta.toFixed(3)}`);
    for (const e of events) console.log(`${e.date} ${e.event} ${e.id} ${e.qty} SPY @ ${e.price.toFixed(2)} fee ${(e.fee_cents / 100).toFixed(2)} realised ${(e.realized_cents / 100).toFixed(2)} | regime ${e.regime}, SPY beta ${e.unhedged.toFixed(3)} unhedged → ${e.spy_beta_after.toFixed(3)}`);
    const h = out.hedge_book;
    console.log(`hedge book: ${h.open} open, ${h.closed} closed; P&L $${h.pnl.toFixed(2)} (realised $${h.realized.toFixed(2)}, open $${h.unrealized.toFixed(2)}); fees $${h.fees.toFixed(2)}, borrow $${h.borrow.toFixed(2)}`);
    console.log(`max drawdown of total wealth: ${(worst.with * 100).toFixed(2)} % with the hedge book, ${(worst.without * 100).toFixed(2)} % without`);
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
