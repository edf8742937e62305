import type { CommandError } from './bindings';

/** Shown when something other than a CommandError rejects (should not happen in the app). */
export const UNEXPECTED_ERROR_MESSAGE = 'Der opstod en uventet fejl. Intet er gemt; prøv igen.';

/** Shown when Tauri refuses a command's arguments before the command runs (a bug in the UI). */
export const INVALID_ARGUMENTS_MESSAGE = 'Oplysningerne kunne ikke modtages i det forventede format. Intet er gemt; prøv igen.';

/**
 * Tauri's plain-string rejection when an argument does not deserialise or is missing
 * ("invalid args `filter` for command `list_cases`: …", "command x missing required key y").
 */
const INVALID_ARGUMENTS = /^(invalid args `[^`]*` for command `[^`]*`|command \S+ missing required key \S+)/u;

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

/**
 * Whatever a command rejected with, as a CommandError whose message can be shown as is. The
 * generated `commands.*` (./bindings.ts) already throw what this returns; call sites use it
 * again to get a typed value from `catch (e)`.
 */
export function toCommandError(reason: unknown): CommandError {
  if (isCommandError(reason)) {
    return { code: reason.code, message: reason.message, field: reason.field ?? null };
  }
  if (typeof reason === 'string' && INVALID_ARGUMENTS.test(reason)) {
    return { code: 'invalid_input', message: INVALID_ARGUMENTS_MESSAGE, field: null };
  }
  return { code: 'unexpected', message: UNEXPECTED_ERROR_MESSAGE, field: null };
}
