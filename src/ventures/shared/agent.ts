/**
 * The one lifecycle of every revenue agent, as an AgentDefinition builder: each cycle
 *   settle   — book what the venue reports (sales, refunds, fees, payouts) into the venture's ledger;
 *   budget   — capital (state/capital_budgets.json once the capital governor set it, else the
 *              config) less what is at work (inventory at cost, reserved approvals) and losses;
 *   approved — act on requests a person approved since the last cycle, once each;
 *   scan + value — the venture's candidates with their all-in cost and expected net value;
 *   decide   — `decideSpend` (pure): act, queue for a person, or skip with a reason code;
 *   act      — through the venue port, idempotent on the opportunity id;
 *   account  — relist, mark down, write the venture's documents.
 * Risk is read every cycle and fails closed: only ACTIVE lets a venture buy, and a halted venture
 * keeps settling what it sold. The venture supplies the steps; this module owns the order, the
 * budget arithmetic and the approval queue, so no venture can skip them.
 */
import type { Config } from '../../config/config.js';
import type { VentureName } from '../../config/sections/ventures.js';
import { capitalBudgets } from '../../contracts/capital.js';
import type { Contract } from '../../contracts/contract.js';
import type { ApprovalItem } from '../../contracts/status.js';
import type { AgentContext, AgentDefinition } from '../../core/agent.js';
import type { PortName } from '../../core/ports.js';
import { toCents } from '../../core/venue.js';
import { readEquityCurve } from '../../risk/sources.js';
import { abandonApproval, approvalQueue, claimExecution, expireApprovals, isClosed, requestApproval } from '../../store/approval-queue.js';
import { availableCents, capitalCents } from './budget.js';
import { decideSpend, type SkipCode, type SpendDecision } from './decide.js';
import type { VentureRisk } from './risk-view.js';
import { ventureRiskReader } from './risk.js';
import { ventureSettings, type VentureDefaults, type VentureSettings } from './settings.js';

/** A candidate purchase, valued. `payload` is all the venture needs to act on it after an approval. */
export interface Opportunity {
  /** Stable across cycles for the same candidate: it is the approval id and the venue client id. */
  readonly id: string;
  readonly summary: string;
  readonly costCents: number;
  readonly valueCents: number;
  /** A tighter cap than the venture's for this item (e.g. a per-event limit), cents. */
  readonly itemCapCents?: number;
  /** Set when law or a platform's terms reserve this action for a person. */
  readonly requiresPerson?: string;
  readonly payload: Readonly<Record<string, string | number | boolean | null>>;
}

export interface CycleContext {
  readonly now: number;
  readonly risk: VentureRisk;
  readonly settings: VentureSettings;
  /** The capital in force, cents. */
  readonly capitalCents: number;
}

export interface VentureCycle {
  /** Book the venue's events since the last cycle (idempotent: event ids are ledger keys). */
  settle(c: CycleContext): Promise<void>;
  /** Money at work (cost of held inventory and unsettled purchases) and realised P&L, from the ledger, cents. */
  book(): { committedCents: number; realizedCents: number };
  /** Candidates this cycle, valued. Not called unless the risk view is ACTIVE. */
  opportunities(c: CycleContext): Promise<readonly Opportunity[]>;
  /** The opportunity behind an approved request, or undefined when it is gone (sold out, event passed). */
  revive(payload: Readonly<Record<string, string | number | boolean | null>>, c: CycleContext): Promise<Opportunity | undefined>;
  /** Whether the opportunity's purchase is already booked (a restart repeats nothing that is). */
  acted(id: string): boolean;
  /** Buy (or otherwise spend on) the opportunity, idempotently on its id, and book it. */
  act(o: Opportunity, d: Extract<SpendDecision, { action: 'act' }>, c: CycleContext): Promise<void>;
  /** After buying: list, reprice, mark down, write documents. Runs in every risk state. */
  account(c: CycleContext): Promise<void>;
}

