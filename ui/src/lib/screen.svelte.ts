// Safe screen mode (#17 §2), for a meeting on a projector or a shared screen. While it is on the
// views render a placeholder (HIDDEN) instead of names, pseudonyms that are not initials, caller
// details, descriptions, notes and the free texts of meetings and action items: the values are
// not put in the page at all, not merely hidden by CSS. The state is the store's
// (`screen_settings`, read after unlocking and on every `screen_settings` change), so it survives
// view changes and restarts until turned off. Ctrl+Shift+S and the rail's button toggle it.
import { commands, type ScreenSettings } from './bindings';
import { showsAsInitials } from './initials';

/** What stands in place of a hidden value. */
export const HIDDEN = 'Skjult';

/** The banner's text while the mode is on. */
export const SAFE_BANNER = 'Sikker skærm er slået til — navne, beskrivelser og noter er skjult. Ctrl+Shift+S slår den fra.';

export const screen = $state<{ settings: ScreenSettings | null }>({ settings: null });

/** Whether safe screen mode is on. */
export function isSafe(): boolean {
  return screen.settings?.safe ?? false;
}

/** A free text (name, description, note …) as the screen may show it now. */
export function shown(value: string): string;
export function shown(value: string | null): string | null;
export function shown(value: string | null): string | null {
  if (value === null) return null;
  return isSafe() ? HIDDEN : value;
}

/** A pseudonym as the screen may show it now: initials stay, anything else is hidden. */
export function shownPseudonym(pseudonym: string): string {
  return isSafe() && !showsAsInitials(pseudonym) ? HIDDEN : pseudonym;
}

/** Reads the settings from the store. */
export async function loadScreen(): Promise<void> {
  try {
    screen.settings = await commands.screenSettings();
  } catch {
    // Without the store's answer the mode stays as it was.
  }
}

/** Saves changed settings; the window follows the saved ones. */
export async function saveScreen(change: Partial<ScreenSettings>): Promise<void> {
  const current = screen.settings ?? (await commands.screenSettings());
  screen.settings = await commands.saveScreenSettings({ ...current, ...change });
}

/** Turns the mode on or off (Ctrl+Shift+S, the rail's button). */
export function toggleSafe(): Promise<void> {
  return saveScreen({ safe: !isSafe() });
}

/** Opening a meeting: the mode turns on when the setting asks for it. */
export function meetingOpened(): void {
  if (screen.settings?.meetings_safe && !isSafe()) void saveScreen({ safe: true });
}
