/** docs/contracts.md and docs/configuration.md are generated from the schemas; fail when they are stale. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurationMarkdown } from '../../src/config/docs.js';
import { SETTINGS } from '../../src/config/settings.js';
import { contractsMarkdown, describeType } from '../../src/contracts/describe.js';
import { atlasBrain, CONTRACTS } from '../../src/contracts/index.js';
import { ROOT } from './helpers.js';

const REGEN = 'stale: run `npm run build && node scripts/gen-docs.mjs`';

describe('generated docs', () => {
  it('docs/contracts.md matches the schemas', () => {
    expect(readFileSync(join(ROOT, 'docs', 'contracts.md'), 'utf8'), REGEN).toBe(contractsMarkdown(CONTRACTS));
  });

  it('docs/configuration.md matches the settings table', () => {
    expect(readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8'), REGEN).toBe(configurationMarkdown());
  });

  it('lists every contract path and every variable', () => {
    const contracts = contractsMarkdown(CONTRACTS);
    for (const c of CONTRACTS) expect(contracts).toContain(`\`${c.path}\``);
    const config = configurationMarkdown();
    for (const s of SETTINGS) expect(config).toContain(`| \`${s.env}\` |`);
  });

  it('states the ranges', () => {
    expect(describeType(atlasBrain.schema.shape.risk_scaler)).toBe('number (≥ 0.4, ≤ 1.2)');
    expect(contractsMarkdown(CONTRACTS)).toContain('| `allocations` | map from text (an upper-case ticker such as BTC-USD or SPY) to number (≥ 0.02, ≤ 0.35) |');
  });
});
