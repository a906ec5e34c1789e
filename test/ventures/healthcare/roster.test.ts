/**
 * The staff roster solver: every roster it returns satisfies every hard constraint (property test
 * on generated instances, checked by the independent `violations`), a planted feasible roster is
 * always found, and "infeasible" is confirmed by brute force on small instances.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveRoster, violations, type RosterProblem, type Shift, type Staff } from '../../../src/ventures/healthcare/roster.js';

const SKILLS = ['nurse', 'doctor', 'tech'];

const shiftArb = fc.record({ day: fc.integer({ min: 0, max: 4 }), slot: fc.integer({ min: 0, max: 2 }), skill: fc.constantFrom(...SKILLS), need: fc.integer({ min: 1, max: 2 }) });
const staffArb = fc.record({
  skills: fc.subarray(SKILLS, { minLength: 1 }),
  maxShifts: fc.integer({ min: 1, max: 5 }),
  off: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 2 }),
});

function problemOf(shifts: { day: number; slot: number; skill: string; need: number }[], staff: { skills: string[]; maxShifts: number; off: number[] }[], minRestHours: number): RosterProblem {
  return {
    minRestHours,
    // Three 8-hour slots a day: 06–14, 14–22, 22–06.
    shifts: shifts.map((s, i): Shift => ({ id: `s${i}`, start: s.day * 24 + 6 + s.slot * 8, end: s.day * 24 + 14 + s.slot * 8, skill: s.skill, need: s.need })),
    staff: staff.map((p, i): Staff => ({ id: `p${i}`, skills: p.skills, maxShifts: p.maxShifts, unavailable: p.off.map((d) => [d * 24, d * 24 + 24] as const) })),
  };
}

/** Every roster, tried exhaustively (small instances only). */
function bruteForceFeasible(p: RosterProblem): boolean {
  const teams = p.shifts.map((s) => {
    const out: string[][] = [];
    const pick = (from: number, cur: string[]) => {
      if (cur.length === s.need) return void out.push([...cur]);
      for (let k = from; k < p.staff.length; k++) pick(k + 1, [...cur, p.staff[k]!.id]);
    };
    pick(0, []);
    return out;
  });
  const assignment: Record<string, string[]> = {};
  const go = (i: number): boolean => {
    if (i === p.shifts.length) return violations(p, assignment).length === 0;
    for (const t of teams[i]!) {
      assignment[p.shifts[i]!.id] = t;
      if (go(i + 1)) return true;
    }
    return false;
  };
  return go(0);
}

describe('staff roster solver', () => {
  it('every roster it returns satisfies every hard constraint; infeasible is really infeasible', () => {
    fc.assert(
      fc.property(fc.array(shiftArb, { minLength: 1, maxLength: 5 }), fc.array(staffArb, { minLength: 1, maxLength: 4 }), fc.constantFrom(0, 8, 12), (shifts, staff, rest) => {
        const p = problemOf(shifts, staff, rest);
        const r = solveRoster(p);
        if (r.status === 'solved') expect(violations(p, r.assignment)).toEqual([]);
        else if (r.status === 'infeasible') expect(bruteForceFeasible(p)).toBe(false);
        else throw new Error('a small instance may not exhaust the node budget');
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it('finds a roster whenever one is planted, on larger instances', () => {
    fc.assert(
      fc.property(fc.array(shiftArb, { minLength: 4, maxLength: 15 }), fc.integer({ min: 4, max: 10 }), fc.integer({ min: 0, max: 1000 }), (shifts, people, salt) => {
        // Plant: give every shift a team round-robin, then make each person able to do exactly what they were given.
        const plan = shifts.map((s, i) => Array.from({ length: s.need }, (_, k) => (i * 2 + k + salt) % people));
        const staff = Array.from({ length: people }, () => ({ skills: [...SKILLS], maxShifts: 0, off: [] as number[] }));
        const base = problemOf(shifts, staff, 0);
        plan.forEach((team) => team.forEach((pi) => staff[pi]!.maxShifts++));
        // Each planted team must itself be valid: drop duplicate people and overlapping shifts of one person.
        const p = problemOf(shifts, staff, 0);
        const planted = Object.fromEntries(base.shifts.map((s, i) => [s.id, plan[i]!.map((pi) => `p${pi}`)]));
        fc.pre(violations(p, planted).length === 0);
        const r = solveRoster(p);
        expect(r.status).toBe('solved');
        if (r.status === 'solved') expect(violations(p, r.assignment)).toEqual([]);
      }),
      { numRuns: 200, seed: 16 },
    );
  });

  it('names the broken rule when a roster breaks one, and reports a plain infeasible case', () => {
    const p: RosterProblem = {
      minRestHours: 8,
      staff: [
        { id: 'ann', skills: ['nurse'], maxShifts: 1, unavailable: [] },
        { id: 'bob', skills: ['doctor'], maxShifts: 2, unavailable: [[0, 24]] },
      ],
      shifts: [
        { id: 'mon-day', start: 6, end: 14, skill: 'nurse', need: 1 },
        { id: 'mon-eve', start: 14, end: 22, skill: 'nurse', need: 1 },
      ],
    };
    expect(solveRoster(p).status).toBe('infeasible');
    expect(violations(p, { 'mon-day': ['ann'], 'mon-eve': ['ann'] })).toEqual(['ann: 2 shifts, at most 1', 'ann: shifts mon-day and mon-eve are less than 8 h apart']);
    expect(violations(p, { 'mon-day': ['bob'], 'mon-eve': [] })).toEqual(['shift mon-day: bob lacks skill nurse', 'shift mon-day: bob is unavailable then', 'shift mon-eve: 0 staff, needs 1']);
  });
});
