/**
 * How long a simulated venue keeps what is closed in its journal (runtime/*_market_sim.json). A venue
 * learns from the agent's event cursor how far the agent has booked (the agent passes only a cursor it
 * has saved), so anything whose last event is older than that cursor less the horizon can never be
 * asked for again by a sane agent: it is dropped, and the journal stays bounded however long the mesh
 * runs. The horizon is slack for a home restored from an older copy of the agent's state. The venue
 * records the mark (`compacted_through`), and a request that would need what was dropped is refused
 * rather than acted on a second time.
 */
export const JOURNAL_HORIZON_MS = 7 * 86_400_000;

/** The time up to which closed entries may be dropped, given the cursor the agent sent (undefined: none yet, nothing may be). */
export function compactionMark(cursor: string | undefined, horizonMs = JOURNAL_HORIZON_MS): number | undefined {
  if (cursor === undefined) return undefined;
  const at = Number(cursor);
  return Number.isFinite(at) ? at - horizonMs : undefined;
}

/** Whether the mark moved past what the journal already dropped (compaction is then worth a pass). */
export function markAdvanced(mark: number | undefined, compactedThrough: number | undefined): mark is number {
  return mark !== undefined && (compactedThrough === undefined || mark > compactedThrough);
}

/** Refuse a request for something the venue may have dropped: acting on it could repeat what was done. */
export function assertNotCompacted(what: string, at: number, compactedThrough: number | undefined): void {
  if (compactedThrough !== undefined && at <= compactedThrough) {
    throw new Error(`${what} at ${new Date(at).toISOString()} is older than the venue's journal horizon (entries closed before ${new Date(compactedThrough).toISOString()} were dropped); not acted on`);
  }
}
