import { describe, expect, it } from 'vitest';
import { districtName } from './districts';
import { CATEGORY_LABELS, CHANNEL_LABELS, URGENCY_LABELS } from './labels';
import { isCommandError, toCommandError, UNEXPECTED_ERROR_MESSAGE } from './errors';
import { formEnter, matchShortcut, routeFromHash, viewFromHash, type KeyLike } from './shortcuts';
import { caseCount, caseCountShort, columnCount, STAGE_LABELS, stageLabel } from './stages';
import {
  compactRecoveryCode,
  validateDistrict,
  validateName,
  validateOrganisationName,
  validateRecoveryCode,
} from './validation';

describe('stages', () => {
  it('has a Danish label for every stage', () => {
    expect(stageLabel('new_concern')).toBe('Ny henvendelse');
    expect(stageLabel('follow_up')).toBe('Opfølgning');
    expect(stageLabel('forwarded')).toBe('Videresendt');
    expect(Object.keys(STAGE_LABELS)).toHaveLength(7);
  });

  it('counts cases in Danish', () => {
    expect(caseCount(0)).toBe('Ingen sager');
    expect(caseCount(1)).toBe('1 sag');
    expect(caseCount(12)).toBe('12 sager');
    expect(caseCountShort(0)).toBe('0 sager');
    expect(caseCountShort(1)).toBe('1 sag');
    expect(caseCountShort(2)).toBe('2 sager');
  });
});

describe('case field labels', () => {
  it('are Danish', () => {
    expect(CATEGORY_LABELS.militant_islamism).toBe('Militant islamisme');
    expect(URGENCY_LABELS.acute).toBe('Akut');
    expect(URGENCY_LABELS.high).toBe('Høj');
    expect(CHANNEL_LABELS.hotline).toBe('Hotline');
    expect(CHANNEL_LABELS.in_person).toBe('Personligt fremmøde');
    expect(CATEGORY_LABELS.other).toBe('Anden/uafklaret');
  });
});

describe('districts', () => {
  it('names a district by its infohus, one name everywhere', () => {
    expect(districtName('ØJP')).toBe('Infohus Østjylland');
    expect(districtName('NH')).toBe('Den nationale hotline');
    expect(districtName('XYZ')).toBe('XYZ');
  });
});

describe('errors', () => {
  it('passes a CommandError through', () => {
    const e = { code: 'invalid_input', message: 'Skriv dit navn', field: 'name' };
    expect(isCommandError(e)).toBe(true);
    expect(toCommandError(e)).toEqual(e);
    expect(toCommandError({ code: 'io', message: 'Fejl' })).toEqual({ code: 'io', message: 'Fejl', field: null });
  });

  it('turns anything else into a calm Danish message', () => {
    for (const reason of [new Error('boom'), 'boom', undefined, null, { code: 1 }]) {
      expect(toCommandError(reason)).toEqual({ code: 'unexpected', message: UNEXPECTED_ERROR_MESSAGE, field: null });
    }
  });
});

describe('validation', () => {
  it('name', () => {
    expect(validateName('')).toBe('Skriv dit navn');
    expect(validateName('   ')).toBe('Skriv dit navn');
    expect(validateName('Mette Holm')).toBeNull();
    expect(validateName('x'.repeat(100))).toBeNull();
    expect(validateName('x'.repeat(101))).toBe('Navnet må højst være 100 tegn (nu 101)');
    expect(validateName('Ø'.repeat(100))).toBeNull();
    expect(validateName('Mette\u0007')).toMatch(/styretegn/u);
  });

  it('organisation name', () => {
    expect(validateOrganisationName('')).toBe('Skriv navnet på din enhed');
    expect(validateOrganisationName('SSP Aarhus Kommune')).toBeNull();
    expect(validateOrganisationName('x'.repeat(121))).toMatch(/højst være 120 tegn/u);
  });

  it('district', () => {
    expect(validateDistrict('')).toBe('Vælg dit infohus');
    expect(validateDistrict('ØJP')).toBeNull();
  });

  it('recovery code: accepts spaces, hyphens and lower case', () => {
    const code = 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567';
    expect(validateRecoveryCode(code)).toBeNull();
    expect(validateRecoveryCode(code.toLowerCase().replaceAll('-', ' '))).toBeNull();
    expect(compactRecoveryCode(' abcd-efgh ijkl ')).toBe('ABCDEFGHIJKL');
  });

  it('recovery code: explains what is wrong', () => {
    expect(validateRecoveryCode('  ')).toBe('Skriv gendannelseskoden');
    expect(validateRecoveryCode('ABCD-EFGH')).toMatch(/du har skrevet 8$/u);
    expect(validateRecoveryCode('ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ01-4567')).toMatch(/A–Z og tallene 2–7/u);
  });
});

