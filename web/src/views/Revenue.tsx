/**
 * Revenue: `revenue_by_agent` from the live status as a bar chart and a table. Only agents that
 * report appear; an agent that does not run is absent, never shown as zero. Below, the content
 * agent's pipeline (./ContentCard.tsx).
 */
import type { StatusDocument } from '../../../src/contracts/status.js';
import { Card, EmptyState, ErrorState, Loading } from '../components/states.js';
import { formatMoney, formatSignedMoney, formatTime } from '../format.js';
import { useLive } from '../live.js';
import { HealthcareCard } from './HealthcareCard.js';
import { ContentCard } from './ContentCard.js';
import { VenturesCard } from './VenturesCard.js';

type Revenue = NonNullable<StatusDocument['revenue_by_agent']>;
type Row = { agent: string } & Revenue['agents'][keyof Revenue['agents']];

function rowsOf(r: Revenue): Row[] {
  const out: Row[] = [];
  for (const [agent, v] of Object.entries(r.agents)) if (v) out.push({ agent, ...v });
  return out.sort((a, b) => b.profit - a.profit);
}

function ProfitBars({ rows }: { rows: Row[] }) {
  const max = Math.max(...rows.map((r) => Math.max(Math.abs(r.profit), Math.abs(r.revenue))), 1e-9);
  return (
    <ul className="hbars" data-testid="revenue-chart" aria-label="Revenue and profit by agent">
      {rows.map((r) => (
        <li key={r.agent}>
          <span className="hbar-label">{r.agent.replace(/_/g, ' ')}</span>
          <span className="hbar-track">
            <span className="hbar revenue" style={{ width: `${(Math.abs(r.revenue) / max) * 100}%` }} title={`revenue ${formatMoney(r.revenue)}`} />
            <span className={`hbar ${r.profit >= 0 ? 'profit' : 'loss'}`} style={{ width: `${(Math.abs(r.profit) / max) * 100}%` }} title={`profit ${formatMoney(r.profit)}`} />
          </span>
          <span className={`hbar-value ${r.profit >= 0 ? 'up' : 'down'}`}>{formatSignedMoney(r.profit)}</span>
        </li>
      ))}
    </ul>
  );
}

export function RevenueView() {
  const { status, statusError } = useLive();
  if (!status) {
    return statusError ? <ErrorState error={statusError} what="revenue" /> : <Loading what="revenue" />;
  }
  const rev = status.revenue_by_agent;
  const rows = rev ? rowsOf(rev) : [];
  return (
    <div className="grid">
      <Card title="Revenue by agent" className="wide" testId="revenue" aside={rev ? <span className="muted">updated {formatTime(rev.updated_at)}</span> : null}>
        {!rev || rows.length === 0 ? (
          <EmptyState title="No revenue reported yet">
            Agents add their revenue, cost and profit to state/revenue_by_agent.json as they settle trades or sales; the SmartTrader reports once it has fills.
          </EmptyState>
        ) : (
          <>
            <div className="big" data-testid="total-profit">
              {formatSignedMoney(rev.total_profit)} <small>total profit</small>
            </div>
            <ProfitBars rows={rows} />
            <p className="legend-line muted small">
              <span className="swatch rev" /> revenue <span className="swatch prof" /> profit <span className="swatch loss" /> loss
            </p>
            <div className="table-scroll">
              <table data-testid="revenue-table">
                <thead>
                  <tr>
                    <th>Agent</th>
                    <th className="num">Revenue</th>
                    <th className="num">Cost</th>
                    <th className="num">Profit</th>
                    <th>Source</th>
                    <th>Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.agent}>
                      <td>{r.agent}</td>
                      <td className="num">{formatMoney(r.revenue)}</td>
                      <td className="num">{formatMoney(r.cost)}</td>
                      <td className={`num ${r.profit >= 0 ? 'up' : 'down'}`}>{formatSignedMoney(r.profit)}</td>
                      <td>{r.simulated ? <span className="badge badge-simulated small">SIMULATED</span> : 'real venue'}</td>
                      <td>{formatTime(r.updated_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>
      <VenturesCard />
      <HealthcareCard />
      <ContentCard />
    </div>
  );
}
