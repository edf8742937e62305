import { DISTRICT_NAMES, HOTLINE } from './generated/rules';

/**
 * A district as every screen names it, by its code: "Infohus Østjylland" (generated from Rust),
 * in lists too (their type-ahead skips the shared "Infohus ": `ui/typeahead.ts`).
 */
export function districtName(code: string): string {
  return (DISTRICT_NAMES as Record<string, string>)[code] ?? code;
}

/** The 12 police districts' codes, in the police's order (not the hotline's). */
export function districtCodes(): string[] {
  return Object.keys(DISTRICT_NAMES).filter((code) => code !== HOTLINE);
}
