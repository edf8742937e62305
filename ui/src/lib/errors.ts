import type { CommandError } from './bindings/CommandError';

/** Shown when something other than a CommandError rejects (should not happen in the app). */
export const UNEXPECTED_ERROR_MESSAGE = 'Der opstod en uventet fejl. Intet er gemt; prøv igen.';

/** True for the `{ code, message, field }` object a failed Tauri command rejects with. */
export function isCommandError(value: unknown): value is CommandError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['code'] === 'string' &&
    typeof v['message'] === 'string' &&
    (v['field'] === null || v['field'] === undefined || typeof v['field'] === 'string')
  );
}

/** Whatever a command rejected with, as a CommandError whose message can be shown as is. */
export function toCommandError(reason: unknown): CommandError {
  if (isCommandError(reason)) {
    return { code: reason.code, message: reason.message, field: reason.field ?? null };
  }
  return { code: 'unexpected', message: UNEXPECTED_ERROR_MESSAGE, field: null };
}
