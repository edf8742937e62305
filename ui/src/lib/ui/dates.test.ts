import { describe, expect, it } from 'vitest';
import {
  completeShortDate,
  addDays,
  addMonths,
  calendarKey,
  copenhagenToday,
  dateConfirmation,
  formatDanishDate,
  formatDanishTime,
  isoWeekOf,
  longDanishDate,
  maskDate,
  maskTime,
  monthGrid,
  parseDanishDate,
  parseDanishTime,
} from './dates';

const ok = (value: string) => ({ ok: true, value });

describe('Danish date entry', () => {
  it('reads dd.mm.åååå and its common variants', () => {
    expect(parseDanishDate('01.12.2026')).toEqual(ok('2026-12-01'));
    expect(parseDanishDate('1.12.2026')).toEqual(ok('2026-12-01'));
    expect(parseDanishDate(' 1/12-2026 ')).toEqual(ok('2026-12-01'));
    expect(parseDanishDate('1 12 2026')).toEqual(ok('2026-12-01'));
    expect(parseDanishDate('01122026')).toEqual(ok('2026-12-01'));
    expect(parseDanishDate('1.12.26')).toEqual(ok('2026-12-01'));
  });

  it('never reads the US order', () => {
    expect(parseDanishDate('11.25.2026')).toMatchObject({ ok: false, error: expect.stringContaining('Måned 25') });
    expect(parseDanishDate('2026-12-01')).toMatchObject({ ok: false });
  });

  it('rejects impossible dates in Danish', () => {
    expect(parseDanishDate('30.02.2026')).toEqual({ ok: false, error: 'Datoen findes ikke: februar 2026 har 28 dage.' });
    expect(parseDanishDate('31.04.2026')).toEqual({ ok: false, error: 'Datoen findes ikke: april 2026 har 30 dage.' });
    expect(parseDanishDate('00.01.2026')).toMatchObject({ ok: false });
    expect(parseDanishDate('')).toMatchObject({ ok: false, error: 'Skriv datoen som dd.mm.åååå, f.eks. 25.11.2026.' });
    expect(parseDanishDate('i morgen')).toMatchObject({ ok: false });
  });

  it('knows leap years', () => {
    expect(parseDanishDate('29.02.2028')).toEqual(ok('2028-02-29'));
    expect(parseDanishDate('29.02.2000')).toEqual(ok('2000-02-29'));
    expect(parseDanishDate('29.02.2100')).toEqual({ ok: false, error: 'Datoen findes ikke: februar 2100 har 28 dage.' });
    expect(parseDanishDate('29.02.2027')).toMatchObject({ ok: false });
  });

  it('shows ISO dates the Danish way', () => {
    expect(formatDanishDate('2026-12-01')).toBe('01.12.2026');
    expect(longDanishDate('2026-12-01')).toBe('tirsdag 1. december 2026');
  });

  it('masks while typing forward', () => {
    expect(maskDate('01', true)).toBe('01.');
    expect(maskDate('01.', true)).toBe('01.');
    expect(maskDate('01..', true)).toBe('01.');
    expect(maskDate('01.12', true)).toBe('01.12.');
    expect(maskDate('1.12', true)).toBe('1.12.');
    expect(maskDate('01.12.2026', true)).toBe('01.12.2026');
    expect(maskDate('01', false)).toBe('01');
    expect(maskDate('1/12-2026x', true)).toBe('1.12.2026');
    expect(maskTime('14', true)).toBe('14.');
    expect(maskTime('14:05', true)).toBe('14.05');
  });
});

describe('a date typed without its year', () => {
  it('is the next such day for a deadline, the latest for what happened, this year for a period', () => {
    const today = '2026-12-07';
    expect(completeShortDate('18.12', today, 'future')).toBe('18.12.2026');
    expect(completeShortDate('5.12', today, 'future')).toBe('05.12.2027');
    expect(completeShortDate('7.12', today, 'future')).toBe('07.12.2026');
    expect(completeShortDate('5.12', today, 'past')).toBe('05.12.2026');
    expect(completeShortDate('18.12.', today, 'past')).toBe('18.12.2025');
    expect(completeShortDate('1/1', today, 'this')).toBe('01.01.2026');
    expect(completeShortDate('31 12', today, 'this')).toBe('31.12.2026');
  });

  it('leaves whole dates, impossible days and other text alone', () => {
    const today = '2026-12-07';
    for (const text of ['05.12.2026', '31.11', '29.2', '13.13', '5', '', 'i morgen']) {
      expect(completeShortDate(text, today, 'future')).toBe(text);
    }
    // 29 February in a leap year.
    expect(completeShortDate('29.2', '2028-01-10', 'future')).toBe('29.02.2028');
  });
});

