// Bundles jobtop into dist/ with esbuild: a fast-starting production build (measured when the
// bundle came in: unbundled start ~0.65 s, as Ink pulls the whole es-toolkit barrel; bundled ~0.25 s).
// The UI is split into its own chunk and only loaded by the full-screen mode (docs/performance.md,
// start-up).
import { build } from 'esbuild';
import { chmod, copyFile, rename, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

// why: string-width's first answer builds a \p{RGI_Emoji} regex (70-130 ms of the first frame); the
// bundle measures one-code-point clusters without it (see the file). Only the importers of the
// package's 8.x (Ink, widest-line, cli-truncate, source/domain/text-width.ts) are redirected:
// wrap-ansi keeps its own 7.x copy, as unbundled. A plugin rather than an alias, which would
// redirect every importer.
const fastStringWidth = {
  name: 'string-width-fast',
  setup(build) {
    const path = fileURLToPath(new URL('./string-width-fast.mjs', import.meta.url));
    build.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer.includes('/node_modules/wrap-ansi/') ? undefined : { path },
    );
  },
};

// why: Ink's Output.get() builds and serialises a cell object for every cell of the screen on every
// frame; the bundle's copy fills rows only up to their last written cell (see the file). Ink imports
// it relatively, so a plugin (not an alias) puts it in place.
const fastInkOutput = {
  name: 'ink-output-fast',
  setup(build) {
    const path = fileURLToPath(new URL('./ink-output-fast.mjs', import.meta.url));
    build.onResolve({ filter: /^\.\/output\.js$/ }, (args) =>
      args.importer.includes('/node_modules/ink/build/') ? { path } : undefined,
    );
  },
};

/** The esbuild options of the production bundle, written to `outdir` (test builds reuse them). */
export function cliBuildOptions(outdir) {
  return {
    // why: dist/cli.js is source/main.ts, which starts --demo's fleet before loading the CLI.
    entryPoints: [{ in: 'source/main.ts', out: 'cli' }],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // why: the views import no React; JSX compiles to the automatic runtime (as tsconfig.json's react-jsx).
    jsx: 'automatic',
    // why: V8 scans every byte of a module when compiling it; without whitespace and with simpler
    // syntax the chunks are a quarter smaller and the first frame came ~40-55 ms of main-thread CPU
    // sooner (docs/performance.md "Session 3: start-up"). Names are kept (profiles, stack traces);
    // the linked source maps give the files and lines (bench/profile-startup.mjs reads them).
    minifyWhitespace: true,
    minifySyntax: true,
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
    plugins: [fastStringWidth, fastInkOutput],
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
  // why: the `jobtop` command is a launcher that sets glibc's malloc tunables before node starts
  // (see the file); it runs the cli.js beside it.
  await copyFile('source/launcher.sh', `${staging}/jobtop`);
  await chmod(`${staging}/jobtop`, 0o755);
  const old = `dist.old-${process.pid}`;
  await rename('dist', old).catch(() => undefined);
  await rename(staging, 'dist');
  await rm(old, { recursive: true, force: true });
}
