/** `ventures.<agent>.enabled: false` keeps that venture out of `neolight up`'s default agent list. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agentNames } from '../../src/mesh/registry.js';
import { freePort } from '../helpers/net.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const home = mkdtempSync(join(tmpdir(), 'nl-ventures-enabled-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('ventures.<agent>.enabled', () => {
  it('starts every agent but the disabled ventures', async () => {
    writeFileSync(join(home, 'neolight.config.json'), JSON.stringify({ ventures: { luxury_agent: { enabled: false }, content_agent: { enabled: false } } }));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NEOLIGHT_')));
    const child = spawn(process.execPath, [cli, 'up', '--home', home, '--port', String(await freePort()), '--duration', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code, out).toBe(0);
    expect(out).toContain(`NeoLight mesh up: ${agentNames().length - 2} agents`);
  }, 90_000);
});
