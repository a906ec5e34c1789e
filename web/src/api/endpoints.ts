/**
 * One function per status-API endpoint the dashboard reads or calls, each parsing the answer with
 * the shared contract schema (src/contracts) so the page and the API cannot drift apart: a document
 * that fails its schema becomes an `invalid` error naming the field, never a half-rendered view.
 */
import { z } from 'zod';
import { atlasBrain, intelligenceSummary } from '../../../src/contracts/brain.js';
import { capitalBudgetChanges, capitalBudgets, hedgeBook, hedgeProposals } from '../../../src/contracts/capital.js';
import { contentSummary } from '../../../src/contracts/content.js';
import type { DocOf } from '../../../src/contracts/contract.js';
import { performancePeriods } from '../../../src/contracts/performance-periods.js';
import { allocatorDrift, drawdownGuard, riskGovernor } from '../../../src/contracts/risk.js';
import { smartTraderState } from '../../../src/contracts/smart-trader.js';
import { sportsSummary, type SportsSummary } from '../../../src/contracts/sports-view.js';
import { approvalItem, statusDocument } from '../../../src/contracts/status.js';
import { performanceMetrics, pnlHistory } from '../../../src/contracts/trading.js';
import { tunedParameters, tuningDecisions } from '../../../src/contracts/tuning.js';
import { healthcareModels, healthcareProjects } from '../../../src/contracts/ventures.js';
import { wealthTrajectory } from '../../../src/contracts/wealth.js';
import { allocationsOverride } from '../../../src/contracts/weights.js';
import { get, post, type ApiResult } from './client.js';

export const getStatus = () => get('/status', statusDocument);

const doc = (name: string) => `/api/documents/${encodeURIComponent(name)}`;

export const getAtlasBrain = () => get(doc('atlas_brain'), atlasBrain.schema);
export const getIntelligenceSummary = () => get(doc('intelligence_summary'), intelligenceSummary.schema);
export const getWealthTrajectory = () => get(doc('wealth_trajectory'), wealthTrajectory.schema);
export const getAllocations = () => get(doc('allocations_override'), allocationsOverride.schema);
export const getRiskGovernor = () => get(doc(riskGovernor.name), riskGovernor.schema);
export const getDrawdownGuard = () => get(doc(drawdownGuard.name), drawdownGuard.schema);
export const getAllocatorDrift = () => get(doc(allocatorDrift.name), allocatorDrift.schema);
export const getSmartTraderState = () => get(doc(smartTraderState.name), smartTraderState.schema);

export const getCapitalBudgets = () => get(doc(capitalBudgets.name), capitalBudgets.schema);
export const getHedgeProposals = () => get(doc(hedgeProposals.name), hedgeProposals.schema);
export type CapitalBudgets = DocOf<typeof capitalBudgets>;
export type HedgeProposals = DocOf<typeof hedgeProposals>;
export const getHedgeBook = () => get(doc(hedgeBook.name), hedgeBook.schema);
export type HedgeBook = DocOf<typeof hedgeBook>;
export const getHealthcareProjects = () => get(doc(healthcareProjects.name), healthcareProjects.schema);
export const getHealthcareModels = () => get(doc(healthcareModels.name), healthcareModels.schema);
export type HealthcareProjects = DocOf<typeof healthcareProjects>;
export type HealthcareModels = DocOf<typeof healthcareModels>;

export type RiskGovernor = DocOf<typeof riskGovernor>;
export type DrawdownGuard = DocOf<typeof drawdownGuard>;
export type AllocatorDrift = DocOf<typeof allocatorDrift>;
export type SmartTraderState = DocOf<typeof smartTraderState>;

const entry = { seq: z.coerce.number().int(), key: z.string() };
export const pnlRow = pnlHistory.row.extend(entry);
export const metricsRow = performanceMetrics.row.extend(entry);
export type PnlRow = z.infer<typeof pnlRow>;
export type MetricsRow = z.infer<typeof metricsRow>;

/** The ledger endpoint answers `{rows: [...]}`; a bare array is accepted too. */
const rows = <S extends z.ZodType>(row: S) =>
  z.union([z.object({ rows: z.array(row) }), z.array(row).transform((r) => ({ rows: r }))]);
const ledger = (name: string, limit: number) => `/api/ledgers/${encodeURIComponent(name)}?limit=${limit}`;

export async function getPnlHistory(limit = 500): Promise<ApiResult<PnlRow[]>> {
  const r = await get(ledger('pnl_history', limit), rows(pnlRow));
  return r.ok ? { ok: true, data: r.data.rows } : r;
}

export async function getPerformance(limit = 2000): Promise<ApiResult<MetricsRow[]>> {
  const r = await get(ledger('performance_metrics', limit), rows(metricsRow));
  return r.ok ? { ok: true, data: r.data.rows } : r;
}

/** The content agent's pipeline and its revenue by stream, summarised by the API. */
export const getContent = () => get('/api/content', contentSummary);
export const getSports = () => get('/api/sports', sportsSummary);
export type { SportsSummary };

export const capitalChangeRow = capitalBudgetChanges.row.extend(entry);
export type CapitalChangeRow = z.infer<typeof capitalChangeRow>;

export const getTunedParameters = () => get(doc(tunedParameters.name), tunedParameters.schema);
export type TunedParameters = DocOf<typeof tunedParameters>;
export const tuningDecisionRow = tuningDecisions.row.extend(entry);
export type TuningDecisionRow = z.infer<typeof tuningDecisionRow>;

export async function getTuningDecisions(limit = 100): Promise<ApiResult<TuningDecisionRow[]>> {
  const r = await get(ledger(tuningDecisions.name, limit), rows(tuningDecisionRow));
  return r.ok ? { ok: true, data: r.data.rows } : r;
}

export async function getCapitalChanges(limit = 500): Promise<ApiResult<CapitalChangeRow[]>> {
  const r = await get(ledger(capitalBudgetChanges.name, limit), rows(capitalChangeRow));
  return r.ok ? { ok: true, data: r.data.rows } : r;
}

/** Monthly and yearly returns and the worst drawdowns of the live run, computed by the API from the equity ledger. */
export const getPerformancePeriods = () => get('/api/performance/periods', performancePeriods);

export async function getAgentLog(agent: string, lines = 200): Promise<ApiResult<string[]>> {
  const r = await get(`/api/agents/${encodeURIComponent(agent)}/log?lines=${lines}`, z.object({ lines: z.array(z.string()) }));
  return r.ok ? { ok: true, data: r.data.lines } : r;
}

export const repairBundle = z.object({ agent: z.string(), at: z.string(), path: z.string(), summary: z.string() });
export type RepairBundle = z.infer<typeof repairBundle>;

export async function getRepairs(): Promise<ApiResult<RepairBundle[]>> {
  const r = await get('/api/repairs', z.object({ bundles: z.array(repairBundle) }));
  return r.ok ? { ok: true, data: r.data.bundles } : r;
}

/** `GET /api/approvals` may answer the approvals document or a bare `{items}`; both carry items. */
const approvalsAnswer = z.object({ items: z.array(approvalItem) });

export async function getApprovals(): Promise<ApiResult<z.infer<typeof approvalItem>[]>> {
  const r = await get('/api/approvals', approvalsAnswer);
  return r.ok ? { ok: true, data: r.data.items } : r;
}

export function decideApproval(id: string, decision: 'approve' | 'reject', reason?: string): Promise<ApiResult<unknown>> {
  return post(`/api/approvals/${encodeURIComponent(id)}/${decision}`, z.unknown(), reason ? { reason } : {});
}
