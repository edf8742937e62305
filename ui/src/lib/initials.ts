// Safe screen mode's rule for pseudonyms: shown only when they are initials ("A.B.", "MK"). The
// rule is the core's (`screen::shows_as_initials`); its numbers and separators come generated
// from Rust, and the shared vectors (test-vectors/text.json) run on both sides.
import { INITIALS } from './generated/rules';

/** Whether a pseudonym is initials, which safe screen mode may show. */
export function showsAsInitials(pseudonym: string): boolean {
  const s = pseudonym.trim();
  const chars = [...s];
  const isLetter = (c: string): boolean => /^\p{L}$/u.test(c);
  const isSeparator = (c: string): boolean => INITIALS.separators.includes(c);
  const letters = chars.filter(isLetter).length;
  if (letters === 0 || letters > INITIALS.letters_max) return false;
  if (!chars.every((c) => (isLetter(c) && /^\p{Lu}$/u.test(c)) || isSeparator(c))) return false;
  if (!chars.some(isSeparator)) return letters <= INITIALS.letters_alone_max;
  return !chars.some((c, i) => i > 0 && isLetter(c) && isLetter(chars[i - 1] ?? ''));
}