export interface VentureSpec {
  readonly name: VentureName;
  readonly description: string;
  readonly defaults: VentureDefaults;
  readonly consumes: readonly Contract[];
  readonly produces: readonly Contract[];
  readonly needs: readonly PortName[];
  /** Kind shown in the approval queue for this venture's requests (e.g. `ticket_purchase`). */
  readonly approvalKind: string;
  create(ctx: AgentContext, settings: VentureSettings): VentureCycle | Promise<VentureCycle>;
}

/** What one cycle decided, for the log and for tests. */
export interface CycleReport {
  acted: string[];
  queued: string[];
  skipped: Partial<Record<SkipCode, number>>;
  availableCents: number;
}

/** The mesh's equity in cents for a budget given as a fraction: the last equity point, else the starting equity. */
function equityCents(ctx: AgentContext): number {
  const curve = readEquityCurve(ctx.store, ctx.log);
  const last = curve.points[curve.points.length - 1]?.equity;
  return Math.round((last ?? ctx.config.startingEquity) * 100);
}

/** Cents reserved by this venture's requests that are pending, or approved and neither acted on nor abandoned. */
export function reservedCents(items: readonly ApprovalItem[], agent: string, closed: (id: string) => boolean): number {
  let cents = 0;
  for (const i of items) {
    if (i.agent !== agent || i.amount === null) continue;
    if (i.status === 'pending' || (i.status === 'approved' && !closed(i.id))) cents += toCents(i.amount);
  }
  return cents;
}

/** One full cycle (exported for tests: the agent's tick is exactly this). */
export async function runCycle(spec: VentureSpec, ctx: AgentContext, cycle: VentureCycle, settings: VentureSettings, risk: VentureRisk, now: number, wallNow: number): Promise<CycleReport> {
  // The capital governor's budget when it has set one; the venture's configured budget until then.
  const governed = ctx.store.get(capitalBudgets)?.agents[spec.name];
  const capital = governed ? toCents(governed.budget) : capitalCents(settings.budget, settings.budget.budgetFraction !== undefined ? equityCents(ctx) : 0);
  const c: CycleContext = { now, risk, settings, capitalCents: capital };
  await cycle.settle(c);
  const report: CycleReport = { acted: [], queued: [], skipped: {}, availableCents: 0 };
  const skip = (code: SkipCode): void => void (report.skipped[code] = (report.skipped[code] ?? 0) + 1);

  // Requests whose time ran out are dropped first, so they neither reserve money nor get acted on.
  expireApprovals(ctx.store, wallNow);
  const items = approvalQueue(ctx.store).items;
  const closed = (id: string): boolean => cycle.acted(id) || isClosed(ctx.store, id);
  const book = cycle.book();
  let available = availableCents({ capitalCents: capital, committedCents: book.committedCents + reservedCents(items, spec.name, closed), realizedCents: book.realizedCents });

  // Approved requests first: a person said yes, and the money was reserved for them.
  for (const item of items) {
    if (item.agent !== spec.name || item.status !== 'approved' || closed(item.id) || !item.action) continue;
    const o = await cycle.revive(item.action, c);
    const reserved = item.amount === null ? 0 : toCents(item.amount);
    if (!o) {
      abandonApproval(ctx.store, item.id, spec.name, wallNow);
      ctx.log.info({ approval: item.id }, 'approved opportunity is gone; nothing bought, its reservation released');
      available += reserved;
      continue;
    }
    // Re-check under today's risk and budget (its reservation returns to the pool for this check).
    const d = decideSpend({ costCents: o.costCents, valueCents: o.valueCents, minMargin: settings.minMargin, itemCapCents: Math.min(settings.itemCapCents, o.itemCapCents ?? Infinity), availableCents: available + reserved, risk, approvalAboveCents: Number.MAX_SAFE_INTEGER });
    if (d.action !== 'act') {
      abandonApproval(ctx.store, item.id, spec.name, wallNow);
      ctx.log.warn({ approval: item.id, decision: d }, 'approved request no longer passes the risk and budget checks; abandoned, not acted on');
      if (d.action === 'skip') skip(d.code);
      available += reserved;
      continue;
    }
    claimExecution(ctx.store, item.id, spec.name, wallNow);
    await cycle.act(o, d, c);
    available = Math.max(0, available + reserved - d.spendCents);
    report.acted.push(o.id);
  }

  if (risk.state === 'ACTIVE') {
    for (const o of await cycle.opportunities(c)) {
      if (cycle.acted(o.id) || items.some((i) => i.id === o.id)) continue;
      const d = decideSpend({
        costCents: o.costCents,
        valueCents: o.valueCents,
        minMargin: settings.minMargin,
        itemCapCents: Math.min(settings.itemCapCents, o.itemCapCents ?? Infinity),
        availableCents: available,
        risk,
        approvalAboveCents: settings.approvalAboveCents,
        requiresPerson: o.requiresPerson,
      });
      if (d.action === 'skip') {
        skip(d.code);
        continue;
      }
      if (d.action === 'approval') {
        requestApproval(ctx.store, { id: o.id, agent: spec.name, kind: spec.approvalKind, summary: `${o.summary} — ${d.why}`, amount: d.spendCents / 100, expiresAtMs: wallNow + settings.approvalTtlMs, action: o.payload }, wallNow);
        report.queued.push(o.id);
      } else {
        await cycle.act(o, d, c);
        report.acted.push(o.id);
      }
      available = Math.max(0, available - d.spendCents);
    }
  } else {
    skip(risk.state === 'HALTED' ? 'HALTED' : 'REDUCE_ONLY');
  }
  await cycle.account(c);
  report.availableCents = available;
  return report;
}

