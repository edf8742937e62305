// When a form shows its errors (the GOV.UK / designsystem.dk pattern): a field is checked once it
// has been edited and left — never just for being passed through with Tab — and every field is
// checked on submit, with an error summary at the top that links to each field. Pure logic, so
// the rules are tested without a browser (formState.test.ts).

/**
 * A field's state: `untouched` until something is typed or chosen, `edited` while the first edit
 * is under way, `left` once an edited field lost focus. From `left` on, the field is checked as
 * it is typed in (so a fixed error goes away at once).
 */
export type FieldState = 'untouched' | 'edited' | 'left';

export type FieldEvent = 'input' | 'blur';

/** The state after `event`. Leaving a field that was never edited keeps it untouched. */
export function nextFieldState(state: FieldState, event: FieldEvent): FieldState {
  switch (event) {
    case 'input':
      return state === 'untouched' ? 'edited' : state;
    case 'blur':
      return state === 'untouched' ? 'untouched' : 'left';
  }
}

/**
 * The message a field shows: its own check once it was edited and left (or the form was
 * submitted), otherwise only what the server said about it.
 */
export function shownError(
  client: string | null,
  server: string | null | undefined,
  state: FieldState | undefined,
  submitted: boolean,
): string | null {
  if (client !== null && (submitted || state === 'left')) return client;
  return server ?? null;
}

export interface SummaryEntry<F extends string> {
  field: F;
  /** "Fødselsår: Skriv fire cifre, f.eks. 2009." */
  text: string;
}

/** The error summary's lines, in the form's order: the field's label and its message. */
export function summaryEntries<F extends string>(
  order: readonly F[],
  errors: Readonly<Record<F, string | null>>,
  labels: Readonly<Record<F, string>>,
): SummaryEntry<F>[] {
  return order.flatMap((field) => {
    const message = errors[field];
    return message === null ? [] : [{ field, text: `${labels[field]}: ${message}` }];
  });
}

/** The line under the summary's heading: "Ret 1 felt, …" / "Ret 3 felter, …". */
export function summaryLead(count: number): string {
  return `Ret ${count === 1 ? '1 felt' : `${count} felter`}, før henvendelsen kan gemmes:`;
}

/**
 * Whether an unsaved intake draft exists (shown in the top bar, and what »Kassér kladde«
 * throws away): something beyond the defaults was typed or chosen, and it is not saved yet.
 */
export function draftExists(pristine: boolean, receivedAtEdited: boolean, saved: boolean): boolean {
  return !saved && (!pristine || receivedAtEdited);
}
