// Data changes have one mechanism: after every command whose writes committed, the shell emits
// one `DataChanged` event naming the kinds of data they changed (derived in the core from the
// audit events it committed: `AuditEvent::changes`). Frame subscribes once while it is shown;
// each view reads `version(…)` of the kinds it shows in its load effect, so it reloads once when
// one of them changed and never for the others (an autosave of a meeting reloads no board).
import { events, type DataChanged, type DataKind } from './bindings';

/** How often the shell has reported each kind of data changed. */
export const changes = $state<Record<DataKind, number>>({
  store: 0,
  cases: 0,
  action_items: 0,
  board_settings: 0,
  meetings: 0,
  directory: 0,
  meeting_settings: 0,
  screen_settings: 0,
  peers: 0,
});

/** Records one change: the views reading `version` of one of its kinds reload. */
export function recordChange(change: DataChanged): void {
  for (const kind of new Set(change.what)) changes[kind] += 1;
}

/**
 * A number that moves whenever one of these kinds of data (or the whole store) changed: a view
 * reads it in its load effect. Reading it subscribes to exactly these kinds.
 */
export function version(...kinds: DataKind[]): number {
  let n = changes.store;
  for (const kind of kinds) n += changes[kind];
  return n;
}

/** Listens for `DataChanged` until the returned function is called. */
export function subscribeToChanges(): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  events.dataChanged
    .listen((event) => recordChange(event.payload))
    .then((stop) => {
      if (stopped) stop();
      else unlisten = stop;
    })
    .catch((e: unknown) => console.error('Tovholder: cannot listen for data changes', e));
  return () => {
    stopped = true;
    unlisten?.();
  };
}

/**
 * Counts a view's loads on the page's root element (`data-loads-board="3"`): no data, only how
 * often each view asked the core, so the end-to-end tests can check that one change makes one
 * load and that changes to other data make none.
 */
export function countLoad(view: 'board' | 'cases' | 'actions' | 'meetings' | 'directory'): void {
  const key = `loads${view[0]!.toUpperCase()}${view.slice(1)}`;
  const root = document.documentElement.dataset;
  root[key] = String(Number(root[key] ?? '0') + 1);
}
