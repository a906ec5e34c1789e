import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'neolight-bt-'));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'backtest', ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: '' } });

const TEARSHEET = ['periods', 'total_return', 'annual_return', 'annual_volatility', 'sharpe', 'sortino', 'calmar', 'max_drawdown', 'var_95', 'cvar_95', 'var_99', 'cvar_99', 'gaussian_var_95', 'gaussian_cvar_95', 'gaussian_var_99', 'gaussian_cvar_99'];
const KEYS = ['strategy', 'strategy_label', 'params', 'symbols', 'data', 'window', 'fill', 'size', 'cash', 'fees_bps', 'periods_per_year', ...TEARSHEET, 'final_equity', 'trades', 'fees', 'turnover', 'skipped_orders', 'fills', 'drawdown_events', 'report',
  'win_rate', 'profit_factor', 'exposure_time', 'closed_trades', 'benchmark', 'without_risk_layer', 'monthly_returns', 'yearly_returns', 'rolling_sharpe', 'rolling_volatility', 'rolling_beta', 'worst_drawdowns', 'trade_list', 'equity_curve', 'equity_curve_sampling'];

/** A Yahoo-style daily CSV of weekdays between two dates, with a wavy deterministic price path. */
function yahooCsv(name: string, from: string, to: string): string {
  const rows = ['Date,Open,High,Low,Close,Adj Close,Volume'];
  let k = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const wd = new Date(t).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const c = 50 * Math.exp(0.0002 * k + 0.15 * Math.sin(k / 40) + 0.03 * Math.sin(k / 7));
    const o = c * (1 + 0.002 * Math.sin(k / 3));
    rows.push(`${new Date(t).toISOString().slice(0, 10)},${o.toFixed(4)},${(Math.max(o, c) * 1.01).toFixed(4)},${(Math.min(o, c) * 0.99).toFixed(4)},${c.toFixed(4)},${c.toFixed(4)},1000`);
    k++;
  }
  const f = join(dir, name);
  writeFileSync(f, `${rows.join('\n')}\n`);
  return f;
}

type Doc = Record<string, unknown> & { window: { from: string; to: string; bars: number }; data: { source: string; simulated: boolean; seed: number | null }; drawdown_events: { date: string; type: string; detail: string }[]; skipped_orders: Record<string, number> };

describe('neolight backtest --data: the default window is the whole file', () => {
  it('runs a CSV from 2000–2010 without --from/--to (not "fewer than 2 bars")', () => {
    const f = yahooCsv('old.csv', '2000-01-03', '2010-12-31');
    const r = run('--data', f, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.window).toEqual({ from: '2000-01-03', to: '2010-12-31', bars: 2870 });
    expect(doc.data).toEqual({ source: f, simulated: false, seed: null, scenario: null });
  });

  it('does not cut a longer file to five years; --from/--to narrow it', () => {
    const f = yahooCsv('long.csv', '2012-01-02', '2025-06-30');
    const whole = JSON.parse(run('--data', f, '--json').stdout) as Doc;
    expect(whole.window.from).toBe('2012-01-02');
    expect(whole.window.to).toBe('2025-06-30');
    const narrowed = JSON.parse(run('--data', f, '--from', '2015-01-01', '--to', '2016-12-31', '--json').stdout) as Doc;
    expect(narrowed.window).toEqual({ from: '2015-01-01', to: '2016-12-30', bars: 522 });
    const onlyFrom = JSON.parse(run('--data', f, '--from', '2024-01-01', '--json').stdout) as Doc;
    expect(onlyFrom.window.to).toBe('2025-06-30');
  });

  it('--to a day includes all of that day’s intraday bars', () => {
    const rows = ['timestamp,open,high,low,close,volume'];
    for (let k = 0; k < 24 * 5; k++) rows.push(`${Date.UTC(2021, 2, 1) + k * 3_600_000},${100 + k % 3},${103 + k % 3},${99},${101 + k % 2},5`);
    const f = join(dir, 'hourly.csv');
    writeFileSync(f, `${rows.join('\n')}\n`);
    const doc = JSON.parse(run('--data', f, '--from', '2021-03-02', '--to', '2021-03-03', '--json').stdout) as Doc;
    expect(doc.window).toEqual({ from: '2021-03-02', to: '2021-03-03', bars: 48 });
  });

  it('names the file’s own first and last dates when the window leaves fewer than 2 bars', () => {
    const f = yahooCsv('short.csv', '2000-01-03', '2010-12-31');
    const r = run('--data', f, '--from', '2020-01-01', '--to', '2024-12-31');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(f);
    expect(r.stderr).toMatch(/0 bar\(s\) between --from 2020-01-01 and --to 2024-12-31.*2870 bar\(s\) from 2000-01-03 to 2010-12-31/);
  });

  it('keeps the documented default window for simulated runs', () => {
    const doc = JSON.parse(run('--json').stdout) as Doc;
    expect(doc.data.simulated).toBe(true);
    // 2020-01-01 is a holiday and days nothing trades are not bars: the first bar is the 2nd.
    expect(doc.window.from).toBe('2020-01-02');
    expect(doc.window.to).toBe('2024-12-31');
  });
});

