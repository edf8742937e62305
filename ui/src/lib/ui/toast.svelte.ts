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
