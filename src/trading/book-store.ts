/**
 * Loading the SmartTrader's book. The state document is saved after each tick's fills are in the
 * ledger; on start, fills with a seq above the document's `last_fill_seq` and cash movements above
 * its `last_cash_seq` are replayed, so a crash between the writes neither loses nor double-counts
 * money. The opening balance is a row of `state/cash_movements.csv`, written once on the first
 * start of a data directory: NEOLIGHT_STARTING_EQUITY is read then and never again. A missing or
 * corrupt document is rebuilt from the ledgers alone, and a corrupt one is moved aside, not
 * overwritten.
 */
import { describeError } from '../core/errors.js';
import { toCents } from '../core/venue.js';
import { cashDeltaCents, cashMovements, OPENING_KEY } from '../contracts/cash.js';
import { smartTraderState } from '../contracts/smart-trader.js';
import { performanceMetrics, pnlHistory } from '../contracts/trading.js';
import type { Mode, RowOf } from '../contracts/contract.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { setAside } from '../store/set-aside.js';
import type { StateStore } from '../store/file-store.js';
import type { Ledger } from '../store/ledger.js';
import { bookFromLedgers, rebuildTraderState, type TraderState } from './book-rebuild.js';
import { applyFill, fillOfRow, type Book } from './paper-broker.js';

export type { TraderState };

export function bookOf(s: TraderState): Book {
  const positions: Book['positions'] = {};
  for (const [sym, p] of Object.entries(s.positions)) positions[sym] = { qty: p.qty, avgPrice: p.avg_price };
  // The dollar fields are cents / 100 when written, so toCents gives the cents back exactly.
  return { cashCents: s.cash_cents, positions, realizedPnlCents: toCents(s.realized_pnl), feesPaidCents: toCents(s.fees_paid) };
}

const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

/**
 * The book at start: the saved document with every later fill and cash movement replayed, or,
 * without a usable document, the book the ledgers rebuild. `startingEquity` only opens a new data
 * directory; `log` hears every repair (the SmartTrader passes its logger).
 */
export function loadTraderState(
  store: StateStore,
  agent: string,
  now: number,
  startingEquity: number,
  mode: Mode,
  log: Logger = silentLogger(),
): { state: TraderState; book: Book; replayed: number } {
  const cash = store.ledger(cashMovements);
  const fills = store.ledger(pnlHistory);
  const read = store.read(smartTraderState);
  const doc = read.value;
  if (!read.ok) {
    const movedTo = setAside(store.pathOf(smartTraderState.path));
    const where = movedTo ? `moved to ${movedTo}` : 'it vanished before it could be moved aside';
    log.warn(
      { path: smartTraderState.path, moved_to: movedTo ?? null, problem: describeError(read.error), kept_last_good: doc !== undefined },
      doc
        ? `${smartTraderState.path} is invalid (${read.error.message}); ${where}; continuing from the last good version this process read`
        : `${smartTraderState.path} is invalid (${read.error.message}); ${where}; there is no good version to keep, so the book is rebuilt from the ledgers`,
    );
  }
  const opened = ensureOpening(cash, fills, doc, agent, now, startingEquity, log);

  if (!doc) {
    const history = {
      cash: cash.readAll(),
      fills: fills.readAll().filter((f) => f.agent === agent),
      lastFillSeq: fills.lastSeq(),
      equity: store.ledger(performanceMetrics).readAll(),
    };
    const { state, book } = rebuildTraderState(history, now, mode);
    const firstStart = read.ok && history.fills.length === 0 && history.equity.length === 0;
    if (firstStart) return { state, book, replayed: 0 };
    const message =
      `BOOK REBUILT FROM LEDGERS: ${smartTraderState.path} was ${read.ok ? 'missing' : 'corrupt'}; cash ${dollars(book.cashCents)} = ${history.cash.length} cash movement(s) in ${cashMovements.path} ` +
      `+ ${history.fills.length} fill(s) in ${pnlHistory.path}; high-water mark ${state.high_water_mark.toFixed(2)}, day-start equity ${state.day_start_equity.toFixed(2)} and ${state.day_closes.length} day close(s) from ${performanceMetrics.path}`;
    log.warn({ cash_cents: book.cashCents, fills: history.fills.length, cash_movements: history.cash.length, equity_rows: history.equity.length }, message);
    const alerts = [{ at: new Date(now).toISOString(), level: 'warn' as const, message }];
    return { state: { ...state, alerts }, book, replayed: history.fills.length };
  }

  let book = bookOf(doc);
  const laterFills = fills.readSince(doc.last_fill_seq).filter((r) => r.agent === agent);
  for (const f of laterFills) book = applyFill(book, fillOfRow(f));
  const laterCash = cash.readSince(doc.last_cash_seq);
  for (const c of laterCash) {
    // A document from before the cash ledger already holds its opening balance.
    if (opened.migrated && c.key === OPENING_KEY) continue;
    book = { ...book, cashCents: book.cashCents + cashDeltaCents(c) };
    log.warn({ kind: c.kind, amount_cents: c.amount_cents, key: c.key }, `applied ${c.kind} of ${dollars(c.amount_cents)} from ${cashMovements.path} (key ${c.key})`);
  }
  const lastFill = laterFills.at(-1);
  const lastCash = laterCash.at(-1);
  const state = { ...doc, ...(lastFill ? { last_fill_seq: lastFill.seq } : {}), ...(lastCash ? { last_cash_seq: lastCash.seq } : {}), cash_cents: book.cashCents };
  return { state, book, replayed: laterFills.length };
}

/**
 * Write the opening row once per data directory. A directory from before the cash ledger opens
 * with what its document implies (cash minus the fills it holds), not with today's setting.
 */
function ensureOpening(
  cash: Ledger<RowOf<typeof cashMovements>>,
  fills: Ledger<RowOf<typeof pnlHistory>>,
  doc: TraderState | undefined,
  agent: string,
  now: number,
  startingEquity: number,
  log: Logger,
): { migrated: boolean } {
  const configured = toCents(startingEquity);
  const opening = cash.readAll().find((r) => r.kind === 'opening');
  if (opening) {
    if (opening.amount_cents !== configured) {
      log.warn(
        { opening_cents: opening.amount_cents, configured_cents: configured },
        `NEOLIGHT_STARTING_EQUITY is ${dollars(configured)} but this data directory opened with ${dollars(opening.amount_cents)} on ${opening.ts} (${cashMovements.path}); ` +
          `the book is unchanged. The setting only opens a new data directory: to add or take out money, run 'neolight cash deposit AMOUNT' or 'neolight cash withdraw AMOUNT'`,
      );
    }
    return { migrated: false };
  }
  let amount = configured;
  if (doc) {
    const held = fills.readAll().filter((f) => f.agent === agent && f.seq <= doc.last_fill_seq);
    const implied = doc.cash_cents - bookFromLedgers({ cash: [], fills: held }).cashCents;
    if (implied > 0) amount = implied;
  }
  cash.append([{ key: OPENING_KEY, row: { ts: new Date(now).toISOString(), kind: 'opening', amount_cents: amount } }]);
  log.info({ amount_cents: amount, from: doc ? 'existing book' : 'NEOLIGHT_STARTING_EQUITY' }, `opening balance ${dollars(amount)} recorded in ${cashMovements.path}`);
  return { migrated: doc !== undefined };
}
