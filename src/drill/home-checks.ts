/**
 * What a data directory must look like after any crash: every ledger gapless, with unique keys
 * and no torn line; every document valid against its contract; the trader's book equal to a
 * replay of its own fills (cash to the cent, positions); the revenue roll-up equal to the ledgers.
 * The replay and the roll-up sums are computed here independently of the trader's code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS, cashDeltaCents, cashMovements, pnlHistory, revenueByAgent, smartTraderState } from '../contracts/index.js';
import { parseDocument } from '../store/documents.js';
import { openLedger } from '../store/ledger.js';
import { heartbeatSchema } from '../contracts/guardian.js';
import type { Finding } from './report.js';

export interface HomeSummary {
  fills: number;
  cash_cents: number | null;
  high_water_mark: number | null;
  findings: Finding[];
}

/** Check a stopped mesh's data directory; `startingEquity` is the USD the trader's book began with. */
export function checkHome(home: string, startingEquity: number): HomeSummary {
  const findings: Finding[] = [];
  const ledgerRows = new Map<string, Record<string, unknown>[]>();
  for (const c of CONTRACTS) {
    const file = join(home, c.path);
    if (!existsSync(file)) continue;
    if (c.kind === 'ledger') {
      const raw = readFileSync(file);
      if (raw.length > 0 && raw[raw.length - 1] !== 0x0a) findings.push({ check: 'ledger.torn_line', detail: `${c.path}: the last line has no newline (a torn append left behind)` });
      try {
        ledgerRows.set(c.path, openLedger(c, file).readAll() as Record<string, unknown>[]);
      } catch (err) {
        findings.push({ check: 'ledger.read', detail: `${c.path}: ${(err as Error).message}` });
      }
    } else {
      const r = parseDocument(c, readFileSync(file, 'utf8'));
      if (!r.ok) findings.push({ check: 'document.contract', detail: r.error.message });
    }
  }
  const hbDir = join(home, 'runtime', 'agents');
  for (const f of existsSync(hbDir) ? readdirSync(hbDir).filter((n) => n.endsWith('.json')) : []) {
    try {
      const p = heartbeatSchema.safeParse(JSON.parse(readFileSync(join(hbDir, f), 'utf8')));
      if (!p.success) findings.push({ check: 'document.heartbeat', detail: `runtime/agents/${f}: ${p.error.issues[0]?.message}` });
    } catch (err) {
      findings.push({ check: 'document.heartbeat', detail: `runtime/agents/${f}: ${(err as Error).message}` });
    }
  }
  const fills = (ledgerRows.get(pnlHistory.path) ?? []) as unknown as Fill[];
  const book = checkBook(home, fills.filter((f) => f.agent === 'smart_trader'), startingEquity, findings);
  checkRevenue(home, fills, findings);
  return { fills: fills.length, cash_cents: book?.cash_cents ?? null, high_water_mark: book?.high_water_mark ?? null, findings };
}

interface Fill {
  seq: number;
  agent: string;
  ts: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  fee: number;
  realized_pnl: number;
}

const cents = (usd: number): number => Math.round(usd * 100);

/** Replay fills onto a cash balance in cents and share counts, the paper broker's rule written out again. */
export function replayFills(fills: readonly Fill[], startingEquity: number): { cashCents: number; positions: Map<string, number> } {
  let cashCents = cents(startingEquity);
  const positions = new Map<string, number>();
  for (const f of fills) {
    const amount = cents(f.qty * f.price);
    const fee = cents(f.fee);
    const held = positions.get(f.symbol) ?? 0;
    if (f.side === 'buy') {
      cashCents -= amount + fee;
      positions.set(f.symbol, held + f.qty);
    } else {
      cashCents += amount - fee;
      const left = held - f.qty;
      if (left <= 1e-12) positions.delete(f.symbol);
      else positions.set(f.symbol, left);
    }
  }
  return { cashCents, positions };
}

function checkBook(home: string, fills: readonly Fill[], startingEquity: number, findings: Finding[]): { cash_cents: number; high_water_mark: number } | undefined {
  const file = join(home, smartTraderState.path);
  if (!existsSync(file)) {
    if (fills.length > 0) findings.push({ check: 'book.missing', detail: `${fills.length} smart_trader fills but no ${smartTraderState.path}` });
    return undefined;
  }
  const r = parseDocument(smartTraderState, readFileSync(file, 'utf8'));
  if (!r.ok) return undefined; // already reported as a contract finding
  const doc = r.value;
  const lastSeq = fills.at(-1)?.seq ?? 0;
  if (doc.last_fill_seq > lastSeq && fills.length > 0) findings.push({ check: 'book.ahead', detail: `last_fill_seq ${doc.last_fill_seq} is past the last smart_trader fill seq ${lastSeq}` });
  // The book opens with the cash-movements ledger (opening balance, deposits, withdrawals) when it exists.
  const movementsFile = join(home, cashMovements.path);
  const movements = existsSync(movementsFile) ? openLedger(cashMovements, movementsFile).readAll().filter((m) => m.seq <= doc.last_cash_seq) : [];
  const opening = movements.length > 0 ? movements.reduce((a, m) => a + cashDeltaCents(m), 0) / 100 : startingEquity;
  const { cashCents, positions } = replayFills(fills.filter((f) => f.seq <= doc.last_fill_seq), opening);
  if (cashCents !== doc.cash_cents) findings.push({ check: 'book.cash', detail: `cash_cents ${doc.cash_cents} but replaying fills up to seq ${doc.last_fill_seq} from ${opening} USD (${movements.length} cash movement(s)) gives ${cashCents}` });
  const symbols = new Set([...positions.keys(), ...Object.keys(doc.positions)]);
  for (const s of symbols) {
    const want = positions.get(s) ?? 0;
    const got = doc.positions[s]?.qty ?? 0;
    if (Math.abs(want - got) > 1e-9 * Math.max(1, Math.abs(want))) findings.push({ check: 'book.position', detail: `${s}: the book holds ${got}, the fills replay to ${want}` });
  }
  return { cash_cents: doc.cash_cents, high_water_mark: doc.high_water_mark };
}

