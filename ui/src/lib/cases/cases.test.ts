import { describe, expect, it } from 'vitest';
import type { CaseDetail, HistoryEntry, Route } from '../bindings';
import { editDiff, editDraftFrom, editErrors } from './editRules';
import { describeHistory, historyValue } from './history';
import {
  AGE_BANDS,
  ageBandRange,
  ariaSort,
  columnsWidth,
  differsFromStart,
  filterChips,
  formatCount,
  initialListState,
  isFiltered,
  listColumns,
  nextSort,
  pageOffsets,
  pageSummary,
  toCaseFilter,
  withoutFilter,
} from './list';

const names: Record<string, string> = { FYP: 'Infohus Fyn' };
const district = (code: string): string => names[code] ?? code;

describe('age bands', () => {
  it('map to age_min / age_max', () => {
    expect(ageBandRange('under15')).toEqual({ age_max: 14 });
    expect(ageBandRange('15-17')).toEqual({ age_min: 15, age_max: 17 });
    expect(ageBandRange('18-24')).toEqual({ age_min: 18, age_max: 24 });
    expect(ageBandRange('25+')).toEqual({ age_min: 25 });
    expect(ageBandRange('')).toEqual({});
  });
});

describe('filter labels', () => {
  it('begin with a capital letter, as every other label', () => {
    for (const b of AGE_BANDS) expect(b.label).toMatch(/^[^a-zæøå]/u);
    expect(AGE_BANDS[0]?.label).toBe('Under 15');
  });
});

describe('filter chips', () => {
  const label = (code: string): string => (code === 'ØJP' ? 'Infohus Østjylland' : code);

  it('show each active filter with its name, in the filter bar order', () => {
    const s = { ...initialListState('ØJP'), stage: 'forwarded' as const, age: 'under15' as const, category: 'left_wing' as const };
    expect(filterChips(s, label)).toEqual([
      { key: 'stage', label: 'Fase: Videresendt' },
      { key: 'district', label: 'Infohus Østjylland' },
      { key: 'category', label: 'Kategori: Venstreekstremisme' },
      { key: 'age', label: 'Alder: Under 15' },
    ]);
    expect(filterChips({ ...initialListState(''), urgency: 'acute', channel: 'email' }, label)).toEqual([
      { key: 'urgency', label: 'Hastegrad: Akut' },
      { key: 'channel', label: 'Kilde: E-mail' },
    ]);
    expect(filterChips(initialListState(''), label)).toEqual([]);
  });

  it('remove one filter, back to the first page, keeping the others and the sort', () => {
    const s = { ...initialListState('ØJP'), stage: 'forwarded' as const, sort: 'urgency' as const, offset: 100 };
    const after = withoutFilter(s, 'district');
    expect(after).toEqual({ ...s, district: '', offset: 0 });
    expect(toCaseFilter(after).district_code).toBeUndefined();
    expect(toCaseFilter(after).stage).toBe('forwarded');
    expect(s.district).toBe('ØJP');
  });

  it('offer Nulstil only when something differs from the start (the home district)', () => {
    expect(differsFromStart(initialListState('ØJP'), 'ØJP')).toBe(false);
    expect(differsFromStart({ ...initialListState('ØJP'), offset: 50, sort: 'reference' }, 'ØJP')).toBe(false);
    expect(differsFromStart({ ...initialListState('ØJP'), district: '' }, 'ØJP')).toBe(true);
    expect(differsFromStart({ ...initialListState('ØJP'), stage: 'forwarded' }, 'ØJP')).toBe(true);
  });
});

describe('list columns', () => {
  const keys = (w: number, one: boolean): string[] => listColumns(w, one).map((c) => c.key);

  it('show every column when there is room, Infohus only for more than one district', () => {
    expect(keys(120, false)).toEqual(['reference', 'person', 'municipality', 'district', 'category', 'urgency', 'stage', 'received']);
    expect(keys(120, true)).toEqual(['reference', 'person', 'municipality', 'category', 'urgency', 'stage', 'received']);
  });

  it('put the date under the reference and the municipality under the person when narrow, without the district', () => {
    expect(keys(44, false)).toEqual(['reference', 'person', 'category', 'urgency', 'stage']);
    expect(keys(63, true)).toEqual(['reference', 'person', 'category', 'urgency', 'stage']);
    const cols = listColumns(44, false);
    expect(cols.find((c) => c.key === 'reference')?.second).toBe('received');
    expect(cols.find((c) => c.key === 'person')?.second).toBe('municipality');
  });

  it('show every column at 1280 px (64 rem) when filtered to one district', () => {
    expect(keys(63.9, true)).toContain('municipality');
    expect(keys(63.9, false)).not.toContain('municipality');
  });

  it('fit the window minimum (960 px less the rail and margins: 44 rem) without scrolling', () => {
    expect(columnsWidth(listColumns(44, false))).toBeLessThanOrEqual(43.8);
  });

  it('never give the person column more than its share at 1920 px', () => {
    const cols = listColumns(104, true);
    const person = cols.find((c) => c.key === 'person')?.rem ?? 0;
    const share = (person / columnsWidth(cols)) * 104;
    expect(share).toBeLessThan(28);
    const muni = cols.find((c) => c.key === 'municipality')?.rem ?? 0;
    expect((muni / columnsWidth(cols)) * 104).toBeGreaterThan(12);
  });
});

