/**
 * The Capital view's hedge book card (state/hedge_book.json): the shorts the hedge engine opened in
 * sim and paper mode, marked at the mid, and the closed ones with what they made after borrow and
 * fees. Figures from a simulated venue carry the SIMULATED badge.
 */
import { getHedgeBook, type HedgeBook as HedgeBookDoc } from '../api/endpoints.js';
import { Card, EmptyState, ErrorState, Loading, MissingState, StaleNote } from '../components/states.js';
import { formatMoney, formatTime } from '../format.js';
import { useResource } from '../useResource.js';

const cents = (c: number) => formatMoney(c / 100);

/** The hedge book: open shorts marked at the mid, closed ones with what they made, borrow and fees. */
export function HedgeBookCard() {
  const res = useResource(getHedgeBook, ['hedge_book']);
  if (res.phase === 'loading') return <Loading what="hedge book" />;
  if (res.phase === 'error') return res.error.kind === 'not_found' ? <MissingState error={res.error} what="hedge book" empty="The hedge engine writes its book at its first tick; in live mode it books nothing (no live venue can short)." /> : <ErrorState error={res.error} what="hedge book" onRetry={res.reload} />;
  const d: HedgeBookDoc = res.data;
  return (
    <Card
      title="Hedges executed"
      className="wide"
      testId="hedge-book"
      aside={
        <span className="muted" data-testid="hedge-book-totals">
          P&amp;L {cents(d.pnl_cents)} (realised {cents(d.realized_cents)}, open {cents(d.unrealized_cents)}) · borrow {cents(d.borrow_cents)} · fees {cents(d.fee_cents)} {d.simulated ? <span className="badge badge-simulated small">SIMULATED</span> : null}
        </span>
      }
    >
      {d.open.length === 0 ? (
        <EmptyState title="No open hedge">Every factor exposure is inside its limit without one.</EmptyState>
      ) : (
        <table data-testid="open-hedges">
          <thead>
            <tr>
              <th>Open short</th>
              <th className="num">Qty</th>
              <th className="num">Entry → mark</th>
              <th className="num">P&amp;L</th>
              <th className="num">Borrow</th>
              <th className="num">Fees</th>
              <th>Opened</th>
            </tr>
          </thead>
          <tbody>
            {d.open.map((h) => (
              <tr key={h.id} data-testid={`open-hedge-${h.id}`}>
                <td>{h.instrument}</td>
                <td className="num">{h.qty}</td>
                <td className="num">
                  {formatMoney(h.entry_price)} → {formatMoney(h.mark_price)}
                </td>
                <td className={`num ${h.unrealized_cents < 0 ? 'down' : 'up'}`}>{cents(h.unrealized_cents)}</td>
                <td className="num">{cents(h.borrow_cents)}</td>
                <td className="num">{cents(h.fee_cents)}</td>
                <td>{formatTime(h.opened_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.closed.length > 0 ? (
        <table data-testid="closed-hedges">
          <thead>
            <tr>
              <th>Closed short</th>
              <th className="num">Qty</th>
              <th className="num">Entry → exit</th>
              <th className="num">Realised</th>
              <th className="num">Borrow</th>
              <th className="num">Fees</th>
              <th>Closed</th>
            </tr>
          </thead>
          <tbody>
            {d.closed
              .slice()
              .reverse()
              .map((h) => (
                <tr key={h.id} data-testid={`closed-hedge-${h.id}`}>
                  <td>{h.instrument}</td>
                  <td className="num">{h.qty}</td>
                  <td className="num">
                    {formatMoney(h.entry_price)} → {formatMoney(h.exit_price)}
                  </td>
                  <td className={`num ${h.realized_cents < 0 ? 'down' : 'up'}`}>{cents(h.realized_cents)}</td>
                  <td className="num">{cents(h.borrow_cents)}</td>
                  <td className="num">{cents(h.fee_cents)}</td>
                  <td>{formatTime(h.closed_at)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ) : null}
      <StaleNote error={res.error} />
    </Card>
  );
}

