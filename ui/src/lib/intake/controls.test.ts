// Guards for the app's form controls, over every component's source: dates and times are typed
// in the Danish fields (ui/DateField.svelte, ui/TimeField.svelte), never the browser's own
// date/time/number inputs (locale formats, ↓ in an empty number field jumps to its minimum); and
// every <select> carries the one select style of app.css (`class="select …"`), so none is left
// as the grey native GTK control.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob('../../**/*.svelte', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

describe('form controls across the app', () => {
  it('finds the components', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(Object.keys(sources).some((p) => p.endsWith('/IntakeForm.svelte'))).toBe(true);
  });

  it('has no native date, time or number inputs', () => {
    const native = /<input\b[^>]*\btype=["'](date|time|datetime-local|month|week|number)["']/gu;
    const found = Object.entries(sources).flatMap(([path, src]) => [...src.matchAll(native)].map((m) => `${path}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  it('styles every select with the app-wide select style', () => {
    const unstyled = Object.entries(sources).flatMap(([path, src]) =>
      [...src.matchAll(/<select\b[^>]*>/gu)]
        .filter((m) => !/\bclass=["'](?:[^"']*\s)?select(?:\s[^"']*)?["']/u.test(m[0]))
        .map((m) => `${path}: ${m[0]}`),
    );
    expect(unstyled).toEqual([]);
  });
});
