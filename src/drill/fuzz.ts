/**
 * Fuzzing with fast-check: every contract schema (arbitrary JSON gives a named error, never a
 * throw of another kind), ledger rows read from disk, every route of the status server through
 * `inject` (a 4xx or 2xx, never a 5xx, a hang, or a planted document served without the token),
 * raw request lines against a listening server, and every CLI command with bad flag values
 * (exit 2 with a message, never a crash, a hang or "unexpected error").
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { CONTRACTS } from '../contracts/index.js';
import { NeoLightError } from '../core/errors.js';
import { parseDocument } from '../store/documents.js';
import { openLedger } from '../store/ledger.js';
import { csvLine } from '../store/csv.js';
import { APPROVAL_ID, DRILL_TOKEN, PLANTED_CASH_CENTS, apiConfig, fakeSupervisor, injectWithin, plantDocuments, realApi, type ApiFactory } from './fixtures.js';
import { contractInputArb, csvCellArb, requestArb, type FuzzRequest } from './fuzz-inputs.js';
import { CLI_CASES } from './fuzz-cli-cases.js';
import { rawRequest } from './security-api.js';
import { runCli } from './security-local.js';
import { progress, type Finding, type FuzzReport } from './report.js';

const MAX_DETAILS = 60;

export class Failures {
  readonly list: Finding[] = [];
  count = 0;
  private seen = new Set<string>();
  add(check: string, detail: string): void {
    this.count++;
    const k = `${check}:${detail.slice(0, 120)}`;
    if (this.seen.has(k) || this.list.length >= MAX_DETAILS) return;
    this.seen.add(k);
    this.list.push({ check, detail });
  }
}

/** Contract documents: parseDocument answers ok or a NeoLightError naming the file; it never throws. */
export function fuzzContracts(n: number, seed: number, f: Failures): number {
  for (const input of fc.sample(contractInputArb, { numRuns: n, seed })) {
    const c = CONTRACTS[input.contract]!;
    try {
      if (c.kind === 'document') {
        const r = parseDocument(c, input.text);
        if (!r.ok && !(r.error instanceof NeoLightError && r.error.message.includes(c.path))) f.add('fuzz.contract', `${c.path}: an error that does not name the file: ${r.error.message.slice(0, 100)}`);
      } else {
        let v: unknown;
        try {
          v = JSON.parse(input.text);
        } catch {
          v = input.text;
        }
        c.row.safeParse(v);
      }
    } catch (err) {
      f.add('fuzz.contract', `${c.path} threw on ${JSON.stringify(input.text).slice(0, 80)}: ${(err as Error).message.slice(0, 120)}`);
    }
  }
  return n;
}

