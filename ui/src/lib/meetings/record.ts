// A meeting record as the Møder editor works on it: the planning fields typed in Danish, the
// participants picked from the directory, the agenda (accepting the board's proposal, reordering)
// and the per-case entries. Pure functions; the core validates again when the record is saved.

import type {
  DirectoryEntry,
  ItemRecord,
  MeetingRecord,
  NewActionItem,
  ParticipantRecord,
  ProposedAgenda,
} from '../bindings';
import { validateDue, validatePerson, validateWhat } from '../actions/actions';
import { dateTimeLocalToRfc3339, toDateTimeLocal } from '../localtime';
import { formatDanishDate, formatDanishTime, parseDanishDate, parseDanishTime } from '../ui/dates';

/** A meeting record with its lists always there (the import format lets them be left out). */
export type Draft = MeetingRecord & { participants: ParticipantRecord[]; items: ItemRecord[] };

export function draftOf(record: MeetingRecord): Draft {
  return { ...record, participants: record.participants ?? [], items: record.items ?? [] };
}

export type CaseItem = Extract<ItemRecord, { kind: 'case' }>;
export type FreeItem = Extract<ItemRecord, { kind: 'free' }>;

/** The planning fields as typed: "09.12.2026", "14.00", …; the next meeting may stay empty. */
export interface PlanFields {
  date: string;
  time: string;
  place: string;
  nextDate: string;
  nextTime: string;
}

export type PlanField = 'date' | 'time' | 'nextDate' | 'nextTime';

/** An RFC 3339 instant as the two Danish fields show it in Copenhagen: ["09.12.2026", "14.00"]. */
export function danishFields(instant: string | null | undefined): [string, string] {
  if (!instant) return ['', ''];
  const local = toDateTimeLocal(instant); // "2026-12-09T14:00"
  if (local === '') return ['', ''];
  return [formatDanishDate(local.slice(0, 10)), formatDanishTime(local.slice(11, 16))];
}

export function planFromRecord(record: MeetingRecord): PlanFields {
  const [date, time] = danishFields(record.held_at);
  const [nextDate, nextTime] = danishFields(record.next_meeting_at);
  return { date, time, place: record.place ?? '', nextDate, nextTime };
}

/** "09.12.2026" + "14.00" → "2026-12-09T14:00:00+01:00"; null unless both are valid. */
export function instantOf(date: string, time: string): string | null {
  const d = parseDanishDate(date);
  const t = parseDanishTime(time);
  return d.ok && t.ok ? dateTimeLocalToRfc3339(`${d.value}T${t.value}`) : null;
}

/** What is wrong with the planning fields, by field (empty when they can be saved). */
export function planErrors(plan: PlanFields): Partial<Record<PlanField, string>> {
  const errors: Partial<Record<PlanField, string>> = {};
  const check = (field: PlanField, text: string, parse: typeof parseDanishDate, missing: string | null): void => {
    if (text.trim() === '') {
      if (missing !== null) errors[field] = missing;
      return;
    }
    const p = parse(text);
    if (!p.ok) errors[field] = p.error;
  };
  check('date', plan.date, parseDanishDate, 'Angiv mødets dato, f.eks. 09.12.2026.');
  check('time', plan.time, parseDanishTime, 'Angiv klokkeslættet, f.eks. 14.00.');
  const nextGiven = plan.nextDate.trim() !== '' || plan.nextTime.trim() !== '';
  check('nextDate', plan.nextDate, parseDanishDate, nextGiven ? 'Angiv datoen for næste møde.' : null);
  check('nextTime', plan.nextTime, parseDanishTime, nextGiven ? 'Angiv klokkeslættet for næste møde.' : null);
  if (Object.keys(errors).length === 0 && nextGiven) {
    const held = instantOf(plan.date, plan.time);
    const next = instantOf(plan.nextDate, plan.nextTime);
    if (held !== null && next !== null && Date.parse(next) <= Date.parse(held)) {
      errors.nextDate = 'Næste møde skal ligge efter dette møde.';
    }
  }
  return errors;
}

/** The record with the planning fields applied (they must be valid: see `planErrors`). */
export function withPlan(record: Draft, plan: PlanFields): Draft {
  const next = instantOf(plan.nextDate, plan.nextTime);
  const place = plan.place.trim();
  return {
    ...record,
    held_at: instantOf(plan.date, plan.time) ?? record.held_at,
    place: place === '' ? null : place,
    next_meeting_at: next,
  };
}

// ---- Participants ----

/** Whether a person of the directory takes part: not invited, present, or sent apologies. */
export type Attendance = 'none' | 'present' | 'absent';

