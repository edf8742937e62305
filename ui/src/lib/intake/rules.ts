// Client-side checks for the intake form and case edits, in Danish. The limits come generated
// from Rust (../generated/rules.ts); the checks themselves are run against the same shared test
// vectors as the Rust rules (src-tauri/core/test-vectors/text.json). The core checks again and
// has the last word.

import { LIMITS, TEXT_CLASSES } from '../generated/rules';
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

type Ranges = readonly (readonly [number, number])[];

const inRanges = (ranges: Ranges, c: string): boolean => {
  const cp = c.codePointAt(0) ?? 0;
  return ranges.some(([a, b]) => cp >= a && cp <= b);
};

const MARK = /^\p{M}$/u;
const ALPHABETIC = /^\p{Alphabetic}$/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /^[\u0000-\u001f\u007f-\u009f]$/u;

/** A character that shows nothing (zero-width, joiners, direction marks, BOM, soft hyphen, …). */
export const isInvisible = (c: string): boolean => inRanges(TEXT_CLASSES.invisible, c);
/** A space as Rust's `char::is_whitespace` sees it (not U+FEFF, unlike JavaScript's `\s`). */
const isSpace = (c: string): boolean => inRanges(TEXT_CLASSES.whitespace, c);

/** Trims spaces as the core does (JavaScript's `trim()` would also drop a byte order mark). */
export function trimSpaces(value: string): string {
  const chars = [...value];
  let start = 0;
  let end = chars.length;
  while (start < end && isSpace(chars[start] ?? '')) start++;
  while (end > start && isSpace(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
}

/** True for text of only spaces and invisible characters: it counts as empty. */
export function isBlank(value: string): boolean {
  return [...value].every((c) => isSpace(c) || isInvisible(c));
}

/** The value of a decimal digit of any script ('٣' → 3, '３' → 3), or null. */
export function digitValue(c: string): number | null {
  const cp = c.codePointAt(0) ?? 0;
  const zero = TEXT_CLASSES.digit_zeros.find((z) => cp >= z && cp < z + 10);
  return zero === undefined ? null : cp - zero;
}

/** The text as the CPR check sees it (the core's `cpr_normalised`). */
function cprNormalised(text: string): string[] {
  const out: string[] = [];
  for (const c of text) {
    if (isInvisible(c) || MARK.test(c)) continue;
    const d = digitValue(c);
    if (d !== null) out.push(String(d));
    else if (inRanges(TEXT_CLASSES.dashes, c)) out.push('-');
    else if (inRanges(TEXT_CLASSES.dots, c)) out.push('.');
    else if (isSpace(c)) out.push(' ');
    else out.push(c);
  }
  return out;
}

/**
 * True if the text holds something shaped like a CPR number: a date DDMMYY and four digits,
 * together or with a separator (up to two spaces, a dash, a full stop or a slash, up to two
 * spaces) between the pairs and before the four digits, in any digit script, through any dash,
 * space or invisible character. The same rule as the core's `contains_cpr_number`.
 */
export function containsCprNumber(text: string): boolean {
  const b = cprNormalised(text);
  const digit = (i: number): boolean => i >= 0 && i < b.length && /^[0-9]$/u.test(b[i] ?? '');
  const pair = (i: number): number | null => (digit(i) && digit(i + 1) ? Number(`${b[i]}${b[i + 1]}`) : null);
  const separator = (start: number): number => {
    let i = start;
    const spaces = (): void => {
      for (let k = 0; k < 2; k++) if (b[i] === ' ') i++;
    };
    spaces();
    if (b[i] === '-' || b[i] === '.' || b[i] === '/') i++;
    spaces();
    return i;
  };
  for (let i = 0; i < b.length; i++) {
    if (digit(i - 1)) continue;
    const dd = pair(i);
    if (dd === null) continue;
    const m = separator(i + 2);
    const mm = pair(m);
    if (mm === null || dd < 1 || dd > 31 || mm < 1 || mm > 12) continue;
    const y = separator(m + 2);
    if (pair(y) === null) continue;
    const rest = separator(y + 2);
    let four = true;
    for (let j = rest; j < rest + 4; j++) four &&= digit(j);
    if (four && !digit(rest + 4)) return true;
  }
  return false;
}

/**
 * Trimmed-text checks shared by every free-text field; null when fine (or blank: the callers
 * say what a required field needs). The core's `clean_text`, choice for choice: bidi controls
 * refused everywhere; single-line fields refuse line separators and every invisible character
 * except a zero-width (non-)joiner between two letters; multi-line text keeps invisible
 * characters (emoji sequences, Persian, direction marks) and the CPR check looks through them.
 */
export function checkText(value: string, max: number, multiline: boolean, what: string): string | null {
  const v = trimSpaces(value);
  if (isBlank(v)) return null;
  const chars = [...v];
  const n = chars.length;
  if (n > max) return `${what} må højst være ${max} tegn (nu ${n}).`;
  const allowedControl = (c: string): boolean => multiline && (c === '\n' || c === '\t' || c === '\r');
  if (chars.some((c) => CONTROL.test(c) && !allowedControl(c))) return 'Feltet må ikke indeholde usynlige styretegn.';
  if (chars.some((c) => inRanges(TEXT_CLASSES.bidi_controls, c))) {
    return 'Feltet må ikke indeholde tegn, der vender skriveretningen.';
  }
  if (!multiline) {
    if (chars.some((c) => inRanges(TEXT_CLASSES.line_separators, c))) return 'Feltet må ikke indeholde linjeskift.';
    const joinerInWord = (i: number): boolean =>
      (chars[i] === '\u200c' || chars[i] === '\u200d') &&
      ALPHABETIC.test(chars[i - 1] ?? '') &&
      ALPHABETIC.test(chars[i + 1] ?? '');
    if (chars.some((c, i) => isInvisible(c) && !joinerInWord(i))) return 'Feltet må ikke indeholde usynlige tegn.';
  }
  if (containsCprNumber(v)) return CPR_MESSAGE;
  return null;
}

export function validatePseudonym(value: string): string | null {
  if (isBlank(value)) return 'Skriv initialer eller et pseudonym.';
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
  const v = trimSpaces(value);
  if (isBlank(v)) return null;
  const problem = checkText(v, PHONE_MAX, false, 'Telefonnummeret');
  if (problem) return problem;
  const digits = [...v].filter((c) => c >= '0' && c <= '9').length;
  if (!/^[0-9 +\-()]+$/u.test(v) || digits < 8 || digits > 15) {
    return 'Skriv 8–15 cifre, f.eks. 20 30 40 50.';
  }
  return null;
}

export function validateEmail(value: string): string | null {
  const v = trimSpaces(value);
  if (isBlank(v)) return null;
  const problem = checkText(v, EMAIL_MAX, false, 'E-mailadressen');
  if (problem) return problem;
  const at = v.indexOf('@');
  const local = at < 0 ? '' : v.slice(0, at);
  const domain = at < 0 ? '' : v.slice(at + 1);
  if (local === '' || !domain.includes('.') || domain.endsWith('.') || /\s/u.test(v)) {
    return 'Skriv en hel e-mailadresse.';
  }
  // One address per field (the core's `is_email_address`): no list, no display name.
  if (domain.includes('@') || /[,;<>"()[\]\\:]/u.test(v)) return 'Skriv én e-mailadresse.';
  return null;
}

export function validateDescription(value: string): string | null {
  if (isBlank(value)) return 'Beskriv bekymringen.';
  return checkText(value, DESCRIPTION_MAX, true, 'Beskrivelsen');
}

export function validateNote(value: string): string | null {
  if (isBlank(value)) return 'Skriv noten.';
  return checkText(value, NOTE_MAX, true, 'Noten');
}

export function validateReason(value: string): string | null {
  if (isBlank(value)) return 'Skriv hvorfor sagen videresendes.';
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
