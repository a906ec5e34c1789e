/**
 * The report's two categorical charts as static SVG: yearly returns as grouped bars (strategy
 * beside benchmark) and the distribution of daily returns as a histogram with the 95 % VaR marked.
 * Lightweight Charts draws time series only; these axes are years and return buckets.
 */
import { percent } from './format.js';
import { percentile } from './stats.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const W = 900;
const H = 240;
const PAD = { l: 56, r: 12, t: 12, b: 28 };

function yAxis(lo: number, hi: number, y: (v: number) => number, fmt: (v: number) => string): string {
  return [lo, (lo + hi) / 2, hi, 0]
    .filter((v, i, a) => a.indexOf(v) === i && v >= lo && v <= hi)
    .map((v) => `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="${v === 0 ? 'axis' : 'grid'}"/><text x="${PAD.l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${esc(fmt(v))}</text>`)
    .join('');
}

export function yearlyBarsSvg(rows: readonly { year: number; return: number; benchmark: number | null }[], benchmarkName: string | null): string {
  if (!rows.length) return '<p>No full day of returns.</p>';
  const values = rows.flatMap((r) => (r.benchmark === null ? [r.return] : [r.return, r.benchmark]));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values) === lo ? lo + 0.01 : Math.max(0, ...values);
  const y = (v: number): number => PAD.t + (1 - (v - lo) / (hi - lo)) * (H - PAD.t - PAD.b);
  const slot = (W - PAD.l - PAD.r) / rows.length;
  const bw = Math.min(40, slot / (benchmarkName ? 2.6 : 1.6));
  const bar = (x: number, v: number, cls: string, label: string): string =>
    `<rect x="${x.toFixed(1)}" y="${Math.min(y(v), y(0)).toFixed(1)}" width="${bw.toFixed(1)}" height="${Math.max(0.5, Math.abs(y(v) - y(0))).toFixed(1)}" class="${cls}"><title>${esc(label)}</title></rect>`;
  const bars = rows
    .map((r, i) => {
      const mid = PAD.l + slot * (i + 0.5);
      const x0 = benchmarkName ? mid - bw - 1 : mid - bw / 2;
      const s = bar(x0, r.return, 'bar-strategy', `${r.year} strategy ${percent(r.return)}`);
      const b = benchmarkName && r.benchmark !== null ? bar(mid + 1, r.benchmark, 'bar-benchmark', `${r.year} ${benchmarkName} ${percent(r.benchmark)}`) : '';
      return `${s}${b}<text x="${mid.toFixed(1)}" y="${H - 8}" text-anchor="middle">${r.year}</text>`;
    })
    .join('');
  return `<svg id="chart-yearly" viewBox="0 0 ${W} ${H}" role="img" aria-label="Yearly returns" xmlns="http://www.w3.org/2000/svg">${yAxis(lo, hi, y, (v) => percent(v, 0))}${bars}</svg>`;
}

/**
 * The histogram spans the 0.5th to 99.5th percentile so a few outliers do not squeeze the body
 * into one bar; returns beyond it are counted in the edge bins, and the caption says how many.
 */
export function distributionSvg(returns: readonly number[], var95: number | null): string {
  if (returns.length < 2) return '<p>Too few daily returns for a distribution.</p>';
  const lo = percentile(returns, 0.5);
  const hi = percentile(returns, 99.5) > lo ? percentile(returns, 99.5) : lo + 1e-6;
  const outside = returns.filter((r) => r < lo || r > hi).length;
  const bins = 40;
  const counts = new Array<number>(bins).fill(0);
  for (const r of returns) counts[Math.max(0, Math.min(bins - 1, Math.floor(((r - lo) / (hi - lo)) * bins)))]!++;
  const top = Math.max(...counts);
  const x = (v: number): number => PAD.l + ((v - lo) / (hi - lo)) * (W - PAD.l - PAD.r);
  const y = (c: number): number => PAD.t + (1 - c / top) * (H - PAD.t - PAD.b);
  const bw = (W - PAD.l - PAD.r) / bins;
  const rects = counts
    .map((c, i) => `<rect x="${(PAD.l + i * bw).toFixed(1)}" y="${y(c).toFixed(1)}" width="${Math.max(0.5, bw - 1).toFixed(1)}" height="${(y(0) - y(c)).toFixed(1)}" class="bar-strategy"><title>${percent(lo + (i * (hi - lo)) / bins)} to ${percent(lo + ((i + 1) * (hi - lo)) / bins)}: ${c} days</title></rect>`)
    .join('');
  // 0 is labelled unless it would collide with an end label.
  const ticks = ([[lo, 'start'], [0, 'middle'], [hi, 'end']] as const)
    .filter(([v], i) => v >= lo && v <= hi && (i !== 1 || (x(0) - x(lo) > 60 && x(hi) - x(0) > 60)))
    .map(([v, anchor]) => `<text x="${x(v).toFixed(1)}" y="${H - 8}" text-anchor="${anchor}">${esc(percent(v, 1))}</text>`)
    .join('');
  const varLine = var95 !== null && -var95 >= lo ? `<line x1="${x(-var95).toFixed(1)}" x2="${x(-var95).toFixed(1)}" y1="${PAD.t}" y2="${y(0)}" class="event"/><text x="${(x(-var95) + 4).toFixed(1)}" y="${PAD.t + 10}" class="event-label">VaR 95 %</text>` : '';
  const counts_ = `<text x="${PAD.l - 6}" y="${PAD.t + 4}" text-anchor="end">${top}</text><text x="${PAD.l - 6}" y="${y(0) + 4}" text-anchor="end">0</text>`;
  return `<svg id="chart-distribution" viewBox="0 0 ${W} ${H}" role="img" aria-label="Distribution of daily returns" xmlns="http://www.w3.org/2000/svg"><line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y(0)}" y2="${y(0)}" class="axis"/>${rects}${ticks}${counts_}${varLine}</svg><p class="muted">${returns.length} daily returns in 40 buckets from ${esc(percent(lo))} to ${esc(percent(hi))} (0.5th to 99.5th percentile)${outside ? `; ${outside} beyond them are counted in the end buckets` : ''}.</p>`;
}
