/**
 * Dixon–Coles goals model for football (Dixon & Coles 1997). Home goals ~ Poisson(λ = h·a_home·d_away),
 * away goals ~ Poisson(μ = v·a_away·d_home), with a attack and d defence weakness of each team
 * (mean 1 per league), h and v the league's home and away scoring rates, and the low-score
 * dependence τ(0,0) = 1 − λμρ, τ(0,1) = 1 + λρ, τ(1,0) = 1 + μρ, τ(1,1) = 1 − ρ. Past matches weigh
 * exp(−ξ · age in days). Attack and defence are fitted by weighted iterative proportional fitting
 * (Maher's maximum-likelihood equations, warm-started, with a pseudo-count c pulling teams with
 * little history towards the league average); ρ then maximises the weighted τ-likelihood given
 * λ and μ (golden section on [−0.2, 0.2]) — a two-stage fit, as many practical implementations do.
 */
import type { Match, Probs } from './matches.js';
import { normalise, type OnlineModel } from './model.js';

export interface DixonColesParams {
  /** Decay per day (ξ); Dixon and Coles found about 0.0065 per half-week, ≈ 0.0019 a day. */
  readonly xi: number;
  /** Matches older than this many days are left out of a fit. */
  readonly windowDays: number;
  /** Pseudo-count of the prior towards attack = defence = 1. */
  readonly prior: number;
  readonly iterations: number;
}

export const DIXON_COLES_DEFAULTS: DixonColesParams = { xi: 0.0019, windowDays: 730, prior: 2, iterations: 4 };
const MAX_GOALS = 10;

/** One league's played matches as parallel arrays, teams as indices (the fit runs thousands of times). */
export interface Played {
  readonly day: number[];
  readonly home: number[];
  readonly away: number[];
  readonly hg: number[];
  readonly ag: number[];
}

export interface Fit {
  /** Indexed like the league's team list. */
  readonly attack: Float64Array;
  readonly defence: Float64Array;
  readonly homeRate: number;
  readonly awayRate: number;
  readonly rho: number;
}

/** τ of Dixon and Coles: the correction of independent Poisson probabilities for scores 0-0, 1-0, 0-1, 1-1. */
export function tau(hg: number, ag: number, lambda: number, mu: number, rho: number): number {
  if (hg === 0 && ag === 0) return 1 - lambda * mu * rho;
  if (hg === 0 && ag === 1) return 1 + lambda * rho;
  if (hg === 1 && ag === 0) return 1 + mu * rho;
  if (hg === 1 && ag === 1) return 1 - rho;
  return 1;
}

function poissonPmf(rate: number): number[] {
  const out = [Math.exp(-rate)];
  for (let k = 1; k <= MAX_GOALS; k++) out.push(((out[k - 1] as number) * rate) / k);
  return out;
}

/** Home/draw/away probabilities of the score matrix up to 10 goals each. */
export function outcomeProbs(lambda: number, mu: number, rho: number): Probs {
  const ph = poissonPmf(lambda);
  const pa = poissonPmf(mu);
  let home = 0;
  let draw = 0;
  let away = 0;
  for (let i = 0; i <= MAX_GOALS; i++) {
    for (let j = 0; j <= MAX_GOALS; j++) {
      const p = (ph[i] as number) * (pa[j] as number) * tau(i, j, lambda, mu, rho);
      if (i > j) home += p;
      else if (i === j) draw += p;
      else away += p;
    }
  }
  return normalise({ home, draw, away });
}

/**
 * The weighted fit of matches [from, to) of one league as of `day` (pure; `start` warm-starts
 * attack and defence). Teams without a match in the window keep attack = defence = 1.
 */
