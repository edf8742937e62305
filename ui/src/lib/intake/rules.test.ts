import { describe, expect, it } from 'vitest';
import {
  containsCprNumber,
  digitValue,
  isBlank,
  trimSpaces,
  CPR_MESSAGE,
  looksLikeFullName,
  validateBirthYear,
  validateCallerName,
  validateDescription,
  validateEmail,
  validateNote,
  validatePhone,
  validatePseudonym,
  validateReason,
  receivedLocal,
  validateReceived,
  validateReceivedAt,
} from './rules';

describe('CPR numbers (mirrors text.rs)', () => {
  it('recognises CPR-shaped numbers', () => {
    for (const yes of ['010203-1234', '0102031234', 'cpr 311299 1234.', 'født 010203-1234, bor hos mor']) {
      expect(containsCprNumber(yes), yes).toBe(true);
    }
  });

  it('leaves other numbers alone', () => {
    for (const no of ['12345678', 'tlf 20 30 40 50', '2026-11-25', '991299-1234', '01020312345', 'sag ØJP-2026-0042']) {
      expect(containsCprNumber(no), no).toBe(false);
    }
  });

  it('sees through dashes, spaces, digit scripts and invisible characters', () => {
    for (const yes of [
      '01\u201302\u201303\u20131234',
      '01 02 03\u00a0\u2013 1234',
      '\u0660\u0661\u0660\u0662\u0660\u0663\u2212\u0661\u0662\u0663\u0664',
      '\u{1d7ce}\u{1d7cf}\u{1d7ce}\u{1d7d0}\u{1d7ce}\u{1d7d1}1234',
      '0\u200b1\u200c0\u200d2\u206003\ufeff-\u00ad1234',
    ]) {
      expect(containsCprNumber(yes), JSON.stringify(yes)).toBe(true);
    }
    for (const no of ['20\u00a030\u00a040\u00a050', '\u0662\u0660\u0662\u0666-\u0661\u0661-\u0662\u0665', 'ØJP\u20132026\u20130042']) {
      expect(containsCprNumber(no), JSON.stringify(no)).toBe(false);
    }
    expect(validateDescription('Født 01.02.03 \u2013 1234')).toBe(CPR_MESSAGE);
  });

  it('reads digits of every script', () => {
    expect(digitValue('\u0663')).toBe(3);
    expect(digitValue('\u06f7')).toBe(7);
    expect(digitValue('\uff19')).toBe(9);
    expect(digitValue('\u096a')).toBe(4);
    expect(digitValue('\u{1d7ce}')).toBe(0);
    expect(digitValue('²')).toBeNull();
    expect(digitValue('a')).toBeNull();
  });

  it('is refused in every free-text field', () => {
    expect(validatePseudonym('010203-1234')).toBe(CPR_MESSAGE);
    expect(validateDescription('Født 0102031234')).toBe(CPR_MESSAGE);
    expect(validateCallerName('Anna 010203-1234')).toBe(CPR_MESSAGE);
    expect(validateNote('cpr 311299 1234')).toBe(CPR_MESSAGE);
    expect(validateReason('010203-1234')).toBe(CPR_MESSAGE);
  });
});

describe('invisible and direction characters (mirrors clean_text)', () => {
  it('counts invisible-only text as empty and trims like the core', () => {
    expect(validatePseudonym('\u200b\u200b')).toBe('Skriv initialer eller et pseudonym.');
    expect(validatePseudonym('\ufeff')).toBe('Skriv initialer eller et pseudonym.');
    expect(validateNote(' \u3164 ')).toBe('Skriv noten.');
    expect(isBlank('\u2800\u00ad\u2060')).toBe(true);
    expect(isBlank('J')).toBe(false);
    expect(trimSpaces('\u00a0 J.K. \u3000')).toBe('J.K.');
    expect(trimSpaces('J.K.\ufeff')).toBe('J.K.\ufeff');
  });

  it('refuses bidi overrides everywhere and invisible characters in single-line fields', () => {
    expect(validatePseudonym('J.\u202eK.')).toBe('Feltet må ikke indeholde tegn, der vender skriveretningen.');
    expect(validateDescription('Tekst \u2067vendt\u2069')).toBe('Feltet må ikke indeholde tegn, der vender skriveretningen.');
    expect(validatePseudonym('J.\u200bK.')).toBe('Feltet må ikke indeholde usynlige tegn.');
    expect(validateEmail('anna\u200b@example.dk')).toBe('Feltet må ikke indeholde usynlige tegn.');
    expect(validateCallerName('Anna\u2028Hansen')).toBe('Feltet må ikke indeholde linjeskift.');
    expect(validateCallerName('\u0645\u062d\u0645\u062f\u200c\u0631\u0636\u0627')).toBeNull();
    expect(validateNote('Familien \u{1f468}\u200d\u{1f469}\u200d\u{1f467} og \u200fשלום\u200f')).toBeNull();
    expect(validateNote('linje\u2028linje')).toBeNull();
  });
});