export function ventureAgent(spec: VentureSpec): AgentDefinition {
  return {
    name: spec.name,
    description: spec.description,
    intervalMs: (config: Config) => ventureSettings(config, spec.name, spec.defaults).intervalMs,
    consumes: spec.consumes,
    produces: spec.produces,
    needs: spec.needs,
    async create(ctx) {
      const settings = ventureSettings(ctx.config, spec.name, spec.defaults);
      const cycle = await spec.create(ctx, settings);
      const risk = ventureRiskReader(ctx.store, ctx.config, ctx.log);
      let idleWhy = '';
      return {
        async tick(now) {
          const r = await runCycle(spec, ctx, cycle, settings, risk(now), now, Date.now());
          if (r.acted.length || r.queued.length) {
            idleWhy = '';
            ctx.report?.(null);
            ctx.log.info({ acted: r.acted, queued: r.queued, skipped: r.skipped, available_cents: r.availableCents }, `${spec.name} cycle`);
            return;
          }
          // Why nothing was bought, at info level when the reasons change (an idle venture — a
          // budget below every purchase, no edge at the margin — says so once, not every cycle;
          // a cycle with no opportunity at all changes nothing).
          const why = idleReasons(r.skipped);
          if (why && why !== idleWhy) ctx.log.info({ skipped: r.skipped, available_cents: r.availableCents }, `${spec.name} cycle: nothing bought (${why}; available ${usd(r.availableCents)})`);
          else ctx.log.debug({ skipped: r.skipped, available_cents: r.availableCents }, `${spec.name} cycle: nothing bought`);
          if (why) {
            idleWhy = why;
            ctx.report?.(`nothing bought in the last cycle with a candidate: ${why}; available ${usd(r.availableCents)}`);
          }
        },
      };
    },
  };
}

/** The reason codes of a cycle's skips in code order ('BELOW_MARGIN, OVER_BUDGET'); '' when none. Counts are left out so the text changes only when the reasons do. */
export function idleReasons(skipped: Partial<Record<SkipCode, number>>): string {
  return Object.entries(skipped)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([code]) => code)
    .sort()
    .join(', ');
}

const usd = (cents: number): string => `$${(cents / 100).toFixed(2)}`;
