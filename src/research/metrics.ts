/**
 * Performance statistics of a series of simple returns, following empyrical's definitions
 * (quantopian/empyrical stats.py) so numbers match what pyfolio users know:
 * - annual_return = (Π(1+r))^(P/n) − 1; annual_volatility = std(r, ddof=1)·√P;
 * - sharpe = mean(r)/std(r, ddof=1)·√P (risk-free 0);
 * - sortino = mean(r)·P / downside_risk, downside_risk = √(mean(min(r,0)²))·√P;
 * - max_drawdown on compounded wealth; calmar = annual_return / max_drawdown;
 * - historical VaR = percentile(r, 1−c) with numpy's linear interpolation; CVaR = mean of the
 *   returns at or below it; Gaussian VaR/CVaR from mean and std (ddof=1).
 * NaNs are ignored like empyrical's nan-aware functions. Sign convention (DESIGN.md): drawdown,
 * VaR and CVaR are reported as positive loss fractions, where empyrical returns them negative.
 * A statistic that is undefined (empty series, zero volatility) is null, never NaN or Infinity.
 */

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

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}

export function std(xs: readonly number[], ddof = 1): number {
  if (xs.length - ddof <= 0) return Number.NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - ddof));
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

export function sharpe(r: readonly number[], periods: number): number {
  const s = std(r);
  return s > 0 ? (mean(r) / s) * Math.sqrt(periods) : Number.NaN;
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

/** numpy.percentile with linear interpolation; q in [0, 100]. */
export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = ((s.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export function historicalVar(r: readonly number[], confidence: number): number {
  return -percentile(r, (1 - confidence) * 100);
}

export function historicalCvar(r: readonly number[], confidence: number): number {
  const cutoff = percentile(r, (1 - confidence) * 100);
  const tail = r.filter((x) => x <= cutoff);
  return tail.length ? -mean(tail) : Number.NaN;
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9, refined by one Newton step). */
export function normInv(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  let x: number;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - pl) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Complementary error function (Numerical Recipes erfcc, fractional error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

const normPdf = (x: number): number => Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);

export function gaussianVar(r: readonly number[], confidence: number): number {
  return -(mean(r) + normInv(1 - confidence) * std(r));
}

/** Expected shortfall of a normal distribution: −μ + σ·φ(z)/(1−c). */
export function gaussianCvar(r: readonly number[], confidence: number): number {
  return -mean(r) + (std(r) * normPdf(normInv(1 - confidence))) / (1 - confidence);
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
