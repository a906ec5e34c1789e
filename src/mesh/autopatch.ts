/**
 * AutoPatch, the guardian's side of config-versions.ts: every second it saves a new version when
 * the config file changed and notes which agents ran clean (ticked since their start) under the
 * current version; on an agent's third consecutive failure it rolls the config file back to the
 * last version that agent ran clean under, restarts the agent at once, and records the rollback:
 * a row in state/config_rollbacks.csv, `last_rollback` in the agent's /status entry, a bundle under
 * state/repairs/ (listed by /api/repairs and alerted like any repair) and a warn log line.
 */
import { join } from 'node:path';
import { configRollbacks } from '../contracts/config-versions.js';
import type { Logger } from '../log/logger.js';
import { writeFileAtomic } from '../store/atomic.js';
import { openLedger } from '../store/ledger.js';
import { listVersions, markClean, planRollback, readClean, readConfigContent, recordVersion, restoreVersion, type ConfigVersion } from './config-versions.js';
import type { RepairRequest, Supervisor } from './supervisor.js';

export interface AutoPatch {
  /** Save a changed config file as a new version; note agents that ran clean. */
  tick(): void;
  /** Called on an agent's third consecutive failure, before the repair bundle. */
  onRepair(req: RepairRequest): Promise<void>;
  current(): ConfigVersion;
}

export function createAutoPatch(o: { home: string; configFile: string; log: Logger; supervisor: () => Supervisor | undefined }): AutoPatch {
  let current = recordVersion(o.home, readConfigContent(o.configFile));
  // The version each agent started under (noted when its start is first seen): a clean run counts
  // for the configuration the agent read at start, not for one written while it ran.
  const startedUnder = new Map<string, { startedAt: string; version: number }>();
  o.log.info({ version: current.version, sha256: current.sha256 }, `configuration v${current.version} (${o.configFile})`);
  return {
    current: () => current,
    tick() {
      const v = recordVersion(o.home, readConfigContent(o.configFile));
      if (v.version !== current.version) o.log.info({ version: v.version, from: current.version }, `configuration changed: now v${v.version}`);
      current = v;
      for (const a of o.supervisor()?.agents() ?? []) {
        if (!a.started_at) continue;
        let start = startedUnder.get(a.name);
        if (start?.startedAt !== a.started_at) startedUnder.set(a.name, (start = { startedAt: a.started_at, version: current.version }));
        if (a.state === 'running' && a.last_tick_at && a.last_tick_at >= a.started_at) markClean(o.home, a.name, start.version);
      }
    },
    async onRepair(req) {
      // The supervisor schedules the backoff restart right after calling us: let it, then replace it.
      await Promise.resolve();
      const plan = planRollback(req.id, current, readClean(o.home), listVersions(o.home));
      if (!plan.rollback) {
        o.log.info({ child: req.id }, `no configuration rollback for ${req.id}: ${plan.why}`);
        return;
      }
      const at = new Date().toISOString();
      restoreVersion(o.configFile, plan.to);
      current = plan.to;
      const reason = `${req.id} failed ${req.failures} times in a row under configuration v${plan.from.version}; restored v${plan.to.version}, the last it ran clean under`;
      openLedger(configRollbacks, join(o.home, configRollbacks.path)).append([
        { key: `${req.id}-${at}`, row: { ts: at, agent: req.id, from_version: plan.from.version, to_version: plan.to.version, from_sha256: plan.from.sha256, to_sha256: plan.to.sha256, reason } },
      ]);
      writeFileAtomic(
        join(o.home, 'state', 'repairs', `${req.id}-${at.replace(/[:.]/g, '-')}-rollback.json`),
        `${JSON.stringify({ agent: req.id, at, consecutive_failures: req.failures, error: `configuration rolled back from v${plan.from.version} to v${plan.to.version}`, rollback: { from_version: plan.from.version, to_version: plan.to.version } }, null, 2)}\n`,
      );
      o.log.warn({ child: req.id, from: plan.from.version, to: plan.to.version }, reason);
      o.supervisor()?.restartNow(req.id, { at, from_version: plan.from.version, to_version: plan.to.version });
    },
  };
}
