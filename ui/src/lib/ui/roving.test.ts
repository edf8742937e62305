import { describe, expect, it } from 'vitest';
import { keepStop, ROVING_PAGE, rovingKey, stopIndex } from './roving';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey' | 'isComposing', boolean>> = {}) => ({
  key: k,
  ...mods,
});

describe('roving tabindex keys', () => {
  it('moves with the arrows and j/k, stopping at the ends', () => {
    expect(rovingKey(key('ArrowDown'), 0, 3)).toEqual({ kind: 'focus', index: 1 });
    expect(rovingKey(key('j'), 1, 3)).toEqual({ kind: 'focus', index: 2 });
    expect(rovingKey(key('j'), 2, 3)).toEqual({ kind: 'focus', index: 2 });
    expect(rovingKey(key('ArrowUp'), 2, 3)).toEqual({ kind: 'focus', index: 1 });
    expect(rovingKey(key('k'), 0, 3)).toEqual({ kind: 'focus', index: 0 });
  });

  it('jumps with Home/End and a page with PageUp/PageDown', () => {
    expect(rovingKey(key('End'), 0, 50)).toEqual({ kind: 'focus', index: 49 });
    expect(rovingKey(key('Home'), 30, 50)).toEqual({ kind: 'focus', index: 0 });
    expect(rovingKey(key('PageDown'), 0, 50)).toEqual({ kind: 'focus', index: ROVING_PAGE });
    expect(rovingKey(key('PageDown'), 45, 50)).toEqual({ kind: 'focus', index: 49 });
    expect(rovingKey(key('PageUp'), 5, 50)).toEqual({ kind: 'focus', index: 0 });
  });

  it('opens with Enter', () => {
    expect(rovingKey(key('Enter'), 4, 50)).toEqual({ kind: 'open', index: 4 });
  });

  it('leaves other keys and modified keys to the page', () => {
    for (const k of ['Tab', 'a', 'J', ' ', 'ArrowLeft', 'Escape', '/']) expect(rovingKey(key(k), 0, 3)).toBeNull();
    expect(rovingKey(key('ArrowDown', { ctrlKey: true }), 0, 3)).toBeNull();
    expect(rovingKey(key('j', { altKey: true }), 0, 3)).toBeNull();
    expect(rovingKey(key('End', { metaKey: true }), 0, 3)).toBeNull();
    expect(rovingKey(key('ArrowDown', { shiftKey: true }), 0, 3)).toBeNull();
    expect(rovingKey(key('j', { isComposing: true }), 0, 3)).toBeNull();
    expect(rovingKey(key('ArrowDown'), 0, 0)).toBeNull();
  });

  it('treats an index out of range as the nearest item', () => {
    expect(rovingKey(key('ArrowDown'), 9, 3)).toEqual({ kind: 'focus', index: 2 });
    expect(rovingKey(key('Enter'), -1, 3)).toEqual({ kind: 'open', index: 0 });
  });
});

describe('the one Tab stop', () => {
  it('stays on its item while it is there', () => {
    expect(keepStop(['a', 'b', 'c'], 'c', 0)).toBe('c');
  });

  it('goes to the item now at its place, or the last, or the first', () => {
    expect(keepStop(['a', 'x', 'c'], 'b', 1)).toBe('x');
    expect(keepStop(['a'], 'b', 1)).toBe('a');
    expect(keepStop(['a', 'b'], null, 0)).toBe('a');
    expect(keepStop([], 'b', 1)).toBeNull();
  });

  it('gives exactly one item tabindex 0', () => {
    const keys = ['a', 'b', 'c'];
    expect(keys.map((k) => stopIndex(k, 'b'))).toEqual([-1, 0, -1]);
  });
});
