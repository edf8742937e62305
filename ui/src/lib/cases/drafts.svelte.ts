// What is typed in the case panel (a note, an edit, a forwarding) is kept per case while the app
// runs: closing the panel with Esc or opening another case never throws it away.

import type { Agency, Category, Gender, Indicator, Outcome, Route, Stage, Urgency } from '../bindings';

export interface EditDraft {
  pseudonym: string;
  birthYear: string;
  gender: Gender | '';
  municipality: string;
  route: Route | null;
  category: Category;
  indicators: Indicator[];
  urgency: Urgency;
  description: string;
}

/** A new action item ("Ny opgave") being typed. */
export interface ActionDraft {
  open: boolean;
  what: string;
  agency: Agency | '';
  person: string;
  /** The due date as typed, "01.12.2026". */
  due: string;
}

export function blankActionDraft(): ActionDraft {
  return { open: false, what: '', agency: '', person: '', due: '' };
}

export interface PanelDraft {
  note: string;
  /** The stage and outcome chosen but not saved yet; null = the case's own. */
  stage: Stage | null;
  outcome: Outcome | '';
  forwardOpen: boolean;
  forwardDistrict: string;
  forwardReason: string;
  /** Non-null while "Redigér" is open. */
  edit: EditDraft | null;
  action: ActionDraft;
}

const drafts = new Map<string, PanelDraft>();

export function draftFor(reference: string): PanelDraft {
  const known = drafts.get(reference);
  if (known !== undefined) return known;
  const fresh = $state<PanelDraft>({
    note: '',
    stage: null,
    outcome: '',
    forwardOpen: false,
    forwardDistrict: '',
    forwardReason: '',
    edit: null,
    action: blankActionDraft(),
  });
  drafts.set(reference, fresh);
  return fresh;
}

/** Forgets every case's unsaved panel input (when the app locks). */
export function clearPanelDrafts(): void {
  drafts.clear();
}
