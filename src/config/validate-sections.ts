/**
 * Validation of the config file's sections at load time: every section must be one of SECTIONS,
 * every key inside it one its schema knows, every value inside its accepted range. Errors name the
 * key, its section and, for an unknown key, the closest valid one.
 */
import { z } from 'zod';
import { NeoLightError } from '../core/errors.js';
import { SECTIONS, type SectionName } from './sections/index.js';
import { closestKey } from './suggest.js';

type Issue = z.core.$ZodIssue;

/** An unknown key: names it, where it is and what was probably meant; lists the valid keys. */
export function unknownKeyError(key: string, where: string, file: string, candidates: readonly string[], listed: readonly string[] = candidates): NeoLightError {
  const guess = closestKey(key, candidates);
  const hint = guess ? `; did you mean ${guess}?` : '';
  return new NeoLightError('NL_ERR_BAD_CONFIG', `config file ${file}: unknown key "${key}" in ${where}${hint} (valid keys: ${[...listed].sort().join(', ')})`, {
    file,
    key,
    section: where,
    ...(guess ? { suggestion: guess } : {}),
  });
}

/** Parse one section with its strict schema; the first problem becomes an NL_ERR_BAD_CONFIG. */
export function validateSection(name: SectionName, value: unknown, file: string): void {
  const schema: z.ZodType = SECTIONS[name];
  const parsed = schema.safeParse(value);
  if (parsed.success) return;
  // A misspelt key usually also shows up as a missing or defaulted one: report the spelling first.
  const issues = parsed.error.issues;
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  if (!issue) throw new NeoLightError('NL_ERR_BAD_CONFIG', `config file ${file}: section ${name} is invalid`, { file, section: name });
  const path = issue.path.map(String);
  const where = [name, ...path].join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    throw unknownKeyError(key, `section ${where}`, file, objectKeysAt(schema, issue.path));
  }
  const shown = JSON.stringify(valueAt(value, issue.path)) ?? 'undefined';
  throw new NeoLightError('NL_ERR_BAD_CONFIG', `config file ${file}: ${where}=${shown} is invalid; accepted: ${acceptedOf(issue)}`, {
    file,
    section: name,
    key: where,
  });
}

/** What the schema accepts, in words, from the zod issue (the bound and whether it is inclusive). */
function acceptedOf(issue: Issue): string {
  if (issue.code === 'too_big') return `${issue.origin === 'array' || issue.origin === 'string' ? 'length ' : ''}${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
  if (issue.code === 'too_small') return `${issue.origin === 'array' || issue.origin === 'string' ? 'length ' : ''}${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
  if (issue.code === 'invalid_type') return `a value of type ${issue.expected}`;
  if (issue.code === 'invalid_value') return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The keys of the object schema found at `path` (through defaults, optionals and arrays). */
function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  let i = 0;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodPrefault) s = s.unwrap();
    else if (s instanceof z.ZodArray && typeof path[i] === 'number') {
      s = s.element;
      i++;
    } else if (s instanceof z.ZodObject) {
      if (i >= path.length) return Object.keys(s.shape);
      s = s.shape[String(path[i])];
      i++;
    } else return [];
  }
}
