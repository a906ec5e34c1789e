/**
 * Imported first by main.tsx: zod's JIT probes `new Function` when its first object schema is
 * built, which the API's Content-Security-Policy (no 'unsafe-eval') reports as a violation. The
 * dashboard's schemas are small; the interpreter is fast enough and needs no eval.
 */
import { z } from 'zod';

z.config({ jitless: true });
