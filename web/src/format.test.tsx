// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatDuration,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRatio,
  formatSignedMoney,
  formatSignedPercent,
} from './format.js';
import { backoffMs, contractNameOfPath } from './api/events.js';
import { viewFromHash } from './App.js';
import { moneyBadge } from './components/badges.js';

describe('money and percentages', () => {
  it('formats dollars with cents and groups thousands', () => {
    expect(formatMoney(12345.678)).toBe('$12,345.68');
    expect(formatMoney(-3.5)).toBe('-$3.50');
    expect(formatMoney(1_234_567, { compact: true })).toBe('$1.23M');
    expect(formatMoney(99_999, { compact: true })).toBe('$99,999.00');
  });
  it('signs changes with a real minus', () => {
    expect(formatSignedMoney(12)).toBe('+$12.00');
    expect(formatSignedMoney(-3.5)).toBe('−$3.50');
    expect(formatSignedMoney(0)).toBe('$0.00');
    expect(formatSignedPercent(0.05)).toBe('+5.00%');
    expect(formatSignedPercent(-0.1234)).toBe('−12.34%');
  });
  it('shows fractions as percentages', () => {
    expect(formatPercent(0.1234)).toBe('12.34%');
    expect(formatPercent(1)).toBe('100.00%');
  });
  it('renders missing or non-finite values as a dash, never NaN', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatMoney(v)).toBe('—');
      expect(formatPercent(v)).toBe('—');
      expect(formatSignedMoney(v)).toBe('—');
      expect(formatNumber(v)).toBe('—');
      expect(formatRatio(v)).toBe('—');
    }
  });
  it('keeps crypto quantities precise', () => {
    expect(formatNumber(0.02253612)).toBe('0.022536');
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });
});

describe('durations and ages', () => {
  it('uses the two largest units', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(200)).toBe('3m 20s');
    expect(formatDuration(7500)).toBe('2h 5m');
    expect(formatDuration(3 * 86400 + 4 * 3600)).toBe('3d 4h');
    expect(formatDuration(-1)).toBe('—');
  });
  it('says ago for the past and in for the future', () => {
    const now = Date.parse('2025-01-01T00:01:00Z');
    expect(formatAge('2025-01-01T00:00:48Z', now)).toBe('12s ago');
    expect(formatAge('2025-01-01T00:01:04Z', now)).toBe('in 4s');
    expect(formatAge(null, now)).toBe('—');
    expect(formatAge('not a time', now)).toBe('—');
  });
});

describe('small pure helpers', () => {
  it('backs off from 1 s doubling to a 30 s cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((a) => backoffMs(a))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
  it('maps contract paths to the names the API routes use', () => {
    expect(contractNameOfPath('runtime/atlas_brain.json')).toBe('atlas_brain');
    expect(contractNameOfPath('state/pnl_history.csv')).toBe('pnl_history');
  });
  it('routes hashes to views and unknown ones to the overview', () => {
    expect(viewFromHash('#/agents')).toBe('agents');
    expect(viewFromHash('#approvals')).toBe('approvals');
    expect(viewFromHash('#/nope')).toBe('overview');
    expect(viewFromHash('')).toBe('overview');
  });
  it('labels money as SIMULATED whenever anything is simulated', () => {
    expect(moneyBadge({ mode: 'live', simulated: true })).toBe('SIMULATED');
    expect(moneyBadge({ mode: 'sim', simulated: false })).toBe('SIMULATED');
    expect(moneyBadge({ mode: 'paper', simulated: false })).toBe('PAPER');
    expect(moneyBadge({ mode: 'live', simulated: false })).toBe('LIVE');
  });
});
