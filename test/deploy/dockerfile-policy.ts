/**
 * What deploy/Dockerfile must say beyond valid syntax: the base image as `ARG BASE`, more than one
 * stage, and a final stage that prepares /data before dropping to a non-root USER, declares a
 * HEALTHCHECK and starts in exec form (so the entrypoint itself is PID 1 and gets SIGTERM).
 */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions with continuation lines joined and comments dropped. */
export function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: Instruction | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (pending === null && (line === '' || line.startsWith('#'))) return;
    if (pending !== null && line.startsWith('#')) return;
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1).trim() : line;
    if (pending === null) {
      const m = /^(\S+)\s*(.*)$/.exec(body)!;
      pending = { keyword: m[1]!.toUpperCase(), args: m[2]!, line: i + 1 };
    } else pending.args = `${pending.args} ${body}`.trim();
    if (!continued) {
      out.push(pending);
      pending = null;
    }
  });
  if (pending) out.push(pending);
  return out;
}

export function dockerfileProblems(text: string): string[] {
  const all = instructions(text);
  const out: string[] = [];
  const froms = all.filter((x) => x.keyword === 'FROM');
  if (all[0]?.keyword !== 'ARG' || !/^BASE(=\S+)?$/.test(all[0].args)) out.push('the first instruction is not `ARG BASE=...`');
  if (froms.length < 2) out.push('not a multi-stage build (one FROM)');
  for (const f of froms) if (!f.args.startsWith('${BASE}')) out.push(`line ${f.line}: FROM ${f.args} does not use \${BASE}`);
  const finalStage = all.slice(all.lastIndexOf(froms[froms.length - 1]!));
  const users = finalStage.filter((x) => x.keyword === 'USER');
  const user = users[users.length - 1];
  if (!user) out.push('the final stage has no USER: it would run as root');
  else if (/^(root|0)(:|$)/.test(user.args)) out.push(`line ${user.line}: USER ${user.args} is root`);
  const userAt = user ? finalStage.indexOf(user) : finalStage.length;
  const prepares = finalStage.findIndex((x) => x.keyword === 'RUN' && /mkdir -p \/data\b/.test(x.args) && /chown \S+ \/data\b/.test(x.args));
  if (prepares < 0 || prepares > userAt) out.push('/data is not created and chowned by a RUN before USER');
  if (!finalStage.some((x) => x.keyword === 'HEALTHCHECK' && /^(--\S+\s+)*CMD\b/.test(x.args))) out.push('the final stage has no HEALTHCHECK CMD');
  const entry = finalStage.filter((x) => x.keyword === 'ENTRYPOINT').pop();
  if (!entry) out.push('the final stage has no ENTRYPOINT');
  else if (!entry.args.startsWith('[')) out.push(`line ${entry.line}: ENTRYPOINT in shell form: /bin/sh would be PID 1 and swallow SIGTERM`);
  if (finalStage.some((x) => x.keyword === 'COPY' && /^\.\s/.test(x.args))) out.push('the final stage copies the whole build context');
  return out;
}
