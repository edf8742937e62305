import { describe, expect, it } from 'vitest';
import {
  draftExists,
  nextFieldState,
  shownError,
  summaryEntries,
  summaryLead,
  type FieldEvent,
  type FieldState,
} from './formState';

const run = (events: FieldEvent[]): FieldState => events.reduce(nextFieldState, 'untouched' as FieldState);

describe('field states', () => {
  it('stays untouched when a field is only passed through with Tab', () => {
    expect(run(['blur'])).toBe('untouched');
    expect(run(['blur', 'blur', 'blur'])).toBe('untouched');
  });

  it('is edited while typing, left once the edited field loses focus', () => {
    expect(run(['input'])).toBe('edited');
    expect(run(['input', 'input'])).toBe('edited');
    expect(run(['blur', 'input', 'blur'])).toBe('left');
  });

  it('stays left when typed in again (then it is checked while typing)', () => {
    expect(run(['input', 'blur', 'input'])).toBe('left');
    expect(run(['input', 'blur', 'input', 'blur'])).toBe('left');
  });
});

describe('which error a field shows', () => {
  const bad = 'Skriv fire cifre, f.eks. 2009.';

  it('shows nothing for an untouched or still edited field before submit', () => {
    expect(shownError(bad, undefined, undefined, false)).toBeNull();
    expect(shownError(bad, undefined, 'untouched', false)).toBeNull();
    expect(shownError(bad, undefined, 'edited', false)).toBeNull();
  });

  it('shows the check once the field was left, and every check after submit', () => {
    expect(shownError(bad, undefined, 'left', false)).toBe(bad);
    expect(shownError(bad, undefined, 'untouched', true)).toBe(bad);
    expect(shownError(bad, undefined, undefined, true)).toBe(bad);
  });

  it("shows the server's message when the field's own check passes or is not shown yet", () => {
    expect(shownError(null, 'ukendt kommune', 'left', true)).toBe('ukendt kommune');
    expect(shownError(bad, 'ukendt kommune', 'edited', false)).toBe('ukendt kommune');
    expect(shownError(null, undefined, 'left', true)).toBeNull();
  });
});

describe('the error summary', () => {
  type F = 'a' | 'b' | 'c';
  const labels: Record<F, string> = { a: 'Fødselsår', b: 'Kategori', c: 'Beskrivelse' };

  it('lists the fields with errors in form order, each with its label', () => {
    const entries = summaryEntries<F>(['a', 'b', 'c'], { c: 'Beskriv bekymringen.', a: 'Skriv fire cifre.', b: null }, labels);
    expect(entries).toEqual([
      { field: 'a', text: 'Fødselsår: Skriv fire cifre.' },
      { field: 'c', text: 'Beskrivelse: Beskriv bekymringen.' },
    ]);
    expect(summaryEntries<F>(['a', 'b', 'c'], { a: null, b: null, c: null }, labels)).toEqual([]);
  });

  it('counts in Danish', () => {
    expect(summaryLead(1)).toBe('Ret 1 felt, før henvendelsen kan gemmes:');
    expect(summaryLead(3)).toBe('Ret 3 felter, før henvendelsen kan gemmes:');
  });
});

describe('an intake draft', () => {
  it('exists once something beyond the defaults is typed, until it is saved', () => {
    expect(draftExists(true, false, false)).toBe(false);
    expect(draftExists(false, false, false)).toBe(true);
    expect(draftExists(true, true, false)).toBe(true);
    expect(draftExists(false, true, true)).toBe(false);
  });
});