describe('case filter', () => {
  it('defaults to the home district, newest first, 50 a page', () => {
    expect(toCaseFilter(initialListState('ØJP'))).toEqual({
      district_code: 'ØJP',
      sort: 'received_desc',
      offset: 0,
      limit: 50,
    });
  });

  it('leaves out "Alle" and adds every chosen filter', () => {
    const s = { ...initialListState(''), stage: 'screening', category: 'left_wing', urgency: 'acute', channel: 'referral', age: '15-17', offset: 100, sort: 'urgency' } as const;
    expect(toCaseFilter(s)).toEqual({
      stage: 'screening',
      category: 'left_wing',
      urgency: 'acute',
      channel: 'referral',
      age_min: 15,
      age_max: 17,
      sort: 'urgency',
      offset: 100,
      limit: 50,
    });
    expect(isFiltered(initialListState(''))).toBe(false);
    expect(isFiltered(s)).toBe(true);
  });
});

describe('paging text', () => {
  it('uses Danish thousands separators', () => {
    expect(formatCount(7)).toBe('7');
    expect(formatCount(10000)).toBe('10.000');
    expect(formatCount(1234567)).toBe('1.234.567');
  });

  it('says which rows are shown', () => {
    expect(pageSummary(0, 50, 10000)).toBe('Viser 1–50 af 10.000');
    expect(pageSummary(9950, 50, 10000)).toBe('Viser 9.951–10.000 af 10.000');
    expect(pageSummary(0, 3, 3)).toBe('Viser 1–3 af 3');
    expect(pageSummary(0, 0, 0)).toBe('Ingen sager');
  });

  it('knows the previous and next page', () => {
    expect(pageOffsets(0, 120)).toEqual({ prev: null, next: 50 });
    expect(pageOffsets(50, 120)).toEqual({ prev: 0, next: 100 });
    expect(pageOffsets(100, 120)).toEqual({ prev: 50, next: null });
    expect(pageOffsets(0, 50)).toEqual({ prev: null, next: null });
  });
});

describe('sorting', () => {
  it('toggles Modtaget and sets the others', () => {
    expect(nextSort('received_desc', 'received')).toBe('received_asc');
    expect(nextSort('received_asc', 'received')).toBe('received_desc');
    expect(nextSort('reference', 'received')).toBe('received_desc');
    expect(nextSort('received_desc', 'reference')).toBe('reference');
    expect(nextSort('received_desc', 'urgency')).toBe('urgency');
  });

  it('tells assistive technology how the list is sorted', () => {
    expect(ariaSort('received_desc', 'received')).toBe('descending');
    expect(ariaSort('received_asc', 'received')).toBe('ascending');
    expect(ariaSort('received_desc', 'reference')).toBeUndefined();
    expect(ariaSort('reference', 'reference')).toBe('ascending');
    expect(ariaSort('urgency', 'urgency')).toBe('descending');
    expect(ariaSort('urgency', 'received')).toBeUndefined();
  });
});

