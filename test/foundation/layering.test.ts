/**
 * The import direction of shared/DESIGN.md is a lint rule (eslint.config.js): these cases lint
 * deliberately wrong imports as if they were files of the tree and expect the rule to reject them,
 * and a right one to pass.
 */
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it('rejects risk/ importing trading/, intelligence/ or the mesh', async () => {
    expect(await restricted('src/risk/wrong.ts', "import { rebalance } from '../trading/execute.js';\nexport const x = rebalance;\n")).toHaveLength(1);
    expect(await restricted('src/risk/wrong.ts', "import { computeBrain } from '../intelligence/orchestrator.js';\nexport const x = computeBrain;\n")).toHaveLength(1);
    expect((await restricted('src/risk/wrong.ts', "import { runAgent } from '../mesh/runtime.js';\nexport const x = runAgent;\n"))[0]).toMatch(/risk\/ imports neither/);
  });

  it('rejects one agent importing another agent module', async () => {
    const msgs = await restricted('src/trading/wrong.ts', "import { allocatorAgent } from '../risk/allocator-agent.js';\nexport const x = allocatorAgent;\n");
    expect(msgs[0]).toMatch(/agents do not import each other/);
    expect(await restricted('src/telemetry/wrong.ts', "import { smartTraderAgent } from '../trading/smart-trader.js';\nexport const x = smartTraderAgent;\n")).not.toHaveLength(0);
  });

  it('rejects core/ importing behaviour from above, but allows types', async () => {
    expect(await restricted('src/core/wrong.ts', "import { openFileStore } from '../store/file-store.js';\nexport const x = openFileStore;\n")).toHaveLength(1);
    expect(await restricted('src/core/fine.ts', "import type { StateStore } from '../store/file-store.js';\nexport type X = StateStore;\n")).toHaveLength(0);
  });

  it('rejects web/ importing anything of src/ but the contracts', async () => {
    expect(await restricted('web/src/wrong.ts', "import { riskTargets } from '../../src/risk/allocator.js';\nexport const x = riskTargets;\n")).toHaveLength(1);
    expect(await restricted('web/src/fine.ts', "import { allocatorDrift } from '../../src/contracts/risk.js';\nexport const x = allocatorDrift;\n")).toHaveLength(0);
  });

  it('accepts the allowed direction: trading/ using risk/ decision functions', async () => {
    expect(await restricted('src/trading/fine.ts', "import { runRiskChecks } from '../risk/checks.js';\nexport const x = runRiskChecks;\n")).toHaveLength(0);
  });
});
