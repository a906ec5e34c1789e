/**
 * `neolight cash deposit|withdraw AMOUNT` and `neolight cash list`: money in and out of the trading
 * book as rows of state/cash_movements.csv. NEOLIGHT_STARTING_EQUITY only opens a new data
 * directory; every later change of capital goes through here.
 */
import { summaryOf } from './index.js';
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { cashDeltaCents, cashMovements } from '../../contracts/cash.js';
import { NeoLightError } from '../../core/errors.js';
import { openStore } from '../../store/open.js';
import { ledgerCashCents, recordCashMovement } from '../../trading/cash-movements.js';
import { AGENT } from '../../trading/smart-trader.js';
import { action, printJson } from '../run.js';

/** USD text with at most two decimals, as integer cents (no float rounding of money). */
function parseAmount(v: string): number {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(v.trim());
  const cents = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : 0;
  if (!m || cents <= 0) throw new NeoLightError('NL_ERR_BAD_INPUT', `AMOUNT "${v}" is not accepted: expected an amount in USD > 0 with at most 2 decimals (e.g. 2500 or 2500.50)`);
  return cents;
}

const usd = (cents: number): string => `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toFixed(2)}`;

export function registerCash(program: Command): void {
  const cash = program.command('cash').description(summaryOf('cash'));
  for (const kind of ['deposit', 'withdrawal'] as const) {
    cash
      .command(`${kind === 'deposit' ? 'deposit' : 'withdraw'} <amount>`)
      .description(`record a ${kind}; the SmartTrader applies it when it next starts`)
      .option('--home <dir>', 'data directory (NEOLIGHT_HOME)')
      .option('--key <key>', 'idempotency key: the same key is recorded once, however often the command runs')
      .option('--json', 'print one JSON document')
      .action(
        action((amount: string, opts: { home?: string; key?: string; json?: boolean }) => {
          const cents = parseAmount(amount);
          const config = loadConfig({ home: opts.home });
          const store = openStore({ home: config.home, storeUrl: config.store });
          const key = opts.key ?? `${kind}-${randomUUID()}`;
          const r = recordCashMovement(store, AGENT, kind, cents, key, Date.now());
          if (opts.json) printJson({ kind, amount_cents: cents, key, written: r.written, seq: r.seq, cash_cents: r.cashCents });
          else process.stdout.write(`${r.written ? `recorded ${kind} of ${usd(cents)} (key ${key}, seq ${r.seq})` : `key ${key} is already recorded: nothing written`}; ledger cash ${usd(r.cashCents)}; the SmartTrader applies it when it next starts\n`);
        }),
      );
  }
  cash
    .command('list')
    .description('every cash movement and the cash the ledgers add up to')
    .option('--home <dir>', 'data directory (NEOLIGHT_HOME)')
    .option('--json', 'print one JSON document')
    .action(
      action((opts: { home?: string; json?: boolean }) => {
        const config = loadConfig({ home: opts.home });
        const store = openStore({ home: config.home, storeUrl: config.store });
        const rows = store.ledger(cashMovements).readAll();
        const cashCents = ledgerCashCents(store, AGENT);
        if (opts.json) printJson({ movements: rows.map((r) => ({ seq: r.seq, key: r.key, ts: r.ts, kind: r.kind, amount_cents: r.amount_cents })), cash_cents: cashCents });
        else {
          const lines = rows.map((r) => `${String(r.seq).padStart(4)} ${r.ts} ${r.kind.padEnd(10)} ${usd(cashDeltaCents(r)).padStart(14)}  ${r.key}`);
          process.stdout.write(`${[...lines, `cash on the ledgers (movements + fills): ${usd(cashCents)}`].join('\n')}\n`);
        }
      }),
    );
}
