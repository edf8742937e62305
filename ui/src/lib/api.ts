// One typed wrapper per Tauri command. The types are generated from Rust (ts-rs) into ./bindings.
// A failed command rejects with a CommandError ({ code, message, field }); see ./errors.ts.
// Tauri maps the camelCase argument names here to the commands' snake_case parameters.
import { invoke } from '@tauri-apps/api/core';
import type { AppState } from './bindings/AppState';
import type { Board } from './bindings/Board';
import type { CaseDetail } from './bindings/CaseDetail';
import type { CaseEdit } from './bindings/CaseEdit';
import type { CaseFilter } from './bindings/CaseFilter';
import type { CasePage } from './bindings/CasePage';
import type { IntakeReceipt } from './bindings/IntakeReceipt';
import type { IntakeReport } from './bindings/IntakeReport';
import type { Note } from './bindings/Note';
import type { PoliceDistrict } from './bindings/PoliceDistrict';
import type { Profile } from './bindings/Profile';
import type { Route } from './bindings/Route';
import type { SearchHit } from './bindings/SearchHit';
import type { SetupResult } from './bindings/SetupResult';

export const appState = (): Promise<AppState> => invoke<AppState>('app_state');

export const policeDistricts = (): Promise<PoliceDistrict[]> => invoke<PoliceDistrict[]>('police_districts');

export const setupStore = (profile: Profile): Promise<SetupResult> => invoke<SetupResult>('setup_store', { profile });

export const unlockWithRecoveryCode = (code: string): Promise<Profile> =>
  invoke<Profile>('unlock_with_recovery_code', { code });

export const board = (): Promise<Board> => invoke<Board>('board');

/** Up to 8 municipalities whose (Danish-folded) name starts with, then contains, the text. */
export const completeMunicipality = (prefix: string): Promise<Route[]> =>
  invoke<Route[]>('complete_municipality', { prefix });

/** The municipality and police district for a typed name; rejects (field "municipality") if unknown. */
export const routeMunicipality = (name: string): Promise<Route> => invoke<Route>('route_municipality', { name });

export const submitIntake = (report: IntakeReport): Promise<IntakeReceipt> =>
  invoke<IntakeReceipt>('submit_intake', { report });

export const listCases = (filter: CaseFilter): Promise<CasePage> => invoke<CasePage>('list_cases', { filter });

/** One case with notes and history (the read is audit-logged). */
export const getCase = (reference: string): Promise<CaseDetail> => invoke<CaseDetail>('get_case', { reference });

export const addCaseNote = (reference: string, body: string): Promise<Note> =>
  invoke<Note>('add_case_note', { reference, body });

/** Changes only the fields present in `edit`; closing needs an outcome. */
export const updateCase = (reference: string, edit: CaseEdit): Promise<CaseDetail> =>
  invoke<CaseDetail>('update_case', { reference, edit });

export const forwardCase = (reference: string, toDistrict: string, reason: string): Promise<CaseDetail> =>
  invoke<CaseDetail>('forward_case', { reference, toDistrict, reason });

/** The 50 best matches (Danish-aware, over cases and notes). */
export const searchCases = (query: string): Promise<SearchHit[]> => invoke<SearchHit[]>('search_cases', { query });
