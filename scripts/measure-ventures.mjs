// Measures the collectibles and luxury ventures on their simulators (SIMULATED) and prints the table of
// docs/ventures.md "Measured on the simulators" (run `npm run build` first). --help for the options.
import { parseArgs } from 'node:util';
import { collectiblesSpec } from '../dist/ventures/collectibles/collectibles-agent.js';
import { luxurySpec } from '../dist/ventures/luxury/luxury-agent.js';
import { measureResale } from '../dist/ventures/resale/measure.js';

const HELP = `usage: node scripts/measure-ventures.mjs [--seed N] [--days N] [--from ISO] [--step-hours N]
       [--collectibles-min-margin X] [--luxury-min-margin X] [--json]
Runs each venture on its simulator for N market days (risk ACTIVE, default settings, no approvals
given) and prints bought, sold, counterfeits, revenue, fees, profit and the measure against the
specification's target. Every figure is SIMULATED. Defaults: seed 42, 90 days from 2026-01-05, a cycle every 4 hours.`;

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    days: { type: 'string', default: '90' },
    from: { type: 'string', default: '2026-01-05T00:00:00Z' },
    'step-hours': { type: 'string', default: '4' },
    'collectibles-min-margin': { type: 'string' },
    'luxury-min-margin': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const num = (name, text, ok, accepted) => {
  const x = Number(text);
  if (!Number.isFinite(x) || !ok(x)) {
    console.error(`--${name}: ${JSON.stringify(text)} is not accepted; expected ${accepted}`);
    process.exit(2);
  }
  return x;
};
const seed = num('seed', values.seed, Number.isInteger, 'an integer');
const days = num('days', values.days, (x) => x > 0, 'a number of days > 0');
const stepHours = num('step-hours', values['step-hours'], (x) => x > 0, 'hours > 0');
const fromMs = Date.parse(values.from);
if (!Number.isFinite(fromMs)) {
  console.error(`--from: ${JSON.stringify(values.from)} is not accepted; expected an ISO time such as 2026-01-05T00:00:00Z`);
  process.exit(2);
}
const margin = (name) => (values[name] === undefined ? undefined : { min_margin: num(name, values[name], (x) => x >= 0, 'a fraction ≥ 0') });
const out = [];
for (const v of ['collectibles', 'luxury']) {
  const overrides = margin(`${v}-min-margin`);
  out.push(await measureResale(v, v === 'collectibles' ? collectiblesSpec : luxurySpec, { seed, days, fromMs, stepHours, ...(overrides ? { overrides } : {}) }));
}
if (values.json) {
  console.log(JSON.stringify({ simulated: true, seed, days, from: new Date(fromMs).toISOString(), step_hours: stepHours, ventures: out }, null, 2));
} else {
  const usd = (x) => `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const pct = (x) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`);
  console.log(`SIMULATED — seed ${seed}, ${days} market days from ${new Date(fromMs).toISOString()}, a cycle every ${stepHours} h, risk ACTIVE`);
  console.log('| | min_margin | bought | sold | counterfeits caught | counterfeit losses | revenue | fees | profit | measured | target |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const m of out) {
    const what = m.measure === 'roi_per_cycle' ? 'ROI per cycle' : 'margin';
    console.log(`| ${m.venture} | ${pct(m.min_margin)} | ${m.bought} | ${m.sold} | ${m.counterfeits_caught} | ${usd(m.counterfeit_losses)} | ${usd(m.revenue)} | ${usd(m.fees)} | ${usd(m.profit)} | ${what} ${pct(m.value)} | ${pct(m.target.min)}–${pct(m.target.max)} |`);
  }
}
