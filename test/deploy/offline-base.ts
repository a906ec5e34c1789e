/**
 * A base image assembled from this host, because the test machine reaches no image registry:
 * the host's node and npm, /bin/sh, the few tools a Dockerfile RUN uses, the shared libraries
 * `ldd` names for each and for the native addons the build loads (rolldown's, under vite), and a
 * `node` user (uid 1000) as in the official node images. It trusts
 * what the host trusts (the host's CA bundle), so npm reaches the registry the way the host does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Buildah } from './buildah.js';

const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const TOOLS = ['/bin/sh', '/usr/bin/env', '/bin/mkdir', '/bin/chown', '/bin/rm', '/bin/ls'];

/** The shared libraries of a binary and the dynamic loader, as absolute host paths; none for another platform's prebuilt addon. */
function sharedLibraries(binary: string): string[] {
  const r = spawnSync('ldd', [binary], { encoding: 'utf8' });
  return r.status === 0 ? [...r.stdout.matchAll(/(\/[^\s]+) \(0x/g)].map((m) => m[1]!) : [];
}

/** The project's native addons on the host (the build's npm ci installs the same ones). */
function nativeAddons(dir: string): string[] {
  const out = execFileSync('find', [dir, '-name', '*.node', '-type', 'f'], { encoding: 'utf8' });
  return out.split('\n').filter((f) => f !== '');
}

function copyInto(root: string, hostPath: string, at = hostPath): void {
  const target = join(root, at);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(realpathSync(hostPath), target, { recursive: true, dereference: true });
}

export function assembleOfflineBase(b: Buildah, tag: string, nodeModules: string): void {
  const ctr = b.run(['from', 'scratch']);
  const root = b.run(['mount', ctr]);
  const node = realpathSync(process.execPath);
  const binaries = [node, ...TOOLS.map((t) => realpathSync(t)), ...nativeAddons(realpathSync(nodeModules))];
  for (const lib of new Set(binaries.flatMap(sharedLibraries))) copyInto(root, lib);
  copyInto(root, node, '/usr/local/bin/node');
  for (const t of TOOLS) copyInto(root, t);
  const npmHome = join(dirname(realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim())), '..');
  copyInto(root, npmHome, '/usr/local/lib/node_modules/npm');
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(root, 'usr/local/bin/npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(root, 'usr/local/bin/npx'));
  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n');
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\nnode:x:1000:\n');
  for (const d of ['root', 'home/node', 'tmp']) mkdirSync(join(root, d), { recursive: true });
  chmodSync(join(root, 'tmp'), 0o1777);
  execFileSync('chown', ['1000:1000', join(root, 'home/node')]);
  const trust: string[] = [];
  if (existsSync(CA_BUNDLE)) {
    copyInto(root, CA_BUNDLE);
    trust.push('--env', `NODE_EXTRA_CA_CERTS=${CA_BUNDLE}`, '--env', `npm_config_cafile=${CA_BUNDLE}`);
  }
  b.run(['umount', ctr]);
  b.run(['config', '--env', 'PATH=/usr/local/bin:/usr/bin:/bin', ...trust, '--user', 'root', ctr]);
  b.run(['commit', '--quiet', ctr, tag]);
  b.run(['rm', ctr]);
}
