import { tick } from 'svelte';

/**
 * Svelte action: move focus to the element once it is in the page (e.g. a screen's heading after
 * the screen changes, so screen readers announce it and Tab continues from there).
 */
export function focusOnMount(node: HTMLElement, enabled: boolean = true): void {
  if (!enabled) return;
  void tick().then(() => node.focus());
}