/**
 * The roll-up is written on its own clock, so it covers some prefix of the trader's fills (in seq
 * order); its revenue and cost must equal the sums of one such prefix to the cent.
 */
function checkRevenue(home: string, fills: readonly Fill[], findings: Finding[]): void {
  const file = join(home, revenueByAgent.path);
  if (!existsSync(file)) return;
  const r = parseDocument(revenueByAgent, readFileSync(file, 'utf8'));
  if (!r.ok) return;
  const st = r.value.agents.smart_trader;
  const mine = fills.filter((f) => f.agent === 'smart_trader');
  const want = st ? { revenue: cents(st.revenue), cost: cents(st.cost) } : { revenue: 0, cost: 0 };
  let revenue = 0;
  let cost = 0;
  let matched = mine.length === 0 || !st;
  for (const f of mine) {
    if (matched) break;
    revenue += f.realized_pnl;
    cost += f.fee;
    matched = Math.abs(cents(revenue) - want.revenue) <= 1 && Math.abs(cents(cost) - want.cost) <= 1;
  }
  if (!matched) findings.push({ check: 'revenue.smart_trader', detail: `revenue_by_agent.json says revenue ${st?.revenue}, cost ${st?.cost}; no prefix of the ${mine.length} smart_trader fills sums to that (all of them: ${revenue.toFixed(2)}, ${cost.toFixed(2)})` });
  if (st && Math.abs(cents(st.revenue - st.cost) - cents(st.profit)) > 1) findings.push({ check: 'revenue.profit', detail: `smart_trader profit ${st.profit} is not revenue ${st.revenue} - cost ${st.cost}` });
  checkVentureRevenue(home, r.value.agents, findings);
  const off = (x: number, y: number): boolean => Math.abs(cents(x) - cents(y)) > 1;
  const total = Object.values(r.value.agents).reduce((a, t) => a + (t?.profit ?? 0), 0);
  if (off(total, r.value.total_profit)) findings.push({ check: 'revenue.total', detail: `total_profit ${r.value.total_profit} but the agents' profits sum to ${total.toFixed(2)}` });
}

/** Each venture's profit column in its own ledger, read here without the roll-up's code. */
const VENTURE_PROFIT: readonly { agent: string; path: string; column: string }[] = [
  { agent: 'dropship_agent', path: 'state/dropship_profit.csv', column: 'profit' },
  { agent: 'ticket_arbitrage', path: 'state/ticket_arbitrage.csv', column: 'pnl' },
  { agent: 'sports_betting', path: 'state/sports_betting_pnl.csv', column: 'pnl' },
  { agent: 'collectibles_agent', path: 'state/collectibles_pnl.csv', column: 'pnl' },
  { agent: 'luxury_agent', path: 'state/luxury_pnl.csv', column: 'pnl' },
  { agent: 'content_agent', path: 'state/content_revenue.csv', column: 'amount' },
  { agent: 'healthcare_agent', path: 'state/healthcare_revenue.csv', column: 'amount' },
];

/**
 * Every venture's profit in the roll-up must be the profit of a prefix of its ledger (the roll-up
 * runs on its own clock): a lost or doubled row after a crash shows up as no prefix matching. Rows
 * are summed in cents as booked; a cent of slack per hundred rows covers sub-cent rows.
 */
function checkVentureRevenue(home: string, agents: Record<string, { profit: number } | undefined>, findings: Finding[]): void {
  for (const v of VENTURE_PROFIT) {
    const doc = agents[v.agent];
    const file = join(home, v.path);
    if (!existsSync(file)) {
      if (doc && doc.profit !== 0) findings.push({ check: `revenue.${v.agent}`, detail: `revenue_by_agent.json reports profit ${doc.profit} but ${v.path} does not exist` });
      continue;
    }
    if (!doc) continue;
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
    const header = lines[0]?.split(',') ?? [];
    const col = header.indexOf(v.column);
    if (col < 0) {
      findings.push({ check: `revenue.${v.agent}`, detail: `${v.path} has no ${v.column} column` });
      continue;
    }
    let sum = 0;
    let matched = Math.abs(cents(doc.profit)) <= 1;
    for (let i = 1; i < lines.length && !matched; i++) {
      // Profit columns are plain numbers: the column index holds even when text fields are quoted.
      const fields = lines[i]!.split(',');
      sum += cents(Number(fields[fields.length - (header.length - col)])) / 100;
      matched = Math.abs(cents(sum) - cents(doc.profit)) <= 1 + Math.floor(i / 100);
    }
    if (!matched) findings.push({ check: `revenue.${v.agent}`, detail: `revenue_by_agent.json says profit ${doc.profit}; no prefix of the ${lines.length - 1} rows of ${v.path} sums to that (all of them: ${sum.toFixed(2)})` });
  }
}
