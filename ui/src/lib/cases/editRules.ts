// Turning the "Redigér" form into a CaseEdit with only the changed fields, and checking it first.

import type { CaseDetail, CaseEdit } from '../bindings';
import { validateBirthYear, validateDescription, validateMunicipalityTyped, validatePseudonym } from '../intake/rules';
import type { EditDraft } from './drafts.svelte';

export type EditField = 'subject.pseudonym' | 'subject.birth_year' | 'subject.gender' | 'subject.municipality' | 'category' | 'indicators' | 'urgency' | 'description';

export const EDIT_FIELDS: EditField[] = [
  'subject.pseudonym',
  'subject.birth_year',
  'subject.gender',
  'subject.municipality',
  'category',
  'indicators',
  'urgency',
  'description',
];

export function editDraftFrom(c: CaseDetail): EditDraft {
  return {
    pseudonym: c.pseudonym,
    birthYear: c.birth_year === null ? '' : String(c.birth_year),
    gender: c.gender ?? '',
    municipality: c.municipality,
    route: null,
    category: c.category,
    indicators: [...c.indicators],
    urgency: c.urgency,
    description: c.description,
  };
}

/** The client-side problems of an edit, per field. */
export function editErrors(d: EditDraft, c: CaseDetail, currentYear: number, birthYearBad = false): Record<EditField, string | null> {
  let birth = validateBirthYear(d.birthYear, currentYear, birthYearBad);
  if (birth === null && d.birthYear.trim() === '' && c.birth_year !== null) {
    birth = 'Kan rettes, men ikke fjernes.';
  }
  let municipality = validateMunicipalityTyped(d.municipality);
  if (municipality === null && d.route !== null && d.route.police_district.code !== c.district_code) {
    municipality = `${d.route.municipality} hører under ${d.route.police_district.infohus}. Brug »Videresend« i stedet.`;
  }
  return {
    'subject.pseudonym': validatePseudonym(d.pseudonym),
    'subject.birth_year': birth,
    'subject.gender': d.gender === '' && c.gender !== null ? 'Kan rettes, men ikke fjernes.' : null,
    'subject.municipality': municipality,
    category: null,
    indicators: null,
    urgency: null,
    description: validateDescription(d.description),
  };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Only what changed, trimmed; an empty object when nothing did. */
export function editDiff(d: EditDraft, c: CaseDetail): CaseEdit {
  const e: CaseEdit = {};
  const pseudonym = d.pseudonym.trim();
  if (pseudonym !== c.pseudonym) e.pseudonym = pseudonym;
  const year = d.birthYear.trim();
  if (year !== '' && Number(year) !== c.birth_year) e.birth_year = Number(year);
  if (d.gender !== '' && d.gender !== c.gender) e.gender = d.gender;
  const municipality = d.municipality.trim();
  if (municipality !== c.municipality && (d.route === null || d.route.municipality !== c.municipality)) {
    e.municipality = municipality;
  }
  if (d.category !== c.category) e.category = d.category;
  if (!sameList(d.indicators, c.indicators)) e.indicators = [...d.indicators];
  if (d.urgency !== c.urgency) e.urgency = d.urgency;
  const description = d.description.trim();
  if (description !== c.description) e.description = description;
  return e;
}
