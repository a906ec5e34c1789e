/**
 * The status API's documents: `GET /status` (the specification's shape: system, guardian.logs,
 * guardian.agents, revenue_by_agent, plus the risk state in force with its reason codes), the event stream's messages, and the approvals queue.
 * The dashboard imports these types, so `web/` and the API cannot drift apart.
 */
import { z } from 'zod';
import { csvString, defineDocument, defineLedger, isoTime, mode } from './contract.js';
import { revenueByAgent } from './revenue.js';
import { riskReasonCode, tradingState } from './risk.js';

export const agentState = z.enum(['starting', 'running', 'backoff', 'stopping', 'stopped', 'failed']);
export type AgentState = z.infer<typeof agentState>;

export const agentStatus = z.object({
  name: z.string().min(1),
  pid: z.number().int().positive().nullable(),
  state: agentState,
  restarts: z.number().int().min(0),
  consecutive_failures: z.number().int().min(0),
  started_at: isoTime.nullable(),
  last_tick_at: isoTime.nullable(),
  last_exit: z.object({ code: z.number().int().nullable(), signal: z.string().nullable(), at: isoTime }).nullable(),
  next_restart_at: isoTime.nullable(),
  log: z.string(),
  /**
   * Resident memory of the agent process in MB: read from /proc/<pid>/status on Linux (now), else
   * the figure the agent wrote in its heartbeat at its last tick; null while unknown (not running,
   * or no tick yet on a system without /proc).
   */
  rss_mb: z.number().min(0).nullable().optional(),
  /**
   * The shared process the agent runs in (`pid` is that process's, and `rss_mb` its memory, shared
   * with the other agents of the same host); null: a process of its own.
   */
  host: z.string().nullable().optional(),
  /**
   * For an agent that spends capital (the trader and the spending ventures): true while the mesh is
   * HALTED (the drawdown guard's halt on total wealth, or a risk input that fails closed to it), so
   * it spends nothing new; null for an agent that spends no capital.
   */
  halted: z.boolean().nullable().optional(),
  /** The agent's note about its recent ticks from its heartbeat (why a venture bought nothing); null: none. */
  note: z.string().nullable().optional(),
  /** The guardian's last configuration rollback for this agent (AutoPatch), if any. */
  last_rollback: z.object({ at: isoTime, from_version: z.number().int().min(1), to_version: z.number().int().min(1) }).nullable().optional(),
});
export type AgentStatus = z.infer<typeof agentStatus>;

/**
 * One agent as the shared store sees it, from any host: whether a process holds its
 * single-instance lock (and which), and its last heartbeat.
 */
export const meshAgent = z.object({
  name: z.string().min(1),
  running: z.boolean(),
  /** The lock holder: "neolight <host> pid <pid>" in PostgreSQL, or the lock file's pid and host. */
  owner: z.string().nullable(),
  hostname: z.string().nullable(),
  pid: z.number().int().positive().nullable(),
  ticks: z.number().int().min(0),
  errors: z.number().int().min(0),
  last_tick_at: isoTime.nullable(),
  last_error: z.string().nullable(),
});
export type MeshAgent = z.infer<typeof meshAgent>;

export const statusDocument = z.object({
  system: z.object({
    cpu: z.object({ cores: z.number().int().positive(), load_1m: z.number().min(0), percent: z.number().min(0).max(100) }),
    memory: z.object({ total_mb: z.number().min(0), used_mb: z.number().min(0), percent: z.number().min(0).max(100) }),
    disk: z.object({ path: z.string(), total_mb: z.number().min(0), free_mb: z.number().min(0), percent: z.number().min(0).max(100) }),
    uptime: z.object({ system_seconds: z.number().min(0), guardian_seconds: z.number().min(0) }),
  }),
  guardian: z.object({
    pid: z.number().int().positive(),
    started_at: isoTime,
    mode,
    /** True whenever any figure shown comes from a simulated venue. */
    simulated: z.boolean(),
    home: z.string(),
    /** Resident memory of the guardian process (API and dashboard included) in MB. */
    rss_mb: z.number().min(0).optional(),
    /** Log file name (e.g. `smart_trader.log`) → last modification time. */
    logs: z.record(z.string(), isoTime),
    agents: z.array(agentStatus),
  }),
  revenue_by_agent: revenueByAgent.schema.nullable(),
  /**
   * The risk state every capital agent obeys now (risk governor + drawdown guard, fail closed):
   * the most restrictive trading state, a reason code per restriction (docs/risk.md) and its detail.
   */
  risk: z.object({
    trading_state: tradingState,
    reasons: z.array(riskReasonCode),
    details: z.array(z.string()),
    /** Gross exposure cap × drawdown multiplier, as a fraction of equity. */
    exposure_cap: z.number().min(0),
  }),
  /** With a shared (PostgreSQL) store: every agent of the mesh, on whichever host it runs. */
  mesh: z.object({ store: z.string(), agents: z.array(meshAgent) }).optional(),
});
export type StatusDocument = z.infer<typeof statusDocument>;

