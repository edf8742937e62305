// The generated commands (./bindings.ts) are the one place the UI invokes Tauri: every failure
// reaches the caller as a CommandError, also Tauri's plain-string rejection of bad arguments.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.hoisted(() => vi.fn());
vi.mock('@tauri-apps/api/core', () => ({ invoke }));

const listen = vi.hoisted(() => vi.fn());
vi.mock('@tauri-apps/api/event', () => ({ listen, once: vi.fn(), emit: vi.fn(), emitTo: vi.fn() }));

import { commands, type CaseFilter } from './bindings';
import { changes, subscribeToChanges, version } from './changes.svelte';
import { INVALID_ARGUMENTS_MESSAGE, UNEXPECTED_ERROR_MESSAGE } from './errors';

const FILTER: CaseFilter = { sort: 'received_desc', offset: 0, limit: 50 };

describe('generated commands', () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it('invoke the command by name with camelCase arguments and resolve with its result', async () => {
    invoke.mockResolvedValueOnce({ state: 'needs_setup' });
    await expect(commands.appState()).resolves.toEqual({ state: 'needs_setup' });
    expect(invoke).toHaveBeenCalledWith('app_state');

    invoke.mockResolvedValueOnce({ reference: 'ØJP-2026-0001' });
    await commands.forwardCase('ØJP-2026-0001', 'NJP', 'Flyttet');
    expect(invoke).toHaveBeenLastCalledWith('forward_case', {
      reference: 'ØJP-2026-0001',
      toDistrict: 'NJP',
      reason: 'Flyttet',
    });
  });

  it("throw the command's own CommandError as it is", async () => {
    const error = { code: 'not_found', message: 'Sagen findes ikke.', field: null };
    invoke.mockRejectedValueOnce(error);
    await expect(commands.getCase('X')).rejects.toEqual(error);
  });

  it("throw Tauri's rejection of an argument as an invalid_input CommandError", async () => {
    // Tauri 2's own texts, as the app rejects them (checked against the running app).
    invoke.mockRejectedValueOnce(
      'invalid args `filter` for command `list_cases`: unknown field `colour`, expected one of `stage`, ' +
        '`district_code`, `category`, `urgency`, `channel`, `age_min`, `age_max`, `sort`, `offset`, `limit`',
    );
    await expect(commands.listCases(FILTER)).rejects.toEqual({
      code: 'invalid_input',
      message: INVALID_ARGUMENTS_MESSAGE,
      field: null,
    });

    invoke.mockRejectedValueOnce(
      'invalid args `body` for command `add_case_note`: command add_case_note missing required key body',
    );
    await expect(commands.addCaseNote('ØJP-2026-0001', '')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('throw any other rejection as an unexpected CommandError', async () => {
    invoke.mockRejectedValueOnce('plugin:x not allowed. Command not found');
    await expect(commands.board({ shown: {} })).rejects.toEqual({
      code: 'unexpected',
      message: UNEXPECTED_ERROR_MESSAGE,
      field: null,
    });
  });
});

describe('data changes', () => {
  it('count each kind a DataChanged event names until unsubscribed', async () => {
    const unlisten = vi.fn();
    let handler: ((event: { payload: unknown }) => void) | undefined;
    listen.mockImplementationOnce((name: string, cb: (event: { payload: unknown }) => void) => {
      expect(name).toBe('data-changed');
      handler = cb;
      return Promise.resolve(unlisten);
    });
    const stop = subscribeToChanges();
    await Promise.resolve();
    const board = version('cases', 'action_items', 'board_settings');
    const meetings = version('meetings');
    handler?.({ payload: { what: ['cases', 'action_items'] } });
    // One event moves a view's version once per kind it names, and no other view's.
    expect(version('cases', 'action_items', 'board_settings')).toBe(board + 2);
    expect(version('meetings')).toBe(meetings);
    handler?.({ payload: { what: ['meetings'] } });
    expect(version('meetings')).toBe(meetings + 1);
    expect(version('cases', 'action_items', 'board_settings')).toBe(board + 2);
    // A new or unlocked store moves every view.
    handler?.({ payload: { what: ['store'] } });
    expect(version('meetings')).toBe(meetings + 2);
    expect(changes.store).toBeGreaterThan(0);
    await Promise.resolve();
    stop();
    expect(unlisten).toHaveBeenCalled();
  });
});