/** A directory person's key in a record (the core finds participants by name and organisation). */
export function personKey(p: { name: string; organisation: string }): string {
  return `${p.name.trim().toLocaleLowerCase('da')}\u0000${p.organisation.trim().toLocaleLowerCase('da')}`;
}

export function attendanceOf(record: Draft, person: { name: string; organisation: string }): Attendance {
  const found = record.participants.find((p) => personKey(p) === personKey(person));
  if (found === undefined) return 'none';
  return found.present ? 'present' : 'absent';
}

/** The record with one person's attendance set (kept in directory order: organisation, name). */
export function withAttendance(
  record: Draft,
  person: { name: string; organisation: string; role?: string | null; email?: string | null },
  attendance: Attendance,
): Draft {
  const others = record.participants.filter((p) => personKey(p) !== personKey(person));
  const participants: ParticipantRecord[] =
    attendance === 'none'
      ? others
      : [
          ...others,
          {
            name: person.name,
            organisation: person.organisation,
            role: person.role ?? null,
            email: person.email ?? null,
            present: attendance === 'present',
          },
        ];
  participants.sort(
    (a, b) => a.organisation.localeCompare(b.organisation, 'da') || a.name.localeCompare(b.name, 'da'),
  );
  return { ...record, participants };
}

/**
 * The people to show in the participants table: the directory's active people, and anyone the
 * record names who has since left the directory (earlier meetings keep naming them).
 */
export function participantRows(
  directory: DirectoryEntry[],
  record: Draft,
): { key: string; name: string; organisation: string; role: string | null; email: string | null }[] {
  const rows = directory
    .filter((d) => !d.retired || attendanceOf(record, d) !== 'none')
    .map((d) => ({ key: personKey(d), name: d.name, organisation: d.organisation, role: d.role, email: d.email }));
  for (const p of record.participants) {
    if (!rows.some((r) => r.key === personKey(p))) {
      rows.push({ key: personKey(p), name: p.name, organisation: p.organisation, role: p.role ?? null, email: p.email ?? null });
    }
  }
  return rows;
}

// ---- Agenda ----

export function itemKey(item: ItemRecord): string {
  return item.kind === 'case' ? `case:${item.reference}` : `free:${item.title}`;
}

export function blankCaseItem(reference: string, reason: string | null): CaseItem {
  return {
    kind: 'case',
    reference,
    reason,
    new_information: [],
    assessment: null,
    recommendation: null,
    actions: [],
    resulting_stage: null,
    outcome: null,
  };
}

/**
 * Accepts the chosen cases and standing items of the board's proposal: cases go after the cases
 * already on the agenda (in the proposal's order, each with its reasons), standing items at the
 * end; nothing already on the agenda is added twice.
 */
export function acceptProposal(
  items: ItemRecord[],
  proposal: ProposedAgenda,
  chosenCases: ReadonlySet<string>,
  chosenFree: ReadonlySet<string>,
): ItemRecord[] {
  const have = new Set(items.map(itemKey));
  const cases = items.filter((i) => i.kind === 'case');
  const free = items.filter((i) => i.kind === 'free');
  for (const p of proposal.cases) {
    if (chosenCases.has(p.reference) && !have.has(`case:${p.reference}`)) {
      cases.push(blankCaseItem(p.reference, p.reasons.join('; ')));
    }
  }
  for (const title of proposal.free) {
    if (chosenFree.has(title) && !have.has(`free:${title}`)) free.push({ kind: 'free', title, body: null });
  }
  return [...cases, ...free];
}

/** The items with the one at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [moved] = out.splice(from, 1);
  out.splice(target, 0, moved as T);
  return out;
}

/** An action item as its form shows it: the deadline typed in Danish. */
export interface ActionDraft {
  what: string;
  agency: NewActionItem['agency'] | '';
  person: string;
  due: string;
}

export function actionDraft(a: NewActionItem): ActionDraft {
  return { what: a.what, agency: a.agency, person: a.person ?? '', due: formatDanishDate(a.due) };
}

/** The action item a draft stands for, or why not (Danish, by field; the Opgaver rules). */
export function actionFromDraft(
  d: ActionDraft,
): { ok: true; value: NewActionItem } | { ok: false; errors: Partial<Record<keyof ActionDraft, string>> } {
  const errors: Partial<Record<keyof ActionDraft, string>> = {};
  const what = validateWhat(d.what);
  const person = validatePerson(d.person);
  const dueError = validateDue(d.due);
  if (what !== null) errors.what = what;
  if (d.agency === '') errors.agency = 'Vælg den ansvarlige myndighed.';
  if (person !== null) errors.person = person;
  if (dueError !== null) errors.due = dueError;
  const due = parseDanishDate(d.due);
  if (Object.keys(errors).length > 0 || d.agency === '' || !due.ok) return { ok: false, errors };
  const name = d.person.trim();
  return { ok: true, value: { what: d.what.trim(), agency: d.agency, person: name === '' ? null : name, due: due.value } };
}

