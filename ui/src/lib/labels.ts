// Danish labels for the case fields the Rust side sends as machine names.
import type { CallerType, Category, ContactChannel, Gender, Indicator, Outcome, Urgency } from './bindings';
import { LABELS } from './generated/rules';

// The labels themselves are generated from Rust (./generated/rules.ts); these names type them.
export const CATEGORY_LABELS: Record<Category, string> = LABELS.category;
export const URGENCY_LABELS: Record<Urgency, string> = LABELS.urgency;
export const CHANNEL_LABELS: Record<ContactChannel, string> = LABELS.channel;
export const CALLER_TYPE_LABELS: Record<CallerType, string> = LABELS.caller_type;
export const GENDER_LABELS: Record<Gender, string> = LABELS.gender;
export const INDICATOR_LABELS: Record<Indicator, string> = LABELS.indicator;
export const OUTCOME_LABELS: Record<Outcome, string> = LABELS.outcome;

/** The options of a label table, in declaration order (the order forms and filters show). */
export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** "J.K., f. 2009" or just the pseudonym when the birth year is unknown. */
export function personLabel(pseudonym: string, birthYear: number | null): string {
  return birthYear === null ? pseudonym : `${pseudonym}, f. ${birthYear}`;
}
