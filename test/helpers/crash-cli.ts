/**
 * Builds a test-only jobtop bundle whose monitor App is test/helpers/crash-app.tsx (it fails on
 * demand, JOBTOP_TEST_CRASH), with the production build's options otherwise: the crash paths are
 * tested end to end without a test hook in the shipped code.
 */
import { build, type Plugin } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// @ts-expect-error -- scripts/build.mjs is plain JavaScript without type declarations.
import { cliBuildOptions } from '../../scripts/build.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

/** Swaps run-tui's `./ui/app.js` import for the crash App. */
const crashApp: Plugin = {
  name: 'crash-app',
  setup(builder) {
    builder.onResolve({ filter: /^\.\/ui\/app\.js$/ }, (args) =>
      args.importer.endsWith(join('source', 'run-tui.tsx'))
        ? { path: join(ROOT, 'test/helpers/crash-app.tsx') }
        : undefined,
    );
  },
};

/** Builds the crash-capable CLI into a temporary directory; its cli.js path. */
export async function buildCrashCli(): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'jobtop-crash-cli-'));
  const options = (cliBuildOptions as (outdir: string) => Parameters<typeof build>[0])(outdir);
  await build({ ...options, absWorkingDir: ROOT, plugins: [...(options.plugins ?? []), crashApp] });
  return join(outdir, 'cli.js');
}