/** "Møde 23/2026" or "Tillæg 1 til 23/2026" as a heading. */
export function meetingTitle(number: string): string {
  return number.startsWith('Tillæg') ? number.replace(' til ', ' til møde ') : `Møde ${number}`;
}

/** "1 sag", "3 sager": a count with the Danish singular or plural. */
export function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---- Where a problem sits (a path in the record, as the core names it) ----

/** The place in the editor a path of the record points to: its tab, item, field and label. */
export interface Place {
  tab: 'plan' | 'recording';
  /** The agenda item (recording tab). */
  item: number | null;
  /** The id of the element to focus. */
  focus: string;
  /** What the field is called on screen. */
  label: string;
}

const ITEM_FIELDS: Record<string, [string, string]> = {
  outcome: ['recording-outcome', 'Udfald'],
  forward_to: ['recording-forward-to', 'Til infohus'],
  resulting_stage: ['recording-stage', 'Fase efter mødet'],
  assessment: ['recording-assessment', 'Samlet vurdering'],
  recommendation: ['recording-recommendation', 'Infohusets anbefaling'],
  new_information: ['recording-note-agency', 'Ny viden fra myndighederne'],
  actions: ['recording-action-what', 'Nye opgaver'],
  body: ['recording-body', 'Referat af punktet'],
};

const PLAN_FIELDS: Record<string, [string, string]> = {
  held_at: ['meeting-date', 'Mødets tidspunkt'],
  place: ['meeting-place', 'Sted'],
  next_meeting_at: ['meeting-next-date', 'Næste møde'],
  participants: ['meeting-participants-title', 'Deltagere'],
};

/**
 * "items[2].outcome" → the recording tab, item 2, the »Udfald« field; "items[0].new_information[1].text"
 * → that piece of new information; "held_at" → the planning tab's date. Null for a path the editor
 * has no field for.
 */
export function placeOf(path: string): Place | null {
  const item = /^items\[(\d+)\](?:\.([a-z_]+)(?:\[(\d+)\])?)?/.exec(path);
  if (item) {
    const index = Number(item[1]);
    const field = item[2] ?? '';
    if (field === 'new_information' && item[3] !== undefined) {
      return { tab: 'recording', item: index, focus: `recording-note-${item[3]}`, label: 'Ny viden fra myndighederne' };
    }
    const [focus, label] = ITEM_FIELDS[field] ?? ['recording-item-title', 'Punktet'];
    return { tab: 'recording', item: index, focus, label };
  }
  const top = /^([a-z_]+)/.exec(path)?.[1] ?? '';
  const plan = PLAN_FIELDS[top];
  return plan ? { tab: 'plan', item: null, focus: plan[0], label: plan[1] } : null;
}

/** A problem's link text: "Punkt 2: Udfald", "Planlægning: Næste møde". */
export function placeLabel(place: Place): string {
  return place.item !== null ? `Punkt ${place.item + 1}: ${place.label}` : `Planlægning: ${place.label}`;
}

/**
 * What a case item's decision still lacks (the core's `incomplete`): the outcome of a case to be
 * closed, or the infohus of a case to be forwarded; null when nothing.
 */
export function decisionMissing(item: ItemRecord): 'outcome' | 'forward_to' | null {
  if (item.kind !== 'case') return null;
  if (item.resulting_stage === 'closed' && !item.outcome) return 'outcome';
  if (item.resulting_stage === 'forwarded' && !item.forward_to) return 'forward_to';
  return null;
}

/** How far back a last meeting's »Næste møde« still plans the next one (minutes are often typed after it). */
const NEXT_MEETING_STALE_MS = 30 * 24 * 3600 * 1000;

/**
 * The next meeting planned from the last one: its »Næste møde« (date and time) and place, unless
 * that lies more than 30 days before `now` (ms). Addenda do not count.
 */
export function planFromLast(
  meetings: readonly { number: string; held_at: string; place: string | null; next_meeting_at: string | null }[],
  now: number,
): PlanFields | null {
  const last = meetings
    .filter((m) => !m.number.startsWith('Tillæg'))
    .reduce<(typeof meetings)[number] | null>((a, m) => (a === null || Date.parse(m.held_at) > Date.parse(a.held_at) ? m : a), null);
  if (!last?.next_meeting_at || Date.parse(last.next_meeting_at) < now - NEXT_MEETING_STALE_MS) return null;
  const [date, time] = danishFields(last.next_meeting_at);
  return { date, time, place: last.place ?? '', nextDate: '', nextTime: '' };
}
