// Bundles jobtop into dist/ with esbuild: a fast-starting production build (measured when the
// bundle came in: unbundled start ~0.65 s, as Ink pulls the whole es-toolkit barrel; bundled ~0.25 s).
// The UI is split into its own chunk and only loaded by the full-screen mode (docs/performance.md,
// start-up).
import { build } from 'esbuild';
import { chmod, rename, rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

/** The esbuild options of the production bundle, written to `outdir` (test builds reuse them). */
export function cliBuildOptions(outdir) {
  return {
    entryPoints: ['source/cli.ts'],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // why: the views import no React; JSX compiles to the automatic runtime (as tsconfig.json's react-jsx).
    jsx: 'automatic',
    minify: false,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    chunkNames: 'chunks/[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    // why: bundled CommonJS dependencies call require() for Node built-ins.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __jobtopCreateRequire } from 'node:module';\nconst require = __jobtopCreateRequire(import.meta.url);",
    },
    // why: Ink imports react-devtools-core only in development; it is not installed.
    // why (undici): its index.js loads fetch, WebSocket, cookies, cache and mocks eagerly; the
    // bundle takes only the request API and the dispatchers adapters/http.ts uses (start-up).
    // why (ansi-tokenize, widest-line): Ink tokenises, serialises and measures every line of every frame with them; see the files.
    alias: {
      'react-devtools-core': './scripts/devtools-stub.mjs',
      undici: './scripts/undici-slim.cjs',
      '@alcalzone/ansi-tokenize': './scripts/ansi-tokenize-fast.mjs',
      'widest-line': './scripts/widest-line-fast.mjs',
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // why: build next to dist/ and swap, so a test running meanwhile never sees a half-written dist/.
  const staging = `dist.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await build(cliBuildOptions(staging));
  await chmod(`${staging}/cli.js`, 0o755);
  const old = `dist.old-${process.pid}`;
  await rename('dist', old).catch(() => undefined);
  await rename(staging, 'dist');
  await rm(old, { recursive: true, force: true });
}