describe('history in Danish', () => {
  const entry = (field: string, old_value: string | null, new_value: string | null, reason: string | null = null): HistoryEntry => ({
    at: '2026-11-25T13:05:00Z',
    actor: 'Mette Holm',
    field,
    old_value,
    new_value,
    reason,
  });

  it('labels fields and translates values', () => {
    const l = describeHistory(entry('stage', 'new_concern', 'closed'), district);
    expect(l).toMatchObject({ label: 'Fase', kind: 'change', oldValue: 'Ny henvendelse', newValue: 'Afsluttet', actor: 'Mette Holm' });
    expect(describeHistory(entry('outcome', null, 'handed_to_police'), district)).toMatchObject({
      label: 'Udfald',
      oldValue: '—',
      newValue: 'Overgivet til politiet',
    });
    expect(historyValue('category', 'militant_islamism', district)).toBe('Militant islamisme');
    expect(historyValue('urgency', 'high', district)).toBe('Høj');
    expect(historyValue('gender', 'female', district)).toBe('Kvinde');
    expect(historyValue('police_flag', '1', district)).toBe('Ja');
    expect(historyValue('police_flag', '0', district)).toBe('Nej');
    expect(historyValue('birth_year', '2009', district)).toBe('2009');
  });

  it('shows action items and the meeting flag sensibly', () => {
    expect(describeHistory(entry('action_item', null, 'Samtale med skolen · Skole/PPR · frist 01.12.2026'), district)).toMatchObject({
      label: 'Opgave tilføjet',
      kind: 'added',
      newValue: 'Samtale med skolen · Skole/PPR · frist 01.12.2026',
    });
    expect(describeHistory(entry('action_item', 'Samtale med skolen · Skole/PPR', 'Udført'), district)).toMatchObject({
      label: 'Opgave',
      kind: 'change',
      oldValue: 'Samtale med skolen · Skole/PPR',
      newValue: 'Udført',
    });
    expect(describeHistory(entry('meeting_flag', 'ikke til møde', 'til møde'), district)).toMatchObject({
      label: 'Til møde',
      kind: 'change',
    });
  });

  it('lists indicators by name', () => {
    expect(historyValue('indicators', '["shares_propaganda","isolation"]', district)).toBe('Deler propaganda, Isolation');
    expect(historyValue('indicators', '[]', district)).toBe('Ingen');
  });

  it('names the infohus a case was forwarded to and keeps the reason', () => {
    const l = describeHistory(entry('forwarded_to', null, 'FYP', 'Familien er flyttet til Odense'), district);
    expect(l).toMatchObject({ label: 'Videresendt til', newValue: 'Infohus Fyn', reason: 'Familien er flyttet til Odense' });
  });

  it('marks creation and long text', () => {
    expect(describeHistory(entry('created', null, 'ØJP-2026-0042'), district)).toMatchObject({ label: 'Sag oprettet', kind: 'created' });
    expect(describeHistory(entry('description', 'a', 'b'), district).kind).toBe('long');
  });

  it('shows an unknown field as it is', () => {
    expect(describeHistory(entry('future_field', 'x', 'y'), district)).toMatchObject({ label: 'future_field', oldValue: 'x', newValue: 'y' });
  });
});

describe('case edits', () => {
  const detail: CaseDetail = {
    reference: 'ØJP-2026-0042',
    district_code: 'ØJP',
    stage: 'screening',
    pseudonym: 'J.K.',
    birth_year: 2009,
    municipality: 'Aarhus',
    category: 'right_wing',
    urgency: 'normal',
    channel: 'hotline',
    police_flag: false,
    received_at: '2026-11-25T13:05:00Z',
    updated_at: '2026-11-25T13:05:00Z',
    outcome: null,
    forwarded_to: null,
    caller: { type: 'parent' },
    gender: 'male',
    indicators: ['shares_propaganda', 'isolation'],
    description: 'Deler propaganda.',
    created_at: '2026-11-25T13:06:00Z',
    created_by: 'Mette Holm',
    meeting: false,
    notes: [],
    action_items: [],
    history: [],
    handovers: [],
  };
  const aarhus: Route = { municipality: 'Aarhus', police_district: { code: 'ØJP', name: 'Østjyllands Politi', infohus: 'Infohus Østjylland' } };
  const odense: Route = { municipality: 'Odense', police_district: { code: 'FYP', name: 'Fyns Politi', infohus: 'Infohus Fyn' } };

  it('sends nothing when nothing changed', () => {
    expect(editDiff(editDraftFrom(detail), detail)).toEqual({});
    expect(editDiff({ ...editDraftFrom(detail), indicators: ['isolation', 'shares_propaganda'] }, detail)).toEqual({});
  });

  it('sends only the changed fields, trimmed', () => {
    const d = { ...editDraftFrom(detail), pseudonym: ' JK ', birthYear: '2008', urgency: 'acute' as const, indicators: [] };
    expect(editDiff(d, detail)).toEqual({ pseudonym: 'JK', birth_year: 2008, urgency: 'acute', indicators: [] });
  });

  it('does not send a spelling variant of the same municipality', () => {
    expect(editDiff({ ...editDraftFrom(detail), municipality: 'Århus', route: aarhus }, detail)).toEqual({});
    expect(editDiff({ ...editDraftFrom(detail), municipality: 'Favrskov', route: null }, detail)).toEqual({ municipality: 'Favrskov' });
  });

  it('checks like intake, and knows what the server cannot do', () => {
    const ok = editErrors(editDraftFrom(detail), detail, 2026);
    expect(Object.values(ok).every((e) => e === null)).toBe(true);
    const bad = editErrors({ ...editDraftFrom(detail), pseudonym: '', birthYear: '', description: ' ', municipality: 'Odense', route: odense }, detail, 2026);
    expect(bad['subject.pseudonym']).toBe('Skriv initialer eller et pseudonym.');
    expect(bad['subject.birth_year']).toBe('Kan rettes, men ikke fjernes.');
    expect(bad.description).toBe('Beskriv bekymringen.');
    expect(bad['subject.municipality']).toBe('Odense hører under Infohus Fyn. Brug »Videresend« i stedet.');
  });
});
