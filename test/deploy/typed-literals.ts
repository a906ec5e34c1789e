/**
 * Type-checks data (parsed YAML or JSON) as TypeScript object literals of a declared type, so the
 * compiler's excess-property check names every misspelt or unknown field and every value of the
 * wrong type, which JSON schemas without `additionalProperties: false` let through.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Typed {
  /** What a diagnostic names: `Deployment/neolight-api`, `dashboard.json`. */
  label: string;
  /** Module and exported type name, e.g. `kubernetes-models/apps/v1/Deployment` and `IDeployment`. */
  from: string;
  type: string;
  value: unknown;
}

/** One line per diagnostic, `label: message`; `[]` when every value has its type. */
export function typeErrors(items: readonly Typed[]): string[] {
  const outDir = join(ROOT, 'test-output');
  mkdirSync(outDir, { recursive: true });
  const dir = mkdtempSync(join(outDir, 'typed-'));
  try {
    const file = join(dir, 'typed.ts');
    const blocks = items.map((x, i) => `import type { ${x.type} as T${i} } from '${x.from}';\nexport const v${i}: T${i} = ${JSON.stringify(x.value, null, 1)};`);
    // The first line of each block, to map a diagnostic's line back to its item.
    const starts: number[] = [];
    let line = 0;
    for (const b of blocks) {
      starts.push(line);
      line += b.split('\n').length;
    }
    writeFileSync(file, blocks.join('\n'));
    // No ambient @types and a bare ES library: the literals need only the imported declarations,
    // and loading every @types package (node, react, ...) made each run several times slower.
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      lib: ['lib.es2022.d.ts'],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
      const i = starts.findLastIndex((s) => s <= at);
      return `${items[i]?.label ?? 'typed.ts'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
