import { describe, expect, it } from 'vitest';
import type { Stage } from '../bindings';
import { BOARD_COLUMNS } from '../generated/rules';
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

/**
 * The stage rules written out by hand from `move_rule` in src-tauri/core/src/cases/stage.rs, pair
 * by pair, so the test does not read the table it tests (STAGE_MOVES):
 * - to Videresendt only by forwarding (from the case panel), from every stage, itself too;
 * - to the same stage: nothing to do, except Afsluttet → Afsluttet, which corrects the outcome;
 * - to Afsluttet: an outcome is required;
 * - from Afsluttet or Videresendt to another stage: a reason is required (reopened, taken back).
 */
type Expected = 'same' | 'forward-only' | 'move' | 'outcome' | 'reason' | 'reason+outcome';

const STAGES = ['new_concern', 'screening', 'assessment', 'intervention', 'follow_up', 'closed', 'forwarded'] as const;

const EXPECTED: Record<Stage, Record<Stage, Expected>> = {
  new_concern: {
    new_concern: 'same', screening: 'move', assessment: 'move', intervention: 'move',
    follow_up: 'move', closed: 'outcome', forwarded: 'forward-only',
  },
  screening: {
    new_concern: 'move', screening: 'same', assessment: 'move', intervention: 'move',
    follow_up: 'move', closed: 'outcome', forwarded: 'forward-only',
  },
  assessment: {
    new_concern: 'move', screening: 'move', assessment: 'same', intervention: 'move',
    follow_up: 'move', closed: 'outcome', forwarded: 'forward-only',
  },
  intervention: {
    new_concern: 'move', screening: 'move', assessment: 'move', intervention: 'same',
    follow_up: 'move', closed: 'outcome', forwarded: 'forward-only',
  },
  follow_up: {
    new_concern: 'move', screening: 'move', assessment: 'move', intervention: 'move',
    follow_up: 'same', closed: 'outcome', forwarded: 'forward-only',
  },
  closed: {
    new_concern: 'reason', screening: 'reason', assessment: 'reason', intervention: 'reason',
    follow_up: 'reason', closed: 'outcome', forwarded: 'forward-only',
  },
  forwarded: {
    new_concern: 'reason', screening: 'reason', assessment: 'reason', intervention: 'reason',
    follow_up: 'reason', closed: 'reason+outcome', forwarded: 'forward-only',
  },
};

describe('board moves follow the stage rules', () => {
  it('the active stages are the board columns before the archive', () => {
    expect(ACTIVE_STAGES).toEqual(['new_concern', 'screening', 'assessment', 'intervention', 'follow_up']);
    expect(FLOW.at(-1)).toBe('closed');
    expect(BOARD_COLUMNS).toEqual(STAGES);
  });

  it('steps one stage left or right, with Afsluttet after Opfølgning', () => {
    expect(neighbourStage('new_concern', -1)).toBeNull();
    expect(neighbourStage('new_concern', 1)).toBe('screening');
    expect(neighbourStage('follow_up', 1)).toBe('closed');
    expect(neighbourStage('closed', 1)).toBeNull();
    expect(neighbourStage('closed', -1)).toBe('follow_up');
    expect(neighbourStage('forwarded', -1)).toBeNull();
  });

  it.each(STAGES.flatMap((from) => STAGES.map((to) => [from, to, EXPECTED[from][to]] as const)))(
    '%s → %s: %s',
    (from, to, expected) => {
      const plan = planMove(from, to);
      switch (expected) {
        case 'same':
          expect(plan).toEqual({ kind: 'none' });
          break;
        case 'forward-only':
          expect(plan.kind).toBe('refused');
          expect(plan.kind === 'refused' && plan.message).toMatch(/videresende/u);
          break;
        default:
          expect(plan).toEqual({
            kind: 'ask',
            from,
            to,
            reasonRequired: expected === 'reason' || expected === 'reason+outcome',
            outcomeRequired: expected === 'outcome' || expected === 'reason+outcome',
          });
      }
      // A card can be dropped exactly where the move is allowed (the dialog then asks what it needs).
      expect(canDrop(from, to)).toBe(expected !== 'same' && expected !== 'forward-only');
    },
  );

  it('the hand-written table covers every pair of stages', () => {
    expect(Object.keys(EXPECTED)).toEqual([...STAGES]);
    for (const from of STAGES) expect(Object.keys(EXPECTED[from])).toEqual([...STAGES]);
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