describe('neolight backtest --json carries everything the text shows', () => {
  /** Every figure of the text output, found again in the JSON document at display precision. */
  function checkTextInJson(text: string, doc: Doc, report: string): void {
    const lines = text.split('\n');
    const head = /^Backtest (\S+) on (.+) — (.+)$/.exec(lines[0]!)!;
    expect(head[1]).toBe(doc.strategy_label);
    expect(head[2]).toBe((doc.symbols as string[]).join(', '));
    expect(head[3]).toContain(doc.data.simulated ? `SIMULATED market (seed ${String(doc.data.seed)}, crash scenario)` : doc.data.source);
    const info = /^(\d+) bars from (\S+) to (\S+); fill (\S+), size (\S+), cash (\S+), (venue fee|fees (\S+) bps), (\d+) periods a year$/.exec(lines[1]!)!;
    expect(info).not.toBeNull();
    expect([Number(info[1]), info[2], info[3]]).toEqual([doc.window.bars, doc.window.from, doc.window.to]);
    expect([info[4], info[5], Number(info[6])]).toEqual([doc.fill, doc.size, doc.cash]);
    expect(info[8] === undefined ? null : Number(info[8])).toBe(doc.fees_bps);
    expect(Number(info[9])).toBe(doc.periods_per_year);
    const table = lines.filter((l) => /^ {2}[a-z_0-9]+ +\S+$/.test(l));
    expect(table.length).toBe(TEARSHEET.length + 8);
    for (const row of table) {
      const [key, shown] = row.trim().split(/ +/) as [string, string];
      const v = doc[key] as number | null;
      if (shown === '-') {
        expect(v).toBeNull();
        continue;
      }
      const x = Number(shown.replace(/[$,%]/g, ''));
      // Tolerance of the display: 2 decimals of a percent or of dollars, 3 of a ratio.
      const tol = shown.endsWith('%') ? 0.005 : shown.startsWith('$') ? 0.005 : 0.0005;
      expect(Math.abs((shown.endsWith('%') ? v! * 100 : v!) - x), `${key}: text ${shown}, json ${v}`).toBeLessThanOrEqual(tol + 1e-9);
    }
    const refused = lines.find((l) => l.startsWith('Orders not placed'));
    const shownRefused = Object.fromEntries([...(refused ?? '').matchAll(/([A-Z_]+) (\d+)/g)].map((m) => [m[1], Number(m[2])]));
    expect(shownRefused).toEqual(doc.skipped_orders);
    const events = lines.slice(lines.indexOf('Drawdown guard:') + 1).filter((l) => /^ {2}\d{4}-\d{2}-\d{2} {2}/.test(l));
    expect(events.map((l) => l.trim())).toEqual(doc.drawdown_events.map((e) => `${e.date}  ${e.type}: ${e.detail}`));
    const worst = lines.filter((l) => /^ +[\d.]+% {2}\d{4}-\d{2}-\d{2} peak/.test(l));
    expect(worst.map((l) => l.trim())).toEqual(
      (doc.worst_drawdowns as { start: string; valley: string; recovery: string | null; depth: number; days: number }[]).map((d) => `${(d.depth * 100).toFixed(2)}%  ${d.start} peak, ${d.valley} valley, ${d.recovery ? `recovered ${d.recovery}` : 'not recovered'}, ${d.days} days`),
    );
    const yearly = lines.find((l) => l.startsWith('Yearly returns: '));
    expect([...(yearly ?? '').matchAll(/(\d{4}) ([+-][\d.]+)%/g)].map((m) => [Number(m[1]), Number(m[2]) + 0])).toEqual((doc.yearly_returns as { year: number; return: number }[]).map((y) => [y.year, Number((y.return * 100).toFixed(2)) + 0]));
    const bench = doc.benchmark as Record<string, number | string> | null;
    const benchLine = lines.find((l) => l.startsWith('Benchmark '));
    expect(benchLine === undefined).toBe(bench === null);
    if (bench && benchLine) {
      expect(benchLine).toContain(`Benchmark ${String(bench.name)} `);
      for (const m of benchLine.matchAll(/([a-z_]+) (-?[\d.]+)(%?)/g)) expect(Math.abs((m[3] ? (bench[m[1]!] as number) * 100 : (bench[m[1]!] as number)) - Number(m[2])), m[1]).toBeLessThanOrEqual(0.0051);
    }
    expect(lines.at(-1)).toBe(`Report: ${report}`);
    expect(doc.report).toBe(report);
  }

  it('crash scenario: the guard’s tiers, halt and recovery with their dates, refused orders, the report', () => {
    const report = join(dir, 'crash.html');
    const text = run('--scenario', 'crash', '--benchmark', 'SPY', '--report', report);
    const json = run('--scenario', 'crash', '--benchmark', 'SPY', '--report', report, '--json');
    expect(text.status).toBe(0);
    expect(json.status).toBe(0);
    const doc = JSON.parse(json.stdout) as Doc;
    expect(Object.keys(doc)).toEqual(KEYS);
    expect(doc.drawdown_events.map((e) => e.type)).toEqual(expect.arrayContaining(['tier_1', 'tier_2', 'tier_3', 'halt', 'recovery_entered']));
    expect(doc.skipped_orders.VAR_BUDGET_EXCEEDED).toBeGreaterThan(0);
    checkTextInJson(text.stdout.trimEnd(), doc, report);
  });

  it('a CSV run with fees', () => {
    const f = yahooCsv('fees.csv', '2016-01-04', '2019-12-31');
    const report = join(dir, 'fees.html');
    const text = run('--data', f, '--fees', '10', '--fast', '5', '--report', report);
    const doc = JSON.parse(run('--data', f, '--fees', '10', '--fast', '5', '--report', report, '--json').stdout) as Doc;
    expect(doc.params).toEqual({ fast: 5 });
    expect(doc.strategy_label).toBe('sma-cross(5,30)');
    expect(doc.fees).toBeGreaterThan(0);
    checkTextInJson(text.stdout.trimEnd(), doc, report);
  });
});

