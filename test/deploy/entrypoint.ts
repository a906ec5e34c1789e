/**
 * Starts an image's entrypoint the way a container runtime would, without one: in a new PID and
 * mount namespace (so the entrypoint is PID 1, which ignores any signal it installs no handler
 * for), chrooted into the mounted image, as the image's user, with its environment and workdir.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ImageConfig {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Env?: string[] | null;
  WorkingDir?: string;
  User?: string;
}

export interface Started {
  proc: ChildProcess;
  output: () => string;
  /** The host pid of the namespace's PID 1 (the entrypoint). */
  pid1: () => number;
  exited: Promise<number | null>;
}

/** A host tool's absolute path: the outer shell runs with the image's environment (its PATH). */
const hostTool = (name: string): string => execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** uid:gid of a user name (or uid) from the image's own /etc/passwd. */
export function imageUser(rootfs: string, user: string): string {
  if (/^\d+(:\d+)?$/.test(user)) return user.includes(':') ? user : `${user}:${user}`;
  const line = readFileSync(join(rootfs, 'etc/passwd'), 'utf8').split('\n').find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`image user "${user}" is not in the image's /etc/passwd`);
  const [, , uid, gid] = line.split(':');
  return `${uid}:${gid}`;
}

export function startEntrypoint(rootfs: string, config: ImageConfig, env: Record<string, string>, command?: string[]): Started {
  const argv = command ?? [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  const imageEnv = Object.fromEntries((config.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  const user = imageUser(rootfs, config.User || 'root');
  const inner = `cd ${quote(config.WorkingDir || '/')} && exec ${argv.map(quote).join(' ')}`;
  const [mkdir, mount, chroot] = ['mkdir', 'mount', 'chroot'].map(hostTool);
  const script = [
    `${mkdir} -p ${quote(join(rootfs, 'proc'))} ${quote(join(rootfs, 'dev'))}`,
    `${mount} -t proc proc ${quote(join(rootfs, 'proc'))}`,
    `${mount} --rbind /dev ${quote(join(rootfs, 'dev'))}`,
    `exec ${chroot} --userspec=${user} ${quote(rootfs)} /bin/sh -c ${quote(inner)}`,
  ].join(' && ');
  const proc = spawn(hostTool('unshare'), ['--pid', '--fork', '--kill-child', '--mount', '--propagation', 'private', hostTool('sh'), '-c', script], {
    env: { ...imageEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const pid1 = (): number => {
    const children = readFileSync(`/proc/${proc.pid}/task/${proc.pid}/children`, 'utf8').trim();
    const pid = Number(children.split(/\s+/)[0]);
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no PID 1 under unshare ${proc.pid}`);
    return pid;
  };
  return { proc, output: () => out, pid1, exited };
}
