// The case list's filters, sort and page live here, so that the list is where the coordinator
// left it after a look at the board or an intake.

import type { CasePage } from '../bindings';
import { initialListState, type ListState } from './list';

interface ListView {
  state: ListState | null;
  page: CasePage | null;
}

export const listView: ListView = $state({ state: null, page: null });

/** The list state, created on first use with the coordinator's home district as filter. */
export function ensureListState(homeDistrict: string): ListState {
  if (listView.state === null) listView.state = initialListState(homeDistrict);
  return listView.state;
}
