import { describe, expect, it } from 'vitest';
import { typeaheadKey, typeaheadMatch } from './typeahead';

const list = [
  'Vælg infohus …',
  'Infohus Nordjylland',
  'Infohus Østjylland',
  'Infohus Midt- og Vestjylland',
  'Infohus Fyn',
  'Infohus Midt- og Vestsjælland',
  'Den nationale hotline',
];

describe('type-ahead in a list of infohuse', () => {
  it('matches the name after »Infohus «', () => {
    expect(typeaheadKey('Infohus Østjylland')).toBe('østjylland');
    expect(typeaheadMatch(list, 0, 'f')).toBe(4);
    expect(typeaheadMatch(list, 0, 'ø')).toBe(2);
    expect(typeaheadMatch(list, 0, 'nord')).toBe(1);
    expect(typeaheadMatch(list, 0, 'den')).toBe(6);
  });

  it('cycles through the names that start with a letter typed again', () => {
    expect(typeaheadMatch(list, 0, 'm')).toBe(3);
    expect(typeaheadMatch(list, 3, 'mm')).toBe(5);
    expect(typeaheadMatch(list, 5, 'm')).toBe(3);
  });

  it('finds nothing for letters no name starts with', () => {
    expect(typeaheadMatch(list, 0, 'x')).toBe(null);
    expect(typeaheadMatch(list, 0, 'i')).toBe(null);
  });
});
