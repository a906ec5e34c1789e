/**
 * The liveness endpoint of an agent that runs on its own (`neolight agent NAME --health-port N`,
 * one Kubernetes container per agent): `GET /healthz` answers while the agent's process and event
 * loop do, as the guardian's API does for the whole mesh. It reveals nothing but the agent's name,
 * so it needs no token on any address; every other path is 404.
 */
import { createServer, type Server } from 'node:http';

export function serveAgentHealth(agent: string, host: string, port: number): Promise<Server> {
  const body = JSON.stringify({ ok: true, agent });
  const server = createServer((req, res) => {
    const ok = req.method === 'GET' && (req.url ?? '').split('?')[0] === '/healthz';
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(ok ? body : JSON.stringify({ ok: false, error: 'not found' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
