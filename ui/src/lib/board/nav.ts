// The board's keyboard model (roving tabindex): one Tab stop; the arrow keys move between the
// focusable items of a column (cards, "Vis flere", archive toggles) and between columns.
// Pure, so it is tested without a page (board.test.ts).

/** A position on the board: column index and item index within that column. */
export interface Pos {
  col: number;
  row: number;
}

export interface NavKey {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

/** How many items PageUp/PageDown skip. */
export const PAGE = 10;

/** Where `id` is among the columns' items, or null. */
export function find(cols: readonly (readonly string[])[], id: string | null): Pos | null {
  if (id === null) return null;
  for (let col = 0; col < cols.length; col++) {
    const row = cols[col]?.indexOf(id) ?? -1;
    if (row >= 0) return { col, row };
  }
  return null;
}

/** The first item of the board (the first non-empty column), or null on an empty board. */
export function first(cols: readonly (readonly string[])[]): Pos | null {
  const col = cols.findIndex((c) => c.length > 0);
  return col < 0 ? null : { col, row: 0 };
}

function last(cols: readonly (readonly string[])[]): Pos | null {
  for (let col = cols.length - 1; col >= 0; col--) {
    const n = cols[col]?.length ?? 0;
    if (n > 0) return { col, row: n - 1 };
  }
  return null;
}

/** The next non-empty column from `col` in direction `dir`, keeping the row as far as it goes. */
function sideways(cols: readonly (readonly string[])[], pos: Pos, dir: 1 | -1): Pos {
  for (let col = pos.col + dir; col >= 0 && col < cols.length; col += dir) {
    const n = cols[col]?.length ?? 0;
    if (n > 0) return { col, row: Math.min(pos.row, n - 1) };
  }
  return pos;
}

/**
 * Where focus goes for a key, from `pos`; null when the key is not a navigation key (then the
 * event is left alone). Returns `pos` itself at an edge (the key is still consumed, so the page
 * does not scroll).
 */
export function navigate(cols: readonly (readonly string[])[], pos: Pos | null, e: NavKey): Pos | null {
  if (e.altKey || e.shiftKey || e.metaKey) return null;
  const start = pos ?? first(cols);
  if (start === null) return null;
  const n = cols[start.col]?.length ?? 0;
  if (e.ctrlKey) {
    if (e.key === 'Home') return first(cols);
    if (e.key === 'End') return last(cols);
    return null;
  }
  switch (e.key) {
    case 'ArrowDown':
      return { col: start.col, row: Math.min(start.row + 1, n - 1) };
    case 'ArrowUp':
      return { col: start.col, row: Math.max(start.row - 1, 0) };
    case 'ArrowRight':
      return sideways(cols, start, 1);
    case 'ArrowLeft':
      return sideways(cols, start, -1);
    case 'Home':
      return { col: start.col, row: 0 };
    case 'End':
      return { col: start.col, row: n - 1 };
    case 'PageDown':
      return { col: start.col, row: Math.min(start.row + PAGE, n - 1) };
    case 'PageUp':
      return { col: start.col, row: Math.max(start.row - PAGE, 0) };
    default:
      return null;
  }
}

/** The item at `pos`, or null. */
export function at(cols: readonly (readonly string[])[], pos: Pos | null): string | null {
  if (pos === null) return null;
  return cols[pos.col]?.[pos.row] ?? null;
}

/**
 * Which item keeps the Tab stop after the board changed: `id` if still there, else the item now
 * at its old position (or the nearest one before it), else the first.
 */
export function keepStop(
  cols: readonly (readonly string[])[],
  id: string | null,
  old: Pos | null,
): string | null {
  if (id !== null && find(cols, id) !== null) return id;
  if (old !== null) {
    const c = cols[old.col];
    if (c && c.length > 0) return c[Math.min(old.row, c.length - 1)] ?? null;
  }
  return at(cols, first(cols));
}

/** Which key moves the focused card one stage left (-1) or right (1): Ctrl+Shift+←/→ or "," / ".". */
export function moveKey(e: NavKey): -1 | 1 | null {
  const mod = e.ctrlKey === true || e.metaKey === true;
  if (mod && e.shiftKey === true && e.altKey !== true) {
    if (e.key === 'ArrowLeft') return -1;
    if (e.key === 'ArrowRight') return 1;
    return null;
  }
  if (mod || e.altKey === true) return null;
  if (e.key === ',') return -1;
  if (e.key === '.') return 1;
  return null;
}
