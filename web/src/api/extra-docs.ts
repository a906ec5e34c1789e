/**
 * Tolerant readers for state documents that have no shared contract yet (risk_governor,
 * drawdown_guard, allocator_drift, smart_trader_state): they pick out the fields the dashboard
 * knows by their usual names and show every other top-level figure as-is, so a field added by the
 * producing agent still reaches the page. Every read goes through zod; nothing is cast.
 */
import { z } from 'zod';
import type { DriftRow, Position } from '../derive.js';

export interface Fact {
  label: string;
  value: string | number | boolean;
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const record = z.record(z.string(), z.unknown());

/** Top-level string/number/boolean fields, in document order, without the bookkeeping ones. */
export function scalarFacts(doc: unknown, skip: readonly string[] = ['updated_at']): Fact[] {
  const r = record.safeParse(doc);
  if (!r.success) return [];
  const out: Fact[] = [];
  for (const [k, v] of Object.entries(r.data)) {
    const s = scalar.safeParse(v);
    if (s.success && !skip.includes(k)) out.push({ label: k.replace(/_/g, ' '), value: s.data });
  }
  return out;
}

export interface Gate {
  name: string;
  active: boolean;
  reason: string | null;
}

const gateObject = z.looseObject({
  name: z.string().optional(),
  id: z.string().optional(),
  gate: z.string().optional(),
  active: z.boolean().optional(),
  blocking: z.boolean().optional(),
  triggered: z.boolean().optional(),
  reason: z.string().nullish(),
  detail: z.string().nullish(),
});

function gateFrom(name: string | undefined, g: z.infer<typeof gateObject>): Gate {
  return {
    name: g.name ?? g.id ?? g.gate ?? name ?? 'gate',
    active: g.active ?? g.blocking ?? g.triggered ?? false,
    reason: g.reason ?? g.detail ?? null,
  };
}

/**
 * Gates in force from `gates` (array of objects, or name → boolean | object) and/or
 * `active_gates` (list of names). Returns an empty list when the document names none.
 */
export function gatesOf(doc: unknown): Gate[] {
  const r = z.looseObject({ gates: z.unknown().optional(), active_gates: z.array(z.string()).optional() }).safeParse(doc);
  if (!r.success) return [];
  const out: Gate[] = [];
  const arr = z.array(gateObject).safeParse(r.data.gates);
  if (arr.success) out.push(...arr.data.map((g) => gateFrom(undefined, g)));
  const rec = z.record(z.string(), z.union([z.boolean(), gateObject])).safeParse(r.data.gates);
  if (!arr.success && rec.success) {
    for (const [name, g] of Object.entries(rec.data)) out.push(typeof g === 'boolean' ? { name, active: g, reason: null } : gateFrom(name, g));
  }
  for (const name of r.data.active_gates ?? []) if (!out.some((g) => g.name === name)) out.push({ name, active: true, reason: null });
  return out;
}

const driftItem = z.looseObject({
  symbol: z.string(),
  target: z.number().nullish(),
  current: z.number().nullish(),
  drift: z.number().nullish(),
});

/**
 * The allocator's drift report: `{assets|rows|drift: [{symbol, target, current, drift}]}` or
 * `{targets: {SYM: w}, current: {SYM: w}}` or `{drift: {SYM: d}}`, with an optional
 * `total_drift`. Null when none of these shapes is present.
 */
export function parseAllocatorDrift(doc: unknown): { rows: DriftRow[]; total: number | null } | null {
  const weights = z.record(z.string(), z.number());
  const r = z
    .looseObject({
      assets: z.array(driftItem).optional(),
      rows: z.array(driftItem).optional(),
      drift: z.union([z.array(driftItem), weights]).optional(),
      targets: weights.optional(),
      current: weights.optional(),
      total_drift: z.number().nullish(),
    })
    .safeParse(doc);
  if (!r.success) return null;
  const d = r.data;
  const total = d.total_drift ?? null;
  const list = d.assets ?? d.rows ?? (Array.isArray(d.drift) ? d.drift : undefined);
  if (list) {
    const rows = list.map((i) => {
      const target = i.target ?? null;
      const current = i.current ?? null;
      return { symbol: i.symbol, target, current, drift: i.drift ?? (current !== null && target !== null ? current - target : null) };
    });
    return { rows, total };
  }
  if (d.targets || d.current || (d.drift && !Array.isArray(d.drift))) {
    const t = d.targets ?? {};
    const c = d.current ?? {};
    const dm = d.drift && !Array.isArray(d.drift) ? d.drift : {};
    const symbols = [...new Set([...Object.keys(t), ...Object.keys(c), ...Object.keys(dm)])].sort();
    const rows = symbols.map((symbol) => {
      const target = t[symbol] ?? null;
      const current = c[symbol] ?? null;
      const drift = dm[symbol] ?? (target !== null && current !== null ? current - target : null);
      return { symbol, target, current, drift };
    });
    return { rows, total };
  }
  return null;
}

const positionObject = z.looseObject({
  symbol: z.string().optional(),
  qty: z.number().optional(),
  quantity: z.number().optional(),
  avg_price: z.number().nullish(),
  avg_cost: z.number().nullish(),
  price: z.number().nullish(),
  last_price: z.number().nullish(),
  mark: z.number().nullish(),
  market_value: z.number().nullish(),
  unrealized_pnl: z.number().nullish(),
  realized_pnl: z.number().nullish(),
});

function positionFrom(symbol: string, p: z.infer<typeof positionObject> | number): Position | null {
  if (typeof p === 'number') return { symbol, qty: p, avgPrice: null, lastPrice: null, marketValue: null, unrealizedPnl: null, realizedPnl: null };
  const qty = p.qty ?? p.quantity;
  if (qty === undefined) return null;
  const last = p.last_price ?? p.mark ?? p.price ?? null;
  const avg = p.avg_price ?? p.avg_cost ?? null;
  return {
    symbol: p.symbol ?? symbol,
    qty,
    avgPrice: avg,
    lastPrice: last,
    marketValue: p.market_value ?? (last !== null ? last * qty : null),
    unrealizedPnl: p.unrealized_pnl ?? (last !== null && avg !== null ? (last - avg) * qty : null),
    realizedPnl: p.realized_pnl ?? null,
  };
}

/** Positions from a broker or SmartTrader state document's `positions`, or null when it has none. */
export function positionsOfDocument(doc: unknown): Position[] | null {
  const r = z.looseObject({ positions: z.unknown() }).safeParse(doc);
  if (!r.success || r.data.positions === undefined) return null;
  const arr = z.array(positionObject).safeParse(r.data.positions);
  if (arr.success) return arr.data.flatMap((p) => positionFrom(p.symbol ?? '?', p) ?? []).filter((p) => p.qty !== 0);
  const rec = z.record(z.string(), z.union([z.number(), positionObject])).safeParse(r.data.positions);
  if (rec.success) return Object.entries(rec.data).flatMap(([s, p]) => positionFrom(s, p) ?? []).filter((p) => p.qty !== 0);
  return null;
}
