#!/usr/bin/env node
/**
 * Screenshots every dashboard view with Debian's chromium through playwright-core, for checking
 * the layout by eye against web/dev/mock-api.mjs (or a real `neolight up`). Not used by the product.
 *
 *   node web/dev/screenshot.mjs [BASE_URL=http://127.0.0.1:8199/] [OUT_DIR=/tmp/atlas] [--phone] [--dark]
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const base = args[0] ?? 'http://127.0.0.1:8199/';
const out = args[1] ?? '/tmp/atlas';
const phone = process.argv.includes('--phone');
const dark = process.argv.includes('--dark');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
page.on('console', (m) => (m.type() === 'error' ? console.error('page:', m.text()) : undefined));
for (const view of ['overview', 'agents', 'portfolio', 'revenue', 'approvals']) {
  await page.goto(`${base}#/${view}`);
  await page.waitForTimeout(1500);
  const file = `${out}/${view}${phone ? '-phone' : ''}${dark ? '-dark' : ''}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.error(file);
}
await browser.close();
