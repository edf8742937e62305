// Client-side checks for the setup and unlock forms, in Danish. The limits are generated from the
// Rust rules (./generated/rules.ts); the core checks again and has the last word.
import { LIMITS } from './generated/rules';

export const NAME_MAX = LIMITS.profile_name_max;
export const ORGANISATION_MAX = LIMITS.organisation_max;
export const RECOVERY_CODE_LENGTH = LIMITS.recovery_code_length;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

function text(value: string, max: number, empty: string, tooLong: string): string | null {
  const v = value.trim();
  if (v === '') return empty;
  if ([...v].length > max) return tooLong;
  if (CONTROL.test(v)) return 'Feltet må ikke indeholde usynlige styretegn';
  return null;
}

export function validateName(value: string): string | null {
  const n = [...value.trim()].length;
  return text(value, NAME_MAX, 'Skriv dit navn', `Navnet må højst være ${NAME_MAX} tegn (nu ${n})`);
}

export function validateOrganisationName(value: string): string | null {
  const n = [...value.trim()].length;
  return text(
    value,
    ORGANISATION_MAX,
    'Skriv navnet på din enhed',
    `Enhedens navn må højst være ${ORGANISATION_MAX} tegn (nu ${n})`,
  );
}

export function validateDistrict(value: string): string | null {
  return value === '' ? 'Vælg dit infohus' : null;
}

/** What the server will see once spaces and hyphens are gone (the server normalises too). */
export function compactRecoveryCode(value: string): string {
  return value.replace(/[\s-]/gu, '').toUpperCase();
}

/** A first, friendly check of a typed recovery code; the server decides whether it is right. */
export function validateRecoveryCode(value: string): string | null {
  const c = compactRecoveryCode(value);
  if (c === '') return 'Skriv gendannelseskoden';
  if (/[^A-Z2-7]/u.test(c)) {
    return 'Koden består kun af bogstaverne A–Z og tallene 2–7';
  }
  if (c.length !== RECOVERY_CODE_LENGTH) {
    return `Koden har ${RECOVERY_CODE_LENGTH} tegn (otte grupper à fire); du har skrevet ${c.length}`;
  }
  return null;
}
