/**
 * The chart library's standalone build (TradingView Lightweight Charts, the dashboard's), read
 * from the installed package so the HTML report can inline it and open offline. Resolved through
 * the package's exported package.json, since its exports map does not list the standalone file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { NeoLightError } from '../core/errors.js';

export function chartLibrarySource(): string {
  let file: string;
  try {
    file = join(dirname(createRequire(import.meta.url).resolve('lightweight-charts/package.json')), 'dist', 'lightweight-charts.standalone.production.js');
    const js = readFileSync(file, 'utf8');
    // Inlined in a <script> element: a closing tag inside would end it early.
    return js.replace(/<\/script/gi, '<\\/script');
  } catch (e) {
    throw new NeoLightError('NL_ERR_INTERNAL', `the HTML report needs the lightweight-charts package (npm install lightweight-charts): ${(e as Error).message}`);
  }
}
