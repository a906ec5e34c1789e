/**
 * The messages between the guardian and an agent host (a process running several agents), over
 * node's IPC channel. The guardian decides every start, stop and exit of the host; the host
 * reports when each agent started and how it ended, so the supervisor keeps one lifecycle, backoff
 * and repair streak per agent whichever process the agent runs in.
 */
import { z } from 'zod';

/** Guardian → host: start or stop one agent; `exit` once the host has no agent left. */
export const hostCommand = z.discriminatedUnion('op', [
  z.object({ op: z.literal('start'), agent: z.string().min(1) }),
  z.object({ op: z.literal('stop'), agent: z.string().min(1) }),
  z.object({ op: z.literal('exit') }),
]);
export type HostCommand = z.infer<typeof hostCommand>;

/**
 * Host → guardian: `ready` once it listens (a message sent before would be lost: node drops IPC
 * messages that arrive while a process has no listener yet); an agent began running, or ended with
 * the exit code its own process would have had; `leaving` is the host's last message (it waits for
 * it to be sent, so every report before it has reached the guardian).
 */
export const hostReport = z.discriminatedUnion('op', [
  z.object({ op: z.literal('ready') }),
  z.object({ op: z.literal('started'), agent: z.string().min(1) }),
  z.object({ op: z.literal('exited'), agent: z.string().min(1), code: z.number().int() }),
  z.object({ op: z.literal('leaving') }),
]);
export type HostReport = z.infer<typeof hostReport>;
