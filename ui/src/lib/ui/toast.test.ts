import { describe, expect, it } from 'vitest';
import { toastPlacement } from './toast.svelte';

describe('where the toast goes', () => {
  const bottom = { left: 400, right: 900, top: 700, bottom: 760 };
  const top = { left: 400, right: 900, top: 72, bottom: 132 };

  it('stays at the bottom when it covers nothing focused', () => {
    expect(toastPlacement(null, bottom, top)).toBe('bottom');
    expect(toastPlacement({ left: 300, right: 700, top: 300, bottom: 340 }, bottom, top)).toBe('bottom');
    // Beside it, not under it.
    expect(toastPlacement({ left: 100, right: 380, top: 710, bottom: 750 }, bottom, top)).toBe('bottom');
  });

  it('moves to the top when the focused field is under it', () => {
    expect(toastPlacement({ left: 500, right: 800, top: 720, bottom: 760 }, bottom, top)).toBe('top');
  });

  it('stays at the bottom when the top would cover the field as well (a tall textarea)', () => {
    expect(toastPlacement({ left: 500, right: 800, top: 60, bottom: 780 }, bottom, top)).toBe('bottom');
  });
});
