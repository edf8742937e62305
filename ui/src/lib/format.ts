// Dates and times as a Danish coordinator reads them, always in Europe/Copenhagen:
// "25. nov. 2026", "14.05", "uge 48".
//
// Intl does the time-zone arithmetic; the text is assembled here from numeric parts, so the output
// is the same in every webview (WebKitGTK, WKWebView, WebView2) whatever its CLDR version.

export const TIME_ZONE = 'Europe/Copenhagen';

const MONTHS_SHORT = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];

const partsFormat = new Intl.DateTimeFormat('da-DK', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

export type DateInput = Date | string | number;

/** The wall-clock fields of an instant in Copenhagen. */
export interface CopenhagenParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function toDate(value: DateInput): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function copenhagenParts(value: DateInput): CopenhagenParts | null {
  const d = toDate(value);
  if (d === null) return null;
  const out: CopenhagenParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const p of partsFormat.formatToParts(d)) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute') {
      out[p.type] = Number(p.value);
    }
  }
  // Some engines still say "24" for midnight despite hourCycle h23.
  if (out.hour === 24) out.hour = 0;
  return out;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "25. nov. 2026"; "" for an invalid date. */
export function formatDate(value: DateInput): string {
  const p = copenhagenParts(value);
  if (p === null) return '';
  return `${p.day}. ${MONTHS_SHORT[p.month - 1] ?? ''} ${p.year}`;
}

/** A civil date (a due date, "2026-12-23") as "23. dec. 2026" (read at noon, so no zone moves it). */
export function formatDay(iso: string): string {
  return formatDate(`${iso}T12:00:00Z`);
}

/** "14.05"; "" for an invalid date. */
export function formatTime(value: DateInput): string {
  const p = copenhagenParts(value);
  if (p === null) return '';
  return `${pad2(p.hour)}.${pad2(p.minute)}`;
}

/** "25. nov. 2026 kl. 14.05"; "" for an invalid date. */
export function formatDateTime(value: DateInput): string {
  const d = formatDate(value);
  return d === '' ? '' : `${d} kl. ${formatTime(value)}`;
}

/** "25. nov. 2026 14.05" — the compact stamp used in notes and the history; "" for an invalid date. */
export function formatStamp(value: DateInput): string {
  const d = formatDate(value);
  return d === '' ? '' : `${d} ${formatTime(value)}`;
}

/** The ISO 8601 week number of the Copenhagen calendar date. */
export function isoWeek(value: DateInput): number | null {
  const p = copenhagenParts(value);
  if (p === null) return null;
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day));
  const weekday = date.getUTCDay() || 7; // Monday = 1 … Sunday = 7
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/** "uge 48"; "" for an invalid date. */
export function formatWeek(value: DateInput): string {
  const w = isoWeek(value);
  return w === null ? '' : `uge ${w}`;
}
