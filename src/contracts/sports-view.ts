/**
 * The answer of `GET /api/sports`: the sports agents' figures as the dashboard shows them, built by
 * src/ventures/sports/summary.ts from state/sports_predictions.json, state/sports_betting.json and
 * state/sports_betting_pnl.csv. The API validates its answer with this schema and the page parses
 * it with the same one. A part whose file is not written yet is null and its path is in `missing`.
 */
import { z } from 'zod';
import { isoTime } from './contract.js';

const selection = z.enum(['home', 'draw', 'away']);
const ratio = z.number().min(0).max(1);

export const sportsSummary = z
  .object({
    predictions: z
      .object({
        updated_at: isoTime,
        model: z.string(),
        /** True when the fixtures are the simulator's (the model and its validation are real data either way). */
        fixtures_simulated: z.boolean(),
        /** Walk-forward validation on real matches: measured accuracy beside the specification's target. */
        accuracy: z.object({ measured: ratio, target: ratio.nullable(), baseline: ratio.nullable() }).strict(),
        brier: z.number().min(0).nullable(),
        log_loss: z.number().min(0),
        matches: z.number().int().min(0),
        seasons: z.string().nullable(),
        calibration: z.array(z.object({ from: z.number(), to: z.number(), n: z.number().int().min(0), predicted: z.number(), observed: z.number() }).strict()),
        /** The next fixtures by kick-off (at most UPCOMING_SHOWN). */
        upcoming: z.array(z.object({ match_id: z.string(), league: z.string().nullable(), home: z.string(), away: z.string(), kickoff: isoTime, p_home: ratio, p_draw: ratio, p_away: ratio }).strict()),
        total_predictions: z.number().int().min(0),
      })
      .strict()
      .nullable(),
    betting: z
      .object({
        updated_at: isoTime,
        simulated: z.boolean(),
        bankroll: z.number(),
        open_stake: z.number().min(0),
        settled_bets: z.number().int().min(0),
        /** Over settled, non-void bets from the ledger: stakes, net P&L (after commission), commission. */
        total_staked: z.number().min(0),
        profit: z.number(),
        commission: z.number().min(0),
        /** profit / total_staked; null before a settled stake. */
        yield: z.number().nullable(),
        /** Mean of odds taken / closing odds − 1 (the agent's figure over every settled bet with a closing price). */
        clv: z.number().nullable(),
        /** Share of the listed bets taken at better odds than the close; null without closing prices. */
        beat_close: ratio.nullable(),
        clv_bets: z.array(z.object({ bet_id: z.string(), match_id: z.string(), venue: z.string(), selection, decimal_odds: z.number(), closing_odds: z.number(), clv: z.number(), settled_at: isoTime }).strict()),
        open_bets: z.array(z.object({ bet_id: z.string(), match_id: z.string(), venue: z.string(), selection, decimal_odds: z.number(), stake: z.number().min(0), placed_at: isoTime }).strict()),
        bankroll_curve: z.array(z.object({ ts: isoTime, bankroll: z.number() }).strict()),
      })
      .strict()
      .nullable(),
    /** State files not written yet (the agent has not run), by path. */
    missing: z.array(z.string()),
  })
  .strict();

export type SportsSummary = z.infer<typeof sportsSummary>;
