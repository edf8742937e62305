import type { PoliceDistrict } from './bindings';
import { DISTRICT_NAMES, HOTLINE } from './generated/rules';

/** A district as every screen names it, by its code: "Infohus Østjylland" (generated from Rust). */
export function districtName(code: string): string {
  return (DISTRICT_NAMES as Record<string, string>)[code] ?? code;
}

/** The 12 police districts' codes, in the police's order (not the hotline's). */
export function districtCodes(): string[] {
  return Object.keys(DISTRICT_NAMES).filter((code) => code !== HOTLINE);
}

/**
 * The same name without the word "Infohus", for lists under a field or column labelled "Infohus"
 * ("Østjylland"): type-ahead in a list reaches a region by its first letters.
 */
export function districtRegion(code: string): string {
  return districtName(code).replace(/^Infohus /u, '');
}

/** The text of a district in a list labelled "Infohus" (setup, filters): "Østjylland". */
export function districtOptionLabel(d: PoliceDistrict): string {
  return districtRegion(d.code);
}

/** The infohus name for a district code, or the code itself if the list doesn't know it. */
export function infohusName(districts: readonly PoliceDistrict[], code: string): string {
  return districts.find((d) => d.code === code)?.infohus ?? code;
}
