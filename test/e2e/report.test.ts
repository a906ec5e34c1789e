/**
 * The HTML tearsheet of `neolight backtest --report`, opened from disk in Debian's headless
 * Chromium (playwright-core, never a downloaded browser): no page error, no request beyond the
 * file, every section present with its chart drawn, no `[object Object]`, the log-scale switch
 * works, and the print layout hides the controls. Uses the built CLI (dist/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const cli = join(root, 'dist/cli/main.js');
const out = join(root, 'test-output', 'e2e');
const dir = mkdtempSync(join(tmpdir(), 'neolight-report-'));
const backtest = (...args: string[]) => spawnSync(process.execPath, [cli, 'backtest', ...args], { encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: '' } });

const SECTIONS = ['headline', 'cumulative', 'underwater', 'monthly', 'yearly', 'distribution', 'rolling-sharpe', 'rolling-volatility', 'rolling-beta', 'worst-drawdowns', 'guard-events', 'trades', 'refused-orders', 'all-figures'];
const CHARTS = ['chart-cumulative', 'chart-underwater', 'chart-rolling-sharpe', 'chart-rolling-volatility', 'chart-rolling-beta'];

/** A daily CSV of weekdays with a wavy deterministic path (one asset). */
function csv(name: string): string {
  const rows = ['Date,Open,High,Low,Close,Volume'];
  let k = 0;
  for (let t = Date.parse('2019-01-01T00:00:00Z'); t <= Date.parse('2021-12-31T00:00:00Z'); t += 86_400_000) {
    if ([0, 6].includes(new Date(t).getUTCDay())) continue;
    const c = 40 * Math.exp(0.0004 * k + 0.2 * Math.sin(k / 35) + 0.04 * Math.sin(k / 6));
    rows.push(`${new Date(t).toISOString().slice(0, 10)},${(c * 0.998).toFixed(4)},${(c * 1.01).toFixed(4)},${(c * 0.99).toFixed(4)},${c.toFixed(4)},1000`);
    k++;
  }
  const f = join(dir, name);
  writeFileSync(f, `${rows.join('\n')}\n`);
  return f;
}

describe.skipIf(!existsSync(CHROMIUM))('backtest --report in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string, shot: string) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(`file://${file}`);
    await page.waitForSelector('html[data-charts="ready"]', { timeout: 20_000 });
    await page.screenshot({ path: join(out, shot), fullPage: true });
    return { page, errors, requests };
  }

  it('a simulated crash run against SPY: every section, drawn charts, no page error, no network, no [object Object]', async () => {
    const file = join(dir, 'crash.html');
    const r = backtest('--scenario', 'crash', '--benchmark', 'SPY', '--report', file, '--json');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { trade_list: unknown[]; skipped_orders: Record<string, number>; drawdown_events: unknown[]; benchmark: { name: string } };
    expect(doc.benchmark.name).toBe('SPY');
    const { page, errors, requests } = await open(file, 'report-crash.png');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    for (const id of SECTIONS) expect(await page.locator(`section#${id} h2`).count(), id).toBe(1);
    // Lightweight Charts draws into canvases inside each chart box.
    for (const id of CHARTS) expect(await page.locator(`#${id} canvas`).count(), id).toBeGreaterThan(0);
    const text = await page.innerText('body');
    expect(text).not.toContain('[object Object]');
    expect(text).not.toMatch(/\bNaN\b|undefined/);
    expect(text).toContain('SIMULATED');
    // Headline columns: the strategy, without the risk layer, the benchmark.
    expect(await page.locator('#headline thead th').allInnerTexts()).toEqual(['', 'Strategy', 'Without risk layer', 'Benchmark: SPY']);
    // Every trade and every refusal reason is a table row.
    expect(await page.locator('#trade-table tbody tr').count()).toBe(doc.trade_list.length);
    expect(await page.locator('#refused-orders tbody tr').count()).toBe(Object.keys(doc.skipped_orders).length);
    expect(await page.locator('#guard-events tbody tr').count()).toBe(doc.drawdown_events.length);
    expect(await page.locator('#monthly-heatmap tbody tr').count()).toBe(5);
    // The log-scale switch re-scales the chart without an error.
    await page.locator('#log-scale').check();
    await page.waitForTimeout(200);
    expect(errors).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.controls').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.close();
  }, 240_000);

  it('a user CSV against buy-hold; a foreign benchmark symbol needs a file (exit 2) and works with one', async () => {
    const data = csv('asset.csv');
    const file = join(dir, 'csv.html');
    const r = backtest('--data', data, '--fees', '10', '--benchmark', 'buy-hold', '--report', file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Benchmark buy-hold /m);
    const { page, errors } = await open(file, 'report-csv.png');
    expect(errors).toEqual([]);
    for (const id of SECTIONS) expect(await page.locator(`section#${id}`).count(), id).toBe(1);
    expect(await page.innerText('body')).not.toContain('[object Object]');
    expect(await page.innerText('body')).not.toContain('SIMULATED');
    await page.close();

    const refused = backtest('--data', data, '--benchmark', 'SPY', '--report', join(dir, 'no.html'));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--benchmark "SPY" is not in .*asset\.csv.*--benchmark-data FILE\.csv/);
    expect(existsSync(join(dir, 'no.html'))).toBe(false);

    const withFile = backtest('--data', data, '--benchmark', 'SPY', '--benchmark-data', csv('spy.csv'), '--json');
    expect(withFile.status, withFile.stderr).toBe(0);
    const doc = JSON.parse(withFile.stdout) as { benchmark: { name: string; simulated: boolean; beta: number } };
    expect(doc.benchmark.name).toBe('SPY');
    expect(doc.benchmark.simulated).toBe(false);
    // No inline event handler in the markup (the inlined scripts attach their listeners).
    const markup = readFileSync(file, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '');
    expect(markup).not.toMatch(/<[^>]+\son[a-z]+=/i);
    expect(markup).not.toMatch(/(src|href)="https?:/);
  }, 240_000);
});