describe('intake fields', () => {
  it('requires a pseudonym of at most 40 characters', () => {
    expect(validatePseudonym('  ')).toBe('Skriv initialer eller et pseudonym.');
    expect(validatePseudonym('J.K.')).toBeNull();
    expect(validatePseudonym('x'.repeat(41))).toBe('Pseudonymet må højst være 40 tegn (nu 41).');
  });

  it('warns when the pseudonym looks like a full name', () => {
    expect(looksLikeFullName('Jonas Kristensen')).toBe(true);
    expect(looksLikeFullName('Søren Ørsted Ågård')).toBe(true);
    expect(looksLikeFullName('J.K.')).toBe(false);
    expect(looksLikeFullName('Jonas')).toBe(false);
    expect(looksLikeFullName('JK 17')).toBe(false);
  });

  it('accepts an empty or plausible birth year', () => {
    expect(validateBirthYear('', 2026)).toBeNull();
    expect(validateBirthYear('2009', 2026)).toBeNull();
    expect(validateBirthYear('2027', 2026)).toBe('Skal være mellem 1900 og 2026.');
    expect(validateBirthYear('1899', 2026)).toBe('Skal være mellem 1900 og 2026.');
    expect(validateBirthYear('209', 2026)).toBe('Skriv fire cifre, f.eks. 2009.');
    expect(validateBirthYear('', 2026, true)).toBe('Skriv fire cifre, f.eks. 2009.');
  });

  it('checks phone numbers like the server (8–15 digits, + - ( ) and spaces)', () => {
    expect(validatePhone('')).toBeNull();
    expect(validatePhone('+45 20 30 40 50')).toBeNull();
    expect(validatePhone('(+45) 20-30-40-50')).toBeNull();
    expect(validatePhone('2030')).toBe('Skriv 8–15 cifre, f.eks. 20 30 40 50.');
    expect(validatePhone('ring mig')).toBe('Skriv 8–15 cifre, f.eks. 20 30 40 50.');
  });

  it('checks e-mail addresses like the server', () => {
    expect(validateEmail('')).toBeNull();
    expect(validateEmail('anna@skole.dk')).toBeNull();
    expect(validateEmail('anna@')).toBe('Skriv en hel e-mailadresse.');
    expect(validateEmail('anna@skole.')).toBe('Skriv en hel e-mailadresse.');
    expect(validateEmail('an na@skole.dk')).toBe('Skriv en hel e-mailadresse.');
  });

  it('requires a description; newlines are fine', () => {
    expect(validateDescription('')).toBe('Beskriv bekymringen.');
    expect(validateDescription('Deler propaganda.\nTrækker sig.')).toBeNull();
    expect(validateDescription('x'.repeat(4001))).toBe('Beskrivelsen må højst være 4000 tegn (nu 4001).');
  });

  it('checks the time of the concern', () => {
    const now = Date.parse('2026-11-25T13:05:00Z'); // 14.05 in Copenhagen
    expect(validateReceivedAt('2026-11-25T14:05', now)).toBeNull();
    expect(validateReceivedAt('2026-11-25T14:14', now)).toBeNull(); // within the server's slack
    expect(validateReceivedAt('2026-11-25T15:05', now)).toBe('Tidspunktet ligger i fremtiden.');
    expect(validateReceivedAt('1999-12-31T23:00', now)).toBe('Tidspunktet må ikke ligge før år 2000.');
    expect(validateReceivedAt('', now)).toBe('Angiv hvornår henvendelsen kom.');
  });
});

describe('"Modtaget" typed the Danish way', () => {
  const now = Date.parse('2026-11-25T13:05:00Z'); // 14.05 in Copenhagen
  it('combines date and time into Copenhagen wall-clock time', () => {
    expect(receivedLocal('25.11.2026', '14.05')).toBe('2026-11-25T14:05');
    expect(receivedLocal('30.02.2026', '14.05')).toBeNull();
    expect(receivedLocal('25.11.2026', '25.00')).toBeNull();
  });

  it('says in Danish what is wrong', () => {
    expect(validateReceived('25.11.2026', '14.05', now)).toBeNull();
    expect(validateReceived('', '', now)).toBe('Angiv hvornår henvendelsen kom.');
    expect(validateReceived('', '14.05', now)).toBe('Angiv datoen, f.eks. 25.11.2026.');
    expect(validateReceived('30.02.2026', '14.05', now)).toBe('Datoen findes ikke: februar 2026 har 28 dage.');
    expect(validateReceived('25.11.2026', '', now)).toBe('Angiv klokkeslættet, f.eks. 14.05.');
    expect(validateReceived('25.11.2026', '14.65', now)).toContain('Klokkeslættet findes ikke');
    expect(validateReceived('25.11.2026', '15.05', now)).toBe('Tidspunktet ligger i fremtiden.');
    expect(validateReceived('11/25/2026', '14.05', now)).toContain('Måned 25 findes ikke');
  });
});
