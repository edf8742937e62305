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

/** What a character is to the CPR check (the core's `CprChar`): a digit's value, or a class. */
type CprChar = number | 'dot' | 'separator' | 'joiner' | 'other';

/** The text as the CPR check sees it (the core's `cpr_chars`). */
function cprChars(text: string): CprChar[] {
  const out: CprChar[] = [];
  for (const c of text) {
    if (isInvisible(c) || MARK.test(c)) continue;
    const d = digitValue(c);
    if (d !== null) out.push(d);
    else if (inRanges(TEXT_CLASSES.dots, c)) out.push('dot');
    else if (
      isSpace(c) ||
      inRanges(TEXT_CLASSES.dashes, c) ||
      inRanges(TEXT_CLASSES.underscores, c) ||
      inRanges(TEXT_CLASSES.slashes, c)
    ) {
      out.push('separator');
    } else if (inRanges(TEXT_CLASSES.number_joiners, c)) out.push('joiner');
    else out.push('other');
  }
  return out;
}

/** A group of adjacent digits and how it is joined to the next (the core's `DigitGroup`). */
interface DigitGroup {
  digits: number[];
  bound: boolean;
  joined: boolean;
  byDot: boolean;
}

function digitGroups(b: CprChar[]): DigitGroup[] {
  const isDigit = (i: number): boolean => typeof b[i] === 'number';
  const groups: DigitGroup[] = [];
  let i = 0;
  while (i < b.length) {
    if (!isDigit(i)) {
      i++;
      continue;
    }
    const g: DigitGroup = { digits: [], bound: false, joined: false, byDot: false };
    for (;;) {
      while (isDigit(i)) g.digits.push(b[i++] as number);
      if (b[i] === 'joiner' && isDigit(i + 1)) {
        g.bound = true;
        i++;
      } else break;
    }
    const gapStart = i;
    while (b[i] === 'separator' || b[i] === 'dot') i++;
    g.joined = i > gapStart && isDigit(i);
    g.byDot = g.joined && i === gapStart + 1 && b[gapStart] === 'dot';
    groups.push(g);
  }
  return groups;
}

/** Ten digits in these groups make a CPR number (the core's `cpr_shaped`). */
function cprShaped(groups: DigitGroup[]): boolean {
  const d = groups.flatMap((g) => g.digits);
  const day = (d[0] ?? 0) * 10 + (d[1] ?? 0);
  const month = (d[2] ?? 0) * 10 + (d[3] ?? 0);
  const days = month === 2 ? 29 : [4, 6, 9, 11].includes(month) ? 30 : month >= 1 && month <= 12 ? 31 : 0;
  if (day < 1 || day > days) return false;
  const lens = groups.map((g) => g.digits.length);
  const century = (g: DigitGroup | undefined): boolean =>
    g !== undefined && ((g.digits[0] === 1 && g.digits[1] === 9) || (g.digits[0] === 2 && g.digits[1] === 0));
  const starts = (a: number, b: number, c: number): boolean => lens[0] === a && lens[1] === b && lens[2] === c;
  const longYearDate = (starts(2, 2, 4) && century(groups[2])) || (starts(4, 2, 2) && century(groups[0]));
  const amount =
    (lens[0] ?? 0) <= 3 && lens.slice(1).every((l) => l === 3) && groups.slice(0, -1).every((g) => g.byDot);
  return !longYearDate && !amount;
}

/**
 * True if the text holds a CPR number: ten digits of a real-looking date DDMMYY and four more,
 * whatever separators stand between them (spaces, dashes, full stops, underscores, slashes,
 * invisible characters) and however they are grouped, in any digit script; never inside a longer
 * number or one bound by a colon or comma ("14:05", "12,50"), never a date with a four-digit year
 * or an amount with thousands separators. The same rule as the core's `contains_cpr_number`
 * (see there for the false positives accepted).
 */
export function containsCprNumber(text: string): boolean {
  const groups = digitGroups(cprChars(text));
  for (let start = 0; start < groups.length; start++) {
    let total = 0;
    for (let end = start; end < groups.length; end++) {
      const g = groups[end] as DigitGroup;
      if (g.bound) break;
      total += g.digits.length;
      if (total >= 10) {
        if (total === 10 && cprShaped(groups.slice(start, end + 1))) return true;
        break;
      }
      if (!g.joined) break;
    }
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
