/**
 * The dashboard's view of the sports agents, pure: the analytics agent's next predictions and its
 * walk-forward validation (measured accuracy beside the target, never judged here), and the
 * betting agent's book with yield summed in cents from every settled row of the P&L ledger.
 */
import type { DocOf, RowOf } from '../../contracts/contract.js';
import type { SportsSummary } from '../../contracts/sports-view.js';
import { sportsBetting, sportsBettingPnl, sportsPredictions } from '../../contracts/ventures.js';

/** Upcoming predictions shown, soonest kick-off first. */
export const UPCOMING_SHOWN = 30;
/** Settled bets listed beside their closing price, latest first. */
export const CLV_BETS_SHOWN = 20;

const cents = (usd: number) => Math.round(usd * 100);

export function sportsSummaryOf(
  predictions: DocOf<typeof sportsPredictions> | undefined,
  betting: DocOf<typeof sportsBetting> | undefined,
  rows: readonly RowOf<typeof sportsBettingPnl>[],
): SportsSummary {
  const missing = [...(predictions ? [] : [sportsPredictions.path]), ...(betting ? [] : [sportsBetting.path])];
  return { predictions: predictions ? predictionsView(predictions) : null, betting: betting ? bettingView(betting, rows) : null, missing };
}

function predictionsView(doc: DocOf<typeof sportsPredictions>): NonNullable<SportsSummary['predictions']> {
  const v = doc.validation;
  // "Upcoming" against the document's own time, not the wall clock: a simulated mesh runs in market time.
  const asOf = Date.parse(doc.updated_at);
  const upcoming = doc.predictions
    .filter((p) => Date.parse(p.kickoff) >= asOf)
    .sort((a, b) => Date.parse(a.kickoff) - Date.parse(b.kickoff) || a.match_id.localeCompare(b.match_id))
    .slice(0, UPCOMING_SHOWN)
    .map((p) => ({ match_id: p.match_id, league: p.league ?? null, home: p.home, away: p.away, kickoff: p.kickoff, p_home: p.p_home, p_draw: p.p_draw, p_away: p.p_away }));
  return {
    updated_at: doc.updated_at,
    model: doc.model,
    fixtures_simulated: doc.simulated ?? false,
    accuracy: { measured: v.accuracy, target: v.target_accuracy ?? null, baseline: v.baseline_accuracy ?? null },
    brier: v.brier ?? null,
    log_loss: v.log_loss,
    matches: v.matches,
    seasons: v.seasons ?? null,
    calibration: (v.calibration ?? []).map((b) => ({ from: b.from, to: b.to, n: b.n, predicted: b.predicted, observed: b.observed })),
    upcoming,
    total_predictions: doc.predictions.length,
  };
}

function bettingView(doc: DocOf<typeof sportsBetting>, rows: readonly RowOf<typeof sportsBettingPnl>[]): NonNullable<SportsSummary['betting']> {
  let staked = 0, profit = 0, commission = 0;
  for (const r of rows) {
    if (r.status === 'placed') continue;
    if (r.status !== 'void') staked += cents(r.stake);
    profit += cents(r.pnl);
    commission += cents(r.commission);
  }
  const closed = (doc.clv_bets ?? []).map((b) => ({ ...b, clv: b.decimal_odds / b.closing_odds - 1 }));
  return {
    updated_at: doc.updated_at,
    simulated: doc.simulated,
    bankroll: doc.bankroll,
    open_stake: doc.staked,
    settled_bets: doc.settled_bets,
    total_staked: staked / 100,
    profit: profit / 100,
    commission: commission / 100,
    yield: staked > 0 ? profit / staked : null,
    clv: doc.clv,
    beat_close: closed.length ? closed.filter((b) => b.decimal_odds > b.closing_odds).length / closed.length : null,
    clv_bets: closed.slice(-CLV_BETS_SHOWN).reverse(),
    open_bets: doc.open_bets.map((b) => ({ ...b })),
    bankroll_curve: doc.bankroll_curve.map((p) => ({ ...p })),
  };
}
