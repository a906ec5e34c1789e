/**
 * The commerce ventures on the Revenue view: per venture its inventory, P&L and the measured margin
 * or ROI per cycle beside the specification's target band (measured, never asserted), each labelled
 * SIMULATED when its figures come from a simulator. Reads `GET /api/ventures`.
 */
import { z } from 'zod';
import { get } from '../api/client.js';
import { Card, EmptyState, ErrorState, Loading } from '../components/states.js';
import { formatMoney, formatPercent, formatSignedMoney } from '../format.js';
import { useResource } from '../useResource.js';

const figures = z.object({
  agent: z.string(),
  metric: z.enum(['margin', 'roi_per_cycle']),
  measured: z.number().nullable(),
  target: z.object({ min: z.number(), max: z.number() }),
  inventory_count: z.number(),
  inventory_cost: z.number(),
  revenue: z.number(),
  fees: z.number(),
  profit: z.number(),
  simulated: z.boolean(),
});
export type VentureFigures = z.infer<typeof figures>;
const getVentures = () => get('/api/ventures', z.object({ ventures: z.array(figures) }));

/** Where the measured figure stands against its target band (pure). */
export function againstTarget(v: Pick<VentureFigures, 'measured' | 'target'>): 'below' | 'within' | 'above' | 'none' {
  if (v.measured === null) return 'none';
  return v.measured < v.target.min ? 'below' : v.measured > v.target.max ? 'above' : 'within';
}

export function VenturesCard() {
  const res = useResource(getVentures, ['dropship_profit', 'ticket_arbitrage', 'collectibles_pnl', 'luxury_pnl']);
  if (res.phase === 'loading') return <Loading what="ventures" />;
  if (res.phase === 'error') return <ErrorState error={res.error} what="the ventures" onRetry={res.reload} />;
  const rows = res.data.ventures;
  return (
    <Card title="Commerce ventures" className="wide" testId="ventures">
      {rows.length === 0 ? (
        <EmptyState title="No venture has traded yet">The dropshipping, ticket, collectibles and luxury agents show their inventory and P&L here after their first cycle.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table data-testid="ventures-table">
            <thead>
              <tr>
                <th>Venture</th>
                <th className="num">Inventory</th>
                <th className="num">Revenue</th>
                <th className="num">Fees</th>
                <th className="num">Profit</th>
                <th className="num">Measured</th>
                <th className="num">Target</th>
                <th>Source</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => {
                const where = againstTarget(v);
                return (
                  <tr key={v.agent} data-testid={`venture-${v.agent}`}>
                    <td>{v.agent.replace(/_/g, ' ')}</td>
                    <td className="num">
                      {v.inventory_count} · {formatMoney(v.inventory_cost)}
                    </td>
                    <td className="num">{formatMoney(v.revenue)}</td>
                    <td className="num">{formatMoney(v.fees)}</td>
                    <td className={`num ${v.profit >= 0 ? 'up' : 'down'}`}>{formatSignedMoney(v.profit)}</td>
                    <td className={`num ${where === 'within' ? 'up' : where === 'none' ? '' : 'warn'}`} title={where}>
                      {v.metric === 'margin' ? 'margin ' : 'ROI/cycle '}
                      {v.measured === null ? '—' : formatPercent(v.measured)}
                    </td>
                    <td className="num">
                      {formatPercent(v.target.min)}–{formatPercent(v.target.max)}
                    </td>
                    <td>{v.simulated ? <span className="badge badge-simulated small">SIMULATED</span> : 'real venue'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
