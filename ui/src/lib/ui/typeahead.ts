// Type-ahead in a list of infohuse by the part of the name that differs: every infohus is named
// in full everywhere (»Infohus Fyn«, as the core's `district::display_name`), so a select's own
// type-ahead would meet »I« first in every option; this one skips the shared »Infohus «.

/** The part of an option's text a typed letter is matched against: »Infohus Fyn« → »fyn«. */
export function typeaheadKey(label: string): string {
  return label.replace(/^Infohus\s+/iu, '').toLocaleLowerCase('da');
}

/**
 * The option to choose for what has been typed (`typed`, lower case): the first one whose key
 * starts with it, searching from the one after `current` when the same letter is typed again
 * (cycling through »Midt- og Vestjylland«, »Midt- og Vestsjælland« with »m«, »m«); null if none.
 */
export function typeaheadMatch(labels: readonly string[], current: number, typed: string): number | null {
  if (typed === '') return null;
  const keys = labels.map(typeaheadKey);
  const repeated = [...typed].every((c) => c === typed[0]);
  if (repeated) {
    const letter = typed[0] ?? '';
    const start = keys[current]?.startsWith(letter) ? current + 1 : 0;
    for (let k = 0; k < keys.length; k++) {
      const i = (start + k) % keys.length;
      if (keys[i]?.startsWith(letter)) return i;
    }
    return null;
  }
  const i = keys.findIndex((key) => key.startsWith(typed));
  return i < 0 ? null : i;
}

/** How long typed letters belong together. */
const PAUSE_MS = 800;

/**
 * Svelte action for a `<select>` of infohuse: letters choose by the name after »Infohus « (and
 * the change is announced as if the person had chosen it: `input` and `change`).
 */
export function infohusTypeahead(select: HTMLSelectElement): { destroy: () => void } {
  let typed = '';
  let last = 0;
  function onkeydown(event: KeyboardEvent): void {
    if (event.ctrlKey || event.altKey || event.metaKey || event.key.length !== 1 || event.key === ' ') return;
    const now = Date.now();
    typed = (now - last > PAUSE_MS ? '' : typed) + event.key.toLocaleLowerCase('da');
    last = now;
    const labels = [...select.options].map((o) => o.text);
    const i = typeaheadMatch(labels, select.selectedIndex, typed);
    event.preventDefault();
    if (i === null || i === select.selectedIndex) return;
    select.selectedIndex = i;
    select.dispatchEvent(new Event('input', { bubbles: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }
  select.addEventListener('keydown', onkeydown);
  return { destroy: () => select.removeEventListener('keydown', onkeydown) };
}
