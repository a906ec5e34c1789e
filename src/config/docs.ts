/** docs/configuration.md, generated from the settings table so the page cannot drift from the code. */
import { SETTINGS } from './settings.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function configurationMarkdown(): string {
  const rows = SETTINGS.map((s) => {
    const def = 'default' in s ? `\`${String(s.default)}\`` : '(unset)';
    const notes = [s.description, 'secret' in s && s.secret ? '**Secret**: redacted in every printout and log.' : '', 'integration' in s ? `Enables the \`${s.integration}\` integration.` : '']
      .filter(Boolean)
      .join(' ');
    return `| \`${s.env}\` | \`${s.key}\` | ${cell(s.accepted)} | ${def} | ${cell(notes)} |`;
  });
  return `${[
    '# Configuration',
    '',
    '<!-- Generated from src/config/settings.ts by `npm run build && node scripts/gen-docs.mjs`; test/foundation/docs.test.ts fails when it is stale. -->',
    '',
    'NeoLight reads its settings once, at start, and fails fast on a bad value with the variable, the',
    'value and what is accepted (error `NL_ERR_BAD_CONFIG`, exit code 2). Precedence, highest first:',
    '',
    '1. command-line flags (e.g. `--home`),',
    '2. environment variables (an empty variable counts as unset),',
    '3. the config file: `NEOLIGHT_CONFIG`, or `neolight.config.json` in the data directory when it exists —',
    '   a JSON object whose keys are the setting names below (`NEOLIGHT_SEED` or `seed`); any other',
    '   top-level key is a section its owner parses (e.g. `"trader": {...}`), with errors naming `section.key`,',
    '4. the defaults below.',
    '',
    '`neolight doctor [--json]` prints the resolved configuration with secrets redacted, the data',
    'directory, which integrations are active and whether the data directory is writable.',
    '',
    '| variable | key in the config file | accepted | default | notes |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Config-file sections are printed with every field named like a credential (`token`, `secret`,',
    '`password`, `api_key`, ...) redacted.',
  ].join('\n')}\n`;
}