describe('Danish time entry', () => {
  it('reads tt.mm', () => {
    expect(parseDanishTime('14.05')).toEqual(ok('14:05'));
    expect(parseDanishTime('14:05')).toEqual(ok('14:05'));
    expect(parseDanishTime('1405')).toEqual(ok('14:05'));
    expect(parseDanishTime('9.05')).toEqual(ok('09:05'));
    expect(parseDanishTime('9')).toEqual(ok('09:00'));
    expect(formatDanishTime('09:05')).toBe('09.05');
  });

  it('reads the short forms Danes type: »14« and »1430«', () => {
    expect(parseDanishTime('14')).toEqual(ok('14:00'));
    expect(parseDanishTime('1430')).toEqual(ok('14:30'));
  });

  it('says under the field what was typed, once it is a real date (and time)', () => {
    expect(dateConfirmation('06.12.2026', '14')).toBe('søndag 6. dec. 2026 kl. 14.00');
    expect(dateConfirmation('18.12.2026')).toBe('fredag 18. dec. 2026');
    expect(dateConfirmation('31.11.2026', '14.00')).toBe('');
    expect(dateConfirmation('06.12.2026', '25.00')).toBe('');
    expect(dateConfirmation('06.12.2026', '')).toBe('');
  });

  it('rejects impossible times', () => {
    expect(parseDanishTime('24.00')).toMatchObject({ ok: false, error: expect.stringContaining('findes ikke') });
    expect(parseDanishTime('12.60')).toMatchObject({ ok: false });
    expect(parseDanishTime('kl. 14')).toMatchObject({ ok: false });
  });
});

describe('calendar arithmetic', () => {
  it('finds ISO weeks around New Year', () => {
    expect(isoWeekOf('2026-12-28')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf('2027-01-03')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeekOf('2026-11-25')).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOf('2025-12-29')).toEqual({ year: 2026, week: 1 });
  });

  it('moves by days and months', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-03-15', -12)).toBe('2025-03-15');
  });

  it('lays out a month from Monday, with week numbers', () => {
    const dec = monthGrid(2026, 12);
    expect(dec[0]?.days[0]).toBe('2026-11-30');
    expect(dec[0]?.week).toBe(49);
    expect(dec.at(-1)?.days[6]).toBe('2027-01-03');
    expect(dec.at(-1)?.week).toBe(53);
    expect(dec.every((w) => w.days.length === 7)).toBe(true);
  });

  it('knows today in Copenhagen, not UTC', () => {
    expect(copenhagenToday(Date.parse('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(copenhagenToday(Date.parse('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(copenhagenToday(Date.parse('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});

describe('calendar keyboard model', () => {
  const d = '2026-12-01'; // a Tuesday
  it('moves a day, a week, a month, a year', () => {
    expect(calendarKey('ArrowRight', d)).toEqual({ move: '2026-12-02' });
    expect(calendarKey('ArrowLeft', d)).toEqual({ move: '2026-11-30' });
    expect(calendarKey('ArrowDown', d)).toEqual({ move: '2026-12-08' });
    expect(calendarKey('ArrowUp', d)).toEqual({ move: '2026-11-24' });
    expect(calendarKey('PageDown', d)).toEqual({ move: '2027-01-01' });
    expect(calendarKey('PageUp', d)).toEqual({ move: '2026-11-01' });
    expect(calendarKey('PageDown', d, true)).toEqual({ move: '2027-12-01' });
    expect(calendarKey('Home', d)).toEqual({ move: '2026-11-30' });
    expect(calendarKey('End', d)).toEqual({ move: '2026-12-06' });
  });

  it('picks with Enter or Space, closes with Esc, ignores the rest', () => {
    expect(calendarKey('Enter', d)).toEqual({ action: 'pick' });
    expect(calendarKey(' ', d)).toEqual({ action: 'pick' });
    expect(calendarKey('Escape', d)).toEqual({ action: 'close' });
    expect(calendarKey('x', d)).toBeNull();
    expect(calendarKey('Tab', d)).toBeNull();
  });
});