/** Ledger files with one arbitrary row: it reads, or fails with NL_ERR_LEDGER_CORRUPT naming the line. */
export function fuzzLedgers(n: number, seed: number, f: Failures): number {
  const dir = mkdtempSync(join(tmpdir(), 'neolight-drill-fuzz-'));
  const ledgers = CONTRACTS.filter((c) => c.kind === 'ledger');
  try {
    const inputs = fc.sample(fc.record({ l: fc.integer({ min: 0, max: ledgers.length - 1 }), cells: fc.array(csvCellArb, { minLength: 0, maxLength: 16 }), seq: fc.constantFrom('1', '2', '0', 'x', '') }), { numRuns: n, seed });
    inputs.forEach((input, i) => {
      const c = ledgers[input.l]!;
      const file = join(dir, `${i}.csv`);
      writeFileSync(file, `${csvLine(['seq', 'key', ...c.columns])}\n${csvLine([input.seq, `k${i}`, ...input.cells])}\n`);
      try {
        openLedger(c, file).readAll();
      } catch (err) {
        if (!(err instanceof NeoLightError && err.code === 'NL_ERR_LEDGER_CORRUPT' && err.message.includes('line 2'))) f.add('fuzz.ledger', `${c.path}: ${(err as Error).name} ${(err as Error).message.slice(0, 120)}`);
      }
      rmSync(file, { force: true });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return n;
}

function isEvents(url: string): boolean {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '').replace(/\/+$/, '') === '/events';
  } catch {
    return false;
  }
}

/** One request against a server: judged on status, hang and leaks. */
export async function judgeRequest(app: FastifyInstance, exposed: boolean, req: FuzzRequest): Promise<string | undefined> {
  // An authorised (or local-only) /events is a stream that never ends by design; ask for /status instead.
  const url = (req.withToken || !exposed) && isEvents(req.url) ? '/status' : req.url;
  const headers: Record<string, string> = {};
  if (req.withToken) headers.authorization = `Bearer ${DRILL_TOKEN}`;
  if (req.body) headers['content-type'] = req.body.type;
  if (req.extraHeader && !(req.withToken && req.extraHeader[0] === 'authorization')) headers[req.extraHeader[0]] = req.extraHeader[1];
  const res = await injectWithin(app, { method: req.method, url, headers, ...(req.body && req.method !== 'GET' && req.method !== 'HEAD' ? { payload: req.body.payload } : {}) }).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
  const what = `${req.method} ${url.slice(0, 120)}${req.withToken ? ' (token)' : ''}${req.body ? ` [${req.body.type}, ${req.body.payload.length} bytes]` : ''}${req.extraHeader ? ` {${req.extraHeader[0]}: ${req.extraHeader[1]}}` : ''}`;
  if (res === 'timeout') return `${what}: no answer within 5 s (a hang${exposed && !req.withToken ? ', or an unauthenticated stream' : ''})`;
  if (res instanceof Error) return `${what}: inject failed: ${res.message.slice(0, 120)}`;
  if (res.statusCode >= 500) return `${what}: HTTP ${res.statusCode} ${res.body.slice(0, 120)}`;
  if (exposed && !req.withToken && res.statusCode < 300 && res.body.includes(String(PLANTED_CASH_CENTS))) return `${what}: HTTP ${res.statusCode} served the trader's book without the token`;
  if (exposed && !req.withToken && res.statusCode < 300 && res.body.includes(APPROVAL_ID)) return `${what}: HTTP ${res.statusCode} served the approvals queue without the token`;
  return undefined;
}

export async function fuzzApi(n: number, seed: number, f: Failures, factory: ApiFactory = realApi): Promise<number> {
  let done = 0;
  for (const exposed of [true, false]) {
    const home = mkdtempSync(join(tmpdir(), 'neolight-drill-fuzz-'));
    plantDocuments(home);
    const app = await factory({ config: apiConfig(home, exposed), supervisor: fakeSupervisor });
    try {
      await app.ready();
      const inputs = fc.sample(requestArb, { numRuns: Math.ceil(n / 2), seed: seed + (exposed ? 1 : 2) });
      for (const req of inputs) {
        // Re-plant now and then: fuzzed POSTs may decide the planted approval.
        if (done % 200 === 0) plantDocuments(home);
        const problem = await judgeRequest(app, exposed, req);
        if (problem) f.add(exposed ? 'fuzz.api.token' : 'fuzz.api.local', problem);
        done++;
      }
      // Raw request lines: absolute-form, odd methods and versions against a listening server.
      await app.listen({ host: '127.0.0.1', port: 0 });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      for (const line of RAW_LINES) {
        const status = await rawRequest(port, `${line}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
        const m = /^HTTP\/1\.[01] (\d{3})/.exec(status);
        const code = m ? Number(m[1]) : 0;
        if (!m || code >= 500) f.add('fuzz.api.raw', `"${line}" → ${status}`);
        else if (exposed && code < 300 && /status|metrics|documents|ledgers|approvals/.test(line)) f.add('fuzz.api.raw', `"${line}" → ${status} without the token`);
        done++;
      }
    } finally {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    }
  }
  return done;
}

const RAW_LINES = [
  'GET http://127.0.0.1/status HTTP/1.1',
  'GET http://127.0.0.1/metrics HTTP/1.1',
  'GET http://evil.example/api/documents/smart_trader_state HTTP/1.1',
  'GET https://127.0.0.1/api/approvals HTTP/1.1',
  'GET //status HTTP/1.1',
  'GET /%73tatus HTTP/1.1',
  'GET /status HTTP/1.0',
  'GET /status HTTP/9.9',
  'GET * HTTP/1.1',
  'OPTIONS * HTTP/1.1',
  'BREW /status HTTP/1.1',
  'GET /status?%ff HTTP/1.1',
  'GET /api/documents/%ff%fe HTTP/1.1',
  `GET /${'a'.repeat(20_000)} HTTP/1.1`,
];

export async function runFuzz(o: { inputs: number; seed: number; cliSpawns: number; factory?: ApiFactory }): Promise<FuzzReport> {
  const f = new Failures();
  let inputs = 0;
  const schemaN = Math.round(o.inputs * 0.55);
  const ledgerN = Math.round(o.inputs * 0.1);
  const apiN = Math.max(20, o.inputs - schemaN - ledgerN - o.cliSpawns);
  progress(`fuzz: ${schemaN} contract inputs, ${ledgerN} ledger files, ${apiN} API requests, ${o.cliSpawns} CLI runs`);
  inputs += fuzzContracts(schemaN, o.seed, f);
  inputs += fuzzLedgers(ledgerN, o.seed, f);
  inputs += await fuzzApi(apiN, o.seed, f, o.factory);
  progress(`fuzz: ${inputs} inputs so far, ${f.count} failures; CLI runs next`);
  inputs += fuzzCli(o.cliSpawns, o.seed, f);
  progress(`fuzz: ${inputs} inputs, ${f.count} failures`);
  return { inputs, failures: f.count, detail: f.list };
}

/** Bad flag values for the commands: exit 2 with a message naming the flag; never 1, a signal or a hang. */
export function fuzzCli(n: number, seed: number, f: Failures): number {
  // Every case once when n allows (the full run), else n distinct ones chosen by the seed.
  const k = Math.min(n, CLI_CASES.length);
  const cases = fc.sample(fc.shuffledSubarray([...CLI_CASES], { minLength: k, maxLength: k }), { numRuns: 1, seed })[0] ?? [];
  const home = mkdtempSync(join(tmpdir(), 'neolight-drill-fuzz-'));
  try {
    for (const c of cases) {
      const args = c.args.map((a) => (a === '$HOME' ? home : a));
      const r = runCli(args, { NEOLIGHT_HOME: home }, 10_000);
      const msg = r.stderr.trim().split('\n')[0] ?? '';
      if (r.signal) f.add('fuzz.cli', `neolight ${args.join(' ')}: killed by ${r.signal} after ${r.ms} ms (a hang)`);
      else if (r.code !== 2) f.add('fuzz.cli', `neolight ${args.join(' ')}: exit ${r.code}, expected 2: ${msg.slice(0, 160)}`);
      else if (/unexpected error/i.test(r.stderr)) f.add('fuzz.cli', `neolight ${args.join(' ')}: "unexpected error": ${msg.slice(0, 160)}`);
      else if (c.names && !r.stderr.includes(c.names)) f.add('fuzz.cli', `neolight ${args.join(' ')}: the message does not name ${c.names}: ${msg.slice(0, 160)}`);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return cases.length;
}
