/**
 * The drill's report: one JSON document (issue 17's shape) with per-part detail arrays that name
 * every violation or failure, so a red drill says what to fix. Pure helpers; no I/O.
 */

export interface Finding {
  /** Which check found it (e.g. `ledger.seq`, `fuzz.api`, `security.percent_path`). */
  check: string;
  detail: string;
}

export interface ChaosReport {
  agent_kills: number;
  guardian_kills: number;
  restarts: number;
  fills: number;
  violations: number;
  detail: Finding[];
}

export interface FuzzReport {
  inputs: number;
  failures: number;
  detail: Finding[];
}

export interface SoakReport {
  market_hours: number;
  rss_slope_mb_per_hour: number;
  rss_slope_threshold_mb_per_hour: number;
  fd_growth: number;
  status_clients: number;
  requests: number;
  req_per_s: number;
  p99_ms: number;
  violations: number;
  detail: Finding[];
}

export interface SecurityReport {
  checks: number;
  failures: number;
  detail: { name: string; ok: boolean; detail: string }[];
}

export interface RestoreReport {
  ok: boolean;
  detail: Finding[];
}

export interface DrillReport {
  mode: 'full' | 'quick';
  seconds: number;
  chaos?: ChaosReport;
  fuzz?: FuzzReport;
  soak?: SoakReport;
  security?: SecurityReport;
  restore?: RestoreReport;
  ok: boolean;
}

/** The drill passes only with no violation and no failure in any part that ran. */
export function drillPassed(r: Omit<DrillReport, 'ok'>): boolean {
  return (
    (r.chaos?.violations ?? 0) === 0 &&
    (r.fuzz?.failures ?? 0) === 0 &&
    (r.soak?.violations ?? 0) === 0 &&
    (r.security?.failures ?? 0) === 0 &&
    (r.restore === undefined || r.restore.ok)
  );
}

/** Least-squares slope of y over x (0 with fewer than two distinct x). */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

/** The p-th percentile (0-100) by nearest rank, of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const s = [...samples].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1]!;
}

/** Progress for people: one line on stderr (stdout is reserved for the JSON document). */
export function progress(text: string): void {
  process.stderr.write(`[drill ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}
