// The intake form's "Modtaget" field is an <input type="datetime-local">: a wall-clock time with
// no zone. Tovholder means Copenhagen wall-clock time, whatever the computer's own zone is, and the
// server wants RFC 3339 with the offset that was in force then ("2026-11-25T14:05:00+01:00").

import { copenhagenParts, type DateInput } from './format';

const pad2 = (n: number): string => String(n).padStart(2, '0');
const MINUTE = 60_000;

/** Copenhagen's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function copenhagenOffsetMinutes(instant: number): number {
  const t = Math.floor(instant / MINUTE) * MINUTE;
  const p = copenhagenParts(t);
  if (p === null) return 0;
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((wall - t) / MINUTE);
}

/** The value for a datetime-local input showing the instant in Copenhagen: "2026-11-25T14:05". */
export function toDateTimeLocal(value: DateInput): string {
  const p = copenhagenParts(value);
  if (p === null) return '';
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** The year in Copenhagen at an instant. */
export function copenhagenYear(value: DateInput): number {
  return copenhagenParts(value)?.year ?? new Date(value).getUTCFullYear();
}

interface Wall {
  /** The wall-clock time read as if it were UTC, in ms. */
  utc: number;
  second: number;
}

function parseLocal(local: string): Wall | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/u.exec(local.trim());
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  // Reject dates that do not exist (30 February) rather than letting Date roll them over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  return { utc, second: s };
}

/**
 * The instant a Copenhagen wall-clock time stands for, in ms; null if the text is not a valid
 * datetime-local value. In the autumn hour that happens twice the first (summer-time) one is meant;
 * a time in the spring gap (02.30 on the last Sunday of March) is read as the time before the
 * clocks moved, which the clock then showed as 03.30.
 */
export function dateTimeLocalToInstant(local: string): number | null {
  const wall = parseLocal(local);
  if (wall === null) return null;
  const DAY = 86_400_000;
  const before = copenhagenOffsetMinutes(wall.utc - DAY);
  const after = copenhagenOffsetMinutes(wall.utc + DAY);
  const candidates = [...new Set([before, after])].sort((a, b) => b - a);
  for (const offset of candidates) {
    const t = wall.utc - offset * MINUTE;
    if (copenhagenOffsetMinutes(t) === offset) return t;
  }
  return wall.utc - before * MINUTE;
}

/** "2026-11-25T14:05" (Copenhagen) → "2026-11-25T14:05:00+01:00"; null if not a valid value. */
export function dateTimeLocalToRfc3339(local: string): string | null {
  const t = dateTimeLocalToInstant(local);
  const wall = parseLocal(local);
  if (t === null || wall === null) return null;
  const p = copenhagenParts(t);
  if (p === null) return null;
  const offset = copenhagenOffsetMinutes(t);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(wall.second)}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}
