// The app's keyboard shortcuts, as pure functions of a key event (tested in helpers.test.ts).

/** The rail's views (Alt+1…8), the intake form ("ny", Ctrl+N) and the user guide ("vejledning", from »?«). */
export type View =
  | 'tavle'
  | 'sager'
  | 'opgaver'
  | 'moeder'
  | 'sletning'
  | 'log'
  | 'overdragelse'
  | 'statistik'
  | 'ny'
  | 'vejledning';

export type ShortcutAction =
  | { kind: 'search' }
  | { kind: 'new-concern' }
  | { kind: 'shortcuts' }
  | { kind: 'lock' }
  | { kind: 'safe-screen' }
  | { kind: 'navigate'; view: View };

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The rail's order, which Alt+1…7 follow. */
export const VIEW_ORDER: readonly View[] = [
  'tavle',
  'sager',
  'opgaver',
  'moeder',
  'sletning',
  'log',
  'overdragelse',
  'statistik',
];

/** Every view reachable by a hash route ("#/ny" is the intake form, "#/vejledning" the user guide). */
export const ROUTES: readonly View[] = [...VIEW_ORDER, 'ny', 'vejledning'];

/**
 * @param inEditable true when focus is in a text field, select or other editable element: then
 *   single-key shortcuts ("/", "?") type as usual and only the Ctrl/Alt ones act.
 */
export function matchShortcut(e: KeyLike, inEditable: boolean): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && !e.shiftKey) {
    if (key === 'k') return { kind: 'search' };
    if (key === 'n') return { kind: 'new-concern' };
    if (key === 'l') return { kind: 'lock' };
    return null;
  }
  if (mod && !e.altKey && e.shiftKey) {
    // By the physical key as well: Shift changes `key` on some layouts.
    return key === 's' || e.code === 'KeyS' ? { kind: 'safe-screen' } : null;
  }
  if (e.altKey && !mod && !e.shiftKey) {
    const m = /^Digit([1-9])$/u.exec(e.code);
    const view = m ? VIEW_ORDER[Number(m[1]) - 1] : undefined;
    return view ? { kind: 'navigate', view } : null;
  }
  if (mod || e.altKey || inEditable) return null;
  // Shift is allowed: on a Danish keyboard "/" is Shift+7 and "?" is Shift++.
  if (e.key === '/') return { kind: 'search' };
  if (e.key === '?') return { kind: 'shortcuts' };
  return null;
}

/** Whether a key event's target is somewhere typing goes. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  }
  return false;
}

/** What Enter does in a form: Ctrl+Enter (⌘+Enter) submits from any field; `swallow`: nothing. */
export type FormEnter = 'submit' | 'swallow' | null;

/**
 * Enter in a form. Ctrl+Enter (⌘+Enter) submits from any field, a textarea too. A plain Enter in a
 * one-line field would submit the form natively; with `blockPlainEnter` it is swallowed, so a
 * half-filled form is not saved by accident. Null: the key is left alone (also while an input
 * method composes).
 */
export function formEnter(
  e: Pick<KeyLike, 'key' | 'ctrlKey' | 'metaKey'> & { isComposing: boolean },
  inOneLineField: boolean,
  blockPlainEnter: boolean,
): FormEnter {
  if (e.key !== 'Enter' || e.isComposing) return null;
  if (e.ctrlKey || e.metaKey) return 'submit';
  return blockPlainEnter && inOneLineField ? 'swallow' : null;
}

/** Whether Enter in the target submits its form natively: an input other than a button. */
export function isOneLineField(target: EventTarget | null): boolean {
  if (typeof HTMLInputElement === 'undefined' || !(target instanceof HTMLInputElement)) return false;
  return !['button', 'submit', 'reset'].includes(target.type);
}

/**
 * The keydown handler of a form (or a textarea) that Ctrl+Enter submits: `submit` runs on
 * Ctrl+Enter (the key's default prevented). `blockPlainEnter: false` lets a plain Enter in a
 * one-line field submit the form as browsers do (quick entry of a short form).
 */
export function submitOnCtrlEnter(
  submit: (event: KeyboardEvent) => void,
  { blockPlainEnter = true }: { blockPlainEnter?: boolean } = {},
): (event: KeyboardEvent) => void {
  return (event) => {
    const action = formEnter(event, isOneLineField(event.target), blockPlainEnter);
    if (action === null) return;
    event.preventDefault();
    if (action === 'submit') submit(event);
  };
}

/** The view named by a location hash ("#/sager"), or the board. */
export function viewFromHash(hash: string): View {
  return routeFromHash(hash) ?? 'tavle';
}

/** The view for a route hash ("#/sager"); null for anything else (e.g. the skip link's "#main"). */
export function routeFromHash(hash: string): View | null {
  const m = /^#\/(.*)$/u.exec(hash);
  const name = m?.[1] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as View) : null;
}

/** The Opgaver list's keys (on the focused row), shown in the view and in the "?" dialog. */
export const ACTION_KEYS: readonly { keys: string; short: string; long: string }[] = [
  { keys: '↑ ↓', short: 'flyt', long: 'Opgaver: flyt mellem opgaverne (også j / k, Home / End)' },
  { keys: 'Enter', short: 'åbn sagen', long: 'Opgaver: åbn opgavens sag' },
  { keys: 'D', short: 'udført', long: 'Opgaver: markér den valgte opgave udført' },
  { keys: 'A', short: 'annullér', long: 'Opgaver: annullér den valgte opgave' },
];
