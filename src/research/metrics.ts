/**
 * Performance statistics of a series of simple returns, following empyrical's definitions
 * (quantopian/empyrical stats.py) so numbers match what pyfolio users know:
 * - annual_return = (Π(1+r))^(P/n) − 1; annual_volatility = std(r, ddof=1)·√P;
 * - sharpe = mean(r)/std(r, ddof=1)·√P (risk-free 0);
 * - sortino = mean(r)·P / downside_risk, downside_risk = √(mean(min(r,0)²))·√P;
 * - max_drawdown on compounded wealth; calmar = annual_return / max_drawdown;
 * - historical VaR = −percentile(r, 100·(1−c)) with numpy's linear interpolation; CVaR = mean of the
 *   returns at or below it; Gaussian VaR/CVaR from mean and std (ddof=1).
 * NaNs are ignored like empyrical's nan-aware functions. Sign convention (DESIGN.md): drawdown,
 * VaR and CVaR are reported as positive loss fractions, where empyrical returns them negative.
 * A statistic that is undefined (empty series, zero volatility) is null, never NaN or Infinity.
 * The building blocks (mean, std, percentile, VaR, Sharpe) are the mesh's one statistics module,
 * ./stats.ts, so the governor's VaR and a tearsheet's VaR are the same function.
 */
import { gaussianCvar, gaussianVar, historicalCvar, historicalVar, mean, sharpe, std } from './stats.js';

export interface Tearsheet {
  periods: number;
  total_return: number | null;
  annual_return: number | null;
  annual_volatility: number | null;
  sharpe: number | null;
  sortino: number | null;
  calmar: number | null;
  max_drawdown: number | null;
  var_95: number | null;
  cvar_95: number | null;
  var_99: number | null;
  cvar_99: number | null;
  gaussian_var_95: number | null;
  gaussian_cvar_95: number | null;
  gaussian_var_99: number | null;
  gaussian_cvar_99: number | null;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function clean(returns: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i]!;
    if (!Number.isNaN(r)) out.push(r);
  }
  return out;
}

export function totalReturn(r: readonly number[]): number {
  return r.length ? r.reduce((w, x) => w * (1 + x), 1) - 1 : Number.NaN;
}

/** CAGR. Like empyrical, the number of years counts every period, NaN ones included (`n` defaults to r.length). */
export function annualReturn(r: readonly number[], periods: number, n = r.length): number {
  if (n === 0 || r.length === 0) return Number.NaN;
  const ending = 1 + totalReturn(r);
  return ending ** (periods / n) - 1;
}

export function annualVolatility(r: readonly number[], periods: number): number {
  return std(r) * Math.sqrt(periods);
}

export function downsideRisk(r: readonly number[], periods: number): number {
  if (r.length === 0) return Number.NaN;
  return Math.sqrt(mean(r.map((x) => Math.min(x, 0) ** 2))) * Math.sqrt(periods);
}

export function sortino(r: readonly number[], periods: number): number {
  const d = downsideRisk(r, periods);
  return d > 0 ? (mean(r) * periods) / d : Number.NaN;
}

/** Largest peak-to-trough fall of compounded wealth, as a positive fraction. */
export function maxDrawdown(r: readonly number[]): number {
  if (r.length === 0) return Number.NaN;
  let wealth = 1;
  let peak = 1; // empyrical starts the wealth index at 100, so a first loss counts from there
  let worst = 0;
  for (const x of r) {
    wealth *= 1 + x;
    if (wealth > peak) peak = wealth;
    worst = Math.max(worst, 1 - wealth / peak);
  }
  return worst;
}

export function tearsheet(returns: ArrayLike<number>, periods = 252): Tearsheet {
  const r = clean(returns);
  const ar = annualReturn(r, periods, returns.length);
  const mdd = maxDrawdown(r);
  return {
    periods: returns.length,
    total_return: finiteOrNull(totalReturn(r)),
    annual_return: finiteOrNull(ar),
    annual_volatility: finiteOrNull(annualVolatility(r, periods)),
    sharpe: finiteOrNull(sharpe(r, periods)),
    sortino: finiteOrNull(sortino(r, periods)),
    calmar: mdd > 0 ? finiteOrNull(ar / mdd) : null,
    max_drawdown: finiteOrNull(mdd),
    var_95: finiteOrNull(historicalVar(r, 0.95)),
    cvar_95: finiteOrNull(historicalCvar(r, 0.95)),
    var_99: finiteOrNull(historicalVar(r, 0.99)),
    cvar_99: finiteOrNull(historicalCvar(r, 0.99)),
    gaussian_var_95: finiteOrNull(gaussianVar(r, 0.95)),
    gaussian_cvar_95: finiteOrNull(gaussianCvar(r, 0.95)),
    gaussian_var_99: finiteOrNull(gaussianVar(r, 0.99)),
    gaussian_cvar_99: finiteOrNull(gaussianCvar(r, 0.99)),
  };
}
