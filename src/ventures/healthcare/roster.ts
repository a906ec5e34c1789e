/**
 * Staff rostering as a constraint-satisfaction problem, solved by backtracking search, pure.
 * Hard constraints (every returned roster satisfies all of them, checked by `violations`):
 *  1. each shift gets exactly its required number of distinct staff;
 *  2. everyone on a shift has the shift's skill;
 *  3. nobody works a shift that overlaps a time they are unavailable;
 *  4. nobody works two shifts closer than `minRestHours` (overlapping ones included);
 *  5. nobody works more than their `maxShifts`.
 * Search: the shift with the least slack (eligible staff minus need) first (fail first), staff who
 * could cover the fewest other open shifts first, then the less loaded (least constraining),
 * subsets in index order (no permutation twice); a branch is cut when even a relaxation cannot
 * cover the open shifts (max flow from people's remaining shifts to the shifts' needs, each person
 * at most once a shift, rest ignored, is below the total need). A node budget bounds the time: past it the answer is 'gave_up', never a roster that breaks a rule.
 */

export interface Staff {
  id: string;
  skills: readonly string[];
  maxShifts: number;
  /** [start, end) hours from the roster's start when this person cannot work. */
  unavailable: readonly (readonly [number, number])[];
}

export interface Shift {
  id: string;
  /** Hours from the roster's start. */
  start: number;
  end: number;
  skill: string;
  need: number;
}

export interface RosterProblem {
  staff: readonly Staff[];
  shifts: readonly Shift[];
  minRestHours: number;
}

export type RosterResult =
  | { status: 'solved'; assignment: Record<string, string[]>; nodes: number }
  | { status: 'infeasible'; nodes: number }
  | { status: 'gave_up'; nodes: number };

const overlaps = (a0: number, a1: number, b0: number, b1: number): boolean => a0 < b1 && b0 < a1;

/** Two shifts one person cannot both work: overlapping, or less than the rest apart. */
function clash(a: Shift, b: Shift, rest: number): boolean {
  return overlaps(a.start, a.end + rest, b.start, b.end + rest);
}

function eligible(p: Staff, s: Shift): boolean {
  return p.skills.includes(s.skill) && !p.unavailable.some(([u0, u1]) => overlaps(s.start, s.end, u0, u1));
}

/**
 * Whether people's remaining capacities can cover the open shifts' needs at all, each person at
 * most once per shift and only where eligible now (augmenting paths; the instances are small).
 */
function coverable(open: readonly number[], need: (si: number) => number, people: number, capacity: (pi: number) => number, eligibleNow: (pi: number, si: number) => boolean): boolean {
  const total = open.reduce((a, si) => a + need(si), 0);
  const assignedTo = new Map<string, number>(); // `${pi}:${si}` → 1 when the unit flows
  const usedCap = new Array<number>(people).fill(0);
  const filled = new Map<number, number[]>(open.map((si) => [si, []]));
  const augment = (si: number, seen: Set<number>): boolean => {
    for (let pi = 0; pi < people; pi++) {
      if (seen.has(pi) || !eligibleNow(pi, si) || assignedTo.has(`${pi}:${si}`)) continue;
      seen.add(pi);
      if (usedCap[pi]! < capacity(pi)) {
        usedCap[pi]!++;
        assignedTo.set(`${pi}:${si}`, 1);
        filled.get(si)!.push(pi);
        return true;
      }
      // Move one of pi's other shifts to someone else, freeing pi for this one.
      for (const other of open) {
        if (other === si || !assignedTo.has(`${pi}:${other}`)) continue;
        assignedTo.delete(`${pi}:${other}`);
        const list = filled.get(other)!;
        list.splice(list.indexOf(pi), 1);
        if (augment(other, seen)) {
          assignedTo.set(`${pi}:${si}`, 1);
          filled.get(si)!.push(pi);
          return true;
        }
        assignedTo.set(`${pi}:${other}`, 1);
        list.push(pi);
      }
    }
    return false;
  };
  let flow = 0;
  for (const si of open) for (let k = 0; k < need(si); k++) if (augment(si, new Set())) flow++;
  return flow === total;
}

