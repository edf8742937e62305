// Statistik's pure logic: the period presets, the marks of hidden counts, durations as text.

import { daysInMonth, MONTH_NAMES, toIso } from '../ui/dates';

/** How the period is chosen. */
export type PeriodKind = 'year' | 'quarter' | 'month' | 'custom';

export const PERIOD_KINDS: readonly { value: PeriodKind; label: string }[] = [
  { value: 'year', label: 'År' },
  { value: 'quarter', label: 'Kvartal' },
  { value: 'month', label: 'Måned' },
  { value: 'custom', label: 'Fra–til' },
];

/** The month names of the period's choice: the calendar's own. */
export const MONTHS = MONTH_NAMES;

/** The first and last day (ISO) of `first`…`last` months of `year`. */
function months(year: number, first: number, last: number): { from: string; to: string } {
  return {
    from: toIso({ year, month: first, day: 1 }),
    to: toIso({ year, month: last, day: daysInMonth(year, last) }),
  };
}

/**
 * The first and last day (ISO) of a year, a quarter (`part` 1–4) or a month (`part` 1–12).
 * Custom periods are typed: this returns null for them.
 */
export function presetPeriod(kind: PeriodKind, year: number, part: number): { from: string; to: string } | null {
  switch (kind) {
    case 'year':
      return months(year, 1, 12);
    case 'quarter':
      return months(year, (part - 1) * 3 + 1, (part - 1) * 3 + 3);
    case 'month':
      return months(year, part, part);
    case 'custom':
      return null;
  }
}

/** Why a count is hidden in the report (`small`: under the threshold; `secondary`: to protect one). */
export type Hidden = 'small' | 'secondary';

export interface CellLike {
  value: number | null;
  hidden: Hidden | null;
}

/**
 * A count as shown: in the report's form »< 5« or »x« for hidden ones; with `exact` (internal use
 * only) the count itself.
 */
export function cellText(c: CellLike, threshold: number, exact: boolean): string {
  if (exact && c.value !== null) return String(c.value);
  if (c.hidden === 'small') return `< ${threshold}`;
  if (c.hidden === 'secondary') return 'x';
  return c.value === null ? '' : String(c.value);
}

/** What a hidden count's mark means, for screen readers and the tooltip. */
export function hiddenNote(c: CellLike, threshold: number): string {
  if (c.hidden === 'small') return `under ${threshold}, vises som »< ${threshold}« i rapporten`;
  if (c.hidden === 'secondary') return 'skjules i rapporten (»x«), så et lille tal ikke kan regnes ud';
  return '';
}

/** A duration in minutes as people read it: »45 min«, »3 t 20 min«, »19 dage 13 t« (as the report). */
export function durationText(minutes: number | null): string {
  if (minutes === null) return '—';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d === 0 && h === 0) return `${m} min`;
  if (d === 0) return `${h} t ${m} min`;
  return d === 1 ? `1 dag ${h} t` : `${d} dage ${h} t`;
}

/** A bar's length as a share of the longest shown value (0 for none). */
export function barShare(value: number | null, max: number): number {
  if (value === null || max <= 0) return 0;
  return Math.min(1, Math.max(0, value / max));
}
