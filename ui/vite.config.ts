import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { licences } from './build/licences.ts';

// Tauri serves ui/dist at the root of its own origin; the window is WebKitGTK (Linux),
// WKWebView (macOS) or WebView2 (Windows). The CSP forbids inline scripts and styles, so all CSS
// is extracted into files and nothing is injected at run time.
export default defineConfig({
  // licences(): dist/licences/{npm,rust}.json for »Om Tovholder« (build/licences.ts).
  plugins: [svelte(), licences()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari16',
    cssTarget: 'safari16',
    sourcemap: false,
    // Keep every asset a file: a data: URL would be blocked by the CSP.
    assetsInlineLimit: 0,
  },
  test: {
    include: ['src/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    // Let contrast.test.ts read app.css (?raw) instead of getting an empty module.
    css: { include: [/app\.css/] },
  },
});
