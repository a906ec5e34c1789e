/**
 * deploy/Dockerfile passes dockerfile-utils' linter with every rule an error, and our policy
 * (ARG BASE, multi-stage, /data prepared before a non-root USER, HEALTHCHECK, exec-form
 * ENTRYPOINT); broken copies fail one or the other.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validate, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { dockerfileProblems } from './dockerfile-policy.js';

const text = readFileSync(join(resolve(import.meta.dirname, '../..'), 'deploy/Dockerfile'), 'utf8');
const E = ValidationSeverity.ERROR;
const strict: ValidatorSettings = {
  deprecatedMaintainer: E,
  directiveCasing: E,
  emptyContinuationLine: E,
  instructionCasing: E,
  instructionCmdMultiple: E,
  instructionEntrypointMultiple: E,
  instructionHealthcheckMultiple: E,
  instructionJSONInSingleQuotes: E,
  instructionWorkdirRelative: E,
};
const lint = (t: string): string[] => validate(t, strict).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);

describe('deploy/Dockerfile', () => {
  it('lints clean with every rule an error and meets the image policy', () => {
    expect(lint(text)).toEqual([]);
    expect(dockerfileProblems(text)).toEqual([]);
  });

  it.each([
    ['a misspelt instruction', (t: string) => t.replace('\nWORKDIR /app', '\nWORKDIRR /app'), 'lint', /Unknown instruction/],
    ['a second CMD', (t: string) => `${t}CMD ["status"]\n`, 'lint', /only be one CMD/],
    ['a relative WORKDIR', (t: string) => t.replace('\nWORKDIR /app', '\nWORKDIR app'), 'lint', /absolute/i],
    ['a bad port', (t: string) => t.replace('EXPOSE 8100', 'EXPOSE http'), 'lint', /containerPort/],
    ['no USER', (t: string) => t.replace(/^USER node$/m, ''), 'policy', /no USER/],
    ['USER root', (t: string) => t.replace(/^USER node$/m, 'USER root'), 'policy', /is root/],
    ['/data not prepared', (t: string) => t.replace(/^RUN mkdir -p \/data && chown node:node \/data$/m, ''), 'policy', /\/data/],
    ['/data prepared after USER', (t: string) => t.replace(/^(RUN mkdir -p \/data && chown node:node \/data)$/m, '').replace(/^USER node$/m, 'USER node\nRUN mkdir -p /data && chown node:node /data'), 'policy', /\/data/],
    ['no HEALTHCHECK', (t: string) => t.replace(/^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, ''), 'policy', /HEALTHCHECK/],
    ['a shell-form ENTRYPOINT', (t: string) => t.replace(/^ENTRYPOINT .*$/m, 'ENTRYPOINT node dist/cli/main.js'), 'policy', /shell form/],
    ['a hard-coded base', (t: string) => t.replace('FROM ${BASE} AS build', 'FROM node:20 AS build'), 'policy', /does not use/],
    ['one stage', (t: string) => t.replace(/FROM \$\{BASE\} AS build[\s\S]*?(?=\nFROM)/, ''), 'policy', /multi-stage/],
  ] as const)('rejects a broken copy: %s', (_what, breakIt, check, message) => {
    const broken = breakIt(text);
    expect(broken).not.toBe(text);
    const found = check === 'lint' ? lint(broken) : dockerfileProblems(broken);
    expect(found.join('\n')).toMatch(message);
  });
});
