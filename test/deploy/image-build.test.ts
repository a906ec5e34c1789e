/**
 * The image builds from deploy/Dockerfile with buildah (chroot isolation, vfs storage, no Docker
 * engine, no registry) over a base assembled from this host; its entrypoint, started as PID 1 as
 * the image's non-root user, answers /healthz and stops cleanly on SIGTERM. A broken copy of the
 * Dockerfile (the /data directory not prepared) builds but never becomes healthy, and an
 * entrypoint behind a shell that ignores SIGTERM as PID 1 is caught by the same signal check.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/net.js';
import { Buildah, buildahMissing } from './buildah.js';
import { startEntrypoint, type ImageConfig, type Started } from './entrypoint.js';
import { assembleOfflineBase } from './offline-base.js';

const root = resolve(import.meta.dirname, '../..');
const missing = buildahMissing();
if (missing) console.warn(`SKIPPED image build test: ${missing}`);
const BASE = 'localhost/neolight-base:offline';
const TOKEN = 'image-test-token-0123456789';

async function healthy(port: number, started: Started, withinMs: number): Promise<boolean> {
  let exited = false;
  void started.exited.then(() => (exited = true));
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline && !exited) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function stopsOnSigterm(started: Started, withinMs: number): Promise<number | null | 'ignored'> {
  process.kill(started.pid1(), 'SIGTERM');
  const timeout = new Promise<'ignored'>((r) => setTimeout(() => r('ignored'), withinMs));
  return Promise.race([started.exited, timeout]);
}

/**
 * Ends an entrypoint and everything it started. SIGKILL to the namespace's PID 1 makes the kernel
 * kill every process in the namespace; killing only `unshare` left a PID 1 that ignores SIGTERM
 * (the shell wrapper) running with its whole mesh, because `unshare --kill-child`'s parent-death
 * signal is cleared when chroot switches to the image's user.
 */
function kill(started: Started | undefined): void {
  if (!started || started.proc.exitCode !== null) return;
  try {
    process.kill(started.pid1(), 'SIGKILL');
  } catch {
    // PID 1 already gone: only unshare is left.
  }
  started.proc.kill('SIGKILL');
}

describe.skipIf(missing !== null)('deploy/Dockerfile built with buildah', () => {
  const b = new Buildah();
  let config: ImageConfig & { Healthcheck?: { Test?: string[] } };
  let running: Started | undefined;

  // No --layers: with vfs every committed layer is a full copy of the tree.
  const build = (dockerfile: string, tag: string): void => {
    b.run(['build', '--isolation', 'chroot', '--format', 'docker', '--pull-never', '--build-arg', `BASE=${BASE}`, '-f', dockerfile, '-t', tag, '.'], { cwd: root, timeoutMs: 900_000 });
  };
  const mounted = (tag: string): string => b.run(['mount', b.run(['from', '--pull-never', tag])]);
  const inspect = (tag: string): ImageConfig & { Healthcheck?: { Test?: string[] } } => {
    const doc = JSON.parse(b.run(['inspect', '--type', 'image', tag])) as { Docker: { config: ImageConfig & { Healthcheck?: { Test?: string[] } } } };
    return doc.Docker.config;
  };

  beforeAll(() => {
    assembleOfflineBase(b, BASE, join(root, 'node_modules'));
    build('deploy/Dockerfile', 'localhost/neolight:test');
    config = inspect('localhost/neolight:test');
  }, 900_000);
  afterAll(() => {
    kill(running);
    b.dispose();
  }, 300_000);

  it('runs as a non-root user with a health check and an exec-form entrypoint', () => {
    expect(config.User).toBe('node');
    expect(config.Healthcheck?.Test?.[0]).toBe('CMD');
    expect(config.Entrypoint).toEqual(['node', 'dist/cli/main.js']);
    expect(config.Cmd).toEqual(['up']);
  });

  it('starts its entrypoint as PID 1, answers /healthz, logs JSON lines to stdout and stops on SIGTERM', async () => {
    const rootfs = mounted('localhost/neolight:test');
    expect(statSync(join(rootfs, 'data')).uid).toBe(1000);
    const port = await freePort();
    // Loopback only: the test never listens beyond this machine.
    running = startEntrypoint(rootfs, config, { NEOLIGHT_API_HOST: '127.0.0.1', NEOLIGHT_API_PORT: String(port), NEOLIGHT_API_TOKEN: TOKEN });
    const ok = await healthy(port, running, 90_000);
    expect(ok, running.output()).toBe(true);
    const code = await stopsOnSigterm(running, 20_000);
    expect(code, running.output()).toBe(0);
    const lines = running.output().split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((l) => (JSON.parse(l) as { agent?: string }).agent)).toContain('guardian_stdout');
  }, 180_000);

  it('catches an entrypoint that ignores SIGTERM as PID 1 (a shell wrapper)', async () => {
    const rootfs = mounted('localhost/neolight:test');
    const port = await freePort();
    running = startEntrypoint(rootfs, config, { NEOLIGHT_API_HOST: '127.0.0.1', NEOLIGHT_API_PORT: String(port), NEOLIGHT_API_TOKEN: TOKEN }, ['/bin/sh', '-c', 'node dist/cli/main.js up; echo exited']);
    expect(await healthy(port, running, 90_000), running.output()).toBe(true);
    expect(await stopsOnSigterm(running, 8_000)).toBe('ignored');
    kill(running);
  }, 180_000);

  it('rejects a broken copy that leaves /data unprepared: it builds but never becomes healthy', async () => {
    // The final stage as written less its /data line; its build stage is the image just built
    // (which holds the same /app), so the copy builds in seconds instead of repeating npm ci.
    const original = readFileSync(join(root, 'deploy/Dockerfile'), 'utf8');
    const broken = original
      .replace(/^RUN mkdir -p \/data && chown node:node \/data$/m, '')
      .replace(/^FROM \$\{BASE\} AS build$[\s\S]*?(?=^FROM )/m, 'FROM localhost/neolight:test AS build\n');
    expect(broken).not.toContain('chown node:node /data');
    expect(broken).not.toContain('npm ci');
    const file = join(b.dir, 'Dockerfile.broken');
    writeFileSync(file, broken);
    build(file, 'localhost/neolight:broken');
    const brokenConfig = inspect('localhost/neolight:broken');
    const port = await freePort();
    running = startEntrypoint(mounted('localhost/neolight:broken'), brokenConfig, { NEOLIGHT_API_HOST: '127.0.0.1', NEOLIGHT_API_PORT: String(port), NEOLIGHT_API_TOKEN: TOKEN });
    expect(await healthy(port, running, 30_000)).toBe(false);
    kill(running);
  }, 600_000);
});
