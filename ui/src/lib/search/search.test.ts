import { describe, expect, it } from 'vitest';
import { searchStatus } from './search';

describe('search status', () => {
  it('asks for two characters first', () => {
    expect(searchStatus('', null, 0, false, null)).toBe('Skriv mindst 2 tegn.');
    expect(searchStatus(' a ', null, 0, false, null)).toBe('Skriv mindst 2 tegn.');
  });

  it('says it is searching until the answer for this query is in', () => {
    expect(searchStatus('aar', null, 0, true, null)).toBe('Søger …');
    expect(searchStatus('aarh', 'aar', 5, false, null)).toBe('Søger …');
  });

  it('counts the hits', () => {
    expect(searchStatus('zz', 'zz', 0, false, null)).toBe('Ingen sager matcher »zz«.');
    expect(searchStatus('jk', 'jk', 1, false, null)).toBe('1 sag · ↑↓ vælger, Enter åbner');
    expect(searchStatus('jk', 'jk', 7, false, null)).toBe('7 sager · ↑↓ vælger, Enter åbner');
    expect(searchStatus('a b', 'a b', 50, false, null)).toBe('De 50 bedste resultater · ↑↓ vælger, Enter åbner');
  });

  it('shows an error as it is', () => {
    expect(searchStatus('jk', 'jk', 0, false, 'Højst 200 tegn.')).toBe('Højst 200 tegn.');
  });
});
