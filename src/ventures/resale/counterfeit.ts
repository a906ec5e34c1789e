/**
 * Counterfeit risk priced by how deep an ask's discount is (pure). Counterfeits are offered below
 * genuine asks (in the simulators 15 % below: they crowd the apparent bargains), so an ask far under
 * the comps' value is more likely fake. With genuine asks log-normal around the value (log mean
 * `askBias`, spread `askSpread`) and counterfeits the same shifted by ln(1 − discount), Bayes' rule on
 * the documented share of counterfeits gives the probability that an ask with log discount
 * x = ln(ask / value) is fake — a logistic function of x that rises as x falls:
 *   logit P = ln(rate / (1 − rate)) + ((x − μg)² − (x − μf)²) / (2 σ²),  μg = askBias, μf = askBias + ln(1 − discount).
 * What a counterfeit costs the agent: caught by the authenticator (`detectionRate`) the marketplace
 * refunds the ask and the agent loses the buyer fees, shipping in, the authentication and the return
 * shipping; slipped through, it sells and comes back, and everything is lost (cost, authentication,
 * seller fees, shipping out, return shipping). The decision uses the expected net proceeds.
 */
import { COUNTERFEIT_DISCOUNT, type MarketParams } from './sim-market.js';
import type { VenueParams } from './simulator.js';
export interface CounterfeitModel {
  /** Documented share of asks that are counterfeit. */
  readonly rate: number;
  /** How far below a genuine ask a counterfeit is priced (0.15: 15 % lower). */
  readonly discount: number;
  /** Log mean and log spread of genuine asks around the value. */
  readonly askBias: number;
  readonly askSpread: number;
  /** Share of counterfeits the authenticator catches. */
  readonly detectionRate: number;
  readonly returnShippingCents: number;
}

/** Probability that an ask of `askCents` on an item valued `valueCents` is counterfeit. */
export function counterfeitProbability(askCents: number, valueCents: number, m: CounterfeitModel): number {
  if (m.rate <= 0 || askCents <= 0 || valueCents <= 0) return 0;
  if (m.rate >= 1) return 1;
  const x = Math.log(askCents / valueCents);
  const mg = m.askBias;
  const mf = m.askBias + Math.log(1 - m.discount);
  const logit = Math.log(m.rate / (1 - m.rate)) + ((x - mg) ** 2 - (x - mf) ** 2) / (2 * m.askSpread ** 2);
  return 1 / (1 + Math.exp(-logit));
}

export interface CounterfeitTerms {
  /** The ask (what the marketplace refunds for a counterfeit caught), cents. */
  readonly askCents: number;
  /** Net proceeds if genuine (sale less every fee and cost of selling and holding), cents. */
  readonly genuineNetCents: number;
  readonly authenticationCents: number;
  readonly sellerFeesCents: number;
  readonly shippingOutCents: number;
}

export interface CounterfeitRisk {
  readonly probability: number;
  /** Net proceeds if it is counterfeit, weighted over caught and slipped through, cents (negative: a loss beyond the refund). */
  readonly counterfeitNetCents: number;
  /** Expected net proceeds, cents (rounded half up). */
  readonly expectedNetCents: number;
}

export function counterfeitRisk(probability: number, t: CounterfeitTerms, m: CounterfeitModel): CounterfeitRisk {
  // Caught: the ask comes back; authentication and the return shipping are paid.
  const caught = t.askCents - t.authenticationCents - m.returnShippingCents;
  // Slipped through: sold, refunded to the buyer, worthless; every selling cost is paid.
  const slipped = -t.authenticationCents - t.sellerFeesCents - t.shippingOutCents - m.returnShippingCents;
  const counterfeitNet = m.detectionRate * caught + (1 - m.detectionRate) * slipped;
  return { probability, counterfeitNetCents: Math.round(counterfeitNet), expectedNetCents: Math.round((1 - probability) * t.genuineNetCents + probability * counterfeitNet) };
}

/** The model calibrated to a simulated market's documented parameters (what the venture is told of its marketplace). */
export function counterfeitModelOf(market: Pick<MarketParams, 'counterfeitRate' | 'askBias' | 'askNoise'>, venue: Pick<VenueParams, 'detectionRate' | 'returnShippingCents'>): CounterfeitModel {
  return { rate: market.counterfeitRate, discount: COUNTERFEIT_DISCOUNT, askBias: market.askBias, askSpread: market.askNoise, detectionRate: venue.detectionRate, returnShippingCents: venue.returnShippingCents };
}