describe('neolight backtest', () => {
  it('prints one JSON document with snake_case keys', () => {
    const r = run('--symbols', 'SPY,GLD,BTC-USD', '--strategy', 'inverse-vol', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(Object.keys(doc)).toEqual(KEYS);
    const keys = (o: unknown): string[] => (o && typeof o === 'object' && !Array.isArray(o) ? Object.entries(o).flatMap(([k, v]) => (k === 'skipped_orders' ? [k] : [k, ...keys(v)])) : []);
    for (const k of keys(doc)) expect(k).toMatch(/^[a-z0-9_]+$/);
    expect(doc.trades).toBeGreaterThan(0);
    expect(doc.periods_per_year).toBe(365);
    // Refused orders by reason code; every count a positive whole number.
    expect(Object.values(doc.skipped_orders).every((n) => Number.isInteger(n) && n > 0)).toBe(true);
  });

  it('shows the drawdown guard’s tiers, halt and recovery in the crash scenario, in the output and the report', () => {
    const report = join(dir, 'crash2.html');
    const r = run('--scenario', 'crash', '--report', report);
    expect(r.status).toBe(0);
    for (const word of ['tier_1', 'tier_2', 'tier_3', 'halt', 'recovery_entered', 'SIMULATED']) expect(r.stdout).toContain(word);
    // The VaR gate refuses new risk in the crash, and the output says so with the reason code.
    expect(r.stdout).toMatch(/Orders not placed .*VAR_BUDGET_EXCEEDED \d+/);
    expect(existsSync(report)).toBe(true);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/<td>halt<\/td><td>drawdown [\d.]+ % ≥ 20 %/);
    expect(html).toContain('id="chart-cumulative"');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('rejects bad flags with exit 2 naming the flag and what is accepted', () => {
    expect(run('--strategy', 'nope').stderr).toMatch(/--strategy "nope".*buy-hold/);
    expect(run('--fill', 'later').status).toBe(2);
    expect(run('--symbols', 'DOGE').stderr).toMatch(/--symbols "DOGE"/);
    expect(run('--from', 'yesterday').stderr).toMatch(/--from "yesterday"/);
    expect(run('--data', join(dir, 'missing.csv')).status).toBe(2);
    expect(run('--data', yahooCsv('two.csv', '2020-01-01', '2020-06-30'), '--symbols', 'A,B').stderr).toMatch(/--symbols "A,B" is not accepted with --data/);
    expect(run('--to', '2019-06-01').stderr).toMatch(/--to 2019-06-01 must be after --from 2020-01-01/);
  });

  it('refuses impossible bars with exit 2 naming the file, line, column and reason', () => {
    const good = readFileSync(yahooCsv('base.csv', '2020-01-01', '2020-03-31'), 'utf8').split('\n');
    const cases: [string, (l: string[]) => void, RegExp][] = [
      ['zero', (l) => (l[5] = l[5]!.replace(/^([^,]+),([^,]+),/, '$1,0,')), /line 6 column 2 \(open\): open "0"/],
      ['huge', (l) => (l[7] = l[7]!.split(',').map((x, i) => (i === 4 ? '1e308' : x)).join(',')), /line 8 column 5 \(close\): close "1e308"/],
      ['nan', (l) => (l[3] = l[3]!.split(',').map((x, i) => (i === 4 ? 'NaN' : x)).join(',')), /line 4 column 5 \(close\): malformed close "NaN"/],
      ['negative', (l) => (l[3] = l[3]!.split(',').map((x, i) => (i === 3 ? '-1' : x)).join(',')), /line 4 column 4 \(low\)/],
      ['inverted', (l) => (l[2] = l[2]!.split(',').map((x, i) => (i === 2 ? '1' : x)).join(',')), /line 3 column 3 \(high\): high 1 is below low/],
      ['unsorted', (l) => ([l[4], l[5]] = [l[5]!, l[4]!]), /line 6 column 1 \(time\): timestamps not sorted/],
      ['duplicate', (l) => (l[5] = l[4]!), /line 6 column 1 \(time\): duplicate bar/],
    ];
    for (const [name, edit, message] of cases) {
      const lines = [...good];
      edit(lines);
      const f = join(dir, `${name}.csv`);
      writeFileSync(f, lines.join('\r\n'));
      const r = run('--data', f, '--json');
      expect(r.status, name).toBe(2);
      expect(r.stdout, name).toBe('');
      expect(r.stderr, name).toContain(`${f} line`);
      expect(r.stderr, name).toMatch(message);
    }
  });
});
