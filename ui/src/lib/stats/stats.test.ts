import { describe, expect, it } from 'vitest';
import { barShare, cellText, durationText, hiddenNote, presetPeriod } from './stats';

describe('Statistik', () => {
  it('gives the first and last day of a year, a quarter and a month', () => {
    expect(presetPeriod('year', 2026, 0)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetPeriod('quarter', 2026, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('quarter', 2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetPeriod('month', 2028, 2)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('month', 2027, 2)).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(presetPeriod('custom', 2026, 1)).toBeNull();
  });

  it('shows hidden counts as the report does, exact ones only when asked', () => {
    expect(cellText({ value: 3, hidden: 'small' }, 5, false)).toBe('< 5');
    expect(cellText({ value: 7, hidden: 'secondary' }, 5, false)).toBe('x');
    expect(cellText({ value: 12, hidden: null }, 5, false)).toBe('12');
    expect(cellText({ value: 3, hidden: 'small' }, 5, true)).toBe('3');
    expect(cellText({ value: null, hidden: 'small' }, 5, true)).toBe('< 5');
    expect(hiddenNote({ value: 3, hidden: 'small' }, 5)).toContain('< 5');
    expect(hiddenNote({ value: 9, hidden: null }, 5)).toBe('');
  });

  it('writes durations like the report', () => {
    expect(durationText(45)).toBe('45 min');
    expect(durationText(200)).toBe('3 t 20 min');
    expect(durationText(1440 + 120)).toBe('1 dag 2 t');
    expect(durationText(19 * 1440 + 13 * 60 + 50)).toBe('19 dage 13 t');
    expect(durationText(null)).toBe('—');
  });

  it('scales bars to the longest shown value', () => {
    expect(barShare(5, 10)).toBe(0.5);
    expect(barShare(null, 10)).toBe(0);
    expect(barShare(3, 0)).toBe(0);
  });
});
