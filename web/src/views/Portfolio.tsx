/**
 * Portfolio: positions (the SmartTrader's book from state/smart_trader_state.json, or rebuilt from
 * the fills ledger before its first state), allocation targets against current weights
 * (./Allocations.tsx), and the most recent fills.
 */
import type { ApiError } from '../api/client.js';
import { getPerformance, getPnlHistory, getSmartTraderState, type PnlRow, type SmartTraderState } from '../api/endpoints.js';
import { Card, EmptyState, ErrorState, Loading, StaleNote } from '../components/states.js';
import { headline, positionsFromFills, positionsFromState, type Position } from '../derive.js';
import { formatMoney, formatNumber, formatSignedMoney, formatTime } from '../format.js';
import { useResource, type Resource } from '../useResource.js';
import { AllocationsCard } from './Allocations.js';

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
              <tr key={p.symbol} data-testid={`position-row-${p.symbol}`}>
                <td>
                  <strong>{p.symbol}</strong>
                </td>
                <td className="num">{formatNumber(p.qty)}</td>
                <td className="num">{formatMoney(p.avgPrice)}</td>
                <td className="num">{formatMoney(p.lastPrice)}</td>
                <td className="num">{formatMoney(p.marketValue)}</td>
                <td className={`num ${p.unrealizedPnl >= 0 ? 'up' : 'down'}`}>{formatSignedMoney(p.unrealizedPnl)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{source}</p>
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

type PositionsView =
  | { phase: 'loading' }
  | { phase: 'ready'; positions: Position[]; source: string }
  | { phase: 'error'; error: ApiError; reload(): void }
  | { phase: 'empty' };

/**
 * The SmartTrader's book once it has written state/smart_trader_state.json. Only before its first
 * state (404) are positions rebuilt from the fills; a state that fails its contract is an error,
 * not a silent switch to a different source.
 */
function positionsView(trader: Resource<SmartTraderState> & { reload(): void }, fills: Resource<PnlRow[]> & { reload(): void }): PositionsView {
  if (trader.phase === 'loading') return { phase: 'loading' };
  if (trader.phase === 'ready') {
    const t = trader.data;
    return {
      phase: 'ready',
      positions: positionsFromState(t),
      source: `From state/smart_trader_state.json (${formatTime(t.updated_at)}): cash ${formatMoney(t.cash_cents / 100)}, equity ${formatMoney(t.equity)}.`,
    };
  }
  if (trader.error.kind !== 'not_found') return { phase: 'error', error: trader.error, reload: trader.reload };
  if (fills.phase === 'loading') return { phase: 'loading' };
  if (fills.phase === 'ready') {
    return { phase: 'ready', positions: positionsFromFills(fills.data), source: 'Rebuilt from state/pnl_history.csv (last fill price as mark) until the SmartTrader writes its state.' };
  }
  return fills.error.kind === 'not_found' ? { phase: 'empty' } : { phase: 'error', error: fills.error, reload: fills.reload };
}

export function Portfolio() {
  const fills = useResource(() => getPnlHistory(1000), ['pnl_history']);
  const trader = useResource(getSmartTraderState, ['smart_trader_state']);
  const perf = useResource(() => getPerformance(1), ['performance_metrics']);

  const view = positionsView(trader, fills);
  const positions = view.phase === 'ready' ? view.positions : null;
  // The allocator weighs holdings against the last performance_metrics equity; the trader's own is next best.
  const equity = (perf.phase === 'ready' ? headline(perf.data)?.equity : undefined) ?? (trader.phase === 'ready' ? trader.data.equity : null);

  return (
    <div className="grid">
      <Card title="Positions" className="wide" testId="positions">
        {view.phase === 'ready' ? (
          <Positions positions={view.positions} source={view.source} />
        ) : view.phase === 'loading' ? (
          <Loading what="positions" />
        ) : view.phase === 'error' ? (
          <ErrorState error={view.error} what="positions" onRetry={view.reload} />
        ) : (
          <EmptyState title="No positions yet">The SmartTrader opens positions once allocations exist; start the mesh with `npm start`.</EmptyState>
        )}
      </Card>
      <AllocationsCard positions={positions} equity={equity} />
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
