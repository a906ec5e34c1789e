/**
 * The betting agent's book on the Sports view: bankroll and its curve, yield (net P&L after
 * commission over settled stakes), closing-line value (odds taken against the closing odds, the
 * latest bets listed), and the open bets. Every figure carries SIMULATED when the books are.
 */
import type { SportsSummary } from '../api/endpoints.js';
import { Card, EmptyState } from '../components/states.js';
import { TimeChart } from '../components/TimeChart.js';
import { formatMoney, formatPercent, formatSignedMoney, formatSignedPercent, formatTime } from '../format.js';

type Betting = NonNullable<SportsSummary['betting']>;

const SimBadge = () => <span className="badge badge-simulated small">SIMULATED</span>;

function Headline({ b }: { b: Betting }) {
  const sim = b.simulated ? <SimBadge /> : null;
  return (
    <dl className="facts inline" data-testid="sports-book">
      <dt>Bankroll</dt>
      <dd data-testid="sports-bankroll">
        {formatMoney(b.bankroll)} {sim}
      </dd>
      <dt>Profit (after commission)</dt>
      <dd className={b.profit >= 0 ? 'up' : 'down'}>
        {formatSignedMoney(b.profit)} {sim}
      </dd>
      <dt>Yield</dt>
      <dd data-testid="sports-yield">
        {formatSignedPercent(b.yield)} <small className="muted">of {formatMoney(b.total_staked)} staked on {b.settled_bets} settled bets</small> {sim}
      </dd>
      <dt>Commission paid</dt>
      <dd>
        {formatMoney(b.commission)} {sim}
      </dd>
      <dt>Closing-line value</dt>
      <dd data-testid="sports-clv">
        {b.clv === null ? 'no closing prices known' : formatSignedPercent(b.clv)}
        {b.beat_close === null ? null : <small className="muted"> · beat the close on {formatPercent(b.beat_close)} of the latest bets</small>} {b.clv === null ? null : sim}
      </dd>
      <dt>Open stake</dt>
      <dd>
        {formatMoney(b.open_stake)} on {b.open_bets.length} bets {sim}
      </dd>
    </dl>
  );
}

function ClvTable({ b }: { b: Betting }) {
  if (b.clv_bets.length === 0) return null;
  return (
    <>
      <h3 className="sub">
        Odds taken vs closing odds (latest {b.clv_bets.length}) {b.simulated ? <SimBadge /> : null}
      </h3>
      <div className="table-scroll">
        <table data-testid="sports-clv-bets">
          <thead>
            <tr>
              <th scope="col">Settled</th>
              <th scope="col">Match</th>
              <th scope="col">Book</th>
              <th scope="col">Selection</th>
              <th scope="col" className="num">Taken</th>
              <th scope="col" className="num">Closing</th>
              <th scope="col" className="num">CLV</th>
            </tr>
          </thead>
          <tbody>
            {b.clv_bets.map((x) => (
              <tr key={x.bet_id}>
                <td>{formatTime(x.settled_at)}</td>
                <td>{x.match_id}</td>
                <td>{x.venue}</td>
                <td>{x.selection}</td>
                <td className="num">{x.decimal_odds.toFixed(2)}</td>
                <td className="num">{x.closing_odds.toFixed(2)}</td>
                <td className={`num ${x.clv >= 0 ? 'up' : 'down'}`}>{formatSignedPercent(x.clv)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function OpenBets({ b }: { b: Betting }) {
  if (b.open_bets.length === 0) return <p className="muted small">No open bets.</p>;
  return (
    <div className="table-scroll">
      <table data-testid="sports-open-bets">
        <thead>
          <tr>
            <th scope="col">Placed</th>
            <th scope="col">Match</th>
            <th scope="col">Book</th>
            <th scope="col">Selection</th>
            <th scope="col" className="num">Odds</th>
            <th scope="col" className="num">Stake</th>
          </tr>
        </thead>
        <tbody>
          {b.open_bets.map((o) => (
            <tr key={o.bet_id} data-testid={`open-bet-${o.bet_id}`}>
              <td>{formatTime(o.placed_at)}</td>
              <td>{o.match_id}</td>
              <td>{o.venue}</td>
              <td>{o.selection}</td>
              <td className="num">{o.decimal_odds.toFixed(2)}</td>
              <td className="num">
                {formatMoney(o.stake)} {b.simulated ? <SimBadge /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SportsBetting({ b }: { b: Betting | null }) {
  return (
    <Card title="Sports betting" className="wide" testId="sports-betting" aside={b ? <span className="muted">updated {formatTime(b.updated_at)}</span> : null}>
      {!b ? (
        <EmptyState title="No betting book yet">sports_betting writes state/sports_betting.json after its first cycle on the predictions.</EmptyState>
      ) : (
        <>
          {b.simulated ? <p className="note">SIMULATED: the books, prices, results and money are the simulator's; no real bet is placed.</p> : null}
          <Headline b={b} />
          {b.bankroll_curve.length > 1 ? (
            <>
              <h3 className="sub">Bankroll {b.simulated ? <SimBadge /> : null}</h3>
              <TimeChart testId="sports-bankroll-chart" height={200} series={[{ title: 'bankroll', kind: 'area', color: '#2f81f7', points: b.bankroll_curve.map((p) => ({ t: Date.parse(p.ts), value: p.bankroll })) }]} />
            </>
          ) : null}
          <h3 className="sub">Open bets {b.simulated ? <SimBadge /> : null}</h3>
          <OpenBets b={b} />
          <ClvTable b={b} />
        </>
      )}
    </Card>
  );
}
