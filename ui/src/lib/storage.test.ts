// The window keeps nothing of a case on disk (#17 §3): no web storage, no IndexedDB, no Cache API
// anywhere in the UI's source. The web view's own data folder then holds nothing worth reading;
// tests/tests/nothing_left_behind.rs checks the files themselves.

import { describe, expect, it } from 'vitest';

const sources = Object.entries(
  import.meta.glob(['../**/*.ts', '../**/*.svelte', '!../**/*.test.ts', '!../lib/generated/**'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>,
);

describe('the UI keeps nothing in web storage', () => {
  it('reads its own source', () => {
    expect(sources.length).toBeGreaterThan(40);
    expect(sources.some(([path]) => path.endsWith('App.svelte'))).toBe(true);
  });

  it.each(['localStorage', 'sessionStorage', 'indexedDB', 'caches.open', 'document.cookie', 'navigator.serviceWorker'])(
    'uses no %s',
    (api) => {
      expect(sources.filter(([, text]) => text.includes(api)).map(([path]) => path)).toEqual([]);
    },
  );
});
