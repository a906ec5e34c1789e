/** docs/configuration.md, generated from the settings table so the page cannot drift from the code. */
import { describeFields } from '../contracts/describe.js';
import { SECTIONS } from './sections/index.js';
import { SETTINGS } from './settings.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** One table per config-file section, generated from its strict schema. */
function sectionsMarkdown(): string[] {
  return Object.entries(SECTIONS).flatMap(([name, schema]) => [
    `### \`${name}\``,
    '',
    '| key | accepted |',
    '|---|---|',
    ...describeFields(schema).map((f) => `| \`${f.field}\` | ${cell(f.type)} |`),
    '',
  ]);
}

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
    '<!-- Generated from src/config/settings.ts and src/config/sections/ by `npm run build && node scripts/gen-docs.mjs`; test/foundation/docs.test.ts fails when it is stale. -->',
    '',
    'NeoLight reads its settings once, at start, and fails fast on a bad value with the variable, the',
    'value and what is accepted (error `NL_ERR_BAD_CONFIG`, exit code 2). Precedence, highest first:',
    '',
    '1. command-line flags (e.g. `--home`),',
    '2. environment variables (an empty variable counts as unset),',
    '3. the config file: `NEOLIGHT_CONFIG`, or `neolight.config.json` in the data directory when it exists —',
    '   a JSON object whose keys are the setting names below (`NEOLIGHT_SEED` or `seed`) or one of the',
    '   sections listed further down (e.g. `"trader": {...}`),',
    '4. the defaults below.',
    '',
    'Every command validates the whole file when it loads the configuration, `neolight doctor` included:',
    'an unknown key — at the top level or inside any section, including the objects of the `schedules`',
    'list — is an error (exit code 2) naming the key, its section and the closest valid key by edit',
    'distance (`unknown key "max_order_notinal" in section trader; did you mean max_order_notional?`);',
    'a bad value inside a section names `section.key`, the value and the accepted range. A misspelt key',
    'never silently leaves a default (such as the 250,000 per-order cap) in force.',
    '',
    'The data directory (`--home`, `NEOLIGHT_HOME`) is checked before anything is created in it: a path',
    'that is a file or lies below one, one under `/proc`, `/sys` or another kernel pseudo file system, or',
    'one that is not writable (and cannot be created) is an error (exit code 2) naming the flag or',
    'variable that set it, the path and the reason. `neolight backtest` does not use the data directory',
    'and skips the check.',
    '',
    '`neolight doctor [--json]` prints the resolved configuration with secrets redacted, the data',
    'directory, which integrations are active, which marketplace each commerce venture trades on (a real',
    'connector or its SIMULATED simulator, and why; `venture_marketplaces` in --json) and whether the data',
    'directory is writable; a venture connector setting the agent would refuse is a failed check.',
    '',
    '## Starting equity and cash movements',
    '',
    '`NEOLIGHT_STARTING_EQUITY` is read once: on the first start of a data directory the SmartTrader',
    'writes it as the `opening` row of `state/cash_movements.csv` (idempotency key `opening`). After',
    'that the book never reads the setting again; changing it logs a warning and changes nothing.',
    'Capital is added or taken out as ledger rows:',
    '',
    '```',
    'neolight cash deposit 2500 [--key wire-2025-03-01] [--home DIR] [--json]',
    'neolight cash withdraw 500.25 [--key ...] [--home DIR] [--json]   # refused beyond the ledger cash',
    'neolight cash list [--home DIR] [--json]',
    '```',
    '',
    'A row with a key that is already there is not written again, so a retried command moves money',
    'once. The SmartTrader applies rows it has not seen (`last_cash_seq` of its state document) when it',
    'next starts. If `state/smart_trader_state.json` is missing or corrupt, the book is rebuilt from the',
    'ledgers alone — cash = cash movements + every fill in `state/pnl_history.csv`; high-water mark,',
    'day-start equity, day closes (the last equity row of each UTC day) and daily resets from',
    '`state/performance_metrics.csv` — with a warning that says so. A corrupt document is first moved',
    'aside to `<name>.corrupt-<ISO time without colons>`, never overwritten.',
    '',
    '## Settings',
    '',
    '| variable | key in the config file | accepted | default | notes |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '## Config-file sections',
    '',
    'Generated from the strict schemas in `src/config/sections/`; any key not listed is an error.',
    '',
    ...sectionsMarkdown(),
    'Config-file sections are printed with every field named like a credential (`token`, `secret`,',
    '`password`, `api_key`, ...) redacted.',
  ].join('\n')}\n`;
}
