/**
 * Kubernetes objects checked two ways against kubernetes-models (and @kubernetes-models/argo-cd):
 * each model's `validate()` (the API's JSON schema: types, enums, required fields), and the
 * object typed as the model's interface in a generated TypeScript file, whose excess-property
 * check names any misspelt or unknown field, which the schema alone lets through.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { typeErrors } from './typed-literals.js';

export const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

export const describe = (o: K8sObject): string => `${o.kind}/${o.metadata?.name ?? '?'}`;

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`YAML: ${d.errors.map((e) => e.message).join('; ')}`);
      return d.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

/** kustomize inside kubectl 1.27+ (v5); older ones handle `$patch: delete` and namespaces differently. */
export function kustomizeMissing(): string | null {
  const r = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 'kubectl (with kustomize v5) is not installed';
  const v = (JSON.parse(r.stdout) as { kustomizeVersion?: string }).kustomizeVersion ?? '';
  return /^v[5-9]\./.test(v) ? null : `kubectl's kustomize is ${v || 'unknown'}, v5 is needed`;
}

export function kustomize(dir: string): K8sObject[] {
  return parseManifests(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** The kubernetes-models module of an object: `kubernetes-models/apps/v1/Deployment`, ... */
export function modelModule(o: K8sObject): string {
  if (o.apiVersion === 'argoproj.io/v1alpha1') return `@kubernetes-models/argo-cd/argoproj.io/v1alpha1/${o.kind}`;
  return `kubernetes-models/${o.apiVersion}/${o.kind}`;
}

/** Schema errors of one object, `[]` when valid; an unknown apiVersion/kind is an error too. */
export function schemaErrors(o: K8sObject): string[] {
  let Model: new (data: unknown) => { validate(): void };
  try {
    Model = (require(modelModule(o)) as Record<string, new (data: unknown) => { validate(): void }>)[o.kind]!;
  } catch {
    return [`${describe(o)}: no model for apiVersion ${o.apiVersion} kind ${o.kind}`];
  }
  try {
    new Model(o).validate();
    return [];
  } catch (e) {
    return [`${describe(o)}: ${(e as Error).message}`];
  }
}

/** TypeScript diagnostics of the objects typed as their models' interfaces (`I${kind}`). */
export function k8sTypeErrors(objects: readonly K8sObject[]): string[] {
  return typeErrors(objects.map((o) => ({ label: describe(o), from: modelModule(o), type: `I${o.kind}`, value: o })));
}
