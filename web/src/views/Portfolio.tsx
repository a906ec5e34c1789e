/**
 * Portfolio: positions (from the SmartTrader's state document when it lists them, otherwise
 * rebuilt from the fills ledger), allocation targets against current weights with drift (the
 * allocator's report when present), and the most recent fills.
 */
import { useMemo } from 'react';
import { getAllocations, getDocument, getPerformance, getPnlHistory, type PnlRow } from '../api/endpoints.js';
import { parseAllocatorDrift, positionsOfDocument } from '../api/extra-docs.js';
import { Card, EmptyState, ErrorState, Loading, StaleNote } from '../components/states.js';
import { driftRows, headline, positionsFromFills, totalDrift, type DriftRow, type Position } from '../derive.js';
import { formatMoney, formatNumber, formatPercent, formatSignedMoney, formatSignedPercent, formatTime } from '../format.js';
import { useResource } from '../useResource.js';

function Positions({ positions, source }: { positions: Position[]; source: string }) {
  if (positions.length === 0) {
    return <EmptyState title="No open positions">The SmartTrader opens positions once allocations exist and the drift passes its threshold.</EmptyState>;
  }
  return (
    <>
      <div className="table-scroll">
        <table data-testid="positions-table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th className="num">Quantity</th>
              <th className="num">Avg price</th>
              <th className="num">Last price</th>
              <th className="num">Market value</th>
              <th className="num">Unrealised P&amp;L</th>
            </tr>
          </thead>
          <tbody>
            {positions.map((p) => (
              <tr key={p.symbol}>
                <td>
                  <strong>{p.symbol}</strong>
                </td>
                <td className="num">{formatNumber(p.qty)}</td>
                <td className="num">{formatMoney(p.avgPrice)}</td>
                <td className="num">{formatMoney(p.lastPrice)}</td>
                <td className="num">{formatMoney(p.marketValue)}</td>
                <td className={`num ${(p.unrealizedPnl ?? 0) >= 0 ? 'up' : 'down'}`}>{formatSignedMoney(p.unrealizedPnl)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{source}</p>
    </>
  );
}

function DriftTable({ rows, total, source }: { rows: DriftRow[]; total: number | null; source: string }) {
  return (
    <>
      <div className="table-scroll">
        <table data-testid="drift-table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th className="num">Target</th>
              <th className="num">Current</th>
              <th className="num">Drift</th>
              <th className="bar-col">Target vs current</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.symbol}>
                <td>
                  <strong>{r.symbol}</strong>
                </td>
                <td className="num">{formatPercent(r.target)}</td>
                <td className="num">{formatPercent(r.current)}</td>
                <td className={`num ${Math.abs(r.drift ?? 0) > 0.02 ? 'warn' : ''}`}>{formatSignedPercent(r.drift)}</td>
                <td className="bar-col">
                  <div className="bars" aria-hidden="true">
                    <span className="bar target" style={{ width: `${Math.min(100, ((r.target ?? 0) / 0.35) * 100)}%` }} />
                    <span className="bar current" style={{ width: `${Math.min(100, ((r.current ?? 0) / 0.35) * 100)}%` }} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Total drift {formatPercent(total)} · {source} · bars scaled to the 35 % cap.
      </p>
    </>
  );
}

function Fills({ fills }: { fills: PnlRow[] }) {
  const recent = [...fills].sort((a, b) => b.seq - a.seq).slice(0, 50);
  if (recent.length === 0) {
    return <EmptyState title="No fills yet">No fills yet — the SmartTrader trades once allocations exist (runtime/allocations_override.json) and a quote's spread is inside its limit.</EmptyState>;
  }
  return (
    <div className="table-scroll">
      <table data-testid="fills-table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Symbol</th>
            <th>Side</th>
            <th className="num">Qty</th>
            <th className="num">Price</th>
            <th className="num">Notional</th>
            <th className="num">Fee</th>
            <th className="num">Realised</th>
            <th>Mode</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {recent.map((f) => (
            <tr key={f.seq}>
              <td>{formatTime(f.ts)}</td>
              <td>{f.symbol}</td>
              <td className={f.side === 'buy' ? 'up' : 'down'}>{f.side}</td>
              <td className="num">{formatNumber(f.qty)}</td>
              <td className="num">{formatMoney(f.price)}</td>
              <td className="num">{formatMoney(f.notional)}</td>
              <td className="num">{formatMoney(f.fee)}</td>
              <td className="num">{formatSignedMoney(f.realized_pnl)}</td>
              <td>{f.mode === 'sim' ? 'simulated' : f.mode}</td>
              <td className="muted">{f.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Portfolio() {
  const fills = useResource(() => getPnlHistory(1000), ['pnl_history']);
  const trader = useResource(() => getDocument('smart_trader_state'), ['smart_trader_state']);
  const alloc = useResource(getAllocations, ['allocations_override']);
  const drift = useResource(() => getDocument('allocator_drift'), ['allocator_drift']);
  const perf = useResource(() => getPerformance(1), ['performance_metrics']);

  const fromDoc = trader.phase === 'ready' ? positionsOfDocument(trader.data) : null;
  const fromFills = useMemo(() => (fills.phase === 'ready' ? positionsFromFills(fills.data) : null), [fills]);
  const positions = fromDoc ?? fromFills;
  const equity = perf.phase === 'ready' ? (headline(perf.data)?.equity ?? null) : null;

  const allocatorReport = drift.phase === 'ready' ? parseAllocatorDrift(drift.data) : null;
  const derivedDrift = alloc.phase === 'ready' && positions ? driftRows(alloc.data.allocations, positions, equity) : null;

  return (
    <div className="grid">
      <Card title="Positions" className="wide" testId="positions">
        {positions ? (
          <Positions positions={positions} source={fromDoc ? 'From the SmartTrader state document.' : 'Rebuilt from state/pnl_history.csv (last fill price as mark).'} />
        ) : fills.phase === 'loading' ? (
          <Loading what="positions" />
        ) : fills.phase === 'error' && fills.error.kind !== 'not_found' ? (
          <ErrorState error={fills.error} what="positions" onRetry={fills.reload} />
        ) : (
          <EmptyState title="No positions yet">The SmartTrader opens positions once allocations exist; start the mesh with `npm start`.</EmptyState>
        )}
      </Card>
      <Card title="Allocations vs targets" className="wide" testId="allocations">
        {allocatorReport ? (
          <DriftTable rows={allocatorReport.rows} total={allocatorReport.total ?? totalDrift(allocatorReport.rows)} source="drift from the allocator's report" />
        ) : derivedDrift ? (
          <DriftTable rows={derivedDrift} total={totalDrift(derivedDrift)} source="current weights = position value / equity" />
        ) : alloc.phase === 'loading' ? (
          <Loading what="allocations" />
        ) : alloc.phase === 'error' && alloc.error.kind !== 'not_found' ? (
          <ErrorState error={alloc.error} what="allocations" onRetry={alloc.reload} />
        ) : (
          <EmptyState title="No allocation targets yet">The weights bridge writes runtime/allocations_override.json from the Strategy Lab's runtime/strategy_weights.json; both run in the mesh.</EmptyState>
        )}
      </Card>
      <Card title="Recent fills" className="wide" testId="fills">
        {fills.phase === 'loading' ? (
          <Loading what="fills" />
        ) : fills.phase === 'error' ? (
          fills.error.kind === 'not_found' ? (
            <Fills fills={[]} />
          ) : (
            <ErrorState error={fills.error} what="fills" onRetry={fills.reload} />
          )
        ) : (
          <>
            <Fills fills={fills.data} />
            <StaleNote error={fills.error} />
          </>
        )}
      </Card>
    </div>
  );
}
