/**
 * What every NeoLight Deployment must have beyond schema validity: one replica replaced with
 * Recreate (each agent is a single writer), requests and limits on every container, liveness
 * and readiness probes on /healthz at a port the container opens, configuration from the
 * ConfigMap and Secret, and only agents the registry knows.
 */
import { agentNames } from '../../src/mesh/registry.js';
import type { K8sObject } from './k8s-models.js';

interface Probe {
  httpGet?: { path?: string; port?: number | string };
}
export interface Container {
  name: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}
export interface Deployment {
  metadata: { name: string };
  spec: { replicas?: number; strategy?: { type?: string }; template: { spec: { containers: Container[]; volumes?: unknown[] } } };
}

function probeProblems(c: Container, which: 'livenessProbe' | 'readinessProbe'): string[] {
  const p = c[which]?.httpGet;
  if (!p) return [`${c.name}: no ${which} httpGet`];
  const out: string[] = [];
  if (p.path !== '/healthz') out.push(`${c.name}: ${which} path ${p.path} is not /healthz`);
  const port = (c.ports ?? []).find((x) => x.name === p.port || x.containerPort === p.port);
  if (!port) out.push(`${c.name}: ${which} port ${p.port} is not a port of the container`);
  else if (c.args?.[0] === 'agent' && c.args[c.args.indexOf('--health-port') + 1] !== String(port.containerPort)) out.push(`${c.name}: ${which} port ${port.containerPort} is not its --health-port`);
  return out;
}

export function deploymentProblems(d: Deployment, all: readonly K8sObject[]): string[] {
  const known = new Set(agentNames());
  const names = (kind: string): Set<string> => new Set(all.filter((o) => o.kind === kind).map((o) => o.metadata?.name ?? ''));
  const configMaps = names('ConfigMap');
  const secrets = names('Secret');
  const out: string[] = [];
  const at = (s: string): string => `${d.metadata.name}/${s}`;
  if (d.spec.replicas !== 1) out.push(at(`replicas ${d.spec.replicas}: each agent is a single writer, 1 only`));
  if (d.spec.strategy?.type !== 'Recreate') out.push(at('strategy is not Recreate: a rolling update would run two writers'));
  for (const c of d.spec.template.spec.containers) {
    for (const side of ['requests', 'limits'] as const) {
      for (const r of ['cpu', 'memory']) if (!c.resources?.[side]?.[r]) out.push(at(`${c.name}: no ${side}.${r}`));
    }
    out.push(...probeProblems(c, 'livenessProbe').map(at), ...probeProblems(c, 'readinessProbe').map(at));
    if (!c.envFrom?.some((e) => e.configMapRef && configMaps.has(e.configMapRef.name))) out.push(at(`${c.name}: no envFrom of an existing ConfigMap`));
    if (!c.envFrom?.some((e) => e.secretRef && secrets.has(e.secretRef.name))) out.push(at(`${c.name}: no envFrom of an existing Secret`));
    const args = c.args ?? [];
    const agents = args[0] === 'agent' ? [args[1] ?? ''] : args[0] === 'up' && args.includes('--agents') ? (args[args.indexOf('--agents') + 1] ?? '').split(',') : [];
    for (const a of agents) if (!known.has(a)) out.push(at(`${c.name}: unknown agent ${a}`));
  }
  return out;
}
