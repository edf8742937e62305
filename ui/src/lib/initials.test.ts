// Safe screen mode's pure rules: the initials rule on the vectors shared with Rust
// (src-tauri/core/test-vectors/text.json, run in src-tauri/core/src/rules.rs), the history's
// hiding, the toggle's shortcut and the action messages' hiding.
import { describe, expect, it } from 'vitest';
import vectors from '../../../src-tauri/core/test-vectors/text.json';
import { statusMessage } from './actions/actions';
import { describeHistory, safeHistoryLine } from './cases/history';
import { showsAsInitials } from './initials';
import { matchShortcut } from './shortcuts';

describe('initials (safe screen mode)', () => {
  it('agrees with the core on the shared vectors', () => {
    expect(vectors.initials.shown.length).toBeGreaterThanOrEqual(2);
    expect(vectors.initials.hidden.length).toBeGreaterThanOrEqual(2);
    for (const s of vectors.initials.shown) expect(showsAsInitials(s), s).toBe(true);
    for (const s of vectors.initials.hidden) expect(showsAsInitials(s), s).toBe(false);
  });
});

describe('history in safe screen mode', () => {
  const entry = (field: string, old_value: string | null, new_value: string | null, reason: string | null = null) => ({
    at: '2026-12-06T10:00:00Z',
    actor: 'Mette',
    field,
    old_value,
    new_value,
    reason,
  });
  const hide = (e: ReturnType<typeof entry>) =>
    safeHistoryLine(e.field, describeHistory(e as never, (c) => c), 'Skjult', showsAsInitials);

  it('hides free text and reasons, keeps coded values and initials', () => {
    const d = hide(entry('description', 'Bekymret for naboens søn', 'Ny tekst'));
    expect([d.oldValue, d.newValue]).toEqual(['Skjult', 'Skjult']);
    const p = hide(entry('pseudonym', 'A.B.', 'Ali Khan'));
    expect([p.oldValue, p.newValue]).toEqual(['A.B.', 'Skjult']);
    const s = hide(entry('stage', 'new_concern', 'screening', 'Talte med Ali'));
    expect(s.newValue).not.toBe('Skjult');
    expect(s.reason).toBe('Skjult');
    const a = hide(entry('action_item', null, 'Ring til Ali'));
    expect(a.newValue).toBe('Skjult');
  });
});

describe('Ctrl+Shift+S', () => {
  const key = (k: string, code: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean }>) => ({
    key: k,
    code,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });
  it('toggles safe screen mode, also from a text field; Ctrl+S alone does not', () => {
    expect(matchShortcut(key('S', 'KeyS', { ctrlKey: true, shiftKey: true }), true)).toEqual({ kind: 'safe-screen' });
    expect(matchShortcut(key('s', 'KeyS', { ctrlKey: true }), false)).toBeNull();
    expect(matchShortcut(key('ArrowLeft', 'ArrowLeft', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });
});

describe('action messages', () => {
  it('use the shown text', () => {
    const msg = statusMessage({ what: 'Ring til Ali', reference: 'ØJP-2026-0001' }, 'done', () => 'Skjult');
    expect(msg).toBe('Opgaven »Skjult« (ØJP-2026-0001) er markeret udført.');
  });
});
