/**
 * The bench's minimal strategy loop, shared by its in-process comparison (bench.ts `minimal`) and
 * the end-to-end floor (bench-floor.ts): SMA 10/30 crossover, all-in in whole units, an equity per
 * bar; no risk, no fees, no objects.
 */
export function smaCrossEquity(close: Float64Array, startingCash: number): Float64Array {
  const n = close.length;
  const equity = new Float64Array(n);
  let cash = startingCash;
  let units = 0;
  let fast = 0;
  let slow = 0;
  for (let i = 0; i < n; i++) {
    const c = close[i]!;
    fast += c - (i >= 10 ? close[i - 10]! : 0);
    slow += c - (i >= 30 ? close[i - 30]! : 0);
    const long = i >= 29 && fast / 10 > slow / 30;
    if (long && units === 0) {
      units = Math.floor(cash / c);
      cash -= units * c;
    } else if (!long && units > 0) {
      cash += units * c;
      units = 0;
    }
    equity[i] = cash + units * c;
  }
  return equity;
}
