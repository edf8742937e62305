// One typed wrapper per Tauri command. The types are generated from Rust (ts-rs) into ./bindings.
// A failed command rejects with a CommandError ({ code, message, field }); see ./errors.ts.
import { invoke } from '@tauri-apps/api/core';
import type { AppState } from './bindings/AppState';
import type { Board } from './bindings/Board';
import type { PoliceDistrict } from './bindings/PoliceDistrict';
import type { Profile } from './bindings/Profile';
import type { SetupResult } from './bindings/SetupResult';

export const appState = (): Promise<AppState> => invoke<AppState>('app_state');

export const policeDistricts = (): Promise<PoliceDistrict[]> => invoke<PoliceDistrict[]>('police_districts');

export const setupStore = (profile: Profile): Promise<SetupResult> => invoke<SetupResult>('setup_store', { profile });

export const unlockWithRecoveryCode = (code: string): Promise<Profile> =>
  invoke<Profile>('unlock_with_recovery_code', { code });

export const board = (): Promise<Board> => invoke<Board>('board');
