import { describe, expect, it } from 'vitest';
import type { DirectoryEntry, ProposedAgenda } from '../bindings';
import {
  acceptProposal,
  actionFromDraft,
  attendanceOf,
  blankCaseItem,
  danishFields,
  draftOf,
  instantOf,
  meetingTitle,
  moveItem,
  decisionMissing,
  placeLabel,
  placeOf,
  planFromLast,
  participantRows,
  planErrors,
  planFromRecord,
  withAttendance,
  withPlan,
  type Draft,
} from './record';

const empty = (): Draft => draftOf({ held_at: '2026-12-09T14:00:00+01:00' });

describe('planning fields', () => {
  it('shows an instant in Copenhagen, winter and summer', () => {
    expect(danishFields('2026-12-09T13:00:00Z')).toEqual(['09.12.2026', '14.00']);
    expect(danishFields('2026-06-10T08:30:00Z')).toEqual(['10.06.2026', '10.30']);
    expect(danishFields(null)).toEqual(['', '']);
  });

  it('round-trips a record through the fields', () => {
    const plan = planFromRecord({
      held_at: '2026-12-09T14:00:00+01:00',
      place: 'Politigården',
      next_meeting_at: '2027-01-13T14:00:00+01:00',
    });
    expect(plan).toEqual({ date: '09.12.2026', time: '14.00', place: 'Politigården', nextDate: '13.01.2027', nextTime: '14.00' });
    const back = withPlan(empty(), plan);
    expect(back.held_at).toBe('2026-12-09T14:00:00+01:00');
    expect(back.next_meeting_at).toBe('2027-01-13T14:00:00+01:00');
    expect(back.place).toBe('Politigården');
  });

  it('reads summer time with its own offset', () => {
    expect(instantOf('10.06.2026', '10.30')).toBe('2026-06-10T10:30:00+02:00');
    expect(instantOf('31.02.2026', '10.30')).toBeNull();
  });

  it('names what is missing or wrong, field by field', () => {
    expect(planErrors({ date: '', time: '', place: '', nextDate: '', nextTime: '' })).toEqual({
      date: 'Angiv mødets dato, f.eks. 09.12.2026.',
      time: 'Angiv klokkeslættet, f.eks. 14.00.',
    });
    const wrong = planErrors({ date: '31.02.2026', time: '25.00', place: '', nextDate: '', nextTime: '' });
    expect(Object.keys(wrong).sort()).toEqual(['date', 'time']);
    expect(planErrors({ date: '09.12.2026', time: '14.00', place: '', nextDate: '13.01.2027', nextTime: '' })).toEqual({
      nextTime: 'Angiv klokkeslættet for næste møde.',
    });
    expect(planErrors({ date: '09.12.2026', time: '14.00', place: '', nextDate: '09.12.2026', nextTime: '13.00' })).toEqual({
      nextDate: 'Næste møde skal ligge efter dette møde.',
    });
    expect(planErrors({ date: '9.12.2026', time: '14', place: '', nextDate: '', nextTime: '' })).toEqual({});
  });

  it('leaves an empty place out', () => {
    const r = withPlan(empty(), { date: '09.12.2026', time: '14.00', place: '  ', nextDate: '', nextTime: '' });
    expect(r.place).toBeNull();
    expect(r.next_meeting_at).toBeNull();
  });
});

describe('participants', () => {
  const anna = { name: 'Anna Holm', organisation: 'Østjyllands Politi', role: 'Leder', email: 'anna@example.dk' };
  const lukasz = { name: 'Łukasz Nowak', organisation: 'Favrskov Kommune, SSP', role: null, email: null };

  it('sets, changes and removes attendance, in directory order', () => {
    let r = withAttendance(empty(), anna, 'present');
    r = withAttendance(r, lukasz, 'absent');
    expect(r.participants.map((p) => [p.name, p.present])).toEqual([
      ['Łukasz Nowak', false],
      ['Anna Holm', true],
    ]);
    expect(attendanceOf(r, { name: ' anna holm ', organisation: 'ØSTJYLLANDS POLITI' })).toBe('present');
    r = withAttendance(r, lukasz, 'present');
    expect(attendanceOf(r, lukasz)).toBe('present');
    expect(r.participants).toHaveLength(2);
    r = withAttendance(r, anna, 'none');
    expect(r.participants.map((p) => p.name)).toEqual(['Łukasz Nowak']);
  });

  it('shows the active directory and anyone the meeting names who has left it', () => {
    const dir: DirectoryEntry[] = [
      { id: 1, ...anna, retired: false },
      { id: 2, ...lukasz, retired: true },
      { id: 3, name: 'Bo Berg', organisation: 'Skole', role: null, email: null, retired: true },
    ];
    let r = withAttendance(empty(), lukasz, 'present');
    r = withAttendance(r, { name: 'Gone Person', organisation: 'X', role: null, email: null }, 'absent');
    expect(participantRows(dir, r).map((p) => p.name)).toEqual(['Anna Holm', 'Łukasz Nowak', 'Gone Person']);
  });
});

