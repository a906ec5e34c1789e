/**
 * deploy/k8s (the kustomize base, the dev and prod overlays) and the Argo CD Application: every
 * object valid against the Kubernetes schemas and typed as its model (a misspelt field fails),
 * every Deployment with probes on /healthz and resource requests and limits, and every agent of
 * the registry run exactly once in prod, as `neolight agent NAME` on the store from the Secret.
 * Broken copies (a misspelt field, a wrong type, a probe on the wrong path) are rejected.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agentNames } from '../../src/mesh/registry.js';
import { describe as name, kustomize, kustomizeMissing, parseManifests, ROOT, schemaErrors, k8sTypeErrors as typeErrors, type K8sObject } from './k8s-models.js';
import { deploymentProblems, type Deployment } from './k8s-policy.js';

const K8S = join(ROOT, 'deploy/k8s');
const missing = kustomizeMissing();
if (missing) console.warn(`SKIPPED rendering the kustomize overlays: ${missing}`);
const yamlFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').map((f) => join(dir, f));
const byKind = (objs: K8sObject[], kind: string): K8sObject[] => objs.filter((o) => o.kind === kind);
const clone = <T>(x: T): T => structuredClone(x);

describe('every manifest file, as written', { timeout: 300_000 }, () => {
  const objects = [...yamlFiles(join(K8S, 'base')), join(ROOT, 'deploy/argocd/application.yaml')].flatMap((f) => parseManifests(readFileSync(f, 'utf8')));

  it('is valid against the schemas and typed as its model', () => {
    expect(objects.length).toBeGreaterThanOrEqual(12);
    expect(objects.flatMap(schemaErrors)).toEqual([]);
    expect(typeErrors(objects)).toEqual([]);
  });

  it('rejects broken copies: a misspelt field, a field of the wrong type, an unknown kind', () => {
    const deployment = clone(objects.find((o) => o.kind === 'Deployment')!) as unknown as Deployment;
    const container = deployment.spec.template.spec.containers[0]! as unknown as Record<string, unknown>;
    container.readinesProbe = container.readinessProbe;
    delete container.readinessProbe;

    const wrongType = clone(objects.find((o) => o.kind === 'Deployment')!) as unknown as { spec: { replicas: unknown } };
    wrongType.spec.replicas = 'one';
    expect(schemaErrors(wrongType as unknown as K8sObject).join('\n')).toMatch(/replicas/);

    const app = clone(objects.find((o) => o.kind === 'Application')!) as unknown as { spec: { source: Record<string, unknown> } };
    app.spec.source.targetRevison = app.spec.source.targetRevision;
    delete app.spec.source.targetRevision;
    // One compiler run for both copies (each run costs seconds); each must be named.
    const errors = typeErrors([deployment as unknown as K8sObject, app as unknown as K8sObject]);
    expect(errors.find((e) => e.startsWith('Deployment/'))).toMatch(/readinesProbe/);
    expect(errors.find((e) => e.startsWith('Application/'))).toMatch(/targetRevison/);

    expect(schemaErrors({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } })).toHaveLength(1);
  });
});

describe.skipIf(missing !== null)('the kustomize overlays, rendered', { timeout: 300_000 }, () => {
  let prod: K8sObject[];
  let dev: K8sObject[];
  beforeAll(() => {
    prod = kustomize(join(K8S, 'overlays/prod'));
    dev = kustomize(join(K8S, 'overlays/dev'));
  }, 180_000);

  it('render only valid, typed objects', () => {
    expect([...prod, ...dev].flatMap(schemaErrors)).toEqual([]);
    expect(typeErrors([...prod, ...dev])).toEqual([]);
  });

  it('prod has the namespace, configuration, API Service, disruption budget and network policies, all in one namespace', () => {
    for (const kind of ['Namespace', 'ConfigMap', 'Secret', 'Service', 'PodDisruptionBudget', 'NetworkPolicy']) expect(byKind(prod, kind).length, kind).toBeGreaterThan(0);
    const ns = byKind(prod, 'Namespace')[0]!.metadata!.name;
    for (const o of prod.filter((x) => x.kind !== 'Namespace')) expect(o.metadata?.namespace, name(o)).toBe(ns);
    const secret = byKind(prod, 'Secret')[0] as K8sObject & { stringData: Record<string, string> };
    expect(Object.keys(secret.stringData).sort()).toEqual(['NEOLIGHT_API_TOKEN', 'NEOLIGHT_STORE']);
    expect(secret.stringData.NEOLIGHT_STORE).toMatch(/^postgres:\/\//);
  });

  it('prod runs every registered agent exactly once, each agent group as `neolight agent NAME`', () => {
    const deployments = byKind(prod, 'Deployment') as unknown as Deployment[];
    expect(deployments.flatMap((d) => deploymentProblems(d, prod))).toEqual([]);
    const run: string[] = [];
    for (const d of deployments) {
      for (const c of d.spec.template.spec.containers) {
        const args = c.args ?? [];
        if (args[0] === 'agent') run.push(args[1]!);
        else if (args[0] === 'up') run.push(...(args[args.indexOf('--agents') + 1] ?? '').split(','));
        else throw new Error(`${d.metadata.name}/${c.name}: runs neither up nor agent`);
      }
    }
    expect(run.sort()).toEqual(agentNames().sort());
    expect(deployments.length).toBeGreaterThanOrEqual(4);
  });

  it('dev runs the whole mesh in one pod on a volume, without a store URL', () => {
    const deployments = byKind(dev, 'Deployment') as unknown as Deployment[];
    expect(deployments.map((d) => d.metadata.name)).toEqual(['neolight-api']);
    expect(deployments.flatMap((d) => deploymentProblems(d, dev))).toEqual([]);
    expect(deployments[0]!.spec.template.spec.containers[0]!.args).toEqual(['up']);
    expect(JSON.stringify(deployments[0]!.spec.template.spec.volumes)).toContain('"claimName":"neolight-data"');
    expect(byKind(dev, 'PersistentVolumeClaim')).toHaveLength(1);
    expect(JSON.stringify(byKind(dev, 'Secret'))).not.toContain('NEOLIGHT_STORE');
    expect(byKind(dev, 'Namespace')[0]!.metadata!.name).toBe('neolight-dev');
  });

  it('rejects broken copies: a probe on another path, a container without limits, an agent the registry does not know', () => {
    const d = clone(byKind(prod, 'Deployment').find((o) => o.metadata?.name === 'neolight-risk')!) as unknown as Deployment;
    d.spec.template.spec.containers[0]!.livenessProbe!.httpGet!.path = '/health';
    delete d.spec.template.spec.containers[1]!.resources!.limits;
    d.spec.template.spec.containers[2]!.args = ['agent', 'risk_governer', '--health-port', '8103'];
    const problems = deploymentProblems(d, prod).join('\n');
    expect(problems).toMatch(/livenessProbe/);
    expect(problems).toMatch(/limits/);
    expect(problems).toMatch(/risk_governer/);
  });

  it('the Argo CD Application syncs the prod overlay into its namespace', () => {
    const app = parseManifests(readFileSync(join(ROOT, 'deploy/argocd/application.yaml'), 'utf8'))[0] as K8sObject & { spec: { source: { path: string }; destination: { namespace: string } } };
    expect(app.spec.source.path).toBe('deploy/k8s/overlays/prod');
    expect(kustomize(join(ROOT, app.spec.source.path)).length).toBe(prod.length);
    expect(app.spec.destination.namespace).toBe(byKind(prod, 'Namespace')[0]!.metadata!.name);
  });
});
