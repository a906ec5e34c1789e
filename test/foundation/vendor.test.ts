/**
 * The build bundles zod into dist/vendor/zod.js and points every compiled import at it
 * (scripts/vendor.mjs): one file loads in half the time of the package's 95 and holds less memory
 * in each process. No compiled module may import the package itself (a second zod would load
 * beside the bundle), and the bundle must be the zod the sources are written against.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const dist = join(import.meta.dirname, '..', '..', 'dist');

function* compiled(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* compiled(p);
    else if (e.name.endsWith('.js')) yield p;
  }
}

describe('vendored zod', () => {
  it('is what every compiled module imports', () => {
    const direct = [...compiled(dist)].filter((f) => /\bfrom\s*['"]zod['"]/.test(readFileSync(f, 'utf8')));
    expect(direct).toEqual([]);
    expect(readFileSync(join(dist, 'config', 'config.js'), 'utf8')).toContain("from '../vendor/zod.js'");
  });

  it('parses as the package does', async () => {
    const bundled = (await import(join(dist, 'vendor', 'zod.js'))) as { z: typeof z };
    const schema = (zz: typeof z) => zz.object({ port: zz.coerce.number().int().min(1).max(65_535) }).strict();
    for (const input of [{ port: '8080' }, { port: 0 }, { port: 1, extra: true }]) {
      const a = schema(bundled.z).safeParse(input);
      const b = schema(z).safeParse(input);
      expect(a.success).toBe(b.success);
      expect(a.success ? a.data : a.error.issues).toEqual(b.success ? b.data : b.error.issues);
    }
  });
});
