// Data changes have one mechanism: after every successful write (setup, unlock, intake, note,
// case change, forwarding) the shell emits one `DataChanged` event. Frame subscribes once while
// it is shown; the views that show cases (Board, CaseList) read `changes.count` in their load
// effect, so they reload whenever it moves.
import { events, type DataChanged } from './bindings';

/** How many changes the shell has reported, and the last one. */
export const changes = $state<{ count: number; last: DataChanged | null }>({ count: 0, last: null });

/** Records one change: the views reading `changes.count` reload. */
export function recordChange(change: DataChanged): void {
  changes.last = change;
  changes.count += 1;
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