describe('agenda', () => {
  const proposal: ProposedAgenda = {
    cases: [
      { reference: 'ØJP-2026-0001', pseudonym: 'K.M.', municipality: 'Aarhus', reasons: ['Markeret til møde', 'Akut'], preselected: true },
      { reference: 'ØJP-2026-0002', pseudonym: 'A.B.', municipality: 'Favrskov', reasons: ['Ny sag'], preselected: false },
    ],
    free: ['Orientering fra SSP', 'Eventuelt'],
  };

  it('adds the chosen cases after the cases on the agenda and the standing items last, never twice', () => {
    const start = [blankCaseItem('ØJP-2026-0009', null), { kind: 'free' as const, title: 'Eventuelt', body: null }];
    const items = acceptProposal(start, proposal, new Set(['ØJP-2026-0001', 'ØJP-2026-0009']), new Set(['Eventuelt', 'Orientering fra SSP']));
    expect(items.map((i) => (i.kind === 'case' ? i.reference : i.title))).toEqual([
      'ØJP-2026-0009',
      'ØJP-2026-0001',
      'Eventuelt',
      'Orientering fra SSP',
    ]);
    expect(items[1]).toMatchObject({ kind: 'case', reason: 'Markeret til møde; Akut' });
  });

  it('moves an item and clamps at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 5, 0)).toEqual(['a', 'b', 'c']);
  });
});

describe('action items', () => {
  it('needs what, agency and a real deadline', () => {
    const bad = actionFromDraft({ what: ' ', agency: '', person: 'x'.repeat(200), due: '30.02.2027' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['agency', 'due', 'person', 'what']);
    expect(actionFromDraft({ what: 'Samtale', agency: 'ssp', person: ' ', due: '09.12.2026' })).toEqual({
      ok: true,
      value: { what: 'Samtale', agency: 'ssp', person: null, due: '2026-12-09' },
    });
  });
});

it('titles a meeting and an addendum', () => {
  expect(meetingTitle('23/2026')).toBe('Møde 23/2026');
  expect(meetingTitle('Tillæg 1 til 23/2026')).toBe('Tillæg 1 til møde 23/2026');
});

describe('where a problem sits', () => {
  it('points a path of the record at its tab, item and field', () => {
    expect(placeOf('items[2].outcome')).toEqual({ tab: 'recording', item: 2, focus: 'recording-outcome', label: 'Udfald' });
    expect(placeOf('items[0].new_information[1].text')?.focus).toBe('recording-note-1');
    expect(placeOf('items[4].actions[0].due')?.focus).toBe('recording-action-what');
    expect(placeOf('items[1].reference')?.focus).toBe('recording-item-title');
    expect(placeOf('held_at')).toEqual({ tab: 'plan', item: null, focus: 'meeting-date', label: 'Mødets tidspunkt' });
    expect(placeOf('participants[3].email')?.focus).toBe('meeting-participants-title');
    expect(placeOf('(dokument)')).toBeNull();
    const p = placeOf('items[2].outcome');
    expect(p && placeLabel(p)).toBe('Punkt 3: Udfald');
  });

  it('knows a case to be closed without its outcome', () => {
    const item = blankCaseItem('ØJP-2026-0001', null);
    expect(decisionMissing({ ...item, resulting_stage: 'closed' })).toBe('outcome');
    expect(decisionMissing({ ...item, resulting_stage: 'closed', outcome: 'completed' })).toBe(null);
    expect(decisionMissing({ ...item, resulting_stage: 'intervention' })).toBe(null);
    expect(decisionMissing({ ...item, resulting_stage: 'forwarded' })).toBe('forward_to');
    expect(decisionMissing({ ...item, resulting_stage: 'forwarded', forward_to: 'FYP' })).toBe(null);
  });
});

describe('the next meeting from the last', () => {
  const m = (number: string, held_at: string, next: string | null, place: string | null = 'Politigården') => ({
    number,
    held_at,
    place,
    next_meeting_at: next,
  });
  const now = Date.parse('2026-11-26T09:00:00Z');
  it('takes the last meeting’s next meeting and place', () => {
    const plan = planFromLast(
      [m('1/2026', '2026-11-11T13:00:00Z', '2026-11-25T13:00:00Z'), m('2/2026', '2026-11-25T13:00:00Z', '2026-12-09T13:00:00Z')],
      now,
    );
    expect(plan).toEqual({ date: '09.12.2026', time: '14.00', place: 'Politigården', nextDate: '', nextTime: '' });
  });
  it('offers nothing without a next meeting, or one long past; addenda do not count', () => {
    expect(planFromLast([m('1/2026', '2026-11-11T13:00:00Z', null)], now)).toBeNull();
    expect(planFromLast([m('1/2026', '2026-11-11T13:00:00Z', '2026-11-25T13:00:00Z')], now)?.date).toBe('25.11.2026');
    expect(planFromLast([m('1/2026', '2026-09-11T13:00:00Z', '2026-09-25T13:00:00Z')], now)).toBeNull();
    expect(
      planFromLast([m('1/2026', '2026-11-11T13:00:00Z', '2026-12-09T13:00:00Z'), m('Tillæg 1 til 1/2026', '2026-11-30T13:00:00Z', null)], now)
        ?.date,
    ).toBe('09.12.2026');
  });
});
