// Client-side checks for the intake form and case edits, in Danish. The limits come generated
// from Rust (../generated/rules.ts); the checks themselves are run against the same shared test
// vectors as the Rust rules (src-tauri/core/test-vectors/text.json). The core checks again and
// has the last word.

import { LIMITS } from '../generated/rules';
import { dateTimeLocalToInstant } from '../localtime';
import { parseDanishDate, parseDanishTime } from '../ui/dates';

export const PSEUDONYM_MAX = LIMITS.pseudonym_max;
export const CALLER_NAME_MAX = LIMITS.caller_name_max;
export const PHONE_MAX = LIMITS.phone_max;
export const EMAIL_MAX = LIMITS.email_max;
export const DESCRIPTION_MAX = LIMITS.description_max;
export const NOTE_MAX = LIMITS.note_max;
export const REASON_MAX = LIMITS.reason_max;
export const BIRTH_YEAR_MIN = LIMITS.birth_year_min;

/** The server accepts a receipt time up to this far ahead (clock skew). */
const FUTURE_SLACK_MS = LIMITS.future_slack_minutes * 60_000;
const EARLIEST = Date.UTC(LIMITS.earliest_year, 0, 1);

export const CPR_MESSAGE = 'Må ikke indeholde CPR-numre (Tovholder registrerer ikke CPR-numre).';

/** True if the text holds something shaped like a CPR number (DDMMYY-SSSS or ten digits). */
export function containsCprNumber(text: string): boolean {
  const b = [...text];
  const digit = (i: number): boolean => i >= 0 && i < b.length && /^[0-9]$/u.test(b[i] ?? '');
  for (let i = 0; i < b.length; i++) {
    if (digit(i - 1)) continue;
    let six = true;
    for (let j = i; j < i + 6; j++) six &&= digit(j);
    if (!six) continue;
    const dd = Number(`${b[i]}${b[i + 1]}`);
    const mm = Number(`${b[i + 2]}${b[i + 3]}`);
    if (dd < 1 || dd > 31 || mm < 1 || mm > 12) continue;
    const rest = b[i + 6] === '-' || b[i + 6] === ' ' ? i + 7 : i + 6;
    let four = true;
    for (let j = rest; j < rest + 4; j++) four &&= digit(j);
    if (four && !digit(rest + 4)) return true;
  }
  return false;
}

// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE = /[\u0000-\u001f\u007f-\u009f]/u;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

const length = (v: string): number => [...v].length;

/** Trimmed-text checks shared by every free-text field; null when fine. */
export function checkText(value: string, max: number, multiline: boolean, what: string): string | null {
  const v = value.trim();
  const n = length(v);
  if (n > max) return `${what} må højst være ${max} tegn (nu ${n}).`;
  if ((multiline ? CONTROL_MULTI : CONTROL_SINGLE).test(v)) return 'Feltet må ikke indeholde usynlige styretegn.';
  if (containsCprNumber(v)) return CPR_MESSAGE;
  return null;
}

export function validatePseudonym(value: string): string | null {
  if (value.trim() === '') return 'Skriv initialer eller et pseudonym.';
  return checkText(value, PSEUDONYM_MAX, false, 'Pseudonymet');
}

/**
 * A gentle warning (not an error) when the pseudonym looks like a full name: two or more words
 * that each start with a capital and have at least three letters ("Jonas Kristensen").
 */
export function looksLikeFullName(value: string): boolean {
  const words = value.trim().split(/\s+/u);
  return words.length >= 2 && words.every((w) => /^\p{Lu}\p{Ll}{2,}$/u.test(w));
}

/**
 * @param raw what is in the field ("" when empty)
 * @param badInput true when the number field holds something that is not a number
 */
export function validateBirthYear(raw: string, currentYear: number, badInput = false): string | null {
  const v = raw.trim();
  if (badInput) return 'Skriv fire cifre, f.eks. 2009.';
  if (v === '') return null;
  if (!/^\d{4}$/u.test(v)) return 'Skriv fire cifre, f.eks. 2009.';
  const y = Number(v);
  if (y < BIRTH_YEAR_MIN || y > currentYear) return `Skal være mellem ${BIRTH_YEAR_MIN} og ${currentYear}.`;
  return null;
}

export function validateCallerName(value: string): string | null {
  return checkText(value, CALLER_NAME_MAX, false, 'Navnet');
}

export function validatePhone(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  const problem = checkText(v, PHONE_MAX, false, 'Telefonnummeret');
  if (problem) return problem;
  const digits = [...v].filter((c) => c >= '0' && c <= '9').length;
  if (!/^[0-9 +\-()]+$/u.test(v) || digits < 8 || digits > 15) {
    return 'Skriv 8–15 cifre, f.eks. 20 30 40 50.';
  }
  return null;
}

export function validateEmail(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  const problem = checkText(v, EMAIL_MAX, false, 'E-mailadressen');
  if (problem) return problem;
  const at = v.indexOf('@');
  const local = at < 0 ? '' : v.slice(0, at);
  const domain = at < 0 ? '' : v.slice(at + 1);
  if (local === '' || !domain.includes('.') || domain.endsWith('.') || /\s/u.test(v)) {
    return 'Skriv en hel e-mailadresse.';
  }
  return null;
}

export function validateDescription(value: string): string | null {
  if (value.trim() === '') return 'Beskriv bekymringen.';
  return checkText(value, DESCRIPTION_MAX, true, 'Beskrivelsen');
}

export function validateNote(value: string): string | null {
  if (value.trim() === '') return 'Skriv noten.';
  return checkText(value, NOTE_MAX, true, 'Noten');
}

export function validateReason(value: string): string | null {
  if (value.trim() === '') return 'Skriv hvorfor sagen videresendes.';
  return checkText(value, REASON_MAX, true, 'Begrundelsen');
}

export function validateMunicipalityTyped(value: string): string | null {
  return value.trim() === '' ? 'Skriv personens bopælskommune.' : null;
}

/** The datetime-local value of "Modtaget", judged at `now` (ms). */
export function validateReceivedAt(local: string, now: number): string | null {
  if (local.trim() === '') return 'Angiv hvornår henvendelsen kom.';
  const t = dateTimeLocalToInstant(local);
  if (t === null) return 'Angiv en gyldig dato og et klokkeslæt.';
  if (t > now + FUTURE_SLACK_MS) return 'Tidspunktet ligger i fremtiden.';
  if (t < EARLIEST) return 'Tidspunktet må ikke ligge før år 2000.';
  return null;
}

/** "25.11.2026" + "14.05" → the datetime-local value "2026-11-25T14:05"; null unless both are valid. */
export function receivedLocal(date: string, time: string): string | null {
  const d = parseDanishDate(date);
  const t = parseDanishTime(time);
  return d.ok && t.ok ? `${d.value}T${t.value}` : null;
}

/** "Modtaget" as typed in its two Danish fields, judged at `now` (ms). */
export function validateReceived(date: string, time: string, now: number): string | null {
  if (date.trim() === '' && time.trim() === '') return 'Angiv hvornår henvendelsen kom.';
  if (date.trim() === '') return 'Angiv datoen, f.eks. 25.11.2026.';
  const d = parseDanishDate(date);
  if (!d.ok) return d.error;
  if (time.trim() === '') return 'Angiv klokkeslættet, f.eks. 14.05.';
  const t = parseDanishTime(time);
  if (!t.ok) return t.error;
  return validateReceivedAt(`${d.value}T${t.value}`, now);
}
