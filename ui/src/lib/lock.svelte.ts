// Locking from the window's side (#17). The shell decides when (idle on the wall clock, the OS
// locking or sleeping) and asks with `lockRequested`; Ctrl+L and »Lås« ask here. Either way the
// window first keeps what is being typed (the intake form as a draft in the store, the meeting
// being recorded saved), then calls `lockStore`; on `locked` it empties itself (every module
// that holds case data forgets it) and shows the lock screen. Activity is reported at most every
// few seconds so the shell's idle clock starts again.

import { commands, type LockReason, type OsAuthKind } from './bindings';
import { clearPanelDrafts } from './cases/drafts.svelte';
import { listView } from './cases/listState.svelte';
import { intake, isPristine, resetIntake } from './intake/draft.svelte';

/** How the OS confirms the user before unlocking, by platform (the lock screen and »Låsning«). */
export const OS_CHECK_NAME: Record<OsAuthKind, string> = {
  windows_hello: 'Windows Hello (ansigt, fingeraftryk eller din Windows-PIN)',
  touch_id: 'Touch ID eller din adgangskode til Mac’en',
  polkit: 'din adgangskode til computeren',
};

/** Work to finish before the store closes (the meeting editor's pending save). */
const beforeLock = new Set<() => Promise<void>>();

/** Registers work to finish before locking; returns its removal. */
export function onBeforeLock(fn: () => Promise<void>): () => void {
  beforeLock.add(fn);
  return () => beforeLock.delete(fn);
}

/** How long a save may take before the lock goes ahead anyway. */
const SAVE_TIMEOUT_MS = 5000;

function withTimeout(p: Promise<unknown>): Promise<unknown> {
  return Promise.race([p, new Promise((resolve) => setTimeout(resolve, SAVE_TIMEOUT_MS))]);
}

let locking = false;

/** Keeps what is being typed, then locks. */
export async function lockNow(reason: LockReason): Promise<void> {
  if (locking) return;
  locking = true;
  try {
    const saves: Promise<unknown>[] = [...beforeLock].map((fn) => fn().catch(() => undefined));
    if (!isPristine(intake.draft)) {
      saves.push(
        commands.saveDraft('intake', JSON.stringify($state.snapshot(intake.draft))).catch(() => undefined),
      );
    }
    await withTimeout(Promise.all(saves));
    await commands.lockStore(reason);
  } finally {
    locking = false;
  }
}

/** After `locked`: nothing of a case stays in the window's memory. */
export function forgetEverything(): void {
  resetIntake();
  clearPanelDrafts();
  listView.state = null;
  listView.page = null;
}

/** After unlocking: the intake form as it was when the app locked. */
export async function restoreDrafts(): Promise<void> {
  const body = await commands.takeDraft('intake').catch(() => null);
  if (body === null) return;
  try {
    const draft = JSON.parse(body) as typeof intake.draft;
    resetIntake();
    intake.draft = { ...intake.draft, ...draft };
    intake.receivedAtEdited = true;
  } catch {
    // A draft that does not read back is dropped (it was deleted from the store when taken).
  }
}

const ACTIVITY_EVERY_MS = 5000;
let lastReported = 0;

/** Tells the shell the window is in use (throttled). */
export function noteActivity(now: number = Date.now()): void {
  if (now - lastReported < ACTIVITY_EVERY_MS) return;
  lastReported = now;
  void commands.noteActivity().catch(() => undefined);
}
