/**
 * Buildah without a Docker engine or a registry: chroot isolation and vfs storage under a private
 * root, so a test needs no daemon, no overlay support and no network, and leaves nothing behind.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function buildahMissing(): string | null {
  const r = spawnSync('buildah', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 'buildah is not installed (apt-get install buildah; .ci/run installs it)';
  if (process.getuid?.() !== 0) return 'buildah with chroot isolation and vfs storage needs root here';
  return null;
}

export class Buildah {
  readonly dir = mkdtempSync(join(tmpdir(), 'neolight-buildah-'));

  private global(): string[] {
    return ['--root', join(this.dir, 'root'), '--runroot', join(this.dir, 'run'), '--storage-driver', 'vfs'];
  }

  run(args: readonly string[], opts: { cwd?: string; timeoutMs?: number } = {}): string {
    try {
      return execFileSync('buildah', [...this.global(), ...args], {
        cwd: opts.cwd,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: opts.timeoutMs ?? 120_000,
        env: { ...process.env, BUILDAH_ISOLATION: 'chroot', STORAGE_DRIVER: 'vfs' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`buildah ${args.join(' ')} failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
    }
  }

  /** Unmounts and deletes every container and image, then the storage itself. */
  dispose(): void {
    spawnSync('buildah', [...this.global(), 'rm', '--all'], { stdio: 'ignore' });
    spawnSync('buildah', [...this.global(), 'rmi', '--all', '--force'], { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
