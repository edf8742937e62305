import { describe, expect, it } from 'vitest';
import type { ActionItem, Agency } from '../bindings';
import {
  AGENCY_LABELS,
  ACTION_STATUS_LABELS,
  dueGroup,
  flatten,
  groupActions,
  indexAfterRemoval,
  rowKey,
  statusMessage,
  validateDue,
  validatePerson,
  validateWhat,
} from './actions';

let nextId = 1;
function item(due: string, agency: Agency = 'police', extra: Partial<ActionItem> = {}): ActionItem {
  return {
    id: nextId++,
    reference: 'ØJP-2026-0001',
    what: `Opgave ${due}`,
    agency,
    person: null,
    due,
    status: 'open',
    status_at: null,
    status_by: null,
    created_at: '2026-11-01T10:00:00.000Z',
    created_by: 'Mette Sørensen',
    overdue: false,
    ...extra,
  };
}

// Wednesday 25 November 2026, ISO week 48 (Monday 23 – Sunday 29).
const TODAY = '2026-11-25';

describe('labels from Rust', () => {
  it('has the Danish agency and status names', () => {
    expect(AGENCY_LABELS.police).toBe('Politi');
    expect(AGENCY_LABELS.employment).toBe('Beskæftigelse/Integration');
    expect(AGENCY_LABELS.school).toBe('Skole/PPR');
    expect(ACTION_STATUS_LABELS.open).toBe('Åben');
    expect(ACTION_STATUS_LABELS.done).toBe('Udført');
    expect(ACTION_STATUS_LABELS.cancelled).toBe('Annulleret');
  });
});

describe('the Opgaver view grouping', () => {
  it('puts each item in overdue, this week or later', () => {
    expect(dueGroup(item('2026-11-24'), TODAY)).toBe('overdue');
    expect(dueGroup(item('2026-11-25'), TODAY)).toBe('week'); // due today is not overdue yet
    expect(dueGroup(item('2026-11-29'), TODAY)).toBe('week'); // Sunday ends the week
    expect(dueGroup(item('2026-11-30'), TODAY)).toBe('later');
    expect(dueGroup(item('2026-11-26', 'police', { overdue: true }), TODAY)).toBe('overdue'); // the core's word counts
  });

  it('groups by due, then by agency in the rules’ order, and titles this week with its ISO week', () => {
    const items = [
      item('2026-12-10', 'school'),
      item('2026-11-20', 'ssp', { overdue: true }),
      item('2026-11-27', 'school'),
      item('2026-11-26', 'police'),
      item('2026-11-02', 'police', { overdue: true }),
      item('2026-11-28', 'police'),
      item('2026-11-20', 'police', { status: 'done' }),
    ];
    const groups = groupActions(items, TODAY);
    expect(groups.map((g) => g.title)).toEqual(['Overskredet', 'Denne uge · uge 48', 'Senere']);
    expect(groups.map((g) => g.count)).toEqual([2, 3, 1]);
    expect(groups[0]?.agencies.map((a) => a.label)).toEqual(['Politi', 'SSP']);
    expect(groups[1]?.agencies.map((a) => [a.label, a.items.map((i) => i.due)])).toEqual([
      ['Politi', ['2026-11-26', '2026-11-28']],
      ['Skole/PPR', ['2026-11-27']],
    ]);
    expect(flatten(groups).map((i) => i.due)).toEqual([
      '2026-11-02',
      '2026-11-20',
      '2026-11-26',
      '2026-11-28',
      '2026-11-27',
      '2026-12-10',
    ]);
  });

  it('leaves empty groups out, and names week 53 and week 1 around New Year', () => {
    expect(groupActions([], TODAY)).toEqual([]);
    expect(groupActions([item('2026-12-31')], '2026-12-28')[0]?.title).toBe('Denne uge · uge 53');
    expect(groupActions([item('2027-01-05')], '2027-01-04')[0]?.title).toBe('Denne uge · uge 1');
    // Friday 1 January 2027 is still in week 53, which ends Sunday 3 January.
    expect(dueGroup(item('2027-01-03'), '2027-01-01')).toBe('week');
    expect(dueGroup(item('2027-01-04'), '2027-01-01')).toBe('later');
  });
});

describe('the list keyboard model', () => {
  const k = (key: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
    key,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    ...mods,
  });

  it('moves with arrows, j/k, Home and End, stopping at the ends', () => {
    expect(rowKey(k('ArrowDown'), 0, 3)).toEqual({ kind: 'focus', index: 1 });
    expect(rowKey(k('j'), 2, 3)).toEqual({ kind: 'focus', index: 2 });
    expect(rowKey(k('ArrowUp'), 0, 3)).toEqual({ kind: 'focus', index: 0 });
    expect(rowKey(k('k'), 2, 3)).toEqual({ kind: 'focus', index: 1 });
    expect(rowKey(k('Home'), 2, 3)).toEqual({ kind: 'focus', index: 0 });
    expect(rowKey(k('End'), 0, 3)).toEqual({ kind: 'focus', index: 2 });
  });

  it('opens with Enter, marks done with d and cancels with a', () => {
    expect(rowKey(k('Enter'), 0, 3)).toEqual({ kind: 'open' });
    expect(rowKey(k('d'), 0, 3)).toEqual({ kind: 'done' });
    expect(rowKey(k('a'), 0, 3)).toEqual({ kind: 'cancel' });
  });

  it('leaves modified keys, other keys and empty lists alone', () => {
    expect(rowKey(k('d', { ctrlKey: true }), 0, 3)).toBeNull();
    expect(rowKey(k('1', { altKey: true }), 0, 3)).toBeNull();
    expect(rowKey(k('x'), 0, 3)).toBeNull();
    expect(rowKey(k('ArrowDown'), 0, 0)).toBeNull();
  });

  it('keeps focus in place after a row leaves', () => {
    expect(indexAfterRemoval(1, 3)).toBe(1);
    expect(indexAfterRemoval(3, 3)).toBe(2);
    expect(indexAfterRemoval(0, 0)).toBe(-1);
  });

  it('says what happened', () => {
    expect(statusMessage({ what: 'Indkald', reference: 'ØJP-2026-0042' }, 'done')).toBe(
      'Opgaven »Indkald« (ØJP-2026-0042) er markeret udført.',
    );
    expect(statusMessage({ what: 'Indkald', reference: 'ØJP-2026-0042' }, 'cancelled')).toContain('annulleret');
  });
});

describe('the new action item form', () => {
  it('checks what, person and due date in Danish', () => {
    expect(validateWhat('')).toBe('Skriv hvad der skal gøres.');
    expect(validateWhat('Samtale med skolen')).toBeNull();
    expect(validateWhat('x'.repeat(301))).toBe('Opgaven må højst være 300 tegn (nu 301).');
    expect(validateWhat('Ring 010203-1234')).toContain('CPR');
    expect(validatePerson('')).toBeNull();
    expect(validatePerson('Lone (SSP)')).toBeNull();
    expect(validateDue('')).toContain('Angiv en frist');
    expect(validateDue('01.12.2026')).toBeNull();
    expect(validateDue('30.02.2026')).toBe('Datoen findes ikke: februar 2026 har 28 dage.');
  });
});
