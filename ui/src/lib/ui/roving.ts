// One Tab stop per list (roving tabindex, WAI-ARIA listbox/grid pattern): the list's current item
// has tabindex 0, the others -1; ↓/j and ↑/k move, Home/End and PageUp/PageDown jump, Enter opens.
// Pure, so it is tested without a page (roving.test.ts); `rovingKeydown` applies it to a list.
// The board has its two-dimensional version in ../board/nav.ts.

export interface RovingKey {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  isComposing?: boolean;
}

export type RovingAction = { kind: 'focus'; index: number } | { kind: 'open'; index: number };

/** How many items PageUp/PageDown skip. */
export const ROVING_PAGE = 10;

/**
 * What a key does in a list of `count` items whose current item is `index`: move focus (stopping
 * at the ends, the key still consumed), open the item (Enter), or nothing (null: the key is left
 * to the page, e.g. Tab, letters, keys with Ctrl/Alt/Meta).
 */
export function rovingKey(e: RovingKey, index: number, count: number): RovingAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || count <= 0) return null;
  const i = Math.max(0, Math.min(count - 1, index));
  const to = (n: number): RovingAction => ({ kind: 'focus', index: Math.max(0, Math.min(count - 1, n)) });
  if (e.shiftKey) return null;
  switch (e.key) {
    case 'ArrowDown':
    case 'j':
      return to(i + 1);
    case 'ArrowUp':
    case 'k':
      return to(i - 1);
    case 'Home':
      return to(0);
    case 'End':
      return to(count - 1);
    case 'PageDown':
      return to(i + ROVING_PAGE);
    case 'PageUp':
      return to(i - ROVING_PAGE);
    case 'Enter':
      return { kind: 'open', index: i };
    default:
      return null;
  }
}

/**
 * Which item holds the Tab stop after the list changed (a new page, a reload): `key` if still
 * there, else the item now at its old position (or the last), else the first; null when empty.
 */
export function keepStop(keys: readonly string[], key: string | null, oldIndex: number): string | null {
  if (keys.length === 0) return null;
  if (key !== null && keys.includes(key)) return key;
  return keys[Math.max(0, Math.min(keys.length - 1, oldIndex))] ?? null;
}

/** The tabindex of an item: 0 for the list's one stop, -1 for the rest. */
export function stopIndex(key: string, stop: string | null): 0 | -1 {
  return key === stop ? 0 : -1;
}
