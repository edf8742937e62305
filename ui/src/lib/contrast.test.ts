import { describe, expect, it } from 'vitest';
import css from '../app.css?raw';
import { contrastRatio } from './contrast';

/** The colour custom properties declared in app.css. */
const vars = new Map<string, string>();
for (const m of css.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\b/giu)) {
  vars.set(m[1] ?? '', (m[2] ?? '').toLowerCase());
}
const v = (name: string): string => {
  const c = vars.get(name);
  if (c === undefined) throw new Error(`--${name} is not in app.css`);
  return c;
};

describe('contrast (WCAG 2.1 AA)', () => {
  it('computes the known black-on-white ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  const text: [string, string][] = [
    ['text', 'surface'],
    ['text', 'bg'],
    ['text', 'rail'],
    ['text', 'accent-soft'],
    ['text', 'danger-soft'],
    ['text', 'notice-soft'],
    ['muted', 'surface'],
    ['muted', 'bg'],
    ['muted', 'rail'],
    ['accent', 'surface'],
    ['accent', 'bg'],
    ['accent', 'rail'],
    ['accent', 'accent-soft'],
    ['danger', 'surface'],
    ['danger', 'bg'],
    ['danger', 'danger-soft'],
    ['warning', 'warning-soft'],
    ['warning', 'surface'],
    // Opgaver: overdue dates and case references on a focused (notice-soft) or open (accent-soft) row.
    ['danger', 'notice-soft'],
    ['danger', 'accent-soft'],
    ['muted', 'notice-soft'],
    // The board: overdue cards are tinted --danger-soft, idle ones say so in --warning, lanes sit on --rail.
    ['muted', 'danger-soft'],
    ['accent', 'danger-soft'],
    ['warning', 'danger-soft'],
    ['warning', 'bg'],
    ['accent', 'rail'],
    ['text', 'warning-soft'],
    ['muted', 'accent-soft'],
  ];
  it.each(text)('text --%s on --%s is at least 4.5:1', (fg, bg) => {
    expect(contrastRatio(v(fg), v(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it('white on the toast (--text) is at least 4.5:1', () => {
    expect(contrastRatio('#ffffff', v('text'))).toBeGreaterThanOrEqual(4.5);
  });

  it('white on the primary button is at least 4.5:1', () => {
    expect(contrastRatio('#ffffff', v('accent'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#ffffff', v('accent-hover'))).toBeGreaterThanOrEqual(4.5);
  });

  const ui: [string, string][] = [
    ['control', 'surface'],
    ['control', 'bg'],
    ['focus', 'surface'],
    ['focus', 'bg'],
    ['focus', 'rail'],
    ['danger', 'surface'],
    ['warning-border', 'surface'],
    // The Opgaver list's focused row and the calendar's focused day.
    ['focus', 'notice-soft'],
    ['focus', 'danger-soft'],
    ['focus', 'accent-soft'],
    ['accent', 'bg'],
  ];
  it.each(ui)('control/focus colour --%s on --%s is at least 3:1', (fg, bg) => {
    expect(contrastRatio(v(fg), v(bg))).toBeGreaterThanOrEqual(3);
  });

  it('placeholders are --muted (at least 4.5:1 on white), not the browser default #a9a9a9', () => {
    const rule = /::placeholder\s*\{([^}]*)\}/u.exec(css)?.[1] ?? '';
    const colour = /color:\s*var\(--([a-z-]+)\)/u.exec(rule)?.[1];
    expect(colour).toBe('muted');
    expect(/opacity:\s*1\b/u.test(rule)).toBe(true);
    expect(contrastRatio(v(colour ?? ''), v('surface'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#a9a9a9', v('surface'))).toBeLessThan(4.5);
  });
});
