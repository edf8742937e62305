/**
 * »Send …« in Overdragelse's list opens the case panel with its »Send forseglet« form: the case
 * whose form should open when its panel has loaded (taken once).
 */
let pending = $state<string | null>(null);

export function openHandoverFor(reference: string): void {
  pending = reference;
}

/** True once for the case the form was asked for. */
export function takeHandoverRequest(reference: string): boolean {
  if (pending !== reference) return false;
  pending = null;
  return true;
}
