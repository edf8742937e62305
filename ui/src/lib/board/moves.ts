// Which stage a card moves to by keyboard, and what the move needs: the generated stage rules
// (STAGE_MOVES through moveRule), never a copy. The core checks every move again.
import type { BoardCard, Outcome, Stage } from '../bindings';
import { BOARD_COLUMNS, LABELS } from '../generated/rules';
import { moveRule, stageLabel } from '../stages';

/** The active stages, in flow order (the board's working columns). */
export const ACTIVE_STAGES: readonly Stage[] = BOARD_COLUMNS.filter((s) => s !== 'closed' && s !== 'forwarded');

/** The stages a card steps through with the move keys: the active ones, then Afsluttet. */
export const FLOW: readonly Stage[] = [...ACTIVE_STAGES, 'closed'];

/** The outcomes, in the generated order. */
export const OUTCOMES = Object.keys(LABELS.outcome) as Outcome[];

/** The stage one step left (-1) or right (1) of `stage` on the board, or null at an end. */
export function neighbourStage(stage: Stage, dir: -1 | 1): Stage | null {
  const i = FLOW.indexOf(stage);
  if (i < 0) return null; // a forwarded case is taken back in the case panel
  return FLOW[i + dir] ?? null;
}

export type MovePlan =
  | { kind: 'none' }
  | { kind: 'refused'; message: string }
  | { kind: 'ask'; from: Stage; to: Stage; reasonRequired: boolean; outcomeRequired: boolean };

/** What moving from `from` to `to` takes: nothing (same), a refusal, or the move dialog. */
export function planMove(from: Stage, to: Stage): MovePlan {
  const rule = moveRule(from, to);
  switch (rule.kind) {
    case 'same':
      return { kind: 'none' };
    case 'forwarding_only':
      return {
        kind: 'refused',
        message: `En sag kan kun flyttes til ${stageLabel(to)} ved at videresende den fra sagspanelet.`,
      };
    case 'allowed':
      return { kind: 'ask', from, to, reasonRequired: rule.reason_required, outcomeRequired: rule.outcome_required };
  }
}

/** Whether a card from `from` may be dropped on column `to` (drag feedback only). */
export function canDrop(from: Stage, to: Stage): boolean {
  return moveRule(from, to).kind === 'allowed';
}

/** "Sagen har 2 åbne opgaver …" before closing, or null. */
export function openActionsWarning(open: number): string | null {
  if (open <= 0) return null;
  const n = open === 1 ? 'en åben opgave' : `${open} åbne opgaver`;
  return `Sagen har stadig ${n}. De forbliver åbne, når sagen afsluttes.`;
}

/** What the move dialog shows of the case being moved (a board card, or the case panel's case). */
export type MovingCase = Pick<BoardCard, 'reference' | 'stage' | 'pseudonym' | 'open_actions'>;

/** A move waiting for the dialog (reason, outcome). */
export interface MoveRequest {
  card: MovingCase;
  to: Stage;
  reasonRequired: boolean;
  outcomeRequired: boolean;
}
