// Lint rules: typescript-eslint's recommended set, the few habits STYLE.md asks for, and the import
// direction of shared/DESIGN.md (composition roots → agents → research, market → store →
// contracts → core), so a wrong import fails `npm test` instead of waiting for a review.
import tseslint from 'typescript-eslint';

const ROOTS = ['backtest', 'mesh', 'api', 'cli'];
const AGENT_FOLDERS = ['trading', 'risk', 'intelligence', 'telemetry', 'ventures'];

/** Forbid imports of these sibling folders of src/ (at any depth below src/). */
function forbid(folders, why, extra = []) {
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: folders.flatMap((f) => [`../${f}/*`, `../../${f}/*`, `../../../${f}/*`]), message: why },
          ...extra,
        ],
      },
    ],
  };
}

/** Agent modules are wired by the composition roots only; other folders use their pure functions. */
const agentModules = {
  group: ['**/*-agent.js', '**/trading/smart-trader.js', '**/intelligence/weights-bridge.js', '**/intelligence/knowledge-integrator.js', '**/strategy-lab/agent.js', '**/ventures/revenue-rollup.js'],
  message: 'agents do not import each other: they talk through state documents and core/ types',
};

const layers = [
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*'], allowTypeImports: true, message: 'core/ is the bottom layer: it may import other folders as types only' }] },
      ],
    },
  },
  { files: ['src/contracts/**/*.ts'], rules: forbid(['store', 'config', 'log', 'market', 'research', ...AGENT_FOLDERS, ...ROOTS], 'contracts/ imports only core/') },
  { files: ['src/store/**/*.ts', 'src/log/**/*.ts', 'src/config/**/*.ts'], rules: forbid(['market', 'research', ...AGENT_FOLDERS, ...ROOTS], 'store/, log/ and config/ sit below the agents and the composition roots') },
  { files: ['src/market/**/*.ts', 'src/research/**/*.ts'], rules: forbid([...AGENT_FOLDERS, ...ROOTS], 'market/ and research/ sit below the agents and the composition roots') },
  { files: ['src/risk/**/*.ts'], rules: forbid(['trading', 'intelligence', 'telemetry', 'ventures', ...ROOTS], 'risk/ imports neither trading/, intelligence/, telemetry/, ventures/ nor a composition root') },
  ...['trading', 'intelligence', 'telemetry', 'ventures'].map((own) => ({
    files: [`src/${own}/**/*.ts`],
    ignores: ['src/**/*-agent.ts'],
    rules: forbid(
      [...AGENT_FOLDERS.filter((f) => f !== own && f !== 'risk'), ...ROOTS],
      `${own}/ does not import other agents' folders or a composition root (risk/ decision functions are shared)`,
      [agentModules],
    ),
  })),
  { files: ['src/backtest/**/*.ts'], rules: forbid(['mesh', 'api', 'cli'], 'backtest/ is a composition root of its own: it does not import the mesh, the API or the CLI') },
  { files: ['src/mesh/**/*.ts', 'src/api/**/*.ts'], rules: forbid(['cli'], 'the CLI is the outermost layer') },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/**', '!**/src/contracts', '!**/src/contracts/**'], message: 'web/ shares only the state contracts with src/' }] },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'neolight-data/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  ...layers,
);
