/**
 * Prints the plain `N passed, N failed` line CI reads at the end of `npm test`, preceded by one
 * `FAILED file > test: first line of the error` line per failure, so a CI log that keeps only its
 * tail still names what failed. A module that fails to load counts as one failure, so a broken
 * file cannot hide.
 */
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/** The first line of an error's message, or its name when it has none; at most 300 characters. */
export function firstErrorLine(error: { message?: string; name?: string } | undefined): string {
  const text =
    (error?.message ?? error?.name ?? 'no error message').split('\n').find((line) => line.trim() !== '') ?? '';
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** Vitest reporter that ends the run with its failures, then `N passed, N failed[, N skipped]`. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    const lines: string[] = [];
    for (const error of unhandledErrors) lines.push(`FAILED unhandled error: ${firstErrorLine(error as Error)}`);
    for (const module of testModules) {
      const file = path.relative(process.cwd(), module.moduleId);
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) {
        failed += 1;
        lines.push(`FAILED ${file}: ${firstErrorLine(module.errors()[0])}`);
      }
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed += 1;
        else if (result.state === 'failed') {
          failed += 1;
          lines.push(`FAILED ${file} > ${test.fullName}: ${firstErrorLine(result.errors?.[0])}`);
        } else skipped += 1;
      }
    }
    const failures = lines.length > 0 ? `\n${lines.join('\n')}\n` : '';
    process.stdout.write(`${failures}\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
