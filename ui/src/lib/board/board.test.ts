import { describe, expect, it } from 'vitest';
import type { Stage } from '../bindings';
import { BOARD_COLUMNS, STAGE_MOVES } from '../generated/rules';
import { columnCountText, daysInStage, emptyFilter, filterChips, formatDay, isFiltered, staleText, withoutChip, wipText } from './filters';
import { ACTIVE_STAGES, FLOW, canDrop, neighbourStage, openActionsWarning, planMove } from './moves';
import { at, find, first, keepStop, moveKey, navigate } from './nav';

const cols = [['a1', 'a2', 'a3'], [], ['c1'], ['d1', 'd2', 'more:d']];
const key = (k: string, mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({ key: k, ...mods });

describe('board keyboard model', () => {
  it('walks a column with the up and down arrows, stopping at the ends', () => {
    expect(navigate(cols, { col: 0, row: 0 }, key('ArrowDown'))).toEqual({ col: 0, row: 1 });
    expect(navigate(cols, { col: 0, row: 2 }, key('ArrowDown'))).toEqual({ col: 0, row: 2 });
    expect(navigate(cols, { col: 0, row: 0 }, key('ArrowUp'))).toEqual({ col: 0, row: 0 });
  });

  it('skips empty columns sideways and keeps the row as far as it goes', () => {
    expect(navigate(cols, { col: 0, row: 2 }, key('ArrowRight'))).toEqual({ col: 2, row: 0 });
    expect(navigate(cols, { col: 2, row: 0 }, key('ArrowLeft'))).toEqual({ col: 0, row: 0 });
    expect(navigate(cols, { col: 0, row: 1 }, key('ArrowRight'))).toEqual({ col: 2, row: 0 });
    expect(navigate(cols, { col: 2, row: 0 }, key('ArrowRight'))).toEqual({ col: 3, row: 0 });
    expect(navigate(cols, { col: 3, row: 1 }, key('ArrowRight'))).toEqual({ col: 3, row: 1 });
  });

  it('Home/End go to the ends of the column; Ctrl+Home/End to the ends of the board', () => {
    expect(navigate(cols, { col: 3, row: 1 }, key('Home'))).toEqual({ col: 3, row: 0 });
    expect(navigate(cols, { col: 3, row: 0 }, key('End'))).toEqual({ col: 3, row: 2 });
    expect(navigate(cols, { col: 3, row: 1 }, key('Home', { ctrlKey: true }))).toEqual({ col: 0, row: 0 });
    expect(navigate(cols, { col: 0, row: 1 }, key('End', { ctrlKey: true }))).toEqual({ col: 3, row: 2 });
  });

  it('leaves other keys (Tab, Enter, letters, moves) to others', () => {
    for (const k of ['Tab', 'Enter', 'm', ' ']) expect(navigate(cols, { col: 0, row: 0 }, key(k))).toBeNull();
    expect(navigate(cols, { col: 0, row: 0 }, key('ArrowRight', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it('finds items and keeps the Tab stop when the board changes', () => {
    expect(find(cols, 'd2')).toEqual({ col: 3, row: 1 });
    expect(find(cols, 'zz')).toBeNull();
    expect(at(cols, first(cols))).toBe('a1');
    expect(first([[], []])).toBeNull();
    expect(keepStop(cols, 'c1', null)).toBe('c1');
    // The card left its column: the stop goes to what is now at its place.
    expect(keepStop([['a1', 'a3'], [], ['c1'], []], 'a2', { col: 0, row: 1 })).toBe('a3');
    expect(keepStop([['a1'], [], ['c1'], []], 'a3', { col: 0, row: 2 })).toBe('a1');
    expect(keepStop([[], [], ['c1'], []], 'a3', { col: 0, row: 2 })).toBe('c1');
    expect(keepStop([[], []], 'a3', null)).toBeNull();
  });

  it('moves a card with Ctrl+Shift+←/→ or "," and "."', () => {
    expect(moveKey(key('ArrowLeft', { ctrlKey: true, shiftKey: true }))).toBe(-1);
    expect(moveKey(key('ArrowRight', { ctrlKey: true, shiftKey: true }))).toBe(1);
    expect(moveKey(key(','))).toBe(-1);
    expect(moveKey(key('.'))).toBe(1);
    expect(moveKey(key('ArrowRight'))).toBeNull();
    expect(moveKey(key('ArrowRight', { ctrlKey: true }))).toBeNull();
    expect(moveKey(key('.', { altKey: true }))).toBeNull();
  });
});

describe('board moves follow the generated stage rules', () => {
  it('the active stages are the board columns before the archive', () => {
    expect(ACTIVE_STAGES).toEqual(['new_concern', 'screening', 'assessment', 'intervention', 'follow_up']);
    expect(FLOW.at(-1)).toBe('closed');
    expect(BOARD_COLUMNS).toContain('forwarded');
  });

  it('steps one stage left or right, with Afsluttet after Opfølgning', () => {
    expect(neighbourStage('new_concern', -1)).toBeNull();
    expect(neighbourStage('new_concern', 1)).toBe('screening');
    expect(neighbourStage('follow_up', 1)).toBe('closed');
    expect(neighbourStage('closed', 1)).toBeNull();
    expect(neighbourStage('closed', -1)).toBe('follow_up');
    expect(neighbourStage('forwarded', -1)).toBeNull();
  });

  it('asks for an outcome to close and a reason to reopen, as STAGE_MOVES says', () => {
    for (const from of BOARD_COLUMNS) {
      for (const to of BOARD_COLUMNS) {
        const rule = STAGE_MOVES[from][to];
        const plan = planMove(from as Stage, to as Stage);
        if (rule.kind === 'same') expect(plan.kind).toBe('none');
        else if (rule.kind === 'forwarding_only') expect(plan.kind).toBe('refused');
        else {
          expect(plan).toMatchObject({ kind: 'ask', reasonRequired: rule.reason_required, outcomeRequired: rule.outcome_required });
        }
        expect(canDrop(from as Stage, to as Stage)).toBe(rule.kind === 'allowed');
      }
    }
    expect(planMove('follow_up', 'closed')).toMatchObject({ outcomeRequired: true, reasonRequired: false });
    expect(planMove('closed', 'follow_up')).toMatchObject({ reasonRequired: true });
    const refused = planMove('screening', 'forwarded');
    expect(refused.kind === 'refused' && refused.message).toMatch(/videresende/u);
  });

  it('warns before closing with open action items', () => {
    expect(openActionsWarning(0)).toBeNull();
    expect(openActionsWarning(1)).toMatch(/en åben opgave/u);
    expect(openActionsWarning(3)).toMatch(/3 åbne opgaver/u);
  });
});

describe('board filter chips and texts', () => {
  it('shows one removable chip per active filter, labelled in Danish', () => {
    expect(filterChips(emptyFilter())).toEqual([]);
    expect(isFiltered(emptyFilter())).toBe(false);
    const f = { ...emptyFilter(), municipality: 'Aarhus', urgency: 'acute' as const, agency: 'ssp' as const, overdue: true, meeting: true, text: 'jk' };
    expect(filterChips(f).map((c) => c.label)).toEqual([
      'Tekst: »jk«',
      'Kommune: Aarhus',
      'Hastegrad: Akut',
      'Myndighed: SSP',
      'Har overskredne opgaver',
      'Til møde',
    ]);
    const less = withoutChip(withoutChip(f, 'overdue'), 'municipality');
    expect(less.overdue).toBe(false);
    expect(less.municipality).toBeNull();
    expect(filterChips(less)).toHaveLength(4);
    expect(isFiltered(less)).toBe(true);
  });

  it('writes due days the Danish way and counts days in the stage', () => {
    expect(formatDay('2026-12-01')).toBe('1. dec. 2026');
    expect(formatDay('2027-01-15')).toBe('15. jan. 2027');
    expect(daysInStage(12)).toBe('12 dage i fasen');
    expect(daysInStage(1)).toBe('1 dag i fasen');
    expect(staleText(45)).toBe('Uden bevægelse i 45 dage');
  });

  it('counts a column and shows its soft WIP limit as "12 / 10"', () => {
    expect(columnCountText(12, 12)).toBe('12 sager');
    expect(columnCountText(3, 12)).toBe('3 af 12 sager');
    expect(columnCountText(1, 1)).toBe('1 sag');
    expect(wipText(12, 10)).toBe('12 / 10');
    expect(wipText(12, null)).toBeNull();
  });
});
