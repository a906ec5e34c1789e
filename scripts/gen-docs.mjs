// Regenerates docs/contracts.md and docs/configuration.md from the schemas (run `npm run build` first).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationMarkdown } from '../dist/config/docs.js';
import { contractsMarkdown } from '../dist/contracts/describe.js';
import { CONTRACTS } from '../dist/contracts/index.js';

const docs = join(import.meta.dirname, '..', 'docs');
writeFileSync(join(docs, 'contracts.md'), contractsMarkdown(CONTRACTS));
writeFileSync(join(docs, 'configuration.md'), configurationMarkdown());
console.log('wrote docs/contracts.md and docs/configuration.md');
