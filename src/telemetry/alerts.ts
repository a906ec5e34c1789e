/**
 * Which alerts to send (pure): new drawdown-guard events (tiers, halt, recovery), risk-governor
 * trading-state changes, and guardian repairs, each after a watermark so a restart does not
 * resend history.
 */
import type { DrawdownEvent } from '../contracts/risk.js';

export interface RepairEvent {
  agent: string;
  at: string;
  detail: string;
}

export interface AlertCursor {
  /** ISO time of the newest drawdown event already alerted. */
  drawdownAt: string;
  governorState: string | null;
  repairAt: string;
}

export function pendingAlerts(
  cursor: AlertCursor,
  drawdownEvents: readonly DrawdownEvent[],
  governor: { trading_state: string; gates: readonly { name: string; active: boolean; reason: string }[] } | undefined,
  repairs: readonly RepairEvent[],
  simulated: boolean,
): { messages: string[]; cursor: AlertCursor } {
  const tag = simulated ? '[NeoLight · simulated] ' : '[NeoLight] ';
  const messages: string[] = [];
  const next = { ...cursor };
  for (const e of drawdownEvents) {
    if (e.at <= cursor.drawdownAt || e.type === 'new_high') continue;
    messages.push(`${tag}drawdown ${e.type.replace('_', ' ')}: ${e.detail} (equity ${e.equity.toFixed(2)}, multiplier ${e.multiplier})`);
    if (e.at > next.drawdownAt) next.drawdownAt = e.at;
  }
  if (governor && cursor.governorState !== null && governor.trading_state !== cursor.governorState) {
    const why = governor.gates.filter((g) => g.active && g.name !== 'exposure_regime').map((g) => g.reason);
    messages.push(`${tag}risk governor: ${cursor.governorState} → ${governor.trading_state}${why.length ? ` (${why.join('; ')})` : ''}`);
  }
  if (governor) next.governorState = governor.trading_state;
  for (const r of repairs) {
    if (r.at <= cursor.repairAt) continue;
    messages.push(`${tag}guardian repaired ${r.agent}: ${r.detail}`);
    if (r.at > next.repairAt) next.repairAt = r.at;
  }
  return { messages, cursor: next };
}
