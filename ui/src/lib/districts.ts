import type { PoliceDistrict } from './bindings';
import { DISTRICT_NAMES } from './generated/rules';

/** A district as every screen names it, by its code: "Infohus Østjylland" (generated from Rust). */
export function districtName(code: string): string {
  return (DISTRICT_NAMES as Record<string, string>)[code] ?? code;
}

/** The text of a district in the setup list: "Infohus Østjylland — Østjyllands Politi". */
export function districtOptionLabel(d: PoliceDistrict): string {
  return `${d.infohus} — ${d.name}`;
}

/** The infohus name for a district code, or the code itself if the list doesn't know it. */
export function infohusName(districts: readonly PoliceDistrict[], code: string): string {
  return districts.find((d) => d.code === code)?.infohus ?? code;
}
