// The app's keyboard shortcuts, as a pure function of a key event (tested in shortcuts.test.ts).

/** The rail's views (Alt+1…4) and the intake form ("ny", Ctrl+N). */
export type View = 'tavle' | 'sager' | 'opgaver' | 'moeder' | 'ny';

export type ShortcutAction =
  | { kind: 'search' }
  | { kind: 'new-concern' }
  | { kind: 'shortcuts' }
  | { kind: 'navigate'; view: View };

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The rail's order, which Alt+1…4 follow. */
export const VIEW_ORDER: readonly View[] = ['tavle', 'sager', 'opgaver', 'moeder'];

/** Every view reachable by a hash route ("#/ny" is the intake form). */
export const ROUTES: readonly View[] = [...VIEW_ORDER, 'ny'];

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
    return null;
  }
  if (e.altKey && !mod && !e.shiftKey) {
    const m = /^Digit([1-4])$/u.exec(e.code);
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
