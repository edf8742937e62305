// The intake form's content lives here, outside the component, so that what was typed survives
// leaving the view (a look at the board in the middle of a call) and coming back.

import type { CallerType, Category, ContactChannel, Gender, Indicator, IntakeReceipt, Route, Urgency } from '../bindings';
import { toDateTimeLocal } from '../localtime';
import { formatDanishDate, formatDanishTime } from '../ui/dates';
import { draftExists, nextFieldState, type FieldEvent, type FieldState } from './formState';

export interface IntakeDraft {
  /** "Modtaget" as typed, the Danish way: "25.11.2026" and "14.05" (Copenhagen time). */
  receivedDate: string;
  receivedTime: string;
  channel: ContactChannel;
  callerType: CallerType | '';
  callerName: string;
  callerPhone: string;
  callerEmail: string;
  pseudonym: string;
  birthYear: string;
  gender: Gender | '';
  municipality: string;
  category: Category | '';
  indicators: Indicator[];
  urgency: Urgency;
  description: string;
}

/** The fields the server may name in an error, and their order in the form. */
export const INTAKE_FIELDS = [
  'received_at',
  'channel',
  'caller.type',
  'caller.name',
  'caller.phone',
  'caller.email',
  'subject.pseudonym',
  'subject.birth_year',
  'subject.gender',
  'subject.municipality',
  'category',
  'indicators',
  'urgency',
  'description',
] as const;

export type IntakeField = (typeof INTAKE_FIELDS)[number];

/** An instant as the two "Modtaget" fields show it in Copenhagen: ["25.11.2026", "14.05"]. */
export function receivedFields(now: number): [string, string] {
  const local = toDateTimeLocal(now); // "2026-11-25T14:05"
  return [formatDanishDate(local.slice(0, 10)), formatDanishTime(local.slice(11, 16))];
}

export function blankDraft(now: number): IntakeDraft {
  const [receivedDate, receivedTime] = receivedFields(now);
  return {
    receivedDate,
    receivedTime,
    channel: 'hotline',
    callerType: '',
    callerName: '',
    callerPhone: '',
    callerEmail: '',
    pseudonym: '',
    birthYear: '',
    gender: '',
    municipality: '',
    category: '',
    indicators: [],
    urgency: 'normal',
    description: '',
  };
}

/** True while nothing but the defaults is in the form (then "Modtaget" may follow the clock). */
export function isPristine(d: IntakeDraft): boolean {
  const blank = blankDraft(0);
  return (Object.keys(blank) as (keyof IntakeDraft)[])
    .filter((k) => k !== 'receivedDate' && k !== 'receivedTime')
    .every((k) => JSON.stringify(d[k]) === JSON.stringify(blank[k]));
}

/** The receipt of the saved concern, and where the case went since (forwarded from the receipt). */
export type SavedReceipt = IntakeReceipt & { acute: boolean; forwardedTo: string | null };

/** The receipt follows a forwarding of its case (or its undo), so it never claims an old place. */
export function receiptForwarded(reference: string, to: string | null): void {
  if (intake.receipt?.reference === reference) intake.receipt.forwardedTo = to;
}

interface IntakeState {
  draft: IntakeDraft;
  /** Set once "Modtaget" was changed by hand; until then it follows the clock while pristine. */
  receivedAtEdited: boolean;
  /** Each field's state (formState.ts): its errors show once it was edited and left. */
  fields: Partial<Record<IntakeField, FieldState>>;
  /** Set by a save attempt: from then on every field shows its errors, and the summary is shown. */
  submitted: boolean;
  serverErrors: Partial<Record<IntakeField, string>>;
  formError: string | null;
  receipt: SavedReceipt | null;
  /** The route of the typed municipality, once known. */
  route: Route | null;
}

export const intake: IntakeState = $state({
  draft: blankDraft(Date.now()),
  receivedAtEdited: false,
  fields: {},
  submitted: false,
  serverErrors: {},
  formError: null,
  receipt: null,
  route: null,
});

/** A new, empty form ("Ny henvendelse" after a receipt). */
export function resetIntake(now: number = Date.now()): void {
  intake.draft = blankDraft(now);
  intake.receivedAtEdited = false;
  intake.fields = {};
  intake.submitted = false;
  intake.serverErrors = {};
  intake.formError = null;
  intake.receipt = null;
  intake.route = null;
}

/** On opening the form: an untouched form shows the time of this call, not of the last visit. */
export function refreshReceivedAt(now: number = Date.now()): void {
  if (!intake.receivedAtEdited && intake.receipt === null && isPristine(intake.draft)) {
    [intake.draft.receivedDate, intake.draft.receivedTime] = receivedFields(now);
  }
}

/** A field was typed in (`input`) or left (`blur`). */
export function fieldEvent(field: IntakeField, event: FieldEvent): void {
  intake.fields[field] = nextFieldState(intake.fields[field] ?? 'untouched', event);
}

/** Whether an unsaved intake draft exists (the top bar shows it; »Kassér kladde« throws it away). */
export function hasIntakeDraft(): boolean {
  return draftExists(isPristine(intake.draft), intake.receivedAtEdited, intake.receipt !== null);
}
