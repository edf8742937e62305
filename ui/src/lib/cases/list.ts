import { HOTLINE } from '../generated/rules';
// The case list's filters, sort and paging as pure functions (tested in cases.test.ts).

import type { CaseFilter, CaseSort, Category, ContactChannel, Stage, Urgency } from '../bindings';
import { CATEGORY_LABELS, CHANNEL_LABELS, URGENCY_LABELS } from '../labels';
import { STAGE_LABELS } from '../stages';

export const PAGE_SIZE = 50;

export type AgeBand = '' | 'under15' | '15-17' | '18-24' | '25+';

export const AGE_BANDS: { value: Exclude<AgeBand, ''>; label: string }[] = [
  { value: 'under15', label: 'Under 15' },
  { value: '15-17', label: '15–17' },
  { value: '18-24', label: '18–24' },
  { value: '25+', label: '25+' },
];

/** The age range (years this year) of a band, as CaseFilter fields. */
export function ageBandRange(band: AgeBand): Pick<CaseFilter, 'age_min' | 'age_max'> {
  switch (band) {
    case 'under15':
      return { age_max: 14 };
    case '15-17':
      return { age_min: 15, age_max: 17 };
    case '18-24':
      return { age_min: 18, age_max: 24 };
    case '25+':
      return { age_min: 25 };
    default:
      return {};
  }
}

/** What the filter bar holds; "" means "Alle". */
export interface ListState {
  stage: Stage | '';
  district: string;
  category: Category | '';
  urgency: Urgency | '';
  channel: ContactChannel | '';
  age: AgeBand;
  sort: CaseSort;
  offset: number;
}

export function initialListState(homeDistrict: string): ListState {
  // The hotline has no district of its own: it sees every case.
  const district = homeDistrict === HOTLINE ? '' : homeDistrict;
  return { stage: '', district, category: '', urgency: '', channel: '', age: '', sort: 'received_desc', offset: 0 };
}

/** The filter bar's state as the list_cases argument (empty filters are left out). */
export function toCaseFilter(s: ListState): CaseFilter {
  const f: CaseFilter = { sort: s.sort, offset: s.offset, limit: PAGE_SIZE, ...ageBandRange(s.age) };
  if (s.stage !== '') f.stage = s.stage;
  if (s.district !== '') f.district_code = s.district;
  if (s.category !== '') f.category = s.category;
  if (s.urgency !== '') f.urgency = s.urgency;
  if (s.channel !== '') f.channel = s.channel;
  return f;
}

/** True when any filter narrows the list (the home district counts). */
export function isFiltered(s: ListState): boolean {
  return s.stage !== '' || s.district !== '' || s.category !== '' || s.urgency !== '' || s.channel !== '' || s.age !== '';
}

/** 10000 → "10.000" (Danish thousands separator, independent of the webview's locale data). */
export function formatCount(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/gu, '.');
  return n < 0 ? `-${grouped}` : grouped;
}

/** "Viser 1–50 af 10.000"; "Ingen sager" for an empty result. */
export function pageSummary(offset: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return 'Ingen sager';
  return `Viser ${formatCount(offset + 1)}–${formatCount(offset + shown)} af ${formatCount(total)}`;
}

/** The columns that sort. */
export type SortColumn = 'received' | 'reference' | 'urgency';

/** The sort after a click on a column header: Modtaget toggles newest/oldest first. */
export function nextSort(current: CaseSort, column: SortColumn): CaseSort {
  switch (column) {
    case 'received':
      return current === 'received_desc' ? 'received_asc' : 'received_desc';
    case 'reference':
      return 'reference';
    case 'urgency':
      return 'urgency';
  }
}

/** aria-sort for a column header; undefined when the list is not sorted by it. */
export function ariaSort(current: CaseSort, column: SortColumn): 'ascending' | 'descending' | undefined {
  if (column === 'received') {
    if (current === 'received_desc') return 'descending';
    if (current === 'received_asc') return 'ascending';
    return undefined;
  }
  if (column === 'reference') return current === 'reference' ? 'ascending' : undefined;
  return current === 'urgency' ? 'descending' : undefined;
}

/** The offset of the previous and next page, or null at either end. */
export function pageOffsets(offset: number, total: number): { prev: number | null; next: number | null } {
  return {
    prev: offset > 0 ? Math.max(0, offset - PAGE_SIZE) : null,
    next: offset + PAGE_SIZE < total ? offset + PAGE_SIZE : null,
  };
}

