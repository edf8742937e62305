// The case history in Danish: which field changed, from what to what. The server stores machine
// values ("closed", "right_wing", '["isolation"]', "1"); this turns them into what a coordinator
// reads ("Afsluttet", "Højreekstremisme", "Isolation", "Ja").

import type { HistoryEntry } from '../bindings';
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  GENDER_LABELS,
  INDICATOR_LABELS,
  OUTCOME_LABELS,
  URGENCY_LABELS,
} from '../labels';
import { STAGE_LABELS } from '../stages';
import { HISTORY_FIELD_LABELS } from '../generated/rules';

/** The fields' names: one list in Rust (`HistoryField`), generated into the rules. */
export { HISTORY_FIELD_LABELS };

/** Fields whose values are long free text: shown folded, not inline. */
const LONG_FIELDS = new Set(['description']);

export const EMPTY_VALUE = '—';

function lookup(table: Record<string, string>, value: string): string {
  return table[value] ?? value;
}

/** A history value in Danish; "—" when there was none. */
export function historyValue(field: string, value: string | null, districtName: (code: string) => string): string {
  if (value === null || value === '') return EMPTY_VALUE;
  switch (field) {
    case 'stage':
      return lookup(STAGE_LABELS, value);
    case 'outcome':
      return lookup(OUTCOME_LABELS, value);
    case 'category':
      return lookup(CATEGORY_LABELS, value);
    case 'urgency':
      return lookup(URGENCY_LABELS, value);
    case 'gender':
      return lookup(GENDER_LABELS, value);
    case 'channel':
      return lookup(CHANNEL_LABELS, value);
    case 'police_flag':
      return value === '1' || value === 'true' ? 'Ja' : 'Nej';
    case 'forwarded_to':
      return districtName(value);
    case 'indicators': {
      let list: unknown;
      try {
        list = JSON.parse(value);
      } catch {
        return value;
      }
      if (!Array.isArray(list)) return value;
      if (list.length === 0) return 'Ingen';
      return list.map((i) => lookup(INDICATOR_LABELS, String(i))).join(', ');
    }
    default:
      return value;
  }
}

export interface HistoryLine {
  label: string;
  /** 'added': something new with no before (a new action item: "Opgave tilføjet: …"). */
  kind: 'created' | 'change' | 'long' | 'added';
  oldValue: string;
  newValue: string;
  actor: string;
  at: string;
  reason: string | null;
}

/** One history entry, ready to show. */
export function describeHistory(entry: HistoryEntry, districtName: (code: string) => string): HistoryLine {
  const added = entry.field === 'action_item' && (entry.old_value === null || entry.old_value === '');
  const kind = entry.field === 'created' ? 'created' : added ? 'added' : LONG_FIELDS.has(entry.field) ? 'long' : 'change';
  return {
    label: added ? 'Opgave tilføjet' : (HISTORY_FIELD_LABELS[entry.field] ?? entry.field),
    kind,
    oldValue: historyValue(entry.field, entry.old_value, districtName),
    newValue: historyValue(entry.field, entry.new_value, districtName),
    actor: entry.actor,
    at: entry.at,
    reason: entry.reason !== null && entry.reason.trim() !== '' ? entry.reason : null,
  };
}

/** History fields whose values are free text (names, descriptions, action items' texts). */
const FREE_TEXT_FIELDS = new Set(['pseudonym', 'description', 'action_item']);

/**
 * A history line as safe screen mode may show it: free-text values and reasons replaced by
 * `hidden`; a pseudonym's values kept only when `keep` says they are initials.
 */
export function safeHistoryLine(
  field: string,
  line: HistoryLine,
  hidden: string,
  keep: (value: string) => boolean,
): HistoryLine {
  const hide = (v: string): string =>
    v === EMPTY_VALUE || (field === 'pseudonym' && keep(v)) ? v : hidden;
  const free = FREE_TEXT_FIELDS.has(field);
  return {
    ...line,
    oldValue: free ? hide(line.oldValue) : line.oldValue,
    newValue: free ? hide(line.newValue) : line.newValue,
    reason: line.reason === null ? null : hidden,
  };
}
