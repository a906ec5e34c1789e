/**
 * Agents: every supervised agent with its state, process and its memory, uptime, restarts,
 * consecutive failures, last tick, log age and next restart time (from the live `/status`), the
 * mesh's memory in all, recent state transitions, the repair bundles, and the tail of a chosen
 * agent's log.
 */
import { useEffect, useState } from 'react';
import { meshMemoryLine, type AgentStatus } from '../../../src/contracts/status.js';
import { getAgentLog, getRepairs } from '../api/endpoints.js';
import { Card, EmptyState, ErrorState, Loading, StaleNote } from '../components/states.js';
import { formatAge, formatDuration, formatTime, secondsSince } from '../format.js';
import { useLive } from '../live.js';
import { useResource } from '../useResource.js';

function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function logAge(a: AgentStatus, logs: Record<string, string>, now: number): string {
  const file = a.log.split('/').pop() ?? a.log;
  return formatAge(logs[file] ?? logs[a.log] ?? null, now);
}

const mb = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${Math.round(x)} MB`);

function AgentsTable({ agents, logs, selected, onSelect }: { agents: AgentStatus[]; logs: Record<string, string>; selected: string | null; onSelect(n: string): void }) {
  const now = useNow();
  return (
    <div className="table-scroll">
      <table data-testid="agents-table">
        <thead>
          <tr>
            <th>Agent</th>
            <th>State</th>
            <th>PID</th>
            <th className="num" title="Resident memory of the agent's process; agents that share a host process share its figure">RSS</th>
            <th className="num">Uptime</th>
            <th className="num">Restarts</th>
            <th className="num">Consecutive failures</th>
            <th>Last tick</th>
            <th>Log age</th>
            <th>Last exit</th>
            <th>Next restart</th>
            <th title="Agents that spend capital stop new spending while the mesh is halted">Spending</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.name} data-testid={`agent-row-${a.name}`} data-state={a.state} className={selected === a.name ? 'selected' : undefined}>
              <td>
                <strong>{a.name}</strong>
                {a.note ? (
                  <div className="muted small" data-testid={`agent-note-${a.name}`}>
                    {a.note}
                  </div>
                ) : null}
              </td>
              <td>
                <span className={`state-pill st-${a.state}`}>{a.state}</span>
              </td>
              <td title={a.host ? `shared with the other agents of the ${a.host} host process` : undefined}>
                {a.pid ?? '—'}
                {a.host ? <span className="muted small"> {a.host}</span> : null}
              </td>
              <td className="num" data-testid={`agent-rss-${a.name}`}>{mb(a.rss_mb)}</td>
              <td className="num">{a.state === 'running' ? formatDuration(secondsSince(a.started_at, now)) : '—'}</td>
              <td className="num">{a.restarts}</td>
              <td className={`num ${a.consecutive_failures >= 3 ? 'bad' : ''}`}>{a.consecutive_failures}</td>
              <td>{formatAge(a.last_tick_at, now)}</td>
              <td>{logAge(a, logs, now)}</td>
              <td>{a.last_exit ? `${a.last_exit.signal ?? `code ${a.last_exit.code ?? '?'}`} ${formatAge(a.last_exit.at, now)}` : '—'}</td>
              <td>{a.next_restart_at ? formatAge(a.next_restart_at, now) : '—'}</td>
              <td data-testid={`agent-halted-${a.name}`} className={a.halted ? 'bad' : undefined}>
                {a.halted === true ? 'HALTED' : a.halted === false ? 'allowed' : '—'}
              </td>
              <td>
                <button type="button" className="link" onClick={() => onSelect(a.name)} aria-pressed={selected === a.name}>
                  Log
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LogTail({ agent }: { agent: string }) {
  const log = useResource(() => getAgentLog(agent, 200), [agent], 3000);
  return (
    <Card title={`Log: ${agent}`} className="wide" testId="log-tail">
      {log.phase === 'loading' ? (
        <Loading what={`${agent}'s log`} />
      ) : log.phase === 'error' ? (
        log.error.kind === 'not_found' ? (
          <EmptyState title="No log yet">{agent} has not written logs/{agent}.log yet; it appears after its first start.</EmptyState>
        ) : (
          <ErrorState error={log.error} what={`${agent}'s log`} onRetry={log.reload} />
        )
      ) : log.data.length === 0 ? (
        <EmptyState title="The log is empty">{agent} has not logged anything yet.</EmptyState>
      ) : (
        <>
          <pre className="log">{log.data.join('\n')}</pre>
          <StaleNote error={log.error} />
        </>
      )}
    </Card>
  );
}

function Repairs() {
  const repairs = useResource(getRepairs, ['repairs'], 15_000);
  return (
    <Card title="Repair bundles" className="wide" testId="repairs">
      {repairs.phase === 'loading' ? (
        <Loading what="repair bundles" />
      ) : repairs.phase === 'error' ? (
        <ErrorState error={repairs.error} what="repair bundles" onRetry={repairs.reload} />
      ) : repairs.data.length === 0 ? (
        <EmptyState title="No repairs needed">The guardian writes a diagnostic bundle under state/repairs/ after an agent fails three times in a row.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>When</th>
                <th>Agent</th>
                <th>Summary</th>
                <th>Bundle</th>
              </tr>
            </thead>
            <tbody>
              {repairs.data.map((b) => (
                <tr key={`${b.agent}-${b.at}-${b.path}`}>
                  <td>{formatTime(b.at)}</td>
                  <td>{b.agent}</td>
                  <td>{b.summary}</td>
                  <td>
                    <code>{b.path}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function Agents() {
  const { status, statusError, transitions } = useLive();
  const [selected, setSelected] = useState<string | null>(null);
  const agents = status?.guardian.agents ?? [];
  const shown = selected ?? agents[0]?.name ?? null;
  return (
    <div className="grid">
      <Card title="Agents" className="wide" testId="agents-card" aside={status ? <span className="muted">{agents.length} supervised</span> : null}>
        {!status ? (
          statusError ? (
            <ErrorState error={statusError} what="the agent list" />
          ) : (
            <Loading what="agents" />
          )
        ) : agents.length === 0 ? (
          <EmptyState title="No agents are running">Start the mesh with `npm start`, or name agents with `neolight up --agents smart_trader,...`.</EmptyState>
        ) : (
          <>
            <AgentsTable agents={agents} logs={status.guardian.logs} selected={shown} onSelect={setSelected} />
            {status.guardian.rss_mb !== undefined ? (
              <p className="muted small" data-testid="mesh-memory">
                Memory: {meshMemoryLine(status.guardian.rss_mb, agents)}
              </p>
            ) : null}
            <StaleNote error={statusError} />
          </>
        )}
      </Card>
      {shown ? <LogTail key={shown} agent={shown} /> : null}
      {transitions.length > 0 ? (
        <Card title="Recent transitions" testId="transitions">
          <ul className="events">
            {transitions.slice(0, 12).map((t) => (
              <li key={`${t.at}-${t.agent}-${t.to}`}>
                <span className="muted">{formatTime(t.at)}</span> <strong>{t.agent}</strong> {t.from} → {t.to} <span className="muted">({t.trigger})</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Repairs />
    </div>
  );
}
