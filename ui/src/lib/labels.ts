// Danish labels for the case fields the Rust side sends as machine names.
import type { CallerType, Category, ContactChannel, Gender, Indicator, Outcome, Urgency } from './bindings';

export const CATEGORY_LABELS: Record<Category, string> = {
  right_wing: 'Højreekstremisme',
  left_wing: 'Venstreekstremisme',
  militant_islamism: 'Militant islamisme',
  other: 'Anden/uafklaret',
};

export const URGENCY_LABELS: Record<Urgency, string> = {
  normal: 'Normal',
  high: 'Høj',
  acute: 'Akut',
};

export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  hotline: 'Hotline',
  email: 'E-mail',
  in_person: 'Personligt fremmøde',
  referral: 'Henvisning',
};

export const CALLER_TYPE_LABELS: Record<CallerType, string> = {
  parent: 'Forælder',
  relative: 'Anden pårørende',
  friend: 'Ven/veninde',
  school: 'Skole/lærer',
  social_worker: 'Socialrådgiver',
  police: 'Politi',
  professional: 'Anden fagperson',
  anonymous: 'Anonym',
};

export const GENDER_LABELS: Record<Gender, string> = {
  female: 'Kvinde',
  male: 'Mand',
  other: 'Andet',
};

export const INDICATOR_LABELS: Record<Indicator, string> = {
  shares_propaganda: 'Deler propaganda',
  endorses_violence: 'Billiger vold',
  extremist_contacts: 'Kontakt til ekstremistisk miljø',
  changed_behaviour: 'Ændret adfærd eller udseende',
  isolation: 'Isolation',
  travel_plans: 'Rejseplaner',
  weapons_interest: 'Interesse for våben',
  threats: 'Trusler',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  unfounded: 'Grundløs',
  completed: 'Afsluttet efter indsats',
  handed_to_police: 'Overgivet til politiet',
};

/** The options of a label table, in declaration order (the order forms and filters show). */
export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** "J.K., f. 2009" or just the pseudonym when the birth year is unknown. */
export function personLabel(pseudonym: string, birthYear: number | null): string {
  return birthYear === null ? pseudonym : `${pseudonym}, f. ${birthYear}`;
}
