/**
 * Feature scaling fitted on training rows only. The fitted means and standard deviations are a
 * value, applied to any rows afterwards, so cross-validation fits one per fold and the held-out
 * fold never informs its own scaling (no leakage).
 */
export interface Standardizer {
  mean: number[];
  sd: number[];
}

export function fitStandardizer(rows: readonly (readonly number[])[]): Standardizer {
  if (rows.length < 2) throw new RangeError(`fitStandardizer needs at least 2 rows, got ${rows.length}`);
  const p = rows[0]!.length;
  const mean = new Array<number>(p).fill(0);
  for (const r of rows) for (let j = 0; j < p; j++) mean[j]! += r[j]! / rows.length;
  const sd = new Array<number>(p).fill(0);
  for (const r of rows) for (let j = 0; j < p; j++) sd[j]! += (r[j]! - mean[j]!) ** 2 / (rows.length - 1);
  // A constant column scales by 1: it carries no information, and dividing by 0 would poison the fit.
  return { mean, sd: sd.map((v) => (v > 0 ? Math.sqrt(v) : 1)) };
}

export function standardize(s: Standardizer, rows: readonly (readonly number[])[]): number[][] {
  return rows.map((r) => r.map((v, j) => (v - s.mean[j]!) / s.sd[j]!));
}
