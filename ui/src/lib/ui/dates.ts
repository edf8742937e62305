// Danish date and time entry for DateField/TimeField: typed and shown "25.11.2026" and "14.05"
// whatever the computer's locale, stored as ISO "2026-11-25" (the core's `Day`) and "14:05".
// Calendar days are plain civil dates (no zone); "today" is the Copenhagen date.

import { copenhagenParts, formatDay, type DateInput } from '../format';

const pad2 = (n: number): string => String(n).padStart(2, '0');

export const DATE_PLACEHOLDER = 'dd.mm.åååå';
export const TIME_PLACEHOLDER = 'tt.mm';

export const MONTH_NAMES = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** Monday first, as in Denmark. */
export const WEEKDAY_NAMES = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'] as const;
export const WEEKDAY_SHORT = ['ma', 'ti', 'on', 'to', 'fr', 'lø', 'sø'] as const;

/** A civil date. */
export interface Ymd {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function toIso(d: Ymd): string {
  return `${String(d.year).padStart(4, '0')}-${pad2(d.month)}-${pad2(d.day)}`;
}

/** "2026-12-01" → its parts; null unless a real date in that exact form. */
export function fromIso(iso: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (m === null) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month) ? d : null;
}

/** "2026-12-01" → "01.12.2026"; anything else unchanged. */
export function formatDanishDate(iso: string): string {
  const d = fromIso(iso);
  return d === null ? iso : `${pad2(d.day)}.${pad2(d.month)}.${d.year}`;
}

/** "2026-12-01" → "1. dec. 2026" style is format.ts's; this gives "tirsdag 1. december 2026". */
export function longDanishDate(iso: string): string {
  const d = fromIso(iso);
  if (d === null) return iso;
  return `${WEEKDAY_NAMES[weekdayIndex(d)]} ${d.day}. ${MONTH_NAMES[d.month - 1]} ${d.year}`;
}

export const DATE_FORMAT_MESSAGE = 'Skriv datoen som dd.mm.åååå, f.eks. 25.11.2026.';

/**
 * Danish date input → ISO. Accepts "1.12.2026", "01.12.2026", "1/12-2026", "1 12 2026", "01122026"
 * and a two-digit year ("1.12.26" → 2026). Rejects dates that do not exist, saying why.
 */
export function parseDanishDate(text: string): Parsed<string> {
  const t = text.trim();
  let parts: [string, string, string] | null = null;
  const sep = /^(\d{1,2})\s*[.\-/ ]\s*(\d{1,2})\s*[.\-/ ]\s*(\d{2}|\d{4})$/u.exec(t);
  if (sep) parts = [sep[1] ?? '', sep[2] ?? '', sep[3] ?? ''];
  const packed = /^(\d{2})(\d{2})(\d{4})$/u.exec(t);
  if (packed) parts = [packed[1] ?? '', packed[2] ?? '', packed[3] ?? ''];
  if (parts === null) return { ok: false, error: DATE_FORMAT_MESSAGE };
  const day = Number(parts[0]);
  const month = Number(parts[1]);
  const year = parts[2].length === 2 ? 2000 + Number(parts[2]) : Number(parts[2]);
  if (month < 1 || month > 12) return { ok: false, error: `Måned ${month} findes ikke. ${DATE_FORMAT_MESSAGE}` };
  const max = daysInMonth(year, month);
  if (day < 1 || day > max) {
    const name = MONTH_NAMES[month - 1] ?? '';
    return { ok: false, error: `Datoen findes ikke: ${name} ${year} har ${max} dage.` };
  }
  return { ok: true, value: toIso({ year, month, day }) };
}

/** Which year a date typed without one falls in (see [`completeShortDate`]). */
export type ShortDateYear = 'future' | 'past' | 'this';

/**
 * A date typed without its year, as Danes do ("5.12", "18.12.", "5/12"), completed to a whole date
 * ("05.12.2026"): this year, or — when that day is already past (`toward` "future": a deadline, a
 * meeting) or still to come (`toward` "past": when a concern came in, a log's day) — the next or
 * the previous one; always this year with "this" (a statistics period). Anything else comes back
 * unchanged (for `parseDanishDate` to judge).
 */
export function completeShortDate(text: string, today: string, toward: ShortDateYear): string {
  const m = /^(\d{1,2})\s*[.\-/ ]\s*(\d{1,2})\.?$/u.exec(text.trim());
  const now = fromIso(today);
  if (m === null || now === null) return text;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const at = (year: number): string | null =>
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? toIso({ year, month, day }) : null;
  let iso = at(now.year);
  if (iso !== null && toward === 'future' && iso < today) iso = at(now.year + 1);
  if (iso !== null && toward === 'past' && iso > today) iso = at(now.year - 1);
  return iso === null ? text : formatDanishDate(iso);
}

/**
 * What a typed date (and time) means, for the line under the field: »søndag 6. dec. 2026 kl. 14.00«,
 * »fredag 18. dec. 2026«; "" while the date (or a given time) is not a valid one.
 */
export function dateConfirmation(date: string, time?: string): string {
  const d = parseDanishDate(date);
  if (!d.ok) return '';
  const ymd = fromIso(d.value);
  const day = ymd === null ? '' : `${WEEKDAY_NAMES[weekdayIndex(ymd)]} ${formatDay(d.value)}`;
  if (time === undefined) return day;
  const t = parseDanishTime(time);
  return t.ok ? `${day} kl. ${formatDanishTime(t.value)}` : '';
}

export const TIME_FORMAT_MESSAGE = 'Skriv klokkeslættet som tt.mm, f.eks. 14.05.';

