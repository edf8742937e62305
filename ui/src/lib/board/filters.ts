// The board's filter as removable chips ("Kommune: Aarhus ×") and the texts on a card.
import type { Agency, BoardFilter, Category, Urgency } from '../bindings';
import { LABELS } from '../generated/rules';

export type FilterKey = 'municipality' | 'category' | 'urgency' | 'agency' | 'overdue' | 'meeting' | 'text';

export interface Chip {
  key: FilterKey;
  /** "Kommune: Aarhus" */
  label: string;
}

export const AGENCY_LABELS: Record<Agency, string> = LABELS.agency;
const CATEGORY: Record<Category, string> = LABELS.category;
const URGENCY: Record<Urgency, string> = LABELS.urgency;

/** The chips of a filter, in the order of the filter controls. */
export function filterChips(f: BoardFilter): Chip[] {
  const chips: Chip[] = [];
  if (f.text) chips.push({ key: 'text', label: `Tekst: »${f.text}«` });
  if (f.municipality) chips.push({ key: 'municipality', label: `Kommune: ${f.municipality}` });
  if (f.category) chips.push({ key: 'category', label: `Kategori: ${CATEGORY[f.category]}` });
  if (f.urgency) chips.push({ key: 'urgency', label: `Hastegrad: ${URGENCY[f.urgency]}` });
  if (f.agency) chips.push({ key: 'agency', label: `Myndighed: ${AGENCY_LABELS[f.agency]}` });
  if (f.overdue) chips.push({ key: 'overdue', label: 'Har overskredne opgaver' });
  if (f.meeting) chips.push({ key: 'meeting', label: 'Til møde' });
  return chips;
}

/** The filter without one chip. */
export function withoutChip(f: BoardFilter, key: FilterKey): BoardFilter {
  const next: BoardFilter = { ...f };
  if (key === 'overdue' || key === 'meeting') next[key] = false;
  else next[key] = null;
  return next;
}

/** The empty filter ("Nulstil"). */
export function emptyFilter(): BoardFilter {
  return { municipality: null, category: null, urgency: null, agency: null, overdue: false, meeting: false, text: null };
}

export function isFiltered(f: BoardFilter): boolean {
  return filterChips(f).length > 0;
}

const MONTHS_SHORT = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];

/** A civil date "2026-12-01" as "1. dec. 2026" (no time zone involved: it is a calendar day). */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(day);
  if (!m) return day;
  return `${Number(m[3])}. ${MONTHS_SHORT[Number(m[2]) - 1] ?? ''} ${m[1]}`;
}

/** "1 dag i fasen", "12 dage i fasen"; "Ny i fasen i dag" for 0. */
export function daysInStage(days: number): string {
  if (days === 0) return 'I fasen fra i dag';
  return days === 1 ? '1 dag i fasen' : `${days} dage i fasen`;
}

/** "Uden bevægelse i 45 dage". */
export function staleText(days: number): string {
  return days === 1 ? 'Uden bevægelse i 1 dag' : `Uden bevægelse i ${days} dage`;
}

/** A column's count: "12 sager", or "3 af 12 sager" when a filter hides some. */
export function columnCountText(matching: number, total: number): string {
  const n = total === 1 ? '1 sag' : `${total} sager`;
  return matching < total ? `${matching} af ${n}` : n;
}

/** The soft WIP limit's text: "12 / 10", or null without a limit. */
export function wipText(total: number, limit: number | null): string | null {
  return limit === null ? null : `${total} / ${limit}`;
}
