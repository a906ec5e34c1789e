/**
 * The Portfolio's "Allocations vs targets" card. Once the allocator has run it shows its report
 * (state/allocator_drift.json) as written: per asset target and current weight, drift and the
 * notional to trade, the total drift and whether it calls for a rebalance against its threshold.
 * Before that first report, drift is derived from runtime/allocations_override.json and the
 * positions with the allocator's own formula, and says so.
 */
import { getAllocations, getAllocatorDrift, type AllocatorDrift } from '../api/endpoints.js';
import { Card, EmptyState, ErrorState, Loading, MissingState, StaleNote } from '../components/states.js';
import { derivedDrift, type DriftRow, type Position } from '../derive.js';
import { formatMoney, formatPercent, formatSignedMoney, formatSignedPercent, formatTime } from '../format.js';
import { useResource } from '../useResource.js';

// The SmartTrader's default per-asset threshold (trader.drift_threshold): inside a rebalance it
// trades only assets past it. No document carries the configured value, so it only highlights.
const ASSET_DRIFT_HIGHLIGHT = 0.02;
// The risk checks' per-position cap; the bars are drawn against it so a full bar means "at the cap".
const POSITION_CAP = 0.35;

const barWidth = (w: number | null) => `${Math.max(0, Math.min(100, ((w ?? 0) / POSITION_CAP) * 100))}%`;

function DriftTable({ rows }: { rows: readonly DriftRow[] }) {
  return (
    <div className="table-scroll">
      <table data-testid="drift-table">
        <thead>
          <tr>
            <th>Symbol</th>
            <th className="num">Target</th>
            <th className="num">Current</th>
            <th className="num">Drift</th>
            <th className="num">To trade</th>
            <th className="bar-col">Target vs current</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.symbol} data-testid={`drift-row-${r.symbol}`}>
              <td>
                <strong>{r.symbol}</strong>
              </td>
              <td className="num">{formatPercent(r.target_weight)}</td>
              <td className="num">{formatPercent(r.current_weight)}</td>
              <td className={`num ${Math.abs(r.drift ?? 0) > ASSET_DRIFT_HIGHLIGHT ? 'warn' : ''}`}>{formatSignedPercent(r.drift)}</td>
              <td className="num">{formatSignedMoney(r.trade_notional)}</td>
              <td className="bar-col">
                <div className="bars" aria-hidden="true">
                  <span className="bar target" style={{ width: barWidth(r.target_weight) }} />
                  <span className="bar current" style={{ width: barWidth(r.current_weight) }} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AllocatorReport({ report }: { report: AllocatorDrift }) {
  const { total_drift: total, threshold } = report;
  return (
    <>
      {report.assets.length === 0 ? (
        <EmptyState title="No targets or holdings">The allocator's report lists no asset: the allocation is empty and nothing is held.</EmptyState>
      ) : (
        <DriftTable rows={report.assets} />
      )}
      <p className={report.rebalance_needed ? 'warn' : ''} data-testid="drift-summary">
        Total drift {formatPercent(total)} {report.rebalance_needed ? '>' : '≤'} threshold {formatPercent(threshold)}:{' '}
        {report.rebalance_needed ? 'rebalance needed' : 'no rebalance needed'}.
      </p>
      <p className="muted small">
        From state/allocator_drift.json ({report.source}, equity {formatMoney(report.equity)}, {formatTime(report.updated_at)}). Total drift = (Σ|drift| +
        |Σdrift|) / 2, cash balancing; bars scaled to the 35 % position cap.
      </p>
    </>
  );
}

function Derived({ targets, positions, equity }: { targets: Readonly<Record<string, number>>; positions: readonly Position[] | null; equity: number | null }) {
  // Without the positions (still loading or failed) every current weight would read 0: show targets only.
  const { rows, total } = derivedDrift(targets, positions ?? [], positions ? equity : null);
  return (
    <>
      <DriftTable rows={rows} />
      <p data-testid="drift-summary">
        Total drift {formatPercent(total)}
        {total === null ? ' (needs the positions and the equity)' : ''}.
      </p>
      <p className="muted small">
        The allocator has not written state/allocator_drift.json yet: targets are runtime/allocations_override.json before risk scaling, current weights
        position value / equity, total drift by the allocator's formula (Σ|drift| + |Σdrift|) / 2. The allocator decides on rebalancing.
      </p>
    </>
  );
}

export function AllocationsCard({ positions, equity }: { positions: readonly Position[] | null; equity: number | null }) {
  const report = useResource(getAllocatorDrift, ['allocator_drift']);
  const alloc = useResource(getAllocations, ['allocations_override']);
  let body;
  if (report.phase === 'loading') body = <Loading what="the allocator's report" />;
  else if (report.phase === 'ready') {
    body = (
      <>
        <AllocatorReport report={report.data} />
        <StaleNote error={report.error} />
      </>
    );
  } else if (report.error.kind !== 'not_found') body = <ErrorState error={report.error} what="the allocator's report" onRetry={report.reload} />;
  else if (alloc.phase === 'loading') body = <Loading what="allocations" />;
  else if (alloc.phase === 'ready') body = <Derived targets={alloc.data.allocations} positions={positions} equity={equity} />;
  else {
    body = (
      <MissingState
        error={alloc.error}
        what="allocation targets"
        empty="The weights bridge writes runtime/allocations_override.json from the Strategy Lab's runtime/strategy_weights.json; both run in the mesh."
      />
    );
  }
  return (
    <Card title="Allocations vs targets" className="wide" testId="allocations">
      {body}
    </Card>
  );
}