/** Danish time input → "14:05". Accepts "14.05", "14:05", "1405", "9.05", "9". */
export function parseDanishTime(text: string): Parsed<string> {
  const t = text.trim();
  const m = /^(\d{1,2})(?:\s*[.:]\s*(\d{2}))?$/u.exec(t) ?? /^(\d{2})(\d{2})$/u.exec(t);
  if (m === null) return { ok: false, error: TIME_FORMAT_MESSAGE };
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (hour > 23 || minute > 59) return { ok: false, error: `Klokkeslættet findes ikke. ${TIME_FORMAT_MESSAGE}` };
  return { ok: true, value: `${pad2(hour)}:${pad2(minute)}` };
}

/** "14:05" → "14.05". */
export function formatDanishTime(hhmm: string): string {
  const m = /^(\d{2}):(\d{2})/u.exec(hhmm);
  return m ? `${m[1]}.${m[2]}` : hhmm;
}

/**
 * A light mask while typing a date: separators become ".", and after the day or the month a "."
 * is added when the person typed forward (so "01122026" typed digit by digit shows "01.12.2026",
 * and typing the "." oneself does not double it).
 */
export function maskDate(value: string, typedForward: boolean): string {
  let v = value.replace(/[/\-, ]/gu, '.').replace(/[^\d.]/gu, '').replace(/\.{2,}/gu, '.');
  if (v.length > 10) v = v.slice(0, 10);
  if (typedForward && /^(\d{2}|\d{1,2}\.\d{2})$/u.test(v)) v += '.';
  return v;
}

/** The same for a time: "1405" → "14.05". */
export function maskTime(value: string, typedForward: boolean): string {
  let v = value.replace(/:/gu, '.').replace(/[^\d.]/gu, '').replace(/\.{2,}/gu, '.');
  if (v.length > 5) v = v.slice(0, 5);
  if (typedForward && /^\d{2}$/u.test(v)) v += '.';
  return v;
}

// ---- Calendar arithmetic (UTC dates used as civil dates) ----

function toUtc(d: Ymd): number {
  return Date.UTC(d.year, d.month - 1, d.day);
}

function fromUtc(t: number): Ymd {
  const x = new Date(t);
  return { year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(d: Ymd): number {
  return (new Date(toUtc(d)).getUTCDay() + 6) % 7;
}

export function addDays(iso: string, n: number): string {
  const d = fromIso(iso);
  if (d === null) return iso;
  return toIso(fromUtc(toUtc(d) + n * 86_400_000));
}

/** The same day n months on, or the month's last day when it is shorter (31.01 + 1 → 28.02). */
export function addMonths(iso: string, n: number): string {
  const d = fromIso(iso);
  if (d === null) return iso;
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return toIso({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/** Days from a to b (b later → positive). */
export function daysBetween(a: string, b: string): number {
  const x = fromIso(a);
  const y = fromIso(b);
  if (x === null || y === null) return NaN;
  return Math.round((toUtc(y) - toUtc(x)) / 86_400_000);
}

/** The ISO 8601 week and its year: 28.12.2026 → 2026-W53, 04.01.2027 → 2027-W1, 01.01.2027 → 2026-W53. */
export function isoWeekOf(iso: string): { year: number; week: number } | null {
  const d = fromIso(iso);
  if (d === null) return null;
  const thursday = toUtc(d) + (3 - weekdayIndex(d)) * 86_400_000; // the Thursday decides the year
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { year, week };
}

/** Monday of the date's ISO week. */
export function startOfWeek(iso: string): string {
  const d = fromIso(iso);
  return d === null ? iso : addDays(iso, -weekdayIndex(d));
}

/** Sunday of the date's ISO week. */
export function endOfWeek(iso: string): string {
  return addDays(startOfWeek(iso), 6);
}

/** Today's date in Copenhagen, ISO. */
export function copenhagenToday(now: DateInput = Date.now()): string {
  const p = copenhagenParts(now);
  return p === null ? '' : toIso({ year: p.year, month: p.month, day: p.day });
}

export interface CalendarWeek {
  week: number;
  /** Seven ISO dates, Monday first; days outside the month are included (shown dimmed). */
  days: string[];
}

/** The weeks shown for a month: from the Monday on or before the 1st to the Sunday on or after the last day. */
export function monthGrid(year: number, month: number): CalendarWeek[] {
  const first = toIso({ year, month, day: 1 });
  const last = toIso({ year, month, day: daysInMonth(year, month) });
  const weeks: CalendarWeek[] = [];
  for (let monday = startOfWeek(first); monday <= last; monday = addDays(monday, 7)) {
    const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
    weeks.push({ week: isoWeekOf(monday)?.week ?? 0, days });
  }
  return weeks;
}

/**
 * The calendar grid's keyboard model (WAI-ARIA date picker dialog): the date focused after a key,
 * 'pick', 'close', or null for keys it leaves alone.
 */
export function calendarKey(
  key: string,
  focused: string,
  shift = false,
): { move: string } | { action: 'pick' | 'close' } | null {
  switch (key) {
    case 'ArrowLeft':
      return { move: addDays(focused, -1) };
    case 'ArrowRight':
      return { move: addDays(focused, 1) };
    case 'ArrowUp':
      return { move: addDays(focused, -7) };
    case 'ArrowDown':
      return { move: addDays(focused, 7) };
    case 'Home':
      return { move: startOfWeek(focused) };
    case 'End':
      return { move: endOfWeek(focused) };
    case 'PageUp':
      return { move: addMonths(focused, shift ? -12 : -1) };
    case 'PageDown':
      return { move: addMonths(focused, shift ? 12 : 1) };
    case 'Enter':
    case ' ':
      return { action: 'pick' };
    case 'Escape':
      return { action: 'close' };
    default:
      return null;
  }
}
