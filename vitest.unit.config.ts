// `npm run test:unit`: the fast pure layer alone, for the edit-test loop: the domain (model, sort,
// filter, query, triage, format, sanitize), the UI's reducer, selectors, keymap and view props, the
// store's pure poll state, backoff, merge and action policy, and the diff writer's examples. No
// server, child process, pseudo-terminal or Ink render. The heavy suites (`*.property.test.ts`, the
// `--json` escaping property, the 12,000-level Result tree) and everything else run in the full
// suite (`npx vitest run`, `npm test`). docs/development.md gives the measured time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/domain/**/*.test.ts',
      'test/ui/*.test.ts',
      'test/store/{backoff,poll-result,merge,action-policy}.test.ts',
      'test/terminal/diff-writer.test.ts',
      'test/commands/watch-tracker.test.ts',
    ],
    // why: the Result tree 12,000 levels deep costs seconds by construction (each path id is longer
    // than its parent's); it stays in the full suite.
    exclude: ['**/node_modules/**', '**/*.property.test.ts', 'test/ui/json-tree-depth.test.ts'],
    // why: pure modules keep no state a test could leak to the next file, so the files share one
    // module graph (imported once, not once per file) in worker threads, which start faster than forks.
    pool: 'threads',
    isolate: false,
    // why: the full suite's budget (vitest.config.ts), for a loaded machine; never used as an assertion.
    testTimeout: 30_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
