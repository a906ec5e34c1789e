/**
 * A self-contained HTML report of a backtest: an equity curve and an underwater (drawdown) chart
 * drawn as inline SVG, markers for events (the drawdown guard's tiers, halt and recovery), the
 * tearsheet table and a SIMULATED banner when the data came from the simulator. No script, no CDN,
 * no external request: the file opens anywhere, offline.
 */
import type { Tearsheet } from './metrics.js';
import { money, percent, ratio } from './format.js';

export interface ReportInput {
  title: string;
  tearsheet: Tearsheet;
  extra?: Record<string, number | string>;
  equity: { ts: ArrayLike<number>; value: ArrayLike<number> };
  events?: readonly { ts: number; label: string }[];
  simulated: boolean;
  notes?: readonly string[];
}

const W = 900;
const H = 260;
const PAD = { l: 70, r: 16, t: 14, b: 28 };

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** At most `max` points, keeping each bucket's first point and its extreme (so drawdowns stay visible). */
function downsample(ts: ArrayLike<number>, v: ArrayLike<number>, max = 2000): { ts: number[]; v: number[] } {
  const n = v.length;
  if (n <= max) return { ts: Array.from(ts), v: Array.from(v) };
  const step = n / (max / 2);
  const outT: number[] = [];
  const outV: number[] = [];
  for (let b = 0; b < n; b += step) {
    const lo = Math.floor(b);
    const hi = Math.min(n, Math.floor(b + step));
    let k = lo;
    for (let i = lo; i < hi; i++) if (v[i]! < v[k]!) k = i;
    outT.push(ts[lo]!, ts[k]!);
    outV.push(v[lo]!, v[k]!);
  }
  return { ts: outT, v: outV };
}

function chart(ts: number[], v: number[], opts: { fmt: (x: number) => string; fill: boolean; color: string; events: readonly { ts: number; label: string }[]; id: string }): string {
  if (v.length === 0) return '<p>No data.</p>';
  const t0 = ts[0]!;
  const t1 = ts[ts.length - 1]! > t0 ? ts[ts.length - 1]! : t0 + 1;
  let lo = Math.min(...v);
  let hi = Math.max(...v);
  if (hi === lo) {
    hi += 1;
    lo -= 1;
  }
  const x = (t: number): number => PAD.l + ((t - t0) / (t1 - t0)) * (W - PAD.l - PAD.r);
  const y = (val: number): number => PAD.t + (1 - (val - lo) / (hi - lo)) * (H - PAD.t - PAD.b);
  const pts = v.map((val, i) => `${x(ts[i]!).toFixed(1)},${y(val).toFixed(1)}`);
  const path = `M${pts.join('L')}`;
  const area = opts.fill ? `<path d="${path}L${x(t1).toFixed(1)},${y(Math.max(lo, Math.min(hi, 0))).toFixed(1)}L${x(t0).toFixed(1)},${y(Math.max(lo, Math.min(hi, 0))).toFixed(1)}Z" fill="${opts.color}" opacity="0.18"/>` : '';
  const ticks = [lo, (lo + hi) / 2, hi].map((val) => `<text x="${PAD.l - 6}" y="${y(val) + 4}" text-anchor="end">${esc(opts.fmt(val))}</text><line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y(val)}" y2="${y(val)}" class="grid"/>`).join('');
  const dates = [t0, (t0 + t1) / 2, t1].map((t, i) => `<text x="${x(t)}" y="${H - 8}" text-anchor="${['start', 'middle', 'end'][i]}">${new Date(t).toISOString().slice(0, 10)}</text>`).join('');
  const marks = opts.events
    .map((e, i) => `<line x1="${x(e.ts)}" x2="${x(e.ts)}" y1="${PAD.t}" y2="${H - PAD.b}" class="event"><title>${esc(e.label)}</title></line><text x="${x(e.ts) + 3}" y="${PAD.t + 10 + (i % 4) * 11}" class="event-label">${i + 1}</text>`)
    .join('');
  return `<svg id="${opts.id}" viewBox="0 0 ${W} ${H}" role="img" xmlns="http://www.w3.org/2000/svg">${ticks}${dates}${area}<path d="${path}" fill="none" stroke="${opts.color}" stroke-width="1.5"/>${marks}</svg>`;
}

export function renderReportHtml(input: ReportInput): string {
  const ds = downsample(input.equity.ts, input.equity.value);
  let peak = Number.NEGATIVE_INFINITY;
  const dd = ds.v.map((e) => {
    peak = Math.max(peak, e);
    return peak > 0 ? e / peak - 1 : 0;
  });
  const events = input.events ?? [];
  const t = input.tearsheet;
  const pctKeys = new Set(['total_return', 'annual_return', 'annual_volatility', 'max_drawdown', 'var_95', 'cvar_95', 'var_99', 'cvar_99', 'gaussian_var_95', 'gaussian_cvar_95', 'gaussian_var_99', 'gaussian_cvar_99']);
  const rows = Object.entries({ ...t, ...input.extra })
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${typeof v === 'number' || v === null ? (pctKeys.has(k) ? percent(v) : k === 'final_equity' || k === 'fees' ? money(v) : k === 'periods' || k === 'trades' ? String(v) : ratio(v)) : esc(String(v))}</td></tr>`)
    .join('');
  const eventList = events.length ? `<h2>Events</h2><ol>${events.map((e) => `<li><time>${new Date(e.ts).toISOString().slice(0, 10)}</time> ${esc(e.label)}</li>`).join('')}</ol>` : '';
  const notes = input.notes?.length ? `<ul class="notes">${input.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(input.title)}</title>
<style>
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#667;--grid:#e3e6ea;--warn:#b42318}
@media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--bg:#111418;--muted:#9aa3ad;--grid:#2a3038;--warn:#ff8a80}}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:960px;margin:24px auto;padding:0 12px}
svg{width:100%;height:auto}svg text{fill:var(--muted);font-size:11px}.grid{stroke:var(--grid)}
.event{stroke:var(--warn);stroke-dasharray:3 3}.event-label{fill:var(--warn)!important}
.banner{background:#7c3aed;color:#fff;padding:6px 10px;border-radius:6px;font-weight:600;display:inline-block}
table{border-collapse:collapse}th{text-align:left;font-weight:500;color:var(--muted);padding:2px 16px 2px 0}td{text-align:right;font-variant-numeric:tabular-nums}
</style></head><body>
<h1>${esc(input.title)}</h1>
${input.simulated ? '<p class="banner">SIMULATED — prices and fills come from the deterministic market simulator; no real money moved.</p>' : ''}
${notes}
<h2>Equity</h2>${chart(ds.ts, ds.v, { fmt: (x) => money(x), fill: false, color: '#2563eb', events, id: 'equity' })}
<h2>Drawdown</h2>${chart(ds.ts, dd, { fmt: (x) => percent(x, 1), fill: true, color: '#dc2626', events, id: 'drawdown' })}
${eventList}
<h2>Tearsheet</h2><table>${rows}</table>
<p style="color:var(--muted)">Generated by NeoLight ${esc(new Date().toISOString())}. Metrics follow empyrical's definitions; drawdown, VaR and CVaR are positive loss fractions.</p>
</body></html>
`;
}
