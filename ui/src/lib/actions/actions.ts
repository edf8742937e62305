// Action items (opgaver): labels, the form's checks, the Opgaver view's grouping and its keyboard
// model. Labels and limits come generated from Rust (../generated/rules.ts).

import type { ActionItem, ActionStatus, Agency } from '../bindings';
import { LABELS, LIMITS } from '../generated/rules';
import { checkText } from '../intake/rules';
import { options } from '../labels';
import { endOfWeek, isoWeekOf, parseDanishDate } from '../ui/dates';
import { rovingKey } from '../ui/roving';

export const AGENCY_LABELS: Record<Agency, string> = LABELS.agency;
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = LABELS.action_status;
export const AGENCIES = Object.keys(AGENCY_LABELS) as Agency[];
export const AGENCY_OPTIONS = options(AGENCY_LABELS);

export const WHAT_MAX = LIMITS.action_what_max;
export const PERSON_MAX = LIMITS.action_person_max;

export function validateWhat(value: string): string | null {
  if (value.trim() === '') return 'Skriv hvad der skal gøres.';
  return checkText(value, WHAT_MAX, false, 'Opgaven');
}

export function validatePerson(value: string): string | null {
  if (value.trim() === '') return null;
  return checkText(value, PERSON_MAX, false, 'Navnet');
}

/** The due date as typed: null when fine. The core checks the range again. */
export function validateDue(value: string): string | null {
  if (value.trim() === '') return 'Angiv en frist, f.eks. 25.11.2026.';
  const p = parseDanishDate(value);
  return p.ok ? null : p.error;
}

export type GroupKey = 'overdue' | 'week' | 'later';

export interface AgencyGroup {
  agency: Agency;
  label: string;
  items: ActionItem[];
}

export interface DueGroup {
  key: GroupKey;
  title: string;
  agencies: AgencyGroup[];
  count: number;
}

/** Which group an open item falls in, on `today` (ISO, Copenhagen). */
export function dueGroup(item: Pick<ActionItem, 'due' | 'overdue'>, today: string): GroupKey {
  if (item.overdue || item.due < today) return 'overdue';
  return item.due <= endOfWeek(today) ? 'week' : 'later';
}

/**
 * Open items grouped as the Opgaver view shows them: overdue, this ISO week (to Sunday), later;
 * within each by agency (in the rules' order), and by due date and case within an agency. Empty
 * groups are left out.
 */
export function groupActions(items: readonly ActionItem[], today: string): DueGroup[] {
  const week = isoWeekOf(today)?.week ?? 0;
  const titles: Record<GroupKey, string> = {
    overdue: 'Overskredet',
    week: `Denne uge · uge ${week}`,
    later: 'Senere',
  };
  const groups: DueGroup[] = [];
  for (const key of ['overdue', 'week', 'later'] as const) {
    const mine = items.filter((i) => i.status === 'open' && dueGroup(i, today) === key);
    if (mine.length === 0) continue;
    const agencies: AgencyGroup[] = [];
    for (const agency of AGENCIES) {
      const list = mine
        .filter((i) => i.agency === agency)
        .sort((a, b) => a.due.localeCompare(b.due) || a.reference.localeCompare(b.reference) || a.id - b.id);
      if (list.length > 0) agencies.push({ agency, label: AGENCY_LABELS[agency], items: list });
    }
    groups.push({ key, title: titles[key], agencies, count: mine.length });
  }
  return groups;
}

/** The rows in display order (what the roving focus walks through). */
export function flatten(groups: readonly DueGroup[]): ActionItem[] {
  return groups.flatMap((g) => g.agencies.flatMap((a) => a.items));
}

export type RowAction =
  | { kind: 'focus'; index: number }
  | { kind: 'open' }
  | { kind: 'done' }
  | { kind: 'cancel' };

/**
 * The list's keyboard model: the app's list keys (../ui/roving.ts: ↓/j and ↑/k move, stopping at
 * the ends, Home/End and PageUp/PageDown jump, Enter opens the case), plus "d" marks the focused
 * item done ("udført") and "a" cancels it ("annullér"). Keys with Ctrl, Alt or Meta are left to
 * the app.
 */
export function rowKey(
  e: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey?: boolean },
  index: number,
  count: number,
): RowAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey || count === 0) return null;
  const key = e.key.toLowerCase();
  if (key === 'd') return { kind: 'done' };
  if (key === 'a') return { kind: 'cancel' };
  const list = rovingKey(e, index, count);
  if (list === null) return null;
  return list.kind === 'focus' ? list : { kind: 'open' };
}

/** After a row leaves the list (done/cancelled), focus the one that took its place, else the one above. */
export function indexAfterRemoval(index: number, countAfter: number): number {
  if (countAfter <= 0) return -1;
  return Math.min(index, countAfter - 1);
}

/** "Opgaven »Indkald til samtale« (ØJP-2026-0042) er markeret udført." */
export function statusMessage(
  item: Pick<ActionItem, 'what' | 'reference'>,
  status: 'done' | 'cancelled',
  show: (text: string) => string = (text) => text,
): string {
  const verb = status === 'done' ? 'markeret udført' : 'annulleret';
  return `Opgaven »${show(item.what)}« (${item.reference}) er ${verb}.`;
}
