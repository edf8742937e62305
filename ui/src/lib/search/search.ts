// The search box's timing and its status line, as pure functions (tested in search.test.ts).

/** Fewer characters than this do not search. */
export const MIN_QUERY = 2;
/** Wait this long after the last keystroke before asking the server (ms). */
export const SEARCH_DELAY = 150;
/** The server returns at most this many hits. */
export const MAX_HITS = 50;

/**
 * The line above the results.
 * @param searched the query the shown hits belong to (null before the first answer)
 */
export function searchStatus(
  query: string,
  searched: string | null,
  hits: number,
  loading: boolean,
  error: string | null,
): string {
  const q = query.trim();
  if (q.length < MIN_QUERY) return `Skriv mindst ${MIN_QUERY} tegn.`;
  if (error !== null) return error;
  if (searched !== query || loading) return 'Søger …';
  if (hits === 0) return `Ingen sager matcher »${q}«.`;
  const keys = '↑↓ vælger, Enter åbner';
  if (hits === 1) return `1 sag · ${keys}`;
  if (hits >= MAX_HITS) return `De ${MAX_HITS} bedste resultater · ${keys}`;
  return `${hits} sager · ${keys}`;
}
