/** Many concurrent keep-alive clients of /status on loopback: throughput and tail latency. */
import { Agent, request } from 'node:http';
import { percentile } from './report.js';

export interface LoadResult {
  clients: number;
  requests: number;
  errors: number;
  firstError: string | undefined;
  req_per_s: number;
  p99_ms: number;
}

function get(agent: Agent, port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers, timeout: 30_000 }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.once('error', reject);
    req.end();
  });
}

export async function loadStatus(port: number, clients: number, total: number, token?: string, path = '/status'): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      next++;
      const t = performance.now();
      try {
        const status = await get(agent, port, path, headers);
        if (status !== 200) throw new Error(`HTTP ${status}`);
        latencies.push(performance.now() - t);
      } catch (err) {
        errors++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  return { clients, requests: total, errors, firstError, req_per_s: latencies.length / secs, p99_ms: percentile(latencies, 99) };
}
