/** `neolight metrics --returns FILE`: the tearsheet of a series of simple returns (empyrical conventions). */
import { summaryOf } from './index.js';
import type { Command } from 'commander';
import { tearsheetTable } from '../../research/format.js';
import { tearsheet } from '../../research/metrics.js';
import { readReturnsFile } from '../../research/returns-file.js';
import { action, parseIntFlag, printJson } from '../run.js';

export function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description(summaryOf('metrics'))
    .requiredOption('--returns <file>', 'one return a line, or a CSV with a return/returns (or last) column')
    .option('--periods <n>', 'periods per year for annualising (252 daily equities, 365 crypto, 52 weekly, 12 monthly)', parseIntFlag('--periods', 1, 100_000), 252)
    .option('--json', 'print one JSON document: the tearsheet keys plus returns_file and periods_per_year')
    .action(
      action((opts: { returns: string; periods: number; json?: boolean }) => {
        const t = tearsheet(readReturnsFile(opts.returns), opts.periods);
        if (opts.json) printJson({ returns_file: opts.returns, periods_per_year: opts.periods, ...t });
        else process.stdout.write(`Tearsheet of ${opts.returns} (${t.periods} returns, ${opts.periods} periods a year)\n${tearsheetTable({ ...t })}\n`);
      }),
    );
}
