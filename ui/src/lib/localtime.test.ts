import { describe, expect, it } from 'vitest';
import {
  copenhagenOffsetMinutes,
  copenhagenYear,
  dateTimeLocalToInstant,
  dateTimeLocalToRfc3339,
  toDateTimeLocal,
} from './localtime';

describe('datetime-local in Copenhagen time', () => {
  it('knows the offset in winter and summer', () => {
    expect(copenhagenOffsetMinutes(Date.parse('2026-11-25T13:05:00Z'))).toBe(60);
    expect(copenhagenOffsetMinutes(Date.parse('2026-07-01T12:00:00Z'))).toBe(120);
  });

  it('shows an instant as Copenhagen wall-clock time', () => {
    expect(toDateTimeLocal('2026-11-25T13:05:42Z')).toBe('2026-11-25T14:05');
    expect(toDateTimeLocal('2026-07-01T22:30:00Z')).toBe('2026-07-02T00:30');
    expect(toDateTimeLocal('nonsense')).toBe('');
  });

  it('adds the offset that was in force', () => {
    expect(dateTimeLocalToRfc3339('2026-11-25T14:05')).toBe('2026-11-25T14:05:00+01:00');
    expect(dateTimeLocalToRfc3339('2026-07-01T14:30')).toBe('2026-07-01T14:30:00+02:00');
    expect(dateTimeLocalToRfc3339('2026-07-01T14:30:15')).toBe('2026-07-01T14:30:15+02:00');
  });

  it('round-trips with toDateTimeLocal', () => {
    for (const iso of ['2026-01-01T00:00:00Z', '2026-03-29T00:59:00Z', '2026-10-25T02:00:00Z', '2026-12-31T23:30:00Z']) {
      const local = toDateTimeLocal(iso);
      expect(dateTimeLocalToInstant(local)).toBe(Date.parse(iso));
    }
  });

  it('reads the doubled autumn hour as summer time (the first one)', () => {
    // 25 October 2026: 02.30 happens at 00.30Z (CEST) and again at 01.30Z (CET).
    expect(dateTimeLocalToRfc3339('2026-10-25T02:30')).toBe('2026-10-25T02:30:00+02:00');
    expect(dateTimeLocalToInstant('2026-10-25T02:30')).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });

  it('moves a time in the spring gap forward like the clocks did', () => {
    // 29 March 2026: 02.00 CET became 03.00 CEST; 02.30 never showed on a clock.
    expect(dateTimeLocalToRfc3339('2026-03-29T02:30')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('rejects what is not a datetime-local value', () => {
    expect(dateTimeLocalToRfc3339('')).toBeNull();
    expect(dateTimeLocalToRfc3339('25-11-2026 14:05')).toBeNull();
    expect(dateTimeLocalToRfc3339('2026-02-30T10:00')).toBeNull();
    expect(dateTimeLocalToRfc3339('2026-11-25T24:00')).toBeNull();
  });

  it('gives the Copenhagen year (New Year happens an hour before UTC)', () => {
    expect(copenhagenYear('2026-12-31T23:30:00Z')).toBe(2027);
    expect(copenhagenYear('2026-12-31T22:30:00Z')).toBe(2026);
  });
});