/**
 * The mesh's resident memory as `neolight status` and the dashboard show it: the guardian, and each
 * agent process once (agents sharing a host process share its RSS), with how many running agents
 * have no figure yet. E.g. `guardian 79 MB + 21 agents in 7 processes 438 MB = 517 MB RSS`.
 */
export function meshMemoryLine(guardianMb: number, agents: readonly AgentStatus[]): string {
  const byPid = new Map<number, number>();
  let unknown = 0;
  let measured = 0;
  for (const a of agents) {
    if (a.pid === null) continue;
    if (a.rss_mb === null || a.rss_mb === undefined) unknown++;
    else {
      measured++;
      byPid.set(a.pid, a.rss_mb);
    }
  }
  let agentsMb = 0;
  for (const v of byPid.values()) agentsMb += v;
  const mb = (x: number): string => `${Math.round(x)} MB`;
  const procs = agents.some((a) => a.host) ? ` in ${byPid.size} process${byPid.size === 1 ? '' : 'es'}` : '';
  return `guardian ${mb(guardianMb)} + ${measured} agents${procs} ${mb(agentsMb)} = ${mb(guardianMb + agentsMb)} RSS${unknown > 0 ? ` (${unknown} running agent(s) not yet measured)` : ''}`;
}

/** Server-sent events on `GET /events`: the event name is `type`, the data is the JSON document. */
export const meshEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), at: isoTime, status: statusDocument }),
  z.object({
    type: z.literal('agent'),
    at: isoTime,
    agent: z.string(),
    from: agentState,
    to: agentState,
    trigger: z.string(),
  }),
  z.object({ type: z.literal('document'), at: isoTime, path: z.string() }),
  z.object({ type: z.literal('ledger'), at: isoTime, path: z.string(), rows: z.number().int().min(0) }),
]);
export type MeshEvent = z.infer<typeof meshEvent>;

export const approvalItem = z.object({
  id: z.string().min(1),
  agent: z.string().min(1),
  kind: z.string().min(1),
  summary: z.string().min(1),
  amount: z.number().nullable(),
  created_at: isoTime,
  status: z.enum(['pending', 'approved', 'rejected', 'expired']),
  decided_at: isoTime.nullable(),
  /** Who decided: `cli` (`neolight approvals`), `api`, or the label of the API token the dashboard used. */
  decided_by: z.string().min(1).max(64).optional(),
  /** After this instant a pending item is dropped (status `expired`) and never acted on. */
  expires_at: isoTime.nullable().optional(),
  reason: z.string().optional(),
  /** The held order, for `kind: 'live_order'`: what is submitted, once, after approval. */
  order: z
    .object({ client_order_id: z.string().min(1), venue: z.string().min(1), symbol: z.string().min(1), side: z.enum(['buy', 'sell']), qty: z.number().positive(), type: z.enum(['market', 'limit']), limit_price: z.number().positive().optional() })
    .optional(),
  /** What a venture will do once approved (its own fields; the venture validates them when it acts). */
  action: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type ApprovalItem = z.infer<typeof approvalItem>;

export const approvals = defineDocument({
  name: 'approvals',
  path: 'state/approvals.json',
  description: 'Actions that wait for a person: approve or reject them in the dashboard.',
  schema: z.object({ updated_at: isoTime, items: z.array(approvalItem) }),
});

/**
 * Every decision on the approval queue, appended once: approved, rejected or expired (with who and
 * when), `executed` when the agent acted on an approved item, `abandoned` when it could no longer
 * (the opportunity was gone or failed the risk and budget checks again).
 */
export const approvalDecisions = defineLedger({
  name: 'approval_decisions',
  path: 'state/approval_decisions.csv',
  description: 'Decisions on the approval queue (approved, rejected, expired, executed, abandoned) with who and when.',
  row: z.object({
    ts: isoTime,
    approval_id: csvString.min(1),
    agent: csvString.min(1),
    kind: csvString.min(1),
    decision: z.enum(['approved', 'rejected', 'expired', 'executed', 'abandoned']),
    by: csvString.min(1),
    amount: csvString,
  }),
});