export function fitDixonColes(pl: Played, from: number, to: number, teams: number, day: number, p: DixonColesParams, start?: Fit): Fit {
  const n = to - from;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = Math.exp(-p.xi * (day - (pl.day[from + i] as number)));
  const attack = new Float64Array(teams).fill(1);
  const defence = new Float64Array(teams).fill(1);
  if (start) {
    attack.set(start.attack.subarray(0, Math.min(teams, start.attack.length)));
    defence.set(start.defence.subarray(0, Math.min(teams, start.defence.length)));
  }
  let homeRate = start?.homeRate ?? 1.5;
  let awayRate = start?.awayRate ?? 1.15;
  const num = new Float64Array(teams);
  const den = new Float64Array(teams);
  const played = new Uint8Array(teams);
  for (let i = from; i < to; i++) {
    played[pl.home[i] as number] = 1;
    played[pl.away[i] as number] = 1;
  }
  for (let it = 0; it < p.iterations; it++) {
    let hg = 0, hx = 0, ag = 0, ax = 0;
    for (let k = 0; k < n; k++) {
      const i = from + k, h = pl.home[i] as number, a = pl.away[i] as number, wk = w[k] as number;
      hg += wk * (pl.hg[i] as number);
      hx += wk * (attack[h] as number) * (defence[a] as number);
      ag += wk * (pl.ag[i] as number);
      ax += wk * (attack[a] as number) * (defence[h] as number);
    }
    homeRate = hg / Math.max(hx, 1e-9);
    awayRate = ag / Math.max(ax, 1e-9);
    num.fill(0);
    den.fill(0);
    for (let k = 0; k < n; k++) {
      const i = from + k, h = pl.home[i] as number, a = pl.away[i] as number, wk = w[k] as number;
      num[h] = (num[h] as number) + wk * (pl.hg[i] as number);
      den[h] = (den[h] as number) + wk * homeRate * (defence[a] as number);
      num[a] = (num[a] as number) + wk * (pl.ag[i] as number);
      den[a] = (den[a] as number) + wk * awayRate * (defence[h] as number);
    }
    let sumA = 0, counted = 0;
    for (let t = 0; t < teams; t++) {
      if (!played[t]) continue;
      attack[t] = ((num[t] as number) + p.prior) / ((den[t] as number) + p.prior);
      sumA += attack[t] as number;
      counted++;
    }
    num.fill(0);
    den.fill(0);
    for (let k = 0; k < n; k++) {
      const i = from + k, h = pl.home[i] as number, a = pl.away[i] as number, wk = w[k] as number;
      num[a] = (num[a] as number) + wk * (pl.hg[i] as number);
      den[a] = (den[a] as number) + wk * homeRate * (attack[h] as number);
      num[h] = (num[h] as number) + wk * (pl.ag[i] as number);
      den[h] = (den[h] as number) + wk * awayRate * (attack[a] as number);
    }
    for (let t = 0; t < teams; t++) if (played[t]) defence[t] = ((num[t] as number) + p.prior) / ((den[t] as number) + p.prior);
    // Keep the mean attack of the window's teams at 1 so the rates carry the league's scoring level.
    const meanA = counted ? sumA / counted : 1;
    for (let t = 0; t < teams; t++) if (played[t]) attack[t] = (attack[t] as number) / meanA;
  }
  const low: { w: number; hg: number; ag: number; l: number; u: number }[] = [];
  for (let k = 0; k < n; k++) {
    const i = from + k, hgi = pl.hg[i] as number, agi = pl.ag[i] as number;
    if (hgi > 1 || agi > 1) continue;
    const h = pl.home[i] as number, a = pl.away[i] as number;
    low.push({ w: w[k] as number, hg: hgi, ag: agi, l: homeRate * (attack[h] as number) * (defence[a] as number), u: awayRate * (attack[a] as number) * (defence[h] as number) });
  }
  const ll = (rho: number) => low.reduce((s, x) => s + x.w * Math.log(Math.max(tau(x.hg, x.ag, x.l, x.u, rho), 1e-12)), 0);
  return { attack, defence, homeRate, awayRate, rho: goldenMax(ll, -0.2, 0.2) };
}

function goldenMax(f: (x: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo, b = hi;
  for (let i = 0; i < 20; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) > f(d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

interface League {
  readonly teams: Map<string, number>;
  readonly played: Played;
  from: number;
  fit?: { day: number; fit: Fit; seen: number };
}

/**
 * The online model: a league is refitted before a prediction when matches were observed since its
 * last fit and at least `refitDays` have passed (a round's matches spread over a few days; refitting
 * every day would only triple the cost). Every fit uses matches of earlier days only.
 */
export class DixonColesModel implements OnlineModel {
  readonly name = 'dixon_coles';
  private readonly leagues = new Map<string, League>();

  constructor(
    private readonly p: DixonColesParams = DIXON_COLES_DEFAULTS,
    private readonly refitDays = 3,
  ) {}

  predict(m: Match): Probs {
    const lg = this.league(m.league);
    const fit = this.fitFor(lg, dayOf(m.date));
    if (!fit) return normalise({ home: 0.45, draw: 0.27, away: 0.28 });
    const h = lg.teams.get(m.home);
    const a = lg.teams.get(m.away);
    const at = (t: number | undefined) => (t === undefined ? 1 : (fit.attack[t] ?? 1));
    const de = (t: number | undefined) => (t === undefined ? 1 : (fit.defence[t] ?? 1));
    return outcomeProbs(fit.homeRate * at(h) * de(a), fit.awayRate * at(a) * de(h), fit.rho);
  }

  observe(m: Match): void {
    if (m.homeScore === null || m.awayScore === null) return;
    const lg = this.league(m.league);
    const idx = (t: string) => lg.teams.get(t) ?? (lg.teams.set(t, lg.teams.size), lg.teams.size - 1);
    lg.played.day.push(dayOf(m.date));
    lg.played.home.push(idx(m.home));
    lg.played.away.push(idx(m.away));
    lg.played.hg.push(m.homeScore);
    lg.played.ag.push(m.awayScore);
  }

  /** Whether the model has seen `team` play in `league` (an unknown team would be predicted as an average one). */
  knows(league: string, team: string): boolean {
    return this.leagues.get(league)?.teams.has(team) ?? false;
  }

  private league(name: string): League {
    let lg = this.leagues.get(name);
    if (!lg) this.leagues.set(name, (lg = { teams: new Map(), played: { day: [], home: [], away: [], hg: [], ag: [] }, from: 0 }));
    return lg;
  }

  private fitFor(lg: League, day: number): Fit | undefined {
    const seen = lg.played.day.length;
    if (seen === 0) return undefined;
    if (lg.fit && (lg.fit.seen === seen || day - lg.fit.day < this.refitDays)) return lg.fit.fit;
    while (lg.from < seen && (lg.played.day[lg.from] as number) < day - this.p.windowDays) lg.from++;
    const fit = fitDixonColes(lg.played, lg.from, seen, lg.teams.size, day, this.p, lg.fit?.fit);
    lg.fit = { day, fit, seen };
    return fit;
  }
}
