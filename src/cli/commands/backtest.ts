/** `neolight backtest`: the strategy, SmartTrader rebalance, risk checks and drawdown guard over history, in one process. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { runBacktest, type BacktestSpec } from '../../backtest/run.js';
import { loadConfig } from '../../config/config.js';
import { NeoLightError } from '../../core/errors.js';
import { STRATEGIES } from '../../intelligence/strategy-lab/strategies.js';
import { SYMBOLS } from '../../market/instruments.js';
import { tearsheetTable } from '../../research/format.js';
import { renderReportHtml } from '../../research/report.js';
import { action, parseIntFlag, parseNumberFlag, printJson } from '../run.js';

interface Flags {
  strategy?: string;
  fast?: number;
  slow?: number;
  lookback?: number;
  data?: string;
  symbols?: string;
  from: string;
  to: string;
  fill: string;
  fees?: number;
  cash: number;
  size: string;
  seed?: number;
  scenario: string;
  report?: string;
  json?: boolean;
}

function parseDate(flag: string, v: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (!Number.isFinite(ms)) throw new NeoLightError('NL_ERR_BAD_FLAG', `${flag} "${v}" is not accepted: expected a date YYYY-MM-DD`);
  return ms;
}

function oneOf<T extends string>(flag: string, v: string, accepted: readonly T[]): T {
  if (!(accepted as readonly string[]).includes(v)) throw new NeoLightError('NL_ERR_BAD_FLAG', `${flag} "${v}" is not accepted: expected ${accepted.join(' or ')}`);
  return v as T;
}

export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description('run a strategy with the SmartTrader’s sizing, risk checks and drawdown guard over simulated or CSV history')
    .option('--strategy <name>', `one of ${STRATEGIES.join(', ')} (default sma-cross; buy-hold with --scenario crash)`)
    .option('--fast <n>', 'sma-cross fast window (bars)', parseIntFlag('--fast', 1, 10_000))
    .option('--slow <n>', 'sma-cross slow window (bars)', parseIntFlag('--slow', 2, 10_000))
    .option('--lookback <n>', 'momentum / inverse-vol lookback (bars)', parseIntFlag('--lookback', 2, 10_000))
    .option('--data <file.csv>', 'OHLCV history (Yahoo, ccxt or freqtrade layouts); default: the simulator')
    .option('--symbols <list>', `comma-separated symbols (simulator: ${SYMBOLS.join(',')}; with --data: the name of the CSV's asset)`)
    .option('--from <date>', 'first day (YYYY-MM-DD)', '2020-01-01')
    .option('--to <date>', 'last day (YYYY-MM-DD)', '2024-12-31')
    .option('--fill <when>', 'next-open (signal on a close, fill at the next open) or close', 'next-open')
    .option('--fees <bps>', 'fee in basis points of notional (default: each instrument’s venue fee; 0 for CSV assets)', parseNumberFlag('--fees', 0, 1000))
    .option('--cash <n>', 'starting cash (default NEOLIGHT_STARTING_EQUITY)', parseNumberFlag('--cash', 0, 1e12, true))
    .option('--size <mode>', 'target (the SmartTrader’s sizing) or all-in (buy floor(cash/price) whole units, sell all)', 'target')
    .option('--seed <n>', 'simulator seed (NEOLIGHT_SEED)', parseIntFlag('--seed', 0, 2 ** 32 - 1))
    .option('--scenario <name>', 'none or crash (a 40 % equity / 55 % crypto crash a quarter into the run)', 'none')
    .option('--report <file.html>', 'write a self-contained HTML report with equity and drawdown charts')
    .option('--json', 'print one JSON document: the tearsheet plus final_equity, trades, fees, turnover')
    .action(
      action(async (f: Flags) => {
        const config = loadConfig({ seed: f.seed });
        // The crash scenario's defaults: a fully invested equity book, so the guard's tiers, halt and recovery show.
        const crash = f.scenario === 'crash';
        const strategyName = f.strategy ?? (crash ? 'buy-hold' : 'sma-cross');
        const symbols = (f.symbols ?? (f.data ? 'ASSET' : crash ? 'SPY,QQQ' : 'SPY')).split(',').map((s) => s.trim()).filter(Boolean);
        if (!f.data) for (const s of symbols) if (!(SYMBOLS as readonly string[]).includes(s)) throw new NeoLightError('NL_ERR_BAD_FLAG', `--symbols "${s}" is not accepted: the simulator knows ${SYMBOLS.join(', ')}`);
        const spec: BacktestSpec = {
          strategy: oneOf('--strategy', strategyName, STRATEGIES),
          params: { fast: f.fast, slow: f.slow, lookback: f.lookback },
          data: f.data ? resolve(f.data) : undefined,
          symbols,
          from: parseDate('--from', f.from),
          to: parseDate('--to', f.to),
          seed: config.seed,
          scenario: oneOf('--scenario', f.scenario, ['none', 'crash'] as const),
          fill: oneOf('--fill', f.fill, ['next-open', 'close'] as const),
          feesBps: f.fees,
          cash: f.cash ?? config.startingEquity,
          size: oneOf('--size', f.size, ['target', 'all-in'] as const),
        };
        if (spec.to <= spec.from) throw new NeoLightError('NL_ERR_BAD_FLAG', `--to ${f.to} must be after --from ${f.from}`);
        const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'backtest [{bar}] {percentage}% {value}/{total} bars', hideCursor: true }, cliProgress.Presets.shades_classic);
        let started = false;
        const out = await runBacktest({
          ...spec,
          onProgress: (done, total) => {
            if (!started && process.stderr.isTTY) {
              bar.start(total, 0);
              started = true;
            }
            if (started) bar.update(done);
          },
        });
        if (started) {
          bar.update(out.data.ts.length);
          bar.stop();
        }
        // Every fill is in the --json document; the text and the report show the tearsheet and the trade count.
        const { skipped_orders: skipped, fills: _fills, ...numbers } = out.summary;
        const label = out.simulated ? `SIMULATED market (seed ${spec.seed}${spec.scenario === 'crash' ? ', crash scenario' : ''})` : spec.data!;
        if (f.report) {
          writeFileSync(
            f.report,
            renderReportHtml({
              title: `NeoLight backtest: ${strategyName} on ${symbols.join(', ')}`,
              tearsheet: numbers,
              extra: { final_equity: out.summary.final_equity, trades: out.summary.trades, fees: out.summary.fees, turnover: out.summary.turnover },
              equity: { ts: out.data.ts, value: out.result.equity },
              events: out.result.events,
              simulated: out.simulated,
              notes: [
                `Data: ${label}`,
                `Fill: ${spec.fill}, size: ${spec.size}, ${out.periodsPerYear} periods a year`,
                ...(Object.keys(out.summary.skipped_orders).length ? [`Orders not placed: ${Object.entries(out.summary.skipped_orders).map(([k, n]) => `${k} ${n}`).join(', ')}`] : []),
              ],
            }),
          );
        }
        if (f.json) {
          printJson(out.summary);
          return;
        }
        const lines = [`Backtest ${strategyName} on ${symbols.join(', ')} — ${label}`, `${out.data.ts.length} bars from ${new Date(out.data.ts[0]!).toISOString().slice(0, 10)} to ${new Date(out.data.ts[out.data.ts.length - 1]!).toISOString().slice(0, 10)}`, '', tearsheetTable(numbers)];
        const refused = Object.entries(skipped).sort((a, b) => b[1] - a[1]);
        if (refused.length) lines.push('', `Orders not placed (reason codes in docs/risk.md): ${refused.map(([k, n]) => `${k} ${n}`).join(', ')}`);
        if (out.result.events.length) lines.push('', 'Drawdown guard:', ...out.result.events.map((e) => `  ${new Date(e.ts).toISOString().slice(0, 10)}  ${e.label}`));
        if (f.report) lines.push('', `Report: ${f.report}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
}