export function solveRoster(problem: RosterProblem, maxNodes = 200_000): RosterResult {
  const { staff, shifts, minRestHours } = problem;
  const assigned: string[][] = shifts.map(() => []);
  const load = new Map(staff.map((p) => [p.id, [] as number[]]));
  const open = new Set(shifts.map((_, i) => i));
  let nodes = 0;

  const canTake = (p: Staff, si: number): boolean => {
    const mine = load.get(p.id)!;
    return mine.length < p.maxShifts && eligible(p, shifts[si]!) && mine.every((o) => !clash(shifts[o]!, shifts[si]!, minRestHours));
  };

  const search = (): boolean | 'budget' => {
    if (open.size === 0) return true;
    const openList = [...open];
    if (!coverable(openList, (si) => shifts[si]!.need, staff.length, (pi) => staff[pi]!.maxShifts - load.get(staff[pi]!.id)!.length, (pi, si) => canTake(staff[pi]!, si))) return false;
    let pick = -1;
    let cands: Staff[] = [];
    for (const si of open) {
      const c = staff.filter((p) => canTake(p, si));
      if (c.length < shifts[si]!.need) return false;
      if (pick < 0 || c.length - shifts[si]!.need < cands.length - shifts[pick]!.need) {
        pick = si;
        cands = c;
      }
    }
    const shift = shifts[pick]!;
    open.delete(pick);
    // Least constraining first: people who could cover fewer of the other open shifts, then the less loaded.
    const options = new Map(cands.map((p) => [p.id, [...open].filter((si) => canTake(p, si)).length]));
    cands.sort((a, b) => options.get(a.id)! - options.get(b.id)! || load.get(a.id)!.length - load.get(b.id)!.length);
    const chosen: Staff[] = [];
    const choose = (from: number): boolean | 'budget' => {
      if (chosen.length === shift.need) {
        if (++nodes > maxNodes) return 'budget';
        return search();
      }
      for (let k = from; k <= cands.length - (shift.need - chosen.length); k++) {
        const p = cands[k]!;
        // Two people of one shift never clash with each other; only earlier shifts matter.
        chosen.push(p);
        load.get(p.id)!.push(pick);
        assigned[pick]!.push(p.id);
        const r = choose(k + 1);
        if (r) return r;
        chosen.pop();
        load.get(p.id)!.pop();
        assigned[pick]!.pop();
      }
      return false;
    };
    const r = choose(0);
    if (!r) open.add(pick);
    return r;
  };

  const r = search();
  if (r === 'budget') return { status: 'gave_up', nodes };
  if (!r) return { status: 'infeasible', nodes };
  return { status: 'solved', assignment: Object.fromEntries(shifts.map((s, i) => [s.id, [...assigned[i]!]])), nodes };
}

/** Every hard constraint a roster breaks, as readable sentences (empty: the roster is valid). */
export function violations(problem: RosterProblem, assignment: Readonly<Record<string, readonly string[]>>): string[] {
  const out: string[] = [];
  const byId = new Map(problem.staff.map((p) => [p.id, p]));
  const worked = new Map<string, Shift[]>();
  for (const s of problem.shifts) {
    const team = assignment[s.id] ?? [];
    if (new Set(team).size !== team.length) out.push(`shift ${s.id}: someone is listed twice`);
    if (team.length !== s.need) out.push(`shift ${s.id}: ${team.length} staff, needs ${s.need}`);
    for (const id of team) {
      const p = byId.get(id);
      if (!p) {
        out.push(`shift ${s.id}: unknown staff ${id}`);
        continue;
      }
      if (!p.skills.includes(s.skill)) out.push(`shift ${s.id}: ${id} lacks skill ${s.skill}`);
      if (p.unavailable.some(([u0, u1]) => overlaps(s.start, s.end, u0, u1))) out.push(`shift ${s.id}: ${id} is unavailable then`);
      worked.set(id, [...(worked.get(id) ?? []), s]);
    }
  }
  for (const [id, list] of worked) {
    const p = byId.get(id)!;
    if (list.length > p.maxShifts) out.push(`${id}: ${list.length} shifts, at most ${p.maxShifts}`);
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) if (clash(list[a]!, list[b]!, problem.minRestHours)) out.push(`${id}: shifts ${list[a]!.id} and ${list[b]!.id} are less than ${problem.minRestHours} h apart`);
    }
  }
  return out;
}
