import type { Stage } from './bindings';
import { LABELS, STAGE_MOVES } from './generated/rules';

/** Danish labels for the case stages, generated from Rust. */
export const STAGE_LABELS: Record<Stage, string> = LABELS.stage;

/** What moving a case from `from` to `to` requires (the Rust rules; the core checks again). */
export function moveRule(from: Stage, to: Stage): (typeof STAGE_MOVES)[Stage][Stage] {
  return STAGE_MOVES[from][to];
}

export function stageLabel(stage: Stage): string {
  return STAGE_LABELS[stage];
}

/** "0 sager", "1 sag", "3 sager" — a column's count. */
export function caseCountShort(n: number): string {
  return n === 1 ? '1 sag' : `${n} sager`;
}

/** A board column's count: "3 sager", or "30 af 512 sager" when only the latest are shown. */
export function columnCount(shown: number, total: number): string {
  return total > shown ? `${shown} af ${caseCountShort(total)}` : caseCountShort(shown);
}

/** "Ingen sager", "1 sag", "3 sager". */
export function caseCount(n: number): string {
  if (n === 0) return 'Ingen sager';
  return n === 1 ? '1 sag' : `${n} sager`;
}
