/**
 * Measured quality of the two logistics prototypes, pure and seeded:
 * - the reorder policy's fill rate (share of demand served from stock) over a year of simulated
 *   daily demand for an example clinic consumable (SIMULATED demand, normal, truncated at 0);
 * - the roster solver on generated clinic weeks with a planted valid roster: the share it solves
 *   with every hard constraint holding (checked by `violations`, independent of the search).
 */
import { normal, seedKey, seededRandom, streamKey } from '../../market/rng.js';
import { reorderPolicy, reorderQuantity, type ReorderInput } from './reorder.js';
import { solveRoster, violations, type RosterProblem } from './roster.js';

/** Example: examination gloves (boxes) at a mid-size clinic. Illustrative numbers. */
export const EXAMPLE_ITEM: ReorderInput = { demandPerDay: 40, demandSdPerDay: 12, leadTimeDays: 3, reviewDays: 1, serviceLevel: 0.95, orderCostCents: 4_000, holdingCostCentsPerUnitYear: 150 };

export function simulateFillRate(item: ReorderInput, days: number, seed: number): { fillRate: number; reorderPoint: number; orderUpTo: number } {
  const policy = reorderPolicy(item);
  const sk = streamKey(seedKey(seed), 7);
  let onHand = policy.orderUpTo;
  const arrivals = new Map<number, number>();
  let onOrder = 0;
  let demanded = 0;
  let served = 0;
  for (let d = 0; d < days; d++) {
    const due = arrivals.get(d) ?? 0;
    onHand += due;
    onOrder -= due;
    const demand = Math.max(0, Math.round(item.demandPerDay + item.demandSdPerDay * normal(sk, d)));
    const take = Math.min(onHand, demand);
    served += take;
    demanded += demand;
    onHand -= take; // lost sales: unmet demand goes elsewhere
    if (d % item.reviewDays === 0) {
      const q = reorderQuantity(policy, onHand + onOrder);
      if (q > 0) {
        const at = d + Math.max(1, item.leadTimeDays);
        arrivals.set(at, (arrivals.get(at) ?? 0) + q);
        onOrder += q;
      }
    }
  }
  return { fillRate: demanded === 0 ? 1 : served / demanded, reorderPoint: policy.reorderPoint, orderUpTo: policy.orderUpTo };
}

const SKILLS = ['nurse', 'doctor', 'reception'];

/** A clinic week: 3 slots a day for 5 days, 2–3 shifts a day, each covered in the planted roster. */
export function plantedWeek(seed: number): RosterProblem {
  const r = seededRandom(seed);
  const people = 8 + Math.floor(r() * 5);
  const staff = Array.from({ length: people }, (_, i) => ({ id: `p${i}`, skills: SKILLS.filter(() => r() < 0.6), maxShifts: 0, unavailable: [] as (readonly [number, number])[] }));
  const shifts: RosterProblem['shifts'][number][] = [];
  const busy = new Map<number, number[]>();
  for (let day = 0; day < 5; day++) {
    for (let slot = 0; slot < 3; slot++) {
      if (r() < 0.3) continue;
      const start = day * 24 + 6 + slot * 8;
      const skill = SKILLS[Math.floor(r() * SKILLS.length)]!;
      const need = 1 + Math.floor(r() * 2);
      // Plant: people free at this time (12 h rest) learn the skill if they lack it.
      const free = staff.map((_, i) => i).filter((i) => (busy.get(i) ?? []).every((s) => Math.abs(s - start) >= 20));
      if (free.length < need) continue;
      for (let k = free.length - 1; k > 0; k--) {
        const j = Math.floor(r() * (k + 1));
        [free[k], free[j]] = [free[j]!, free[k]!];
      }
      const team = free.slice(0, need);
      for (const i of team) {
        const p = staff[i]!;
        if (!p.skills.includes(skill)) p.skills.push(skill);
        p.maxShifts++;
        busy.set(i, [...(busy.get(i) ?? []), start]);
      }
      shifts.push({ id: `d${day}s${slot}`, start, end: start + 8, skill, need });
    }
  }
  // A day off for some: a calendar day none of their planted shifts touches (a night shift runs into the next day).
  for (const [i, p] of staff.entries()) {
    const starts = busy.get(i) ?? [];
    const off = [0, 1, 2, 3, 4].find((d) => starts.every((s) => s + 8 <= d * 24 || s >= d * 24 + 24));
    if (off !== undefined && r() < 0.5) p.unavailable.push([off * 24, off * 24 + 24]);
  }
  return { staff, shifts, minRestHours: 12 };
}

export function rosterBenchmark(instances: number, seed: number): { instances: number; solvedValid: number; nodes: number } {
  let solvedValid = 0;
  let nodes = 0;
  for (let k = 0; k < instances; k++) {
    const p = plantedWeek(seed * 1000 + k);
    const res = solveRoster(p);
    nodes += res.nodes;
    if (res.status === 'solved' && violations(p, res.assignment).length === 0) solvedValid++;
  }
  return { instances, solvedValid, nodes };
}
