/**
 * Configuration versions and the automatic rollback ("AutoPatch" in the specification). Each
 * distinct content of the config file the mesh runs with is saved once as
 * runtime/config_versions/<n>.json (version, sha256, time, the file's JSON or null when there was
 * no file); runtime/config_versions/clean.json records, per agent, the last version it ran clean
 * under (it ticked after starting). When an agent fails three times in a row under a version
 * other than its last clean one, `planRollback` says to restore that clean version; the guardian
 * writes it back, restarts the agent and records the rollback.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomic.js';

export const VERSIONS_DIR = 'runtime/config_versions';

const versionFile = z.object({
  version: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  saved_at: z.iso.datetime({ offset: true }),
  /** The config file's JSON, or null when the mesh ran without a config file. */
  config: z.unknown(),
});
export type ConfigVersion = z.infer<typeof versionFile>;
const cleanFile = z.record(z.string(), z.number().int().min(1));

/** The config file's content as a version would hold it: its JSON, or null when absent or unreadable as JSON. */
export function readConfigContent(file: string): unknown {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    // An unparsable file is a version too: its text, so a rollback away from it is possible.
    return { unparsable_text: readFileSync(file, 'utf8') };
  }
}

export function hashOf(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content) ?? 'null').digest('hex');
}

export function listVersions(home: string): ConfigVersion[] {
  const dir = join(home, VERSIONS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^\d+\.json$/.test(f))
    .flatMap((f) => {
      try {
        const p = versionFile.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
        return p.success ? [p.data] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.version - b.version);
}

/** Save the content as a version unless a version with the same hash exists; returns its number. */
export function recordVersion(home: string, content: unknown, now = new Date()): ConfigVersion {
  const sha256 = hashOf(content);
  const all = listVersions(home);
  const same = all.find((v) => v.sha256 === sha256);
  if (same) return same;
  const v: ConfigVersion = { version: (all.at(-1)?.version ?? 0) + 1, sha256, saved_at: now.toISOString(), config: content };
  writeFileAtomic(join(home, VERSIONS_DIR, `${v.version}.json`), `${JSON.stringify(v, null, 2)}\n`);
  return v;
}

export function readClean(home: string): Record<string, number> {
  try {
    const p = cleanFile.safeParse(JSON.parse(readFileSync(join(home, VERSIONS_DIR, 'clean.json'), 'utf8')));
    return p.success ? p.data : {};
  } catch {
    return {};
  }
}

/** Remember that `agent` ran clean under `version` (written only when it changes). */
export function markClean(home: string, agent: string, version: number): void {
  const clean = readClean(home);
  if (clean[agent] === version) return;
  writeFileAtomic(join(home, VERSIONS_DIR, 'clean.json'), `${JSON.stringify({ ...clean, [agent]: version }, null, 2)}\n`);
}

export type RollbackPlan = { rollback: true; from: ConfigVersion; to: ConfigVersion } | { rollback: false; why: string };

/** Decide, purely, whether an agent's failure streak calls for a rollback and to which version. */
export function planRollback(agent: string, current: ConfigVersion | undefined, clean: Readonly<Record<string, number>>, versions: readonly ConfigVersion[]): RollbackPlan {
  if (!current) return { rollback: false, why: 'no configuration version recorded' };
  const cleanVersion = clean[agent];
  if (cleanVersion === undefined) return { rollback: false, why: `${agent} never ran clean under any recorded configuration` };
  if (cleanVersion === current.version) return { rollback: false, why: `${agent} already ran clean under the current configuration v${current.version}: not a configuration problem` };
  const to = versions.find((v) => v.version === cleanVersion);
  if (!to) return { rollback: false, why: `configuration v${cleanVersion} is no longer on disk` };
  return { rollback: true, from: current, to };
}

/** Write a version back as the config file (or remove the file when the version had none). */
export function restoreVersion(file: string, v: ConfigVersion): void {
  if (v.config === null) rmSync(file, { force: true });
  else if (typeof v.config === 'object' && v.config !== null && 'unparsable_text' in v.config && typeof v.config.unparsable_text === 'string') writeFileAtomic(file, v.config.unparsable_text);
  else writeFileAtomic(file, `${JSON.stringify(v.config, null, 2)}\n`);
}
