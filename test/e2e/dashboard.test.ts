/**
 * End to end: a real `neolight up` on a temporary data dir and port, the built dashboard opened in
 * Debian's headless Chromium (playwright-core, never a downloaded browser), live data awaited,
 * every view clicked through, screenshots saved under test-output/e2e/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalDecisions } from '../../src/contracts/status.js';
import { approvalQueue, requestApproval } from '../../src/store/approval-queue.js';
import { openFileStore } from '../../src/store/file-store.js';
import { freePort } from '../helpers/net.js';

const root = resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const out = join(root, 'test-output', 'e2e');

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!existsSync(CHROMIUM))('dashboard end to end', () => {
  let home: string;
  let port: number;
  let mesh: ChildProcess;
  let browser: Browser;
  let meshOutput = '';

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'neolight-e2e-'));
    port = await freePort();
    mkdirSync(out, { recursive: true });
    // The portfolio view needs fills whatever the hour: crypto trades around the clock, and with the
    // trader's half budget of a $100k account and a 0.5 % drift threshold even ETH's small weight
    // is an order (at $10k and 2 %, only stocks' lots fit, and stocks sleep at night and weekends).
    writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ NEOLIGHT_STARTING_EQUITY: 100_000, trader: { drift_threshold: 0.005 } }));
    mesh = spawn(process.execPath, [join(root, 'dist/cli/main.js'), 'up', '--home', home, '--port', String(port), '--time-scale', '600', '--duration', '120'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEOLIGHT_LOG_LEVEL: 'info' },
    });
    mesh.stdout?.on('data', (d: Buffer) => (meshOutput += d.toString()));
    mesh.stderr?.on('data', (d: Buffer) => (meshOutput += d.toString()));
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (mesh && mesh.exitCode === null) {
      mesh.kill('SIGTERM');
      await new Promise((r) => mesh.once('exit', r));
    }
    rmSync(home, { recursive: true, force: true });
  });

  it('shows the running agents, draws the equity chart and every view', async () => {
    expect(meshOutput).toContain(`http://127.0.0.1:${port}`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The API's Content-Security-Policy must not block any part of the dashboard.
    const cspViolations: string[] = [];
    await page.exposeFunction('reportCspViolation', (v: string) => cspViolations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        void (window as unknown as { reportCspViolation(v: string): Promise<void> }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await page.goto(`http://127.0.0.1:${port}/`);

    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: 30_000 });
    await expect.poll(async () => page.getByTestId('mode-badge').textContent(), { timeout: 10_000 }).toMatch(/SIMULATED/);
    // The equity chart draws once the SmartTrader has written equity points.
    await page.getByTestId('equity-chart').locator('canvas').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(out, 'overview.png'), fullPage: true });

    await page.getByTestId('nav-agents').click();
    await page.getByTestId('agents-table').waitFor();
    const status = (await (await fetch(`http://127.0.0.1:${port}/status`)).json()) as { guardian: { agents: { name: string }[] } };
    expect(status.guardian.agents.length).toBeGreaterThan(0);
    for (const a of status.guardian.agents) await page.getByTestId(`agent-row-${a.name}`).waitFor({ timeout: 10_000 });
    await expect.poll(async () => page.locator('[data-testid^="agent-row-"][data-state="running"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(out, 'agents.png'), fullPage: true });

    for (const view of ['portfolio', 'revenue', 'approvals'] as const) {
      await page.getByTestId(`nav-${view}`).click();
      await expect.poll(() => page.url()).toContain(`#/${view}`);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(out, `${view}.png`), fullPage: true });
    }
    // The Capital view: every capital agent's budget with its reason, and the mesh's factor exposures.
    await page.getByTestId('nav-capital').click();
    await page.getByTestId('budget-row-smart_trader').waitFor({ timeout: 60_000 });
    await page.getByTestId('exposure-SPY').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(out, 'capital.png'), fullPage: true });
    // The Sports view renders from GET /api/sports (parts the agents have not written yet say so).
    await page.getByTestId('nav-sports').click();
    await page.getByTestId('sports-view').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(out, 'sports.png'), fullPage: true });
    await page.getByTestId('nav-portfolio').click();
    await page.getByTestId('fills-table').waitFor({ timeout: 30_000 });
    // A JSON POST from the dashboard's own origin passes the cross-site rule (404: no such approval).
    const post = await page.evaluate(async () => {
      const r = await fetch('/api/approvals/no-such-id/approve', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return { status: r.status, body: await r.text() };
    });
    expect(post.status, post.body).toBe(404);
    expect(errors).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 180_000);

  it('approves one queued action and rejects another from the Approvals view', async () => {
    const store = openFileStore(home);
    const now = Date.now();
    // Queued for an agent the mesh does not run: the luxury agent (every 6 s at ×600) would take the
    // approved request up, find no such offer and record it abandoned while the test reads the ledger.
    const ask = (id: string, amount: number) =>
      requestApproval(store, { id, agent: 'e2e_agent', kind: 'purchase', summary: `Buy ${id} — spend above the approval threshold`, amount, expiresAtMs: now + 3_600_000, action: { offer: id } }, now);
    ask('e2e-watch', 4200);
    ask('e2e-bag', 1800);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/#/approvals`);
    const watch = page.getByTestId('approval-e2e-watch');
    await watch.waitFor({ timeout: 30_000 });
    await expect.poll(async () => watch.textContent()).toMatch(/expires/);
    await watch.locator('button.approve').click();
    await watch.waitFor({ state: 'detached', timeout: 15_000 });
    const bag = page.getByTestId('approval-e2e-bag');
    await bag.locator('button.reject').click();
    await bag.waitFor({ state: 'detached', timeout: 15_000 });
    await page.screenshot({ path: join(out, 'approvals-decided.png'), fullPage: true });

    const items = approvalQueue(openFileStore(home)).items;
    expect(items.find((i) => i.id === 'e2e-watch')).toMatchObject({ status: 'approved', decided_by: 'api' });
    expect(items.find((i) => i.id === 'e2e-bag')).toMatchObject({ status: 'rejected', decided_by: 'api' });
    const decisions = openFileStore(home).ledger(approvalDecisions).readAll().filter((r) => r.approval_id.startsWith('e2e-'));
    expect(decisions.map((r) => [r.approval_id, r.decision])).toEqual([
      ['e2e-watch', 'approved'],
      ['e2e-bag', 'rejected'],
    ]);
    expect(errors).toEqual([]);
  }, 90_000);
});
