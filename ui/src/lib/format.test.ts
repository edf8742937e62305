import { describe, expect, it } from 'vitest';
import { copenhagenParts, formatDate, formatDateTime, formatDay, formatTime, formatWeek, isoWeek } from './format';

describe('formatDate / formatTime (Europe/Copenhagen)', () => {
  it('winter time is UTC+1 (CET)', () => {
    expect(formatDate('2026-11-25T13:05:00Z')).toBe('25. nov. 2026');
    expect(formatTime('2026-11-25T13:05:00Z')).toBe('14.05');
    expect(formatDateTime('2026-11-25T13:05:00Z')).toBe('25. nov. 2026 kl. 14.05');
  });

  it('summer time is UTC+2 (CEST)', () => {
    expect(formatDate('2026-07-01T12:30:00Z')).toBe('1. jul. 2026');
    expect(formatTime('2026-07-01T12:30:00Z')).toBe('14.30');
  });

  it('uses the Copenhagen calendar day, not the UTC one', () => {
    expect(formatDate('2026-11-25T23:30:00Z')).toBe('26. nov. 2026');
    expect(formatTime('2026-11-25T23:30:00Z')).toBe('00.30');
    expect(formatDate('2026-12-31T23:00:00Z')).toBe('1. jan. 2027');
  });

  it('follows the daylight-saving switches', () => {
    // 29 March 2026: 02.00 CET becomes 03.00 CEST.
    expect(formatTime('2026-03-29T00:59:00Z')).toBe('01.59');
    expect(formatTime('2026-03-29T01:00:00Z')).toBe('03.00');
    // 25 October 2026: 03.00 CEST becomes 02.00 CET.
    expect(formatTime('2026-10-25T00:30:00Z')).toBe('02.30');
    expect(formatTime('2026-10-25T01:30:00Z')).toBe('02.30');
  });

  it('midnight is 00, never 24', () => {
    expect(formatTime('2026-01-14T23:00:00Z')).toBe('00.00');
  });

  it('has all twelve Danish month abbreviations', () => {
    const months = Array.from({ length: 12 }, (_, i) => formatDate(Date.UTC(2026, i, 15, 12)));
    expect(months).toEqual([
      '15. jan. 2026',
      '15. feb. 2026',
      '15. mar. 2026',
      '15. apr. 2026',
      '15. maj 2026',
      '15. jun. 2026',
      '15. jul. 2026',
      '15. aug. 2026',
      '15. sep. 2026',
      '15. okt. 2026',
      '15. nov. 2026',
      '15. dec. 2026',
    ]);
  });

  it('accepts Date, string and epoch milliseconds', () => {
    const iso = '2026-11-25T13:05:00Z';
    expect(formatDate(new Date(iso))).toBe('25. nov. 2026');
    expect(formatDate(Date.parse(iso))).toBe('25. nov. 2026');
  });

  it('gives an empty string for an invalid date', () => {
    expect(formatDate('ikke en dato')).toBe('');
    expect(formatTime('ikke en dato')).toBe('');
    expect(formatDateTime(Number.NaN)).toBe('');
    expect(copenhagenParts('')).toBeNull();
  });
});

describe('isoWeek / formatWeek', () => {
  it('25 Nov 2026 is in week 48', () => {
    expect(isoWeek('2026-11-25T13:05:00Z')).toBe(48);
    expect(formatWeek('2026-11-25T13:05:00Z')).toBe('uge 48');
  });

  it('handles weeks that cross the new year', () => {
    expect(isoWeek('2026-01-01T12:00:00Z')).toBe(1); // a Thursday
    expect(isoWeek('2027-01-01T12:00:00Z')).toBe(53); // Friday of week 53 of 2026
    expect(isoWeek('2025-12-29T12:00:00Z')).toBe(1); // Monday of week 1 of 2026
  });

  it('uses the Copenhagen date (Sunday night UTC is Monday in Denmark)', () => {
    // Sunday 22 Nov 2026 23:30 UTC = Monday 23 Nov 00:30 in Copenhagen.
    expect(isoWeek('2026-11-22T23:30:00Z')).toBe(48);
    expect(isoWeek('2026-11-22T22:30:00Z')).toBe(47);
  });

  it('is empty for an invalid date', () => {
    expect(isoWeek('x')).toBeNull();
    expect(formatWeek('x')).toBe('');
  });
});

describe('formatDay', () => {
  it('shows a civil date in Danish, whatever the zone', () => {
    expect(formatDay('2026-12-23')).toBe('23. dec. 2026');
    expect(formatDay('2027-03-28')).toBe('28. mar. 2027');
  });
});