/** The filters of the filter bar, in its order. */
export type FilterKey = 'stage' | 'district' | 'category' | 'urgency' | 'channel' | 'age';

export const FILTER_LABELS: Record<FilterKey, string> = {
  stage: 'Fase',
  district: 'Infohus',
  category: 'Kategori',
  urgency: 'Hastegrad',
  channel: 'Kilde',
  age: 'Alder',
};

/** An active filter as a removable chip: "Fase: Videresendt". */
export interface FilterChip {
  key: FilterKey;
  label: string;
}

/**
 * The active filters as chips, in the filter bar's order.
 * @param districtLabel the name shown for a district code ("Østjylland")
 */
export function filterChips(s: ListState, districtLabel: (code: string) => string): FilterChip[] {
  const values: Record<FilterKey, string | null> = {
    stage: s.stage === '' ? null : STAGE_LABELS[s.stage],
    district: s.district === '' ? null : districtLabel(s.district),
    category: s.category === '' ? null : CATEGORY_LABELS[s.category],
    urgency: s.urgency === '' ? null : URGENCY_LABELS[s.urgency],
    channel: s.channel === '' ? null : CHANNEL_LABELS[s.channel],
    age: s.age === '' ? null : (AGE_BANDS.find((b) => b.value === s.age)?.label ?? null),
  };
  return (Object.keys(FILTER_LABELS) as FilterKey[]).flatMap((key) => {
    const v = values[key];
    if (v === null) return [];
    // An infohus names itself (»Infohus Østjylland«); the other filters say what they filter.
    return [{ key, label: key === 'district' ? v : `${FILTER_LABELS[key]}: ${v}` }];
  });
}

/** The state without one filter ("Alle"), from the first page; sort unchanged. */
export function withoutFilter(s: ListState, key: FilterKey): ListState {
  return { ...s, [key]: '', offset: 0 };
}

/** Whether "Nulstil" would change anything: a filter other than the start (home district) is set. */
export function differsFromStart(s: ListState, homeDistrict: string): boolean {
  const start = initialListState(homeDistrict);
  return (Object.keys(FILTER_LABELS) as FilterKey[]).some((k) => s[k] !== start[k]);
}

/** The case list's columns. */
export type ColumnKey = 'reference' | 'person' | 'municipality' | 'district' | 'category' | 'urgency' | 'stage' | 'received';

export interface ListColumn {
  key: ColumnKey;
  /** Its width in rem: what its content and header need (the longest label, a reference, a date). */
  rem: number;
  /** A second line in the same cell (narrow layout): the municipality under the person, the date received under the reference. */
  second?: ColumnKey;
}

/** The wide layout: a column each. Person gets the most room; the rest fits its content. */
const WIDE: ListColumn[] = [
  { key: 'reference', rem: 8 },
  { key: 'person', rem: 12 },
  { key: 'municipality', rem: 10 },
  { key: 'district', rem: 9.5 },
  { key: 'category', rem: 10.5 },
  { key: 'urgency', rem: 7.25 },
  { key: 'stage', rem: 8.25 },
  { key: 'received', rem: 7.25 },
];

/**
 * The narrow layout (down to the window's minimum), two lines a row: the date received under the
 * reference, the municipality under the person; no district column (the reference begins with
 * its code).
 */
const NARROW: ListColumn[] = [
  { key: 'reference', rem: 7.75, second: 'received' },
  { key: 'person', rem: 11, second: 'municipality' },
  { key: 'category', rem: 10 },
  { key: 'urgency', rem: 6.75 },
  { key: 'stage', rem: 8 },
];

/** The width a set of columns needs, in rem. */
export function columnsWidth(cols: readonly ListColumn[]): number {
  return cols.reduce((n, c) => n + c.rem, 0);
}

/**
 * Which columns the list shows in `widthRem` of room: the wide layout when it fits (the
 * Infohus column only when the list shows more than one district), else the narrow one.
 * Room beyond the columns' widths is shared out in proportion (the table is 100% wide).
 */
export function listColumns(widthRem: number, oneDistrict: boolean): ListColumn[] {
  const wide = WIDE.filter((c) => c.key !== 'district' || !oneDistrict);
  return columnsWidth(wide) <= widthRem ? wide : NARROW;
}
