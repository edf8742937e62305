// One polite toast at a time ("Flyttet til Screening" with "Fortryd"): shown by Toast.svelte in a
// live region that is always in the page, so screen readers announce each new message.

export interface ToastAction {
  label: string;
  run: () => void;
}

export const toast = $state<{ id: number; message: string; action: ToastAction | null }>({
  id: 0,
  message: '',
  action: null,
});

let timer: ReturnType<typeof setTimeout> | undefined;

/** How long a toast stays (long enough to reach "Fortryd"; hovering or focusing keeps it). */
export const TOAST_MS = 8000;

/** Shows `message` (replacing any other toast); it clears itself after `ms`. */
export function showToast(message: string, action: ToastAction | null = null, ms = TOAST_MS): void {
  toast.id += 1;
  toast.message = message;
  toast.action = action;
  restartToastTimer(ms);
}

export function restartToastTimer(ms = TOAST_MS): void {
  clearTimeout(timer);
  timer = setTimeout(clearToast, ms);
}

export function pauseToast(): void {
  clearTimeout(timer);
}

export function clearToast(): void {
  clearTimeout(timer);
  toast.message = '';
  toast.action = null;
}

/** A rectangle on screen (a DOMRect's edges). */
export interface Edges {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function overlaps(a: Edges, b: Edges): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Where the toast goes so that it covers nothing focused: its place at the bottom, unless the
 * focused element lies there and the place at the top is free of it.
 */
export function toastPlacement(focused: Edges | null, bottom: Edges, top: Edges): 'bottom' | 'top' {
  if (focused === null || !overlaps(focused, bottom)) return 'bottom';
  return overlaps(focused, top) ? 'bottom' : 'top';
}
