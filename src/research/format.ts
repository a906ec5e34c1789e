/** Number formatting for the CLI's tables: money, percentages, ratios; null shows as "-". */
import type { Tearsheet } from './metrics.js';

export const money = (x: number | null): string => (x === null ? '-' : `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
export const percent = (x: number | null, digits = 2): string => (x === null ? '-' : `${(x * 100).toFixed(digits)}%`);
export const ratio = (x: number | null): string => (x === null ? '-' : x.toFixed(3));

const PERCENT_KEYS = new Set(['total_return', 'annual_return', 'annual_volatility', 'max_drawdown', 'var_95', 'cvar_95', 'var_99', 'cvar_99', 'gaussian_var_95', 'gaussian_cvar_95', 'gaussian_var_99', 'gaussian_cvar_99', 'turnover', 'win_rate', 'exposure_time']);
const COUNT_KEYS = new Set(['periods', 'trades', 'closed_trades']);

/** An aligned two-column table of a tearsheet (and any extra rows). */
export function tearsheetTable(t: Tearsheet & Record<string, unknown>): string {
  const rows = Object.entries(t).map(([k, v]) => {
    const shown = typeof v === 'number' || v === null ? (PERCENT_KEYS.has(k) ? percent(v as number | null) : k === 'final_equity' || k === 'fees' ? money(v as number | null) : COUNT_KEYS.has(k) ? String(v) : ratio(v as number | null)) : String(v);
    return [k, shown] as const;
  });
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v.padStart(12)}`).join('\n');
}
