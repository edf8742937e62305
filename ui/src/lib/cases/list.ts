// The case list's filters, sort and paging as pure functions (tested in cases.test.ts).

import type { CaseFilter, CaseSort, Category, ContactChannel, Stage, Urgency } from '../bindings';

export const PAGE_SIZE = 50;

export type AgeBand = '' | 'under15' | '15-17' | '18-24' | '25+';

export const AGE_BANDS: { value: Exclude<AgeBand, ''>; label: string }[] = [
  { value: 'under15', label: 'under 15' },
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
  return { stage: '', district: homeDistrict, category: '', urgency: '', channel: '', age: '', sort: 'received_desc', offset: 0 };
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
