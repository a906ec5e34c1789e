/**
 * Number and time formatting for the dashboard: money, percentages, durations and ages.
 * Pure functions (Intl.NumberFormat under the hood) so every view shows figures the same way;
 * a missing or non-finite value renders as an em dash instead of "NaN".
 */

const DASH = '—';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdCompact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const dec2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** `$12,345.67`; with `compact`, `$1.2M` for big headline figures. */
export function formatMoney(v: number | null | undefined, opts: { compact?: boolean } = {}): string {
  if (!finite(v)) return DASH;
  return (opts.compact && Math.abs(v) >= 100_000 ? usdCompact : usd).format(v);
}

/** Money with an explicit sign, for changes: `+$12.00`, `−$3.50`. */
export function formatSignedMoney(v: number | null | undefined): string {
  if (!finite(v)) return DASH;
  if (v === 0) return usd.format(0);
  return `${v > 0 ? '+' : '−'}${usd.format(Math.abs(v))}`;
}

/** A fraction as a percentage: 0.1234 → `12.34%`. */
export function formatPercent(v: number | null | undefined): string {
  if (!finite(v)) return DASH;
  return pct.format(v);
}

/** A fraction as a signed percentage: 0.05 → `+5.00%`, −0.05 → `−5.00%`. */
export function formatSignedPercent(v: number | null | undefined): string {
  if (!finite(v)) return DASH;
  if (v === 0) return pct.format(0);
  return `${v > 0 ? '+' : '−'}${pct.format(Math.abs(v))}`;
}

/** A plain quantity with up to 6 decimals (crypto sizes), grouped: `1,234.5`. */
export function formatNumber(v: number | null | undefined): string {
  return finite(v) ? num.format(v) : DASH;
}

/** Two decimals, for ratios such as the risk scaler (`0.85`). */
export function formatRatio(v: number | null | undefined): string {
  return finite(v) ? dec2.format(v) : DASH;
}

/** A duration in seconds as its two largest units: `45s`, `3m 20s`, `2h 5m`, `3d 4h`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (!finite(seconds) || seconds < 0) return DASH;
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}m`;
  const d = Math.floor(h / 24);
  return `${d}d ${h % 24}h`;
}

function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** How long ago an ISO time was, relative to `now` (ms): `12s ago`; a future time reads `in 4s`. */
export function formatAge(iso: string | null | undefined, now: number): string {
  const t = parseTime(iso);
  if (t === null) return DASH;
  const diff = (now - t) / 1000;
  if (diff < 0) return `in ${formatDuration(-diff)}`;
  return `${formatDuration(diff)} ago`;
}

/** Seconds from an ISO time until `now`, or null when the time is absent. */
export function secondsSince(iso: string | null | undefined, now: number): number | null {
  const t = parseTime(iso);
  return t === null ? null : Math.max(0, (now - t) / 1000);
}

/** A short local date-time for tables: `2025-01-31 14:05:09`. */
export function formatTime(iso: string | null | undefined): string {
  const t = parseTime(iso);
  if (t === null) return DASH;
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