describe('shortcuts', () => {
  const key = (k: string, more: Partial<KeyLike> = {}): KeyLike => ({
    key: k,
    code: '',
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...more,
  });

  it('Ctrl+K and "/" search; Ctrl+N is a new concern; "?" lists shortcuts', () => {
    expect(matchShortcut(key('k', { ctrlKey: true }), false)).toEqual({ kind: 'search' });
    expect(matchShortcut(key('K', { metaKey: true }), true)).toEqual({ kind: 'search' });
    expect(matchShortcut(key('n', { ctrlKey: true }), true)).toEqual({ kind: 'new-concern' });
    expect(matchShortcut(key('/', { shiftKey: true }), false)).toEqual({ kind: 'search' });
    expect(matchShortcut(key('?', { shiftKey: true }), false)).toEqual({ kind: 'shortcuts' });
  });

  it('single keys type normally in a text field', () => {
    expect(matchShortcut(key('/'), true)).toBeNull();
    expect(matchShortcut(key('?'), true)).toBeNull();
    expect(matchShortcut(key('a'), false)).toBeNull();
    expect(matchShortcut(key('k', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });

  it('Ctrl+L (⌘L) locks', () => {
    expect(matchShortcut(key('l', { ctrlKey: true }), true)).toEqual({ kind: 'lock' });
    expect(matchShortcut(key('L', { metaKey: true }), false)).toEqual({ kind: 'lock' });
    expect(matchShortcut(key('l'), false)).toBeNull();
  });

  it('Alt+1…6 go to the views', () => {
    expect(matchShortcut(key('1', { altKey: true, code: 'Digit1' }), false)).toEqual({
      kind: 'navigate',
      view: 'tavle',
    });
    expect(matchShortcut(key('¡', { altKey: true, code: 'Digit4' }), true)).toEqual({
      kind: 'navigate',
      view: 'moeder',
    });
    expect(matchShortcut(key('5', { altKey: true, code: 'Digit5' }), false)).toEqual({
      kind: 'navigate',
      view: 'sletning',
    });
    expect(matchShortcut(key('6', { altKey: true, code: 'Digit6' }), false)).toEqual({ kind: 'navigate', view: 'log' });
    expect(matchShortcut(key('7', { altKey: true, code: 'Digit7' }), false)).toEqual({ kind: 'navigate', view: 'overdragelse' });
    expect(matchShortcut(key('8', { altKey: true, code: 'Digit8' }), false)).toEqual({ kind: 'navigate', view: 'statistik' });
    expect(matchShortcut(key('9', { altKey: true, code: 'Digit9' }), false)).toBeNull();
  });

  it('Ctrl+Enter (⌘+Enter) submits a form from any field; a plain Enter in a one-line field is swallowed', () => {
    const enter = (more: { ctrlKey?: boolean; metaKey?: boolean; isComposing?: boolean } = {}) => ({
      key: 'Enter',
      ctrlKey: false,
      metaKey: false,
      isComposing: false,
      ...more,
    });
    expect(formEnter(enter({ ctrlKey: true }), true, true)).toBe('submit');
    expect(formEnter(enter({ metaKey: true }), false, true)).toBe('submit');
    expect(formEnter(enter({ ctrlKey: true }), false, false)).toBe('submit');
    expect(formEnter(enter(), true, true)).toBe('swallow');
    // A textarea gets its new line; a form that wants Enter to submit gets it natively.
    expect(formEnter(enter(), false, true)).toBeNull();
    expect(formEnter(enter(), true, false)).toBeNull();
    // Not while an input method composes, and not for other keys.
    expect(formEnter(enter({ ctrlKey: true, isComposing: true }), true, true)).toBeNull();
    expect(formEnter({ ...enter({ ctrlKey: true }), key: 'a' }, true, true)).toBeNull();
  });

  it('reads the view from the location hash', () => {
    expect(viewFromHash('')).toBe('tavle');
    expect(viewFromHash('#/sager')).toBe('sager');
    expect(viewFromHash('#/moeder')).toBe('moeder');
    expect(viewFromHash('#/ukendt')).toBe('tavle');
    expect(routeFromHash('#main')).toBeNull();
    expect(routeFromHash('#/opgaver')).toBe('opgaver');
    expect(routeFromHash('#/ny')).toBe('ny');
  });
});

describe('columnCount', () => {
  it('says how many of how many when a column shows only the latest cases', () => {
    expect(columnCount(3, 3)).toBe('3 sager');
    expect(columnCount(1, 1)).toBe('1 sag');
    expect(columnCount(30, 512)).toBe('30 af 512 sager');
  });
});
