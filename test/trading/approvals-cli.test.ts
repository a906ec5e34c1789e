/** `neolight approvals`: list the queue, approve or reject from the command line (recorded as `cli`), bad ids exit 2. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approvals, type ApprovalItem } from '../../src/contracts/status.js';
import { openFileStore } from '../../src/store/file-store.js';

const cli = resolve(import.meta.dirname, '../../dist/cli/main.js');
const home = mkdtempSync(join(tmpdir(), 'neolight-approvals-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const T = '2026-11-18T16:00:00.000Z';
const pending = (id: string, created_at = T): ApprovalItem => ({ id, agent: 'smart_trader', kind: 'live_order', summary: `order ${id}`, amount: null, created_at, status: 'pending', decided_at: null });

function run(...args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NEOLIGHT_')));
  return spawnSync(process.execPath, [cli, 'approvals', ...args, '--home', home], { env, encoding: 'utf8', timeout: 60_000 });
}

describe('neolight approvals', () => {
  it('lists, approves and rejects, recording who and when; unknown or decided ids fail naming the id', () => {
    const store = openFileStore(home);
    store.write(approvals, { updated_at: T, items: [pending('a1'), pending('a2', '2026-11-18T16:00:01.000Z')] });

    const listed = run('list', '--json');
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).items.map((i: ApprovalItem) => i.id)).toEqual(['a1', 'a2']);
    expect(run().stdout).toMatch(/^a1 {2}pending {2}smart_trader {2}order a1$/m);

    const before = Date.now();
    const ok = run('approve', 'a1', '--json');
    expect(ok.status, ok.stderr).toBe(0);
    const decided = JSON.parse(ok.stdout) as ApprovalItem;
    expect(decided).toMatchObject({ id: 'a1', status: 'approved', decided_by: 'cli' });
    expect(Date.parse(decided.decided_at!)).toBeGreaterThanOrEqual(before - 1000);
    const no = run('reject', 'a2', '--reason', 'too big');
    expect(no.status, no.stderr).toBe(0);
    expect(no.stdout).toMatch(/^a2 {2}rejected .* by cli {2}smart_trader {2}order a2 {2}\(too big\)$/m);
    expect(store.get(approvals)!.items.map((i) => [i.id, i.status, i.decided_by, i.reason])).toEqual([['a1', 'approved', 'cli', undefined], ['a2', 'rejected', 'cli', 'too big']]);

    const again = run('approve', 'a1');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/approval "a1" was already approved at .* \[NL_ERR_CONFLICT\]/);
    const unknown = run('approve', 'zz');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('ID "zz" is not accepted: no approval with id "zz"; pending: none');
  });
});
